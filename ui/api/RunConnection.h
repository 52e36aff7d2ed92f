#pragma once

#include "Answer.h"
#include "InitiatePayload.h"
#include "Message.h"

#include <QAbstractSocket>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <optional>

class QWebSocket;

namespace agentdesk {

// One run's WebSocket (PROTOCOL.md, "WebSocket /fastagency/ws"): the Bearer
// header on the handshake, the initiate payload as the first frame, then a
// message per frame in and the answers out.
//
// A connection that drops while the run is going is opened again with the
// same payload (the server reattaches its owner and replays the run: ours,
// upstream has no reattach). Replayed messages already delivered are
// skipped by their uuid, so nothing arrives twice; an answer whose arrival
// was not confirmed by a later message is sent again (the server ignores a
// repeated answer).
class RunConnection : public QObject
{
    Q_OBJECT
public:
    // Reconnecting: the run started, its connection dropped, and a new one
    // is awaited or being opened. AwaitingSignIn: a reconnect was refused
    // with 401 (the token expired meanwhile); resume() goes on with a new one.
    enum class State { Idle, Connecting, Reconnecting, AwaitingSignIn, Running, Finished, Failed };
    Q_ENUM(State)

    explicit RunConnection(QObject *parent = nullptr);
    ~RunConnection() override;

    // webSocketUrl: ws(s)://…/fastagency/ws (ServerClient::webSocketUrl()).
    void start(const QUrl &webSocketUrl, const QString &token, const InitiatePayload &payload);
    // Sends upstream's InputResponseModel {"msg", "question_uuid"}; false when
    // no run is open to take it. While reconnecting, an answer naming its
    // question is kept and sent once the run is reattached.
    bool sendAnswer(const QString &text, const QString &questionUuid);
    // Closes the socket; emits nothing more.
    void stop();
    // In AwaitingSignIn: reattaches the run with `token` (of the same user).
    // False in any other state.
    bool resume(const QString &token);

    State state() const { return m_state; }
    QString workflowUuid() const { return m_payload.workflowUuid; }
    void setHandshakeTimeout(std::chrono::milliseconds timeout) { m_handshakeTimeout = timeout; }
    // A connection that cannot be opened (network down, server restarting)
    // is tried again, `attempts` times in all, waiting `firstDelay`, then
    // twice as long each time. Only before the run started; a drop after
    // that follows the reconnect policy.
    void setRetryPolicy(int attempts, std::chrono::milliseconds firstDelay);
    // A run whose connection drops is reattached up to `attempts` times in a
    // row, waiting `firstDelay`, then twice as long each time, at most
    // `maxDelay` (the defaults, 6 from 1 s to 30 s, span about the server's
    // default 60 s grace period). 0 attempts: a drop is final.
    void setReconnectPolicy(int attempts, std::chrono::milliseconds firstDelay,
                            std::chrono::milliseconds maxDelay = std::chrono::seconds(30));

signals:
    void connected();
    // The connection could not be opened; another try follows in `delay`.
    void retrying(int attempt, int attempts, std::chrono::milliseconds delay, const QString &reason);
    // The run's connection dropped; attempt `attempt` of `attempts` to
    // reattach follows in `delay`. `reason` says what went wrong.
    void reconnecting(int attempt, int attempts, std::chrono::milliseconds delay, const QString &reason);
    // A new connection took the run back (the server replays it); the
    // missed messages follow.
    void reconnected();
    // Each message once, in order (a replay after reconnecting included).
    void messageArrived(const agentdesk::Message &message);
    // The run ended with workflow_completed and the socket closed.
    void finished();
    // The handshake was refused with 401: the token is no longer valid.
    // Before the run started this ends it (state Failed); after, the run
    // waits for resume() (state AwaitingSignIn) while the server keeps it.
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
    // After the run started: reattaches later, or fails when out of attempts.
    void reconnectLater(const QString &reason);
    // The server refused to reattach: it no longer holds the run.
    void failRunGone();
    void dropSocket();
    bool isOpening() const { return m_state == State::Connecting || m_state == State::Reconnecting; }
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
    // Set once the payload went out: from then on a drop is reconnected.
    bool m_started = false;
    int m_reconnectAttempt = 0; // in a row; a message from the server resets it
    int m_reconnectAttempts = 6;
    std::chrono::milliseconds m_reconnectFirstDelay{1000};
    std::chrono::milliseconds m_reconnectMaxDelay{30'000};
    QSet<QString> m_delivered; // uuids of the messages emitted
    bool m_reattaching = false; // reconnected, the server's first word awaited
    // The last answer, until a new message shows the server took it.
    std::optional<Answer> m_unconfirmedAnswer;
};

} // namespace agentdesk
