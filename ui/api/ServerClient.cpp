#include "ServerClient.h"

#include "CertificateTrust.h"
#include "ClientLogging.h"
#include "InitiateRequest.h"
#include "Message.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUuid>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

constexpr auto kOperationProperty = "agentdeskOperation";
constexpr auto kAbandonedProperty = "agentdeskAbandoned";
constexpr auto kTagProperty = "agentdeskTag";
constexpr auto kSslErrorsProperty = "agentdeskSslErrors";
constexpr auto kSslChainProperty = "agentdeskSslChain";

QString operationText(ServerClient::Operation operation)
{
    switch (operation) {
    case ServerClient::Operation::Login:
        return ServerClient::tr("Signing in");
    case ServerClient::Operation::Discovery:
        return ServerClient::tr("Listing the workflows");
    case ServerClient::Operation::Initiate:
        return ServerClient::tr("Starting the workflow");
    }
    return {};
}

// application/x-www-form-urlencoded, every byte outside the unreserved set
// percent-encoded: QUrlQuery would leave '+' and '&' ambiguous.
QByteArray formEncode(const QList<std::pair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QString locText(const QJsonArray &loc)
{
    QStringList parts;
    for (const QJsonValue &part : loc) {
        if (part.isString() && part.toString() != u"body")
            parts.append(part.toString());
        else if (part.isDouble())
            parts.append(QString::number(part.toInt()));
    }
    return parts.join(u'.');
}

} // namespace

QString fastApiDetail(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {};
    const QJsonValue detail = document.object().value(u"detail");
    if (detail.isString())
        return detail.toString();
    if (detail.isArray()) {
        QStringList lines;
        const QJsonArray items = detail.toArray();
        for (const QJsonValue &item : items) {
            const QJsonObject error = item.toObject();
            const QString where = locText(error.value(u"loc").toArray());
            const QString msg = error.value(u"msg").toString();
            lines.append(where.isEmpty() ? msg : where + u": "_s + msg);
        }
        return lines.join(u"; "_s);
    }
    if (!detail.isUndefined() && !detail.isNull())
        return QString::fromUtf8(QJsonDocument(QJsonArray{detail}).toJson(QJsonDocument::Compact));
    return {};
}

ServerClient::ServerClient(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // TLS errors are accepted for a certificate the user chose to trust,
    // and for nothing else; otherwise the request fails and
    // certificateRejected() carries everything needed to decide.
    connect(m_network, &QNetworkAccessManager::sslErrors, this,
            [](QNetworkReply *reply, const QList<QSslError> &errors) {
                const QUrl url = reply->url();
                const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
                if (CertificateTrust::isTrusted(url.host(), url.port(443), certificate)) {
                    reply->ignoreSslErrors(errors);
                    return;
                }
                reply->setProperty(kSslErrorsProperty, QVariant::fromValue(errors));
                reply->setProperty(kSslChainProperty,
                                   QVariant::fromValue(reply->sslConfiguration().peerCertificateChain()));
            });
}

ServerClient::~ServerClient()
{
    abortAll();
}

std::optional<QUrl> ServerClient::normalizeServerUrl(const QString &text, QString *error)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        if (error)
            *error = tr("Enter the server's address.");
        return std::nullopt;
    }
    if (!trimmed.contains(u"://"_s))
        trimmed.prepend(u"http://"_s);
    QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
        if (error)
            *error = tr("“%1” is not a server address (expected http://host:port or https://host).")
                             .arg(text.trimmed());
        return std::nullopt;
    }
    url.setScheme(scheme);
    url.setQuery(QString());
    url.setFragment(QString());
    url.setUserInfo(QString());
    if (!url.path().endsWith(u'/'))
        url.setPath(url.path() + u'/');
    return url;
}

QString ServerClient::displayString(const QUrl &url)
{
    QUrl shown = url;
    if (shown.path() == u"/")
        shown.setPath(QString());
    return shown.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

void ServerClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = normalizeServerUrl(url.toString()).value_or(url);
}

QUrl ServerClient::webSocketUrl() const
{
    QUrl url = m_baseUrl.resolved(QUrl(u"fastagency/ws"_s));
    url.setScheme(m_baseUrl.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    return url;
}

void ServerClient::setToken(const QString &token)
{
    m_token = token;
}

void ServerClient::clearToken()
{
    m_token.clear();
}

QNetworkRequest ServerClient::request(const QString &path, bool authenticated) const
{
    QNetworkRequest request(m_baseUrl.resolved(QUrl(path)));
    request.setTransferTimeout(static_cast<int>(m_timeout.count()));
    // A redirect to another origin must not carry the bearer token along.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (authenticated && !m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

void ServerClient::login(const QString &username, const QString &password)
{
    QNetworkRequest r = request(u"token"_s, false);
    r.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    const QByteArray body = formEncode(
            {{u"grant_type"_s, u"password"_s}, {u"username"_s, username}, {u"password"_s, password}});
    qCInfo(lcClientNetwork) << "POST" << r.url().toDisplayString(QUrl::RemoveUserInfo);
    track(m_network->post(r, body), Operation::Login);
}

void ServerClient::fetchWorkflows()
{
    const QNetworkRequest r = request(u"fastagency/discovery"_s, true);
    qCInfo(lcClientNetwork) << "GET" << r.url().toDisplayString(QUrl::RemoveUserInfo);
    track(m_network->get(r), Operation::Discovery);
}

void ServerClient::initiateWorkflow(const QString &name, const QJsonObject &params,
                                    const QString &tag)
{
    QNetworkRequest r = request(u"fastagency/initiate_workflow"_s, true);
    r.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    InitiateRequest body;
    body.workflowName = name;
    body.workflowUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    body.params = params;
    qCInfo(lcClientNetwork) << "POST" << r.url().toDisplayString(QUrl::RemoveUserInfo);
    QNetworkReply *reply =
            m_network->post(r, QJsonDocument(body.toJson()).toJson(QJsonDocument::Compact));
    reply->setProperty(kTagProperty, tag);
    track(reply, Operation::Initiate);
}

void ServerClient::abortAll()
{
    const auto pending = std::exchange(m_pending, {});
    for (const QPointer<QNetworkReply> &reply : pending) {
        if (!reply)
            continue;
        reply->setProperty(kAbandonedProperty, true);
        reply->abort();
    }
}

int ServerClient::pendingRequests() const
{
    int count = 0;
    for (const QPointer<QNetworkReply> &reply : m_pending)
        count += reply ? 1 : 0;
    return count;
}

void ServerClient::track(QNetworkReply *reply, Operation operation)
{
    reply->setProperty(kOperationProperty, static_cast<int>(operation));
    m_pending.append(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { handleReply(reply); });
}

void ServerClient::handleReply(QNetworkReply *reply)
{
    reply->deleteLater();
    m_pending.removeAll(reply);
    m_pending.removeAll(nullptr);
    if (reply->property(kAbandonedProperty).toBool())
        return;

    const auto operation = static_cast<Operation>(reply->property(kOperationProperty).toInt());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const QString tag = reply->property(kTagProperty).toString();
    qCInfo(lcClientNetwork) << "answer" << status << "to" << operation
                            << reply->url().toDisplayString(QUrl::RemoveUserInfo);

    if (status == 0) {
        const auto errors = reply->property(kSslErrorsProperty).value<QList<QSslError>>();
        if (!errors.isEmpty())
            emit certificateRejected(reply->url(), errors,
                                     reply->property(kSslChainProperty).value<QList<QSslCertificate>>());
        fail(operation, describeNetworkError(reply), tag);
        return;
    }
    if (status >= 200 && status < 300) {
        handleSuccess(operation, body, tag);
        return;
    }

    QString detail = fastApiDetail(body);
    if (status == 401 && operation != Operation::Login) {
        emit authenticationExpired(detail.isEmpty() ? tr("Your session is no longer valid.") : detail);
        return;
    }
    if (detail.isEmpty()) {
        const QString reason =
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        detail = tr("the server answered HTTP %1 %2").arg(status).arg(reason).trimmed();
    }
    fail(operation, detail, tag);
}

void ServerClient::handleSuccess(Operation operation, const QByteArray &body, const QString &tag)
{
    const auto unreadable = [&](const QString &what) {
        fail(operation, tr("the server's answer is not what a FastAgency server sends (%1).").arg(what),
             tag);
    };
    switch (operation) {
    case Operation::Login: {
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        const QString token = object.value(u"access_token").toString();
        const QString type = object.value(u"token_type").toString();
        if (token.isEmpty() || type.compare(u"bearer", Qt::CaseInsensitive) != 0)
            return unreadable(tr("no bearer access_token"));
        emit loggedIn(token);
        return;
    }
    case Operation::Discovery: {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (!document.isArray())
            return unreadable(tr("the workflow list is not a JSON array"));
        QList<WorkflowInfo> workflows;
        const QJsonArray items = document.array();
        for (const QJsonValue &item : items) {
            const QJsonObject object = item.toObject();
            const QString name = object.value(u"name").toString();
            if (name.isEmpty())
                continue;
            workflows.append({name, object.value(u"description").toString()});
        }
        emit workflowsReceived(workflows);
        return;
    }
    case Operation::Initiate: {
        Result<InitiatePayload> payload = InitiatePayload::fromJson(body);
        if (!payload)
            return unreadable(payload.error());
        emit workflowInitiated(*payload);
        emit initiatedFor(tag, *payload);
        return;
    }
    }
}

void ServerClient::fail(Operation operation, const QString &error, const QString &tag)
{
    const QString text = operationText(operation) + tr(" failed: ") + error;
    qCWarning(lcClientNetwork).noquote() << text;
    if (operation == Operation::Login) {
        emit loginFailed(text);
    } else {
        emit requestFailed(operation, text);
        if (operation == Operation::Initiate)
            emit initiateFailedFor(tag, text);
    }
}

QString ServerClient::describeNetworkError(QNetworkReply *reply) const
{
    const QString server = displayString(m_baseUrl);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("the server at %1 refused the connection. Is it running?").arg(server);
    case QNetworkReply::HostNotFoundError:
        return tr("the server %1 was not found. Check the address.").arg(server);
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return tr("the server at %1 did not answer within %2 seconds.")
                .arg(server)
                .arg(std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count());
    case QNetworkReply::RemoteHostClosedError:
        return tr("the server at %1 closed the connection unexpectedly.").arg(server);
    case QNetworkReply::SslHandshakeFailedError: {
        const auto errors = reply->property(kSslErrorsProperty).value<QList<QSslError>>();
        QStringList reasons;
        for (const QSslError &error : errors)
            reasons.append(error.errorString());
        return reasons.isEmpty()
                ? tr("the secure connection to %1 failed: %2").arg(server, reply->errorString())
                : tr("the certificate of %1 is not trusted: %2").arg(server, reasons.join(u"; "_s));
    }
    default:
        return tr("could not talk to %1: %2").arg(server, reply->errorString());
    }
}

} // namespace agentdesk
