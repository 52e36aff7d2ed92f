#pragma once

#include "Answer.h"
#include "Message.h"
#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace agentdesk {

class WorkflowRunner;

// One run of a workflow, owned by the RunTable and by one user; it lives
// apart from any socket, so a client can vanish (and later come back)
// without the run noticing more than "detached".
//
// It frames the runner's messages (workflow_started first, workflow_completed
// always last, an error before it when the runner failed or was cancelled),
// stamps them with the workflow_uuid, records them and emits them.
class Run : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Initiated, // issued by initiate, waiting for its socket
        Running,
        Finished, // workflow_completed was sent
    };
    Q_ENUM(State)

    Run(QString hexUuid, QString ownerId, QString workflowName, QString workflowDescription,
        QJsonObject params, std::unique_ptr<WorkflowRunner> runner, QObject *parent = nullptr);
    ~Run() override;

    const QString &uuid() const { return m_uuid; } // hex
    const QString &ownerId() const { return m_ownerId; }
    const QString &workflowName() const { return m_workflowName; }
    const QJsonObject &params() const { return m_params; }
    State state() const { return m_state; }
    bool isAttached() const { return m_attached; }

    // The asking message whose answer the runner waits for, if any.
    const std::optional<Message> &pendingQuestion() const { return m_pendingQuestion; }
    // Everything sent so far, in order (for a client that reattaches later).
    const QList<Message> &messages() const { return m_messages; }

    // Starts the runner; the first message (workflow_started) is emitted at once.
    void start();
    // Hands the client's answer to the runner. Fails, leaving the run as it
    // was, when nothing was asked or the answer names another question. An
    // answer naming a question already answered is ignored without error: a
    // client that reattached cannot know whether its last answer arrived
    // before the drop, so it may send it again.
    Status submitAnswer(const Answer &answer);
    // Stops the runner; a run not finished yet ends with an error and
    // workflow_completed (recorded, and emitted to an attached socket).
    void cancel(const QString &reason);

    // The RunTable tracks whether a socket is attached (grace period).
    void setAttached(bool attached);
    // A new socket of the owner takes the run from the attached one (whose
    // TCP connection may be dead without anyone having noticed yet).
    void replaceAttachment();

Q_SIGNALS:
    void messageAdded(const agentdesk::Message &message);
    void finished();
    void attachedChanged(bool attached);
    // The attached socket lost the run to a new one: it must let go.
    void attachmentReplaced();

private:
    void add(Message message);
    void complete(const QJsonValue &result);
    void onRunnerMessage(const Message &message);
    void onRunnerFinished(const QJsonValue &result);
    void onRunnerFailed(const QString &shortText, const std::optional<QString> &longText);

    QString m_uuid;
    QString m_ownerId;
    QString m_workflowName;
    QString m_workflowDescription;
    QJsonObject m_params;
    std::unique_ptr<WorkflowRunner> m_runner;
    State m_state = State::Initiated;
    bool m_attached = false;
    std::optional<Message> m_pendingQuestion;
    QSet<QString> m_answered; // uuids of questions whose answer the runner took
    QList<Message> m_messages;
};

} // namespace agentdesk
