#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

namespace agentdesk {

class ConversationRecorder;
class RunConnection;
class RunTab;

// One run's client-side state, owned by the DesktopController: its
// WebSocket, its tab, its history file. Sessions never share any of these,
// so several runs go on at once.
class RunSession : public QObject
{
    Q_OBJECT
public:
    RunSession(const QString &tag, const QString &workflow, QObject *parent = nullptr);
    ~RunSession() override;

    QString tag() const { return m_tag; }
    QString workflow() const { return m_workflow; }
    RunConnection *connection() const { return m_connection; }

    // The server and account the run belongs to.
    QUrl server;
    QString username;
    QPointer<RunTab> tab;
    // The short text of the workflow's error message, if it sent one.
    QString workflowError;
    QPointer<ConversationRecorder> recorder;

private:
    QString m_tag;
    QString m_workflow;
    RunConnection *m_connection;
};

} // namespace agentdesk
