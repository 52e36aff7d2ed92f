#include "Authenticator.h"

#include "Logging.h"
#include "PasswordHasher.h"
#include "TokenService.h"
#include "UserStore.h"

#include <QPointer>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

AuthRefusal notAuthenticated()
{
    return {401, u"Not authenticated"_s, true};
}

AuthRefusal couldNotValidate()
{
    return {401, u"Could not validate credentials"_s, true};
}

AuthRefusal inactiveUser()
{
    return {400, u"Inactive user"_s, false};
}

AuthRefusal incorrectLogin()
{
    return {401, u"Incorrect username or password"_s, true};
}

// What the pool hands back from a login: whether the password matched, and
// a yescrypt replacement when the stored hash was an older scheme.
struct Verification
{
    bool matched = false;
    QString upgradedHash;
};

} // namespace

Authenticator::Authenticator(UserStore &users, TokenService &tokens, PasswordHasher &hasher,
                             QObject *parent)
    : QObject(parent), m_users(users), m_tokens(tokens), m_hasher(hasher)
{
}

std::variant<User, AuthRefusal> Authenticator::authenticate(const QByteArray &authorizationHeader) const
{
    // FastAPI's get_authorization_scheme_param: the value (whose surrounding
    // whitespace the HTTP parser drops) is split at its first space; the
    // scheme is compared case-insensitively; OAuth2PasswordBearer answers
    // "Not authenticated" for a missing value or another scheme.
    const QByteArray value = authorizationHeader.trimmed();
    if (value.isEmpty())
        return notAuthenticated();
    const qsizetype space = value.indexOf(' ');
    const QByteArray scheme = space < 0 ? value : value.left(space);
    const QByteArray token = space < 0 ? QByteArray() : value.mid(space + 1);
    if (scheme.compare("bearer", Qt::CaseInsensitive) != 0)
        return notAuthenticated();

    // get_current_user: anything wrong with the token or its user is the same
    // 401, so a caller learns nothing about which part failed.
    if (token.isEmpty() || token.size() > TokenService::MaxTokenBytes)
        return couldNotValidate();
    const auto subject = m_tokens.validate(QString::fromLatin1(token));
    if (!subject)
        return couldNotValidate();
    const Result<User> user = subject->username.isEmpty() ? m_users.findById(subject->userId)
                                                          : m_users.findByUsername(subject->username);
    if (!user)
        return couldNotValidate();
    if (!subject->userId.isEmpty() && user->id != subject->userId)
        return couldNotValidate(); // the name now belongs to someone else

    // get_current_active_user
    if (user->disabled)
        return inactiveUser();
    return *user;
}

void Authenticator::login(const QString &username, const QString &password, QObject *context,
                          LoginDone done)
{
    // The lookup is one indexed query and stays here; only the hashing goes
    // to the pool. An unknown user gets an empty hash, which verify() checks
    // against a dummy hash so both cases take the same time.
    QString userId;
    QString storedHash;
    if (const Result<User> user = m_users.findByUsername(username)) {
        if (const Result<QString> hash = m_users.passwordHash(user->id)) {
            userId = user->id;
            storedHash = *hash;
        }
    }

    PasswordHasher *hasher = &m_hasher;
    QPointer<Authenticator> self(this);
    m_hasher.runAsync(
            context,
            [hasher, password, storedHash]() {
                Verification result;
                result.matched = hasher->verify(password, storedHash);
                // Upstream's bcrypt hashes are replaced on the first good
                // login, when the password meets our policy.
                if (result.matched && PasswordHasher::needsRehash(storedHash)) {
                    if (const Result<QString> upgraded = hasher->hash(password))
                        result.upgradedHash = *upgraded;
                }
                return result;
            },
            [self, userId, done = std::move(done)](const Verification &result) {
                // With the Authenticator gone the server is shutting down and
                // there is nobody left to issue a token: drop it, like a dead context.
                if (!self)
                    return;
                done(self->finishLogin(userId, result.matched, result.upgradedHash));
            });
}

std::variant<QString, AuthRefusal> Authenticator::finishLogin(const QString &userId, bool matched,
                                                              const QString &upgradedHash)
{
    if (!matched || userId.isEmpty())
        return incorrectLogin();
    // Looked up again: the user may have been deleted while the hash ran.
    const Result<User> user = m_users.findById(userId);
    if (!user)
        return incorrectLogin();
    if (!upgradedHash.isEmpty()) {
        if (const Status saved = m_users.setPasswordHash(user->username, upgradedHash); !saved)
            qCWarning(lcAuth) << "could not upgrade the password hash of a user:" << saved.error();
        else
            qCInfo(lcAuth) << "upgraded the password hash of user" << user->username << "to yescrypt";
    }
    // A disabled user still gets a token here, as in upstream's JWT example
    // (authenticate_user does not look at `disabled`); every protected route
    // then answers 400 "Inactive user". Refusing here would change what an
    // upstream client sees.
    const Result<QString> token = m_tokens.issue(*user);
    if (!token) {
        qCWarning(lcAuth) << "could not issue a token:" << token.error();
        return AuthRefusal{500, u"Internal Server Error"_s, false};
    }
    qCInfo(lcAuth) << "issued a token to user" << user->username;
    return *token;
}

} // namespace agentdesk
