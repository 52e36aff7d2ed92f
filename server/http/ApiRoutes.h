#pragma once

#include "HttpConnection.h"
#include "HttpResponse.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QHttpServerRequest;

namespace agentdesk {

class Authenticator;
class RunTable;
class WorkflowRegistry;
struct AuthRefusal;
struct User;

// The HTTP routes of PROTOCOL.md: a small table of method + path ->
// handler. Protected routes all pass the same check chain
// (Authenticator::authenticate) before their handler runs; a known path
// with another method is 405, anything else 404, as FastAPI answers.
class ApiRoutes : public QObject
{
    Q_OBJECT
public:
    struct Route
    {
        QByteArray method;
        QString path;
        bool authenticated = false;
        // `user` is null on public routes.
        std::function<void(const QHttpServerRequest &, const User *, const Responder &)> handler;
    };

    // `maxParamsBytes`: the most initiate takes in `params`, as compact JSON.
    ApiRoutes(Authenticator &authenticator, WorkflowRegistry &workflows, RunTable &runs,
              qint64 maxParamsBytes, QObject *parent = nullptr);

    void dispatch(const QHttpServerRequest &request, const QByteArray &method, const QString &path,
                  const Responder &responder) const;

    const QList<Route> &routes() const { return m_routes; }
    static HttpResponse refusal(const AuthRefusal &refusal);

    // application/x-www-form-urlencoded, as Starlette decodes it: '+' is a
    // space, invalid UTF-8 becomes U+FFFD, the last of repeated keys wins.
    static QList<QPair<QString, QString>> parseForm(const QByteArray &body);
    static bool isJsonContentType(const QByteArray &contentType);

private:
    void token(const QHttpServerRequest &request, const Responder &responder);
    void root(const Responder &responder) const;
    void discovery(const Responder &responder) const;
    void initiate(const QHttpServerRequest &request, const User &user, const Responder &responder) const;
    void openApi(const Responder &responder) const;

    Authenticator &m_authenticator;
    WorkflowRegistry &m_workflows;
    RunTable &m_runs;
    qint64 m_maxParamsBytes;
    QList<Route> m_routes;
    QByteArray m_openApi; // built once
};

} // namespace agentdesk
