#include "AuthService.h"

#include "Authenticator.h"
#include "JwtSecretFile.h"
#include "JwtTokenService.h"
#include "Logging.h"
#include "OpaqueTokenService.h"
#include "PasswordHasher.h"
#include "ServerConfig.h"
#include "UserStore.h"

namespace agentdesk {

using namespace Qt::StringLiterals;

AuthService::AuthService(QObject *parent)
    : QObject(parent),
      m_users(std::make_unique<UserStore>()),
      m_hasher(std::make_unique<PasswordHasher>())
{
}

// Members go in reverse order: the check chain, the token service, the hasher
// (which waits for its pool) and last the store they all use.
AuthService::~AuthService() = default;

Status AuthService::open(const ServerConfig &config)
{
    if (m_authenticator)
        return Status::failure(u"the auth service is already open"_s);
    ServerConfig resolved = config;
    resolved.resolvePaths();

    if (Status opened = m_users->open(resolved.databasePath); !opened)
        return opened;

    const std::chrono::seconds lifetime = std::chrono::minutes(resolved.tokenLifetimeMinutes);
    if (resolved.tokenMode == TokenMode::Jwt) {
        QByteArray secret = resolved.jwtSecret;
        if (secret.isEmpty()) {
            Result<QByteArray> fromFile = JwtSecretFile::loadOrCreate(resolved.jwtSecretFile);
            if (!fromFile) {
                m_users->close();
                return Status::failure(fromFile.error());
            }
            secret = *fromFile;
        }
        auto jwt = JwtTokenService::create(secret, lifetime);
        if (!jwt) {
            m_users->close();
            return Status::failure(jwt.error());
        }
        m_tokens = std::move(jwt).value();
    } else {
        m_tokens = std::make_unique<OpaqueTokenService>(*m_users, lifetime);
    }
    m_authenticator = std::make_unique<Authenticator>(*m_users, *m_tokens, *m_hasher);
    qCInfo(lcAuth) << "auth ready:" << (resolved.tokenMode == TokenMode::Jwt ? "jwt" : "opaque")
                   << "tokens for" << resolved.tokenLifetimeMinutes << "minutes";
    return success();
}

UserStore &AuthService::users()
{
    return *m_users;
}

PasswordHasher &AuthService::hasher()
{
    return *m_hasher;
}

Authenticator &AuthService::authenticator()
{
    Q_ASSERT_X(m_authenticator, "AuthService::authenticator", "open() first");
    return *m_authenticator;
}

} // namespace agentdesk
