#include "ApiRoutes.h"

#include "Authenticator.h"
#include "InitiatePayload.h"
#include "InitiateRequest.h"
#include "Logging.h"
#include "OpenApi.h"
#include "RunTable.h"
#include "WorkflowRegistry.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

QJsonObject missingField(const QString &field)
{
    return QJsonObject{{u"type"_s, u"missing"_s},
                       {u"loc"_s, QJsonArray{u"body"_s, field}},
                       {u"msg"_s, u"Field required"_s},
                       {u"input"_s, QJsonValue::Null}};
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

} // namespace

ApiRoutes::ApiRoutes(Authenticator &authenticator, WorkflowRegistry &workflows, RunTable &runs,
                     qint64 maxParamsBytes, QObject *parent)
    : QObject(parent),
      m_authenticator(authenticator),
      m_workflows(workflows),
      m_runs(runs),
      m_maxParamsBytes(maxParamsBytes)
{
    m_routes = {
        {"POST", u"/token"_s, false,
         [this](const QHttpServerRequest &request, const User *, const Responder &responder) {
             token(request, responder);
         }},
        {"GET", u"/"_s, false,
         [this](const QHttpServerRequest &, const User *, const Responder &responder) {
             root(responder);
         }},
        {"GET", u"/fastagency/discovery"_s, true,
         [this](const QHttpServerRequest &, const User *, const Responder &responder) {
             discovery(responder);
         }},
        {"POST", u"/fastagency/initiate_workflow"_s, true,
         [this](const QHttpServerRequest &request, const User *user, const Responder &responder) {
             initiate(request, *user, responder);
         }},
        {"GET", u"/openapi.json"_s, false,
         [this](const QHttpServerRequest &, const User *, const Responder &responder) {
             openApi(responder);
         }},
    };
    m_openApi = QJsonDocument(OpenApi::document()).toJson(QJsonDocument::Compact);
}

HttpResponse ApiRoutes::refusal(const AuthRefusal &refusal)
{
    return HttpResponse::detail(refusal.status, refusal.detail, refusal.wwwAuthenticate);
}

void ApiRoutes::dispatch(const QHttpServerRequest &request, const QByteArray &method,
                         const QString &path, const Responder &responder) const
{
    QByteArrayList allowed;
    for (const Route &route : m_routes) {
        if (route.path != path)
            continue;
        if (route.method != method) {
            allowed.append(route.method);
            continue;
        }
        if (!route.authenticated) {
            route.handler(request, nullptr, responder);
            return;
        }
        const auto checked = m_authenticator.authenticate(request.value("authorization"));
        if (const auto *refused = std::get_if<AuthRefusal>(&checked)) {
            responder.send(refusal(*refused));
            return;
        }
        route.handler(request, &std::get<User>(checked), responder);
        return;
    }
    if (!allowed.isEmpty()) {
        responder.send(HttpResponse::detail(405, u"Method Not Allowed"_s)
                               .withHeader("Allow", allowed.join(", ")));
        return;
    }
    responder.send(HttpResponse::detail(404, u"Not Found"_s));
}

QList<QPair<QString, QString>> ApiRoutes::parseForm(const QByteArray &body)
{
    QList<QPair<QString, QString>> fields;
    const QList<QByteArray> pairs = body.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray key = equals < 0 ? pair : pair.left(equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        fields.append({QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
                       QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return fields;
}

bool ApiRoutes::isJsonContentType(const QByteArray &contentType)
{
    const QByteArray type = mediaType(contentType);
    return type == "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

void ApiRoutes::token(const QHttpServerRequest &request, const Responder &responder)
{
    // FastAPI's OAuth2PasswordRequestForm: any other content type reads as an
    // empty form, so its fields are "missing" (422), not 415.
    QString username;
    QString password;
    std::optional<QString> grantType;
    if (mediaType(request.value("content-type")) == "application/x-www-form-urlencoded") {
        for (const auto &[key, value] : parseForm(request.body())) {
            if (key == u"username")
                username = value;
            else if (key == u"password")
                password = value;
            else if (key == u"grant_type")
                grantType = value;
        }
    }
    QJsonArray errors;
    if (grantType && !grantType->isEmpty() && *grantType != u"password") {
        errors.append(QJsonObject{{u"type"_s, u"string_pattern_mismatch"_s},
                                  {u"loc"_s, QJsonArray{u"body"_s, u"grant_type"_s}},
                                  {u"msg"_s, u"String should match pattern '^password$'"_s},
                                  {u"input"_s, grantType->left(100)},
                                  {u"ctx"_s, QJsonObject{{u"pattern"_s, u"^password$"_s}}}});
    }
    // FastAPI reads an empty form value as absent.
    if (username.isEmpty())
        errors.append(missingField(u"username"_s));
    if (password.isEmpty())
        errors.append(missingField(u"password"_s));
    if (!errors.isEmpty()) {
        responder.send(HttpResponse::validationError(errors));
        return;
    }
    m_authenticator.login(username, password, this,
                          [responder](std::variant<QString, AuthRefusal> result) {
                              if (const auto *refused = std::get_if<AuthRefusal>(&result)) {
                                  responder.send(refusal(*refused));
                                  return;
                              }
                              responder.send(HttpResponse::json(
                                                     200, QJsonObject{{u"access_token"_s,
                                                                       std::get<QString>(result)},
                                                                      {u"token_type"_s, u"bearer"_s}})
                                                     .withHeader("Cache-Control", "no-store"));
                          });
}

void ApiRoutes::root(const Responder &responder) const
{
    QJsonObject workflows;
    for (const Workflow &workflow : m_workflows.all())
        workflows.insert(workflow.name, workflow.description);
    responder.send(HttpResponse::json(200, QJsonObject{{u"Workflows"_s, workflows}}));
}

void ApiRoutes::discovery(const Responder &responder) const
{
    QJsonArray list;
    for (const Workflow &workflow : m_workflows.all())
        list.append(QJsonObject{{u"name"_s, workflow.name}, {u"description"_s, workflow.description}});
    responder.send(HttpResponse::json(200, list));
}

void ApiRoutes::initiate(const QHttpServerRequest &request, const User &user,
                         const Responder &responder) const
{
    // FastAPI decodes the body as JSON only for a JSON content type (or
    // none); otherwise the raw bytes fail model validation.
    const QByteArray contentType = request.value("content-type");
    if (!contentType.isEmpty() && !isJsonContentType(contentType)) {
        responder.send(HttpResponse::validationError(QJsonArray{QJsonObject{
                {u"type"_s, u"model_attributes_type"_s},
                {u"loc"_s, QJsonArray{u"body"_s}},
                {u"msg"_s, u"Input should be a valid dictionary or object to extract fields from"_s},
                {u"input"_s, QJsonValue::Null}}}));
        return;
    }
    auto parsed = InitiateRequest::fromBody(request.body());
    if (const auto *errors = std::get_if<QJsonArray>(&parsed)) {
        responder.send(HttpResponse::validationError(*errors));
        return;
    }
    const InitiateRequest &initiate = std::get<InitiateRequest>(parsed);
    // A run keeps its params until it is freed, and they go out again in
    // workflow_started: a bound of their own, well under the body limit.
    const qsizetype paramsBytes = QJsonDocument(initiate.params).toJson(QJsonDocument::Compact).size();
    if (paramsBytes > m_maxParamsBytes) {
        responder.send(HttpResponse::detail(
                413, u"params too large: %1 bytes of JSON, the most this server takes is %2"_s
                             .arg(paramsBytes)
                             .arg(m_maxParamsBytes)));
        return;
    }
    const Workflow *workflow = m_workflows.find(initiate.workflowName);
    if (!workflow) {
        responder.send(HttpResponse::detail(
                404, u"Workflow \"%1\" not found"_s.arg(initiate.workflowName.left(200))));
        return;
    }
    if (const Status admitted = m_runs.admit(user.id); !admitted) {
        responder.send(HttpResponse::detail(429, admitted.error()));
        return;
    }
    Run *run = m_runs.create(user.id, *workflow, initiate.params);
    InitiatePayload payload;
    payload.userId = user.id;
    // Messages use the hex form; initiate answers the dashed one, as upstream.
    payload.workflowUuid = QString(run->uuid()).insert(20, u'-').insert(16, u'-').insert(12, u'-').insert(8, u'-');
    payload.name = workflow->name;
    payload.params = initiate.params;
    qCInfo(lcRuns).noquote() << "run" << run->uuid() << "of" << workflow->name << "initiated";
    responder.send(HttpResponse::json(200, payload.toJson()));
}

void ApiRoutes::openApi(const Responder &responder) const
{
    HttpResponse response;
    response.body = m_openApi;
    responder.send(response);
}

} // namespace agentdesk
