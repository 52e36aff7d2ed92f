#pragma once

#include "Result.h"

#include <QObject>

#include <memory>

namespace agentdesk {

struct ServerConfig;
class UserStore;
class PasswordHasher;
class TokenService;
class Authenticator;

// Owns the auth pieces built from the configuration: the user store, the
// password hasher, the token service of the configured mode (with its JWT
// secret loaded or generated) and the check chain over them.
class AuthService : public QObject
{
    Q_OBJECT
public:
    explicit AuthService(QObject *parent = nullptr);
    ~AuthService() override;

    // Opens the store (creating folder and schema) and the token service.
    Status open(const ServerConfig &config);

    UserStore &users();
    PasswordHasher &hasher();
    Authenticator &authenticator();

private:
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<TokenService> m_tokens;
    std::unique_ptr<Authenticator> m_authenticator;
};

} // namespace agentdesk
