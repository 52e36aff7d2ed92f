#pragma once

#include "InitiatePayload.h"
#include "WorkflowInfo.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace agentdesk {

// The HTTP side of the protocol (PROTOCOL.md, "HTTP routes"): token,
// discovery, initiate. Every request is built in request() and every reply
// handled in handleReply(); widgets only see the signals.
class ServerClient : public QObject
{
    Q_OBJECT
public:
    enum class Operation { Login, Discovery, Initiate };
    Q_ENUM(Operation)

    explicit ServerClient(QObject *parent = nullptr);
    ~ServerClient() override;

    // A server URL as the user typed it ("localhost:8008", "https://h/x"),
    // made absolute with a trailing slash; an error text when unusable.
    static std::optional<QUrl> normalizeServerUrl(const QString &text, QString *error = nullptr);

    // A server URL for people: no user info, no lone trailing slash.
    static QString displayString(const QUrl &url);

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // ws(s)://host/…/fastagency/ws of the current base URL.
    QUrl webSocketUrl() const;

    void setToken(const QString &token);
    void clearToken();
    bool hasToken() const { return !m_token.isEmpty(); }
    QString token() const { return m_token; }

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // POST /token. Answers with loggedIn or loginFailed.
    void login(const QString &username, const QString &password);
    // GET /fastagency/discovery. Answers with workflowsReceived or requestFailed.
    void fetchWorkflows();
    // POST /fastagency/initiate_workflow. Answers with workflowInitiated or requestFailed.
    // `tag` comes back with the answer (initiatedFor / initiateFailedFor), so
    // several runs may start at once and each answer finds its own.
    void initiateWorkflow(const QString &name, const QJsonObject &params = {},
                          const QString &tag = {});

    // Drops every request in flight; none of them emits anything afterwards.
    void abortAll();
    int pendingRequests() const;

signals:
    void loggedIn(const QString &token);
    void loginFailed(const QString &error);
    void workflowsReceived(const QList<agentdesk::WorkflowInfo> &workflows);
    void workflowInitiated(const agentdesk::InitiatePayload &payload);
    void initiatedFor(const QString &tag, const agentdesk::InitiatePayload &payload);
    void initiateFailedFor(const QString &tag, const QString &error);
    void requestFailed(agentdesk::ServerClient::Operation operation, const QString &error);
    // A protected route answered 401: the token expired or was revoked.
    void authenticationExpired(const QString &detail);
    // TLS refused the server's certificate (and the user has not trusted
    // it): the request failed; CertificateTrust::trust() and a retry would pass.
    void certificateRejected(const QUrl &url, const QList<QSslError> &errors,
                             const QList<QSslCertificate> &chain);

private:
    QNetworkRequest request(const QString &path, bool authenticated) const;
    void track(QNetworkReply *reply, Operation operation);
    void handleReply(QNetworkReply *reply);
    void handleSuccess(Operation operation, const QByteArray &body, const QString &tag);
    void fail(Operation operation, const QString &error, const QString &tag = {});
    QString describeNetworkError(QNetworkReply *reply) const;

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    std::chrono::milliseconds m_timeout{30'000};
    QList<QPointer<QNetworkReply>> m_pending;
};

// The readable text of a FastAPI error body ({"detail": str or [{loc, msg}]}),
// empty when the body carries none.
QString fastApiDetail(const QByteArray &body);

} // namespace agentdesk
