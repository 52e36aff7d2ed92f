#pragma once

#include "User.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketProtocol>

#include <memory>

namespace agentdesk {

class Run;
class RunTable;
struct Message;

// One accepted /fastagency/ws connection of an authenticated user: reads the
// initiate payload, attaches to that user's run, streams the run's messages
// out and the answers in, and closes normally after workflow_completed.
// Refusals are an `error` message and then a close code: 1003 for data we do
// not take (bad payload JSON, binary frames), 1008 for policy (unknown uuid,
// another user's run, a workflow name that does not match).
//
// The owner may present a started run's payload again (ours): the socket
// reattaches, replays every message the run recorded and streams the rest; a
// socket still attached to that run is closed with 1008 "replaced by a new
// connection". A run that finished meanwhile is replayed and closed (1000).
//
// How the client leaves decides the run's fate: a close frame with 1000
// (normal closure) while the run is going means "I am done", so the run is
// cancelled and freed at once; any other close code, or a connection that
// drops without a close frame, leaves the run to the grace period.
class RunSocket : public QObject
{
    Q_OBJECT
public:
    RunSocket(std::unique_ptr<QWebSocket> socket, User user, RunTable &runs,
              qint64 maxMessageBytes, int payloadTimeoutMs, QObject *parent = nullptr);
    ~RunSocket() override;

    // Server shutdown.
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);

Q_SIGNALS:
    void closed();

private:
    enum class State { AwaitingPayload, Attached, Closing };

    void onText(const QString &frame);
    void onBinary(const QByteArray &frame);
    void onAboutToClose();
    void onDisconnected();
    void attach(const QString &frame);
    void reattach(Run *run);
    void onReplaced();
    void refuse(QWebSocketProtocol::CloseCode code, const QString &why, const QString &workflowUuid = {});
    void sendError(const QString &why, const QString &workflowUuid);
    void send(const Message &message);
    void onRunFinished();

    std::unique_ptr<QWebSocket> m_socket;
    User m_user;
    RunTable &m_runs;
    QPointer<Run> m_run;
    State m_state = State::AwaitingPayload;
    bool m_closing = false; // a close handshake began (ours or the client's)
    QTimer m_payloadTimer;
    QString m_peer;
};

} // namespace agentdesk
