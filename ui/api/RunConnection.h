#pragma once

#include "InitiatePayload.h"
#include "Message.h"

#include <QAbstractSocket>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QWebSocket;

namespace agentdesk {

// One run's WebSocket (PROTOCOL.md, "WebSocket /fastagency/ws"): the Bearer
// header on the handshake, the initiate payload as the first frame, then a
// message per frame in and the answers out.
class RunConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Running, Finished, Failed };
    Q_ENUM(State)

    explicit RunConnection(QObject *parent = nullptr);
    ~RunConnection() override;

    // webSocketUrl: ws(s)://…/fastagency/ws (ServerClient::webSocketUrl()).
    void start(const QUrl &webSocketUrl, const QString &token, const InitiatePayload &payload);
    // Sends upstream's InputResponseModel {"msg", "question_uuid"}; false when
    // no run is open to take it.
    bool sendAnswer(const QString &text, const QString &questionUuid);
    // Closes the socket; emits nothing more.
    void stop();

    State state() const { return m_state; }
    QString workflowUuid() const { return m_payload.workflowUuid; }
    void setHandshakeTimeout(std::chrono::milliseconds timeout) { m_handshakeTimeout = timeout; }
    // A connection that cannot be opened (network down, server restarting)
    // is tried again, `attempts` times in all, waiting `firstDelay`, then
    // twice as long each time. Only before the run started: once a run has
    // started, the server refuses a second socket for it (RunSocket: "This
    // run has already been started"), so a drop then is reported, not retried.
    void setRetryPolicy(int attempts, std::chrono::milliseconds firstDelay);

signals:
    void connected();
    // The connection could not be opened; another try follows in `delay`.
    void retrying(int attempt, int attempts, std::chrono::milliseconds delay, const QString &reason);
    void messageArrived(const agentdesk::Message &message);
    // The run ended with workflow_completed and the socket closed.
    void finished();
    // The handshake was refused with 401: the token is no longer valid.
    void authenticationRefused(const QString &error);
    // Anything else that ended the run early, as a sentence for the user.
    void failed(const QString &error);

private:
    void onConnected();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void failToConnect(QAbstractSocket::SocketError error);
    void onTextMessage(const QString &text);
    void onHandshakeTimeout();
    void finishWith(State state, const QString &error = {}, bool authentication = false);
    // Retries if the policy allows; false when the failure is final.
    bool retryLater(const QString &reason);
    void open();

    QWebSocket *m_socket = nullptr;
    InitiatePayload m_payload;
    State m_state = State::Idle;
    bool m_completed = false;
    QString m_pendingError;
    QString m_sslProblem;
    QTimer m_handshakeTimer;
    QTimer m_retryTimer;
    std::chrono::milliseconds m_handshakeTimeout{30'000};
    QUrl m_url;
    QString m_token;
    int m_attempt = 0;
    int m_attempts = 3;
    std::chrono::milliseconds m_firstDelay{1000};
};

} // namespace agentdesk
