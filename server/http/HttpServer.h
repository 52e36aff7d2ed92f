#pragma once

#include "HttpConnection.h"
#include "Result.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QList>
#include <QPointer>

#include <optional>

namespace agentdesk {

class ApiRoutes;
class Authenticator;
class GuardedTcpServer;
class RunSocket;
class RunTable;
class WorkflowRegistry;
struct AuthRefusal;
struct ServerConfig;

// Qt 6.4's QAbstractHttpServer with our own routing and answers. A WebSocket
// handshake on /fastagency/ws is handed to Qt's WebSocket server only when
// handleRequest() returns true, which it does only for a token the
// Authenticator accepts; otherwise missingHandler() answers 401 (400 for an
// inactive user) and the connection is never upgraded.
class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    HttpServer(const ServerConfig &config, Authenticator &authenticator,
               WorkflowRegistry &workflows, RunTable &runs, QObject *parent = nullptr);
    ~HttpServer() override;

    Status listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    bool isListening() const;
    // Stops listening, closes the HTTP connections and the WebSockets.
    void close();

    qsizetype webSocketCount() const { return m_sockets.size(); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void acceptWebSockets();

    Authenticator &m_authenticator;
    RunTable &m_runs;
    HttpLimits m_limits;
    qint64 m_maxWebSocketMessageBytes;
    int m_payloadTimeoutMs;
    ApiRoutes *m_routes;
    QPointer<GuardedTcpServer> m_tcpServer;
    QList<RunSocket *> m_sockets;
    // handleRequest() refused a handshake; missingHandler() writes why.
    std::optional<HttpResponse> m_handshakeRefusal;
};

} // namespace agentdesk
