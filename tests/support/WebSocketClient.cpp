#include "WebSocketClient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTest>

namespace agentdesk::test {

using namespace Qt::StringLiterals;

namespace {

template <typename Condition>
bool waitUntil(Condition condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(5);
    }
    return true;
}

} // namespace

WebSocketClient::WebSocketClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
        m_messages.append(object);
        Q_EMIT messageArrived(object);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_disconnected = true;
        m_closeCode = m_socket.closeCode();
        m_closeReason = m_socket.closeReason();
    });
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { m_errorString = m_socket.errorString(); });
}

WebSocketClient::~WebSocketClient()
{
    // A normal close (1000) rather than ~QWebSocket's "going away", whose
    // path leaks a string in Qt 6.4 (LeakSanitizer reports it).
    if (isConnected())
        m_socket.close();
}

bool WebSocketClient::open(const QUrl &url, const QString &token, int timeoutMs)
{
    return openWithAuthorization(url, token.isEmpty() ? QByteArray() : "Bearer " + token.toUtf8(),
                                 timeoutMs);
}

bool WebSocketClient::openWithAuthorization(const QUrl &url, const QByteArray &authorization,
                                            int timeoutMs)
{
    QNetworkRequest request(url);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    m_disconnected = false;
    m_errorString.clear();
    m_socket.open(request);
    waitUntil([this] { return isConnected() || m_disconnected || !m_errorString.isEmpty(); },
              timeoutMs);
    return isConnected();
}

void WebSocketClient::sendText(const QString &text)
{
    m_socket.sendTextMessage(text);
}

void WebSocketClient::sendJson(const QJsonObject &object)
{
    sendText(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void WebSocketClient::sendBinary(const QByteArray &data)
{
    m_socket.sendBinaryMessage(data);
}

void WebSocketClient::close()
{
    m_socket.close();
}

bool WebSocketClient::waitForMessages(qsizetype count, int timeoutMs)
{
    return waitUntil([&] { return m_messages.size() >= count; }, timeoutMs);
}

std::optional<QJsonObject> WebSocketClient::waitForType(const QString &type, int timeoutMs)
{
    std::optional<QJsonObject> found;
    waitUntil(
            [&] {
                while (m_consumed < m_messages.size()) {
                    const QJsonObject &message = m_messages.at(m_consumed++);
                    if (message.value(u"type").toString() == type) {
                        found = message;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
    return found;
}

bool WebSocketClient::waitForDisconnected(int timeoutMs)
{
    return waitUntil([this] { return m_disconnected; }, timeoutMs);
}

QStringList WebSocketClient::types() const
{
    QStringList list;
    for (const QJsonObject &message : m_messages)
        list.append(message.value(u"type").toString());
    return list;
}

QList<QJsonObject> WebSocketClient::ofType(const QString &type) const
{
    QList<QJsonObject> list;
    for (const QJsonObject &message : m_messages) {
        if (message.value(u"type").toString() == type)
            list.append(message);
    }
    return list;
}

} // namespace agentdesk::test
