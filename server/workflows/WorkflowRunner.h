#pragma once

#include "Answer.h"
#include "Message.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include <optional>

namespace agentdesk {

// Who a run is for; handed to the runner factory. Later runners (LLM chat,
// external process) may need it for quotas, logging or working folders.
struct RunContext
{
    QString userId;       // the authenticated owner
    QString workflowUuid; // hex
    QString workflowName;
};

// One execution of a workflow. Event-driven: start() returns at once and the
// runner advances from timers, network replies or process output; while it
// waits for an answer it holds no thread, only its own state.
//
// The contract the Run relies on:
// - emit messageReady() for each message (the Run fills workflow_uuid, records
//   and forwards it). After an asking message (text_input, multiple_choice)
//   the runner waits: the next answer() is the reply to that message.
// - end with exactly one finished(result) or failed(short, long); the Run
//   itself sends workflow_started before and workflow_completed after.
// - after cancel() emit nothing more.
// Runners never see sockets, users' tokens or HTTP.
class WorkflowRunner : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~WorkflowRunner() override = default;

    virtual void start(const QJsonObject &params) = 0;
    virtual void answer(const Answer &answer) = 0;
    virtual void cancel() = 0;

Q_SIGNALS:
    void messageReady(const agentdesk::Message &message);
    void finished(const QJsonValue &result);
    void failed(const QString &shortText, const std::optional<QString> &longText);
};

} // namespace agentdesk
