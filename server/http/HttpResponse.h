#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace agentdesk {

// One HTTP answer as we write it ourselves (QHttpServerResponder of Qt 6.4
// keeps raw pointers that a deferred answer could outlive).
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra ones
    bool closeConnection = false;
    bool omitBody = false; // HEAD: Content-Length is sent, the body is not

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse json(int status, const QJsonArray &array);
    // FastAPI's error shape: {"detail": "..."}; `bearerChallenge` adds
    // WWW-Authenticate: Bearer as FastAPI's OAuth2PasswordBearer does.
    static HttpResponse detail(int status, const QString &detail, bool bearerChallenge = false);
    // FastAPI's 422: {"detail": [{"type", "loc", "msg", "input"}, ...]}.
    static HttpResponse validationError(const QJsonArray &errors);

    HttpResponse &withHeader(const QByteArray &name, const QByteArray &value);

    // Status line, headers (Content-Type, Content-Length, Connection and the
    // extra ones) and body, ready for the socket.
    QByteArray serialize() const;

    static QByteArray reasonPhrase(int status);
};

} // namespace agentdesk
