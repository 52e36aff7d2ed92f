#pragma once

#include "Result.h"
#include "User.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

namespace agentdesk {

// Whom a valid token stands for. A JWT names the username (upstream's `sub`)
// and our `uid` claim; an opaque token knows the user id only. Empty fields
// are unknown; the Authenticator checks every field that is set.
struct TokenSubject
{
    QString username;
    QString userId;
};

// Issues access tokens and checks them. A token over MaxTokenBytes is refused
// before any parsing.
class TokenService
{
public:
    using Clock = std::function<QDateTime()>; // current time, UTC; injectable for tests
    static constexpr qsizetype MaxTokenBytes = 8 * 1024;

    virtual ~TokenService() = default;

    virtual Result<QString> issue(const User &user) = 0;
    // The subject of a valid, unexpired token; nothing for anything else.
    virtual std::optional<TokenSubject> validate(const QString &token) const = 0;
    // Makes a token invalid before it expires, where the mode allows it.
    virtual Status revoke(const QString &token) = 0;

    static QDateTime systemNow() { return QDateTime::currentDateTimeUtc(); }
};

} // namespace agentdesk
