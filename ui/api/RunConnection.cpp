#include "RunConnection.h"

#include "Answer.h"
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
}

RunConnection::~RunConnection()
{
    stop();
}

void RunConnection::start(const QUrl &webSocketUrl, const QString &token, const InitiatePayload &payload)
{
    stop();
    m_payload = payload;
    m_completed = false;
    m_state = State::Connecting;

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(kMaxIncomingMessageBytes);
    connect(m_socket, &QWebSocket::connected, this, &RunConnection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &RunConnection::onDisconnected);
    // Qt 6.4 names the signal error(); errorOccurred() came in 6.5.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &RunConnection::onError);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RunConnection::onTextMessage);

    QNetworkRequest request(webSocketUrl);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
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
    if (error == QAbstractSocket::ConnectionRefusedError)
        return finishWith(State::Failed,
                          tr("Could not connect to the server: it refused the connection. Is it running?"));
    if (error == QAbstractSocket::HostNotFoundError)
        return finishWith(State::Failed, tr("Could not connect to the server: host not found."));
    finishWith(State::Failed, tr("Could not open the run's connection: %1").arg(detail));
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
    finishWith(State::Failed, text);
}

void RunConnection::onHandshakeTimeout()
{
    if (m_state == State::Connecting)
        finishWith(State::Failed, tr("The server did not open the run's connection in time."));
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
