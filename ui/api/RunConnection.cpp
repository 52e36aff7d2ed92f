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
// ("…Unhandled http status code: 401 (Unauthorized)."); the code is in it.
int handshakeStatus(const QString &errorString)
{
    static const QRegularExpression pattern(uR"(status code:?\s*(\d{3}))"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(errorString);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
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
    open();
}

void RunConnection::open()
{
    const QUrl webSocketUrl = m_url;
    const InitiatePayload &payload = m_payload;
    ++m_attempt;
    m_state = State::Connecting;

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
    if (m_state != State::Running || !m_socket)
        return false;
    const Answer answer{text, questionUuid.isEmpty() ? std::nullopt : std::optional(questionUuid)};
    m_socket->sendTextMessage(answer.toInputResponseJson());
    qCDebug(lcClientNetwork) << "answer sent to question" << questionUuid; // never the text
    return true;
}

void RunConnection::stop()
{
    m_handshakeTimer.stop();
    if (m_retryTimer.isActive()) {
        m_retryTimer.stop();
        m_state = State::Idle;
    }
    if (!m_socket)
        return;
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    if (socket->state() != QAbstractSocket::UnconnectedState)
        socket->close(QWebSocketProtocol::CloseCodeNormal, u"client closed the run"_s);
    socket->deleteLater();
    if (m_state == State::Connecting || m_state == State::Running)
        m_state = State::Idle;
}

void RunConnection::onConnected()
{
    m_handshakeTimer.stop();
    m_state = State::Running;
    m_socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(m_payload.toJson()).toJson(QJsonDocument::Compact)));
    emit connected();
}

void RunConnection::onTextMessage(const QString &text)
{
    if (m_state != State::Running)
        return;
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
    const bool completed = parsed->type == MessageType::WorkflowCompleted;
    emit messageArrived(*parsed);
    if (completed && m_state == State::Running) {
        m_completed = true;
        finishWith(State::Finished);
    }
}

void RunConnection::onError(QAbstractSocket::SocketError error)
{
    if (!m_socket || (m_state != State::Connecting && m_state != State::Running))
        return;
    if (m_state == State::Connecting)
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
    if (status == 401)
        return finishWith(State::Failed,
                          tr("The server refused the run: your session is no longer valid."), true);
    if (status == 400)
        return finishWith(State::Failed,
                          tr("The server refused the run (HTTP 400: the account may be disabled)."));
    if (status != 0)
        return finishWith(State::Failed, tr("The server refused the run (HTTP %1).").arg(status));
    QString reason;
    if (error == QAbstractSocket::ConnectionRefusedError)
        reason = tr("Could not connect to the server: it refused the connection. Is it running?");
    else if (error == QAbstractSocket::HostNotFoundError)
        reason = tr("Could not connect to the server: host not found.");
    else
        reason = tr("Could not open the run's connection: %1").arg(detail);
    if (!retryLater(reason))
        finishWith(State::Failed, reason);
}

bool RunConnection::retryLater(const QString &reason)
{
    if (m_attempt >= m_attempts)
        return false;
    // Close this socket, keep the run: the server holds an initiated run
    // for its grace period, so a later socket may still take it.
    m_handshakeTimer.stop();
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
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
    if (m_state == State::Connecting)
        return failToConnect(m_socket->error());
    if (m_state != State::Running)
        return;
    const auto code = m_socket->closeCode();
    const QString reason = m_socket->closeReason();
    if (!reason.isEmpty() && code != QWebSocketProtocol::CloseCodeNormal)
        return finishWith(State::Failed, tr("The server ended the run: %1 (code %2).")
                                                 .arg(reason)
                                                 .arg(static_cast<int>(code)));
    QString text = tr("The connection to the server was lost before the workflow finished.");
    if (!m_pendingError.isEmpty())
        text += u' ' + tr("(%1)").arg(std::exchange(m_pendingError, {}));
    // Not retried: the server refuses a second socket for a started run.
    text += u' '
            + tr("A started run cannot be resumed on this server (it keeps the run for a grace period, "
                 "then cancels it): start the workflow again.");
    finishWith(State::Failed, text);
}

void RunConnection::onHandshakeTimeout()
{
    if (m_state != State::Connecting)
        return;
    const QString reason = tr("The server did not open the run's connection in time.");
    if (!retryLater(reason))
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
