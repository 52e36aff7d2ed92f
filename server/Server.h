#pragma once

#include "Result.h"
#include "ServerConfig.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace agentdesk {

class AuthService;
class UserStore;
class PasswordHasher;

// The whole backend in one object: what app/ starts headless or embedded,
// and what tests bind to port 0 on loopback.
class Server : public QObject
{
    Q_OBJECT
public:
    explicit Server(ServerConfig config, QObject *parent = nullptr);
    ~Server() override;

    // Opens the stores and listens on config.host:config.port (0 = any free port).
    Status start();
    // Stops listening, cancels the runs and closes their sockets.
    void stop();

    quint16 port() const;
    QUrl url() const; // http://host:port
    const ServerConfig &config() const { return m_config; }

    // For user administration by the embedded app (first account) and tests.
    UserStore &users();
    PasswordHasher &hasher();

private:
    struct Parts;
    ServerConfig m_config;
    std::unique_ptr<Parts> m_parts;
};

} // namespace agentdesk
