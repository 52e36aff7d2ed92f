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

signals:
    void connected();
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

    QWebSocket *m_socket = nullptr;
    InitiatePayload m_payload;
    State m_state = State::Idle;
    bool m_completed = false;
    QString m_pendingError;
    QTimer m_handshakeTimer;
    std::chrono::milliseconds m_handshakeTimeout{30'000};
};

} // namespace agentdesk
