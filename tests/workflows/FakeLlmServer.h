#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

// A stand-in for an OpenAI-compatible Chat Completions service: real HTTP/1.1
// on a loopback port, the real JSON of that API, scripted per test, recording
// every request it got.
class FakeLlmServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
        QByteArray body;
        QJsonObject json;

        QByteArray header(const QByteArray &name) const;
        QJsonArray messages() const;
    };

    struct Reply
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int delayMs = 0;
        bool hang = false; // never answer
    };

    // A successful completion whose choices[0].message.content is `content`.
    static Reply completion(const QString &content, const QString &model = QStringLiteral("gpt-4o-mini"));
    // An error in OpenAI's shape: {"error": {"message", "type", "code"}}.
    static Reply error(int status, const QString &message, QList<QPair<QByteArray, QByteArray>> headers = {});
    static Reply raw(int status, const QByteArray &body);

    explicit FakeLlmServer(QObject *parent = nullptr);
    ~FakeLlmServer() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QUrl baseUrl() const; // http://127.0.0.1:<port>/v1

    // Scripted replies are used in order; once they run out, the handler
    // answers (by default a completion "reply <n>", n counting requests from 1).
    void enqueue(const Reply &reply) { m_script.append(reply); }
    void setHandler(std::function<Reply(const Request &, int index)> handler) { m_handler = std::move(handler); }

    const QList<Request> &requests() const { return m_requests; }
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }
    int connectionsSeen() const { return m_connections; }

Q_SIGNALS:
    void requestReceived(int index);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Reply &reply);

    QTcpServer m_server;
    QList<Reply> m_script;
    std::function<Reply(const Request &, int)> m_handler;
    QList<Request> m_requests;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    int m_connections = 0;
};
