#pragma once

#include "User.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <variant>

namespace agentdesk {

class UserStore;
class TokenService;
class PasswordHasher;

// How a route refuses a request, exactly as FastAPI writes it (PROTOCOL.md):
// status, the `detail` text, and whether `WWW-Authenticate: Bearer` goes along.
struct AuthRefusal
{
    int status = 401;
    QString detail;
    bool wwwAuthenticate = true;
};

// FastAPI's OAuth2PasswordBearer + get_current_user + get_current_active_user
// as one check chain, and the /token password grant.
class Authenticator : public QObject
{
    Q_OBJECT
public:
    Authenticator(UserStore &users, TokenService &tokens, PasswordHasher &hasher,
                  QObject *parent = nullptr);

    // The active user an `Authorization` header value stands for, or the
    // refusal. Cheap enough for the event loop (HMAC or a hash lookup and one
    // indexed query): no password hashing happens here.
    std::variant<User, AuthRefusal> authenticate(const QByteArray &authorizationHeader) const;

    // The password grant. Verification runs on a worker thread; `done` is
    // called on `context`'s thread with the access token or the refusal
    // (401 "Incorrect username or password"), and never if `context` is gone.
    using LoginDone = std::function<void(std::variant<QString, AuthRefusal>)>;
    void login(const QString &username, const QString &password, QObject *context, LoginDone done);

private:
    // Back on the caller's thread after the password check: the token, or the refusal.
    std::variant<QString, AuthRefusal> finishLogin(const QString &userId, bool matched,
                                                   const QString &upgradedHash);

    UserStore &m_users;
    TokenService &m_tokens;
    PasswordHasher &m_hasher;
};

} // namespace agentdesk
