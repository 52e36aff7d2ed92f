#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QWebSocket>

#include <optional>

namespace agentdesk::test {

// A QWebSocket client for /fastagency/ws that records what arrives: every
// text frame parsed as JSON, the close code, handshake errors.
//
//     WebSocketClient ws;
//     QVERIFY(ws.open(server.webSocketUrl(), token));
//     ws.sendJson(initiated);
//     QVERIFY(ws.waitForType(u"text_input"_s));
class WebSocketClient : public QObject
{
    Q_OBJECT
public:
    explicit WebSocketClient(QObject *parent = nullptr);
    ~WebSocketClient() override;

    // Opens with "Authorization: Bearer <token>" (none when empty); true once
    // connected, false on a refused handshake or timeout (see errorString()).
    bool open(const QUrl &url, const QString &token, int timeoutMs = 10'000);
    // Same, with the raw Authorization value (or none when empty).
    bool openWithAuthorization(const QUrl &url, const QByteArray &authorization,
                               int timeoutMs = 10'000);

    void sendText(const QString &text);
    void sendJson(const QJsonObject &object);
    void sendBinary(const QByteArray &data);
    void close();

    // Bounded waits, true when the condition holds.
    bool waitForMessages(qsizetype count, int timeoutMs = 10'000);
    // Waits for the next message (after the `from` first ones) of that type.
    std::optional<QJsonObject> waitForType(const QString &type, int timeoutMs = 10'000);
    bool waitForDisconnected(int timeoutMs = 10'000);

    const QList<QJsonObject> &messages() const { return m_messages; }
    QStringList types() const;
    QList<QJsonObject> ofType(const QString &type) const;
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool wasDisconnected() const { return m_disconnected; }
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    QString errorString() const { return m_errorString; }
    QWebSocket &socket() { return m_socket; }

Q_SIGNALS:
    void messageArrived(const QJsonObject &message);

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    qsizetype m_consumed = 0; // by waitForType
    bool m_disconnected = false;
    int m_closeCode = -1;
    QString m_closeReason;
    QString m_errorString;
};

} // namespace agentdesk::test
