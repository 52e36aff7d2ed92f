#include "Server.h"

#include "AuthService.h"
#include "ConfiguredWorkflows.h"
#include "HttpServer.h"
#include "Logging.h"
#include "RunTable.h"
#include "ShowcaseWorkflow.h"
#include "WorkflowRegistry.h"

#include <QHostAddress>
#include <QProcessEnvironment>

#include <chrono>

namespace agentdesk {

using namespace Qt::StringLiterals;

// Declared in the order they depend on each other; destroyed in reverse:
// the HTTP server (and its sockets) first, then the runs, then auth.
struct Server::Parts
{
    AuthService auth;
    WorkflowRegistry workflows;
    // The workflows file, LLM client and run limits; declared before the runs
    // so that it outlives every runner.
    std::unique_ptr<ConfiguredWorkflows> configured;
    RunTable runs;
    std::unique_ptr<HttpServer> http;
    bool authOpen = false; // the store opens once; a stopped server starts again with it

    explicit Parts(const ServerConfig &config)
        : runs(std::chrono::seconds(config.runGraceSeconds))
    {
        runs.setLimits(config.maxRunsPerUser, config.maxRunsTotal);
    }
};

Server::Server(ServerConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_parts(std::make_unique<Parts>(m_config))
{
    m_config.resolvePaths();
    m_parts->workflows.add(ShowcaseWorkflow::definition(std::chrono::milliseconds(m_config.showcaseStepMs)));
}

Server::~Server()
{
    stop();
}

Status Server::start()
{
    installSecretSafeLogFilter();
    if (m_parts->http && m_parts->http->isListening())
        return Status::failure(u"the server is already running"_s);

    QHostAddress address;
    if (m_config.host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(m_config.host))
        return Status::failure(u"\"%1\" is not an IP address to listen on"_s.arg(m_config.host));

    if (!m_parts->authOpen) {
        if (Status status = m_parts->auth.open(m_config); !status)
            return Status::failure(u"cannot open the user store: "_s + status.error());
        m_parts->authOpen = true;
    }
    if (!m_parts->configured) {
        // Refused as a whole: a bad workflows file never leaves the server half-configured.
        auto configured = ConfiguredWorkflows::load(m_config, QProcessEnvironment::systemEnvironment());
        if (!configured)
            return Status::failure(configured.error());
        if (Status status = (*configured)->registerInto(m_parts->workflows); !status)
            return status;
        m_parts->configured = std::move(configured).value();
    }

    m_parts->http = std::make_unique<HttpServer>(m_config, m_parts->auth.authenticator(),
                                                 m_parts->workflows, m_parts->runs);
    if (Status status = m_parts->http->listen(address, m_config.port); !status) {
        m_parts->http.reset();
        return status;
    }
    qCInfo(lcServer).noquote() << "listening on" << url().toString();
    return success();
}

void Server::stop()
{
    if (!m_parts->http)
        return;
    // Runs first: their clients get an error and workflow_completed, then a
    // normal close; then whatever HTTP and WebSocket connections remain.
    m_parts->runs.clear(u"The server is shutting down"_s);
    m_parts->http->close();
    m_parts->http.reset();
    qCInfo(lcServer) << "stopped";
}

bool Server::isRunning() const
{
    return m_parts->http && m_parts->http->isListening();
}

quint16 Server::port() const
{
    return m_parts->http ? m_parts->http->port() : 0;
}

QUrl Server::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_config.host);
    url.setPort(port());
    return url;
}

UserStore &Server::users()
{
    return m_parts->auth.users();
}

PasswordHasher &Server::hasher()
{
    return m_parts->auth.hasher();
}

WorkflowRegistry &Server::workflows()
{
    return m_parts->workflows;
}

RunTable &Server::runs()
{
    return m_parts->runs;
}

} // namespace agentdesk
