#include "TestServer.h"

#include "PasswordHasher.h"
#include "ShowcaseWorkflow.h"
#include "UserStore.h"
#include "WorkflowRegistry.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <chrono>

namespace agentdesk::test {

using namespace Qt::StringLiterals;

QByteArray HttpResult::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &[key, value] : headers) {
        if (key == lower)
            return value;
    }
    return {};
}

QJsonDocument HttpResult::json() const
{
    return QJsonDocument::fromJson(body);
}

QString HttpResult::detail() const
{
    return object().value(u"detail").toString();
}

TestServer::TestServer(const Tweak &tweak)
{
    ServerConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = 0;
    config.dataDir = m_dir.path();
    config.jwtSecret = QByteArray("test-secret-test-secret-test-secret-0123456789");
    if (tweak)
        tweak(config);
    m_server = std::make_unique<Server>(config);
    m_server->workflows().add(ShowcaseWorkflow::definition(std::chrono::milliseconds(0)));
}

TestServer::~TestServer() = default;

bool TestServer::start()
{
    if (!m_dir.isValid()) {
        m_startError = u"no temporary folder"_s;
        return false;
    }
    const Status started = m_server->start();
    m_startError = started ? QString() : started.error();
    return started.ok();
}

QUrl TestServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server->port());
    const qsizetype question = path.indexOf(u'?');
    url.setPath(path.isEmpty() ? u"/"_s : path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return url;
}

QUrl TestServer::webSocketUrl() const
{
    QUrl url = this->url(u"/fastagency/ws"_s);
    url.setScheme(u"ws"_s);
    return url;
}

std::optional<User> TestServer::addUser(const QString &username, const QString &password,
                                        bool disabled)
{
    const Result<QString> hash = m_server->hasher().hash(password);
    if (!hash)
        return std::nullopt;
    Result<User> user = m_server->users().add(username, *hash, username + u" Example"_s,
                                              username + u"@example.com"_s, disabled);
    if (!user)
        return std::nullopt;
    return *user;
}

bool TestServer::setDisabled(const QString &username, bool disabled)
{
    return m_server->users().setDisabled(username, disabled).ok();
}

HttpResult TestServer::request(const QByteArray &method, const QString &path, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QNetworkRequest request(url(path));
    request.setTransferTimeout(timeoutMs);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    // HEAD through head(): a custom "HEAD" would wait for a body that never comes.
    QNetworkReply *reply = method == "HEAD" ? m_network.head(request)
                                            : m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();

    HttpResult result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = u"timed out"_s;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.append({name.toLower(), value});
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

HttpResult TestServer::get(const QString &path, const QString &token, int timeoutMs)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!token.isEmpty())
        headers.append({"Authorization", "Bearer " + token.toUtf8()});
    return request("GET", path, {}, headers, timeoutMs);
}

HttpResult TestServer::post(const QString &path, const QByteArray &body,
                            const QByteArray &contentType, const QString &token, int timeoutMs)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    if (!token.isEmpty())
        headers.append({"Authorization", "Bearer " + token.toUtf8()});
    return request("POST", path, body, headers, timeoutMs);
}

HttpResult TestServer::tokenRequest(const QString &username, const QString &password)
{
    const QByteArray form = "grant_type=password&username=" + QUrl::toPercentEncoding(username)
            + "&password=" + QUrl::toPercentEncoding(password);
    return post(u"/token"_s, form,
                "application/x-www-form-urlencoded");
}

QString TestServer::login(const QString &username, const QString &password)
{
    const HttpResult result = tokenRequest(username, password);
    if (result.status != 200)
        return {};
    return result.object().value(u"access_token").toString();
}

QJsonObject TestServer::initiate(const QString &token, const QString &workflowName,
                                 const QJsonObject &params)
{
    const QJsonObject body{{u"workflow_name"_s, workflowName},
                           {u"workflow_uuid"_s, u"00000000-0000-0000-0000-000000000000"_s},
                           {u"user_id"_s, QJsonValue::Null},
                           {u"params"_s, params}};
    const HttpResult result = post(u"/fastagency/initiate_workflow"_s,
                                   QJsonDocument(body).toJson(QJsonDocument::Compact),
                                   "application/json", token);
    return result.status == 200 ? result.object() : QJsonObject();
}

} // namespace agentdesk::test
