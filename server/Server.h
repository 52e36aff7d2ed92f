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
class WorkflowRegistry;
class RunTable;

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

    bool isRunning() const;

    // For user administration by the embedded app (first account) and tests.
    UserStore &users();
    PasswordHasher &hasher();

    // The workflows offered (the built-in showcase is registered at
    // construction; add or replace workflows before or after start()).
    WorkflowRegistry &workflows();
    // The runs, keyed by hex workflow_uuid (tests and benchmarks look here).
    RunTable &runs();

private:
    struct Parts;
    ServerConfig m_config;
    std::unique_ptr<Parts> m_parts;
};

} // namespace agentdesk
