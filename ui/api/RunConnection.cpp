#include "RunConnection.h"

#include "Answer.h"
#include "CertificateTrust.h"
#include "ClientLogging.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QWebSocket>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

// A hostile or broken server must not make the client buffer without bound.
constexpr quint64 kMaxIncomingMessageBytes = 16 * 1024 * 1024;

// Qt 6.4's QWebSocket reports a refused handshake only as text
// ("…Unhandled http status code: 401 (Unauthorized)."); the code is in it,
// except for 400, which Qt takes for a version negotiation and reports as
// "…processHandshake: Unknown error condition encountered…".
int handshakeStatus(const QString &errorString)
{
    if (errorString.contains(u"processHandshake: Unknown error condition"_s))
        return 400;
    static const QRegularExpression pattern(uR"(status code:?\s*(\d{3}))"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(errorString);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

// Close codes by which the server (or Qt, for what we sent) refuses the run
// or the data: trying again would be refused again.
bool isRefusal(QWebSocketProtocol::CloseCode code)
{
    switch (code) {
    case QWebSocketProtocol::CloseCodeProtocolError:
    case QWebSocketProtocol::CloseCodeDatatypeNotSupported:
    case QWebSocketProtocol::CloseCodeWrongDatatype:
    case QWebSocketProtocol::CloseCodePolicyViolated:
    case QWebSocketProtocol::CloseCodeTooMuchData:
    case QWebSocketProtocol::CloseCodeMissingExtension:
        return true;
    default:
        return false;
    }
}

} // namespace

RunConnection::RunConnection(QObject *parent) : QObject(parent)
{
    m_handshakeTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &RunConnection::onHandshakeTimeout);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &RunConnection::open);
}

void RunConnection::setRetryPolicy(int attempts, std::chrono::milliseconds firstDelay)
{
    m_attempts = qMax(1, attempts);
    m_firstDelay = firstDelay;
}

void RunConnection::setReconnectPolicy(int attempts, std::chrono::milliseconds firstDelay,
                                       std::chrono::milliseconds maxDelay)
{
    m_reconnectAttempts = qMax(0, attempts);
    m_reconnectFirstDelay = firstDelay;
    m_reconnectMaxDelay = qMax(firstDelay, maxDelay);
}

RunConnection::~RunConnection()
{
    stop();
}

void RunConnection::start(const QUrl &webSocketUrl, const QString &token, const InitiatePayload &payload)
{
    stop();
    m_payload = payload;
    m_url = webSocketUrl;
    m_token = token;
    m_attempt = 0;
    m_completed = false;
    m_started = false;
    m_reconnectAttempt = 0;
    m_delivered.clear();
    m_unconfirmedAnswer.reset();
    open();
}

void RunConnection::open()
{
    m_reattaching = false;
    const QUrl webSocketUrl = m_url;
    const InitiatePayload &payload = m_payload;
    ++m_attempt;
    m_state = m_started ? State::Reconnecting : State::Connecting;

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(kMaxIncomingMessageBytes);
    connect(m_socket, &QWebSocket::connected, this, &RunConnection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &RunConnection::onDisconnected);
    // Qt 6.4 names the signal error(); errorOccurred() came in 6.5.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &RunConnection::onError);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RunConnection::onTextMessage);
    // wss: the same rule as ServerClient, only a certificate the user trusted.
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        const QSslCertificate certificate = m_socket->sslConfiguration().peerCertificate();
        if (CertificateTrust::isTrusted(m_url.host(), m_url.port(443), certificate)) {
            m_socket->ignoreSslErrors(errors);
            return;
        }
        QStringList reasons;
        for (const QSslError &error : errors)
            reasons.append(error.errorString());
        m_sslProblem = reasons.join(u"; "_s);
    });

    QNetworkRequest request(webSocketUrl);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    qCInfo(lcClientNetwork) << "opening run" << payload.workflowUuid << "at"
                            << webSocketUrl.toDisplayString(QUrl::RemoveUserInfo);
    m_handshakeTimer.start(m_handshakeTimeout);
    m_socket->open(request);
}

bool RunConnection::sendAnswer(const QString &text, const QString &questionUuid)
{
    const Answer answer{text, questionUuid.isEmpty() ? std::nullopt : std::optional(questionUuid)};
    if ((m_state == State::Reconnecting || m_state == State::AwaitingSignIn) && answer.questionUuid) {
        m_unconfirmedAnswer = answer;
        qCDebug(lcClientNetwork) << "answer to question" << questionUuid << "kept until reconnected";
        return true;
    }
    if (m_state != State::Running || !m_socket)
        return false;
    m_socket->sendTextMessage(answer.toInputResponseJson());
    // Only an answer naming its question can be sent again safely.
    m_unconfirmedAnswer = answer.questionUuid ? std::optional(answer) : std::nullopt;
    qCDebug(lcClientNetwork) << "answer sent to question" << questionUuid; // never the text
    return true;
}

void RunConnection::stop()
{
    m_handshakeTimer.stop();
    m_retryTimer.stop();
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        if (socket->state() != QAbstractSocket::UnconnectedState)
            socket->close(QWebSocketProtocol::CloseCodeNormal, u"client closed the run"_s);
        socket->deleteLater();
    }
    if (isOpening() || m_state == State::Running || m_state == State::AwaitingSignIn)
        m_state = State::Idle;
}

bool RunConnection::resume(const QString &token)
{
    if (m_state != State::AwaitingSignIn)
        return false;
    qCInfo(lcClientNetwork) << "run" << m_payload.workflowUuid << "resumes with a new token";
    m_token = token;
    m_reconnectAttempt = 0;
    open();
    return true;
}

void RunConnection::onConnected()
{
    m_handshakeTimer.stop();
    m_state = State::Running;
    m_socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(m_payload.toJson()).toJson(QJsonDocument::Compact)));
    if (!std::exchange(m_started, true)) {
        emit connected();
        return;
    }
    // Right after the payload: the server takes it once the run is
    // reattached, or ignores it when the answer had arrived before the drop.
    if (m_unconfirmedAnswer) {
        m_socket->sendTextMessage(m_unconfirmedAnswer->toInputResponseJson());
        qCInfo(lcClientNetwork) << "answer to question" << m_unconfirmedAnswer->questionUuid.value_or(QString())
                                << "sent again after reconnecting";
    }
    // Reconnected once the server replays the run; it may refuse instead
    // (restarted, or the grace period ran out): see onTextMessage.
    m_reattaching = true;
}

void RunConnection::onTextMessage(const QString &text)
{
    if (m_state != State::Running)
        return;
    m_reconnectAttempt = 0; // the server answers on this connection
    Result<Message> parsed = Message::fromJsonBytes(text.toUtf8());
    if (!parsed) {
        qCWarning(lcClientNetwork) << "unreadable message in run" << m_payload.workflowUuid << ":"
                                   << parsed.error();
        // Shown, not fatal: the run may still go on.
        Message notice = Message::error(u"Agentdesk"_s, u"User"_s,
                                        tr("The server sent a message this client cannot read."),
                                        parsed.error());
        notice.workflowUuid = m_payload.workflowUuid;
        emit messageArrived(notice);
        return;
    }
    if (std::exchange(m_reattaching, false)) {
        if (parsed->type == MessageType::Error) {
            // The server refuses the reattach (its close, 1008, would follow).
            qCInfo(lcClientNetwork).noquote() << "run" << m_payload.workflowUuid << "not reattached:"
                                              << parsed->content.value(u"short").toString();
            return failRunGone();
        }
        qCInfo(lcClientNetwork) << "run" << m_payload.workflowUuid << "reconnected";
        emit reconnected();
    }
    if (!parsed->uuid.isEmpty()) {
        // A replay after reconnecting repeats what was delivered already.
        if (m_delivered.contains(parsed->uuid))
            return;
        m_delivered.insert(parsed->uuid);
    }
    // Anything new after an answer means the server took it.
    m_unconfirmedAnswer.reset();
    const bool completed = parsed->type == MessageType::WorkflowCompleted;
    emit messageArrived(*parsed);
    if (completed && m_state == State::Running) {
        m_completed = true;
        finishWith(State::Finished);
    }
}

void RunConnection::onError(QAbstractSocket::SocketError error)
{
    if (!m_socket || (!isOpening() && m_state != State::Running))
        return;
    if (isOpening())
        return failToConnect(error);
    // Running: the disconnected() that follows says how the run ended.
    m_pendingError = m_socket->errorString();
}

// Qt reports a failed open through error() or disconnected(), in either
// order; both come here.
void RunConnection::failToConnect(QAbstractSocket::SocketError error)
{
    if (!m_sslProblem.isEmpty())
        return finishWith(State::Failed, tr("The server's certificate is not trusted: %1")
                                                 .arg(std::exchange(m_sslProblem, {})));
    const QString detail = m_socket->errorString();
    const int status = handshakeStatus(detail);
    if (status == 401 && m_started) {
        // The token expired while the connection was down: the server still
        // holds the run for its grace period, so wait for a new token.
        dropSocket();
        m_state = State::AwaitingSignIn;
        qCInfo(lcClientNetwork) << "run" << m_payload.workflowUuid << "waits for a new sign-in to reconnect";
        emit authenticationRefused(tr("The run could not reconnect: your session is no longer valid. "
                                      "Sign in again to continue it."));
        return;
    }
    if (status == 401)
        return finishWith(State::Failed,
                          tr("The server refused the run: your session is no longer valid."), true);
    if (status == 400)
        return finishWith(State::Failed,
                          tr("The server refused the run (HTTP 400: the account may be disabled)."));
    // A proxy in front of a restarting server answers 502, 503 or 504.
    if (status >= 500 && m_started)
        return reconnectLater(tr("The server answered HTTP %1.").arg(status));
    if (status != 0)
        return finishWith(State::Failed, tr("The server refused the run (HTTP %1).").arg(status));
    QString reason;
    if (error == QAbstractSocket::ConnectionRefusedError)
        reason = tr("Could not connect to the server: it refused the connection. Is it running?");
    else if (error == QAbstractSocket::HostNotFoundError)
        reason = tr("Could not connect to the server: host not found.");
    else
        reason = tr("Could not open the run's connection: %1").arg(detail);
    if (m_started)
        reconnectLater(reason);
    else if (!retryLater(reason))
        finishWith(State::Failed, reason);
}

void RunConnection::dropSocket()
{
    m_handshakeTimer.stop();
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void RunConnection::reconnectLater(const QString &reason)
{
    m_pendingError.clear();
    // Aborted, not closed: a close frame (1000) would cancel the run.
    dropSocket();
    if (m_reconnectAttempt >= m_reconnectAttempts) {
        const QString tries = m_reconnectAttempts == 1
                ? tr("after one attempt")
                : tr("after %1 attempts").arg(m_reconnectAttempts);
        finishWith(State::Failed,
                   m_reconnectAttempts == 0
                           ? reason
                           : tr("The connection to the server was lost and could not be restored %1 "
                                "(%2). The run may be gone from the server: start the workflow again.")
                                     .arg(tries, reason));
        return;
    }
    ++m_reconnectAttempt;
    auto delay = m_reconnectFirstDelay;
    for (int i = 1; i < m_reconnectAttempt && delay < m_reconnectMaxDelay; ++i)
        delay *= 2;
    delay = qMin(delay, m_reconnectMaxDelay);
    m_state = State::Reconnecting;
    qCInfo(lcClientNetwork).noquote() << "run" << m_payload.workflowUuid << "connection lost (" << reason
                                      << "); reconnect attempt" << m_reconnectAttempt << "of"
                                      << m_reconnectAttempts << "in" << delay.count() << "ms";
    m_retryTimer.start(delay);
    emit reconnecting(m_reconnectAttempt, m_reconnectAttempts, delay, reason);
}

bool RunConnection::retryLater(const QString &reason)
{
    if (m_attempt >= m_attempts)
        return false;
    // Close this socket, keep the run: the server holds an initiated run
    // for its grace period, so a later socket may still take it.
    dropSocket();
    const auto delay = m_firstDelay * (1 << (m_attempt - 1));
    qCInfo(lcClientNetwork) << "run" << m_payload.workflowUuid << "connection attempt" << m_attempt
                            << "failed; retrying in" << delay.count() << "ms";
    m_retryTimer.start(delay);
    emit retrying(m_attempt + 1, m_attempts, delay, reason);
    return true;
}

void RunConnection::onDisconnected()
{
    if (!m_socket)
        return;
    if (isOpening())
        return failToConnect(m_socket->error());
    if (m_state != State::Running)
        return;
    const auto code = m_socket->closeCode();
    const QString reason = m_socket->closeReason();
    if (m_reattaching && isRefusal(code))
        return failRunGone();
    if (isRefusal(code))
        return finishWith(State::Failed, tr("The server ended the run: %1 (code %2).")
                                                 .arg(reason.isEmpty() ? tr("no reason given") : reason)
                                                 .arg(static_cast<int>(code)));
    QString text = tr("The connection to the server was lost before the workflow finished.");
    if (!reason.isEmpty() && code != QWebSocketProtocol::CloseCodeNormal)
        text = tr("The server closed the connection before the workflow finished: %1 (code %2).")
                       .arg(reason)
                       .arg(static_cast<int>(code));
    else if (!m_pendingError.isEmpty())
        text += u' ' + tr("(%1)").arg(m_pendingError);
    reconnectLater(text);
}

void RunConnection::failRunGone()
{
    finishWith(State::Failed, tr("The server no longer has this run: it may have restarted, or the "
                                 "connection was away longer than it waits. Start the workflow again."));
}

void RunConnection::onHandshakeTimeout()
{
    if (!isOpening())
        return;
    const QString reason = tr("The server did not open the run's connection in time.");
    if (m_started)
        reconnectLater(reason);
    else if (!retryLater(reason))
        finishWith(State::Failed, reason);
}

void RunConnection::finishWith(State state, const QString &error, bool authentication)
{
    stop();
    m_state = state;
    m_pendingError.clear();
    if (state == State::Finished) {
        qCInfo(lcClientNetwork) << "run" << m_payload.workflowUuid << "finished";
        emit finished();
        return;
    }
    qCWarning(lcClientNetwork).noquote() << "run" << m_payload.workflowUuid << "failed:" << error;
    if (authentication)
        emit authenticationRefused(error);
    else
        emit failed(error);
}

} // namespace agentdesk
