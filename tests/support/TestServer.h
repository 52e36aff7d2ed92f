#pragma once

#include "Server.h"
#include "ServerConfig.h"
#include "User.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace agentdesk::test {

// One HTTP answer as a test sees it.
struct HttpResult
{
    int status = 0; // 0: no HTTP answer at all (connection refused, reset, timeout)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // names lowercased
    QString error;                                 // the network error text, if any

    QByteArray header(const QByteArray &name) const; // case-insensitive, first one
    QJsonDocument json() const;
    QJsonObject object() const { return json().object(); }
    // `detail` of a FastAPI error answer, when it is a string.
    QString detail() const;
};

// A real Server on 127.0.0.1, port 0, with its data in a temporary folder,
// plus a QNetworkAccessManager to talk to it. Every wait is bounded
// (`timeoutMs`) so a broken server fails a test instead of hanging it.
//
//     TestServer server;                       // or TestServer server([](ServerConfig &c) { ... });
//     QVERIFY2(server.start(), qPrintable(server.startError()));
//     server.addUser(u"alice"_s, u"secret-password"_s);
//     const QString token = server.login(u"alice"_s, u"secret-password"_s);
class TestServer
{
public:
    using Tweak = std::function<void(ServerConfig &)>;

    // `tweak` adjusts the configuration (limits, timeouts, grace) before start.
    // The built-in showcase is re-registered without step delays.
    explicit TestServer(const Tweak &tweak = {});
    ~TestServer();

    bool start();
    QString startError() const { return m_startError; }

    Server &server() { return *m_server; }
    const ServerConfig &config() const { return m_server->config(); }
    quint16 port() const { return m_server->port(); }
    QUrl url(const QString &path = QString()) const; // http://127.0.0.1:port/path[?query]
    QUrl webSocketUrl() const;                       // ws://127.0.0.1:port/fastagency/ws
    QString dataDir() const { return m_dir.path(); }

    // Adds a user to the store (password hashed as the server would); empty
    // on failure.
    std::optional<User> addUser(const QString &username, const QString &password,
                                bool disabled = false);
    bool setDisabled(const QString &username, bool disabled);

    // HTTP through the manager. `token` adds "Authorization: Bearer <token>";
    // `authorization` sets the raw header instead.
    HttpResult get(const QString &path, const QString &token = QString(), int timeoutMs = 10'000);
    HttpResult post(const QString &path, const QByteArray &body, const QByteArray &contentType,
                    const QString &token = QString(), int timeoutMs = 10'000);
    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &body,
                       const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs = 10'000);

    // POST /token with a form body (values percent-encoded).
    HttpResult tokenRequest(const QString &username, const QString &password);
    // The access token, or empty when the login failed.
    QString login(const QString &username, const QString &password);
    // POST /fastagency/initiate_workflow; the answer's JSON object, or empty.
    QJsonObject initiate(const QString &token, const QString &workflowName,
                         const QJsonObject &params = {});

    QNetworkAccessManager &network() { return m_network; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Server> m_server;
    QNetworkAccessManager m_network;
    QString m_startError;
};

} // namespace agentdesk::test
