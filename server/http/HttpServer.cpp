#include "HttpServer.h"

#include "ApiRoutes.h"
#include "Authenticator.h"
#include "GuardedTcpServer.h"
#include "Logging.h"
#include "RunSocket.h"
#include "ServerConfig.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QTcpSocket>
#include <QWebSocket>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

const QString kWebSocketPath = u"/fastagency/ws"_s;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "OTHER";
    }
}

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    // The same test QAbstractHttpServer makes before it offers an upgrade.
    return request.value("connection").toLower().contains("upgrade")
            && request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

} // namespace

HttpServer::HttpServer(const ServerConfig &config, Authenticator &authenticator,
                       WorkflowRegistry &workflows, RunTable &runs, QObject *parent)
    : QAbstractHttpServer(parent),
      m_authenticator(authenticator),
      m_runs(runs),
      m_limits(HttpLimits::from(config)),
      m_maxWebSocketMessageBytes(config.maxWebSocketMessageBytes),
      m_payloadTimeoutMs(config.requestTimeoutMs),
      m_routes(new ApiRoutes(authenticator, workflows, runs, config.maxParamsBytes, this))
{
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpServer::acceptWebSockets);
}

HttpServer::~HttpServer()
{
    close();
}

Status HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tcpServer)
        return Status::failure(u"the server is already listening"_s);
    auto *tcpServer = new GuardedTcpServer(m_limits, this);
    if (!tcpServer->listen(address, port)) {
        const QString error = tcpServer->errorString();
        delete tcpServer;
        return Status::failure(u"cannot listen on %1 port %2: %3"_s.arg(address.toString())
                                       .arg(port)
                                       .arg(error));
    }
    bind(tcpServer);
    tcpServer->hookAfterHttpServer();
    m_tcpServer = tcpServer;
    return success();
}

quint16 HttpServer::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

bool HttpServer::isListening() const
{
    return m_tcpServer && m_tcpServer->isListening();
}

void HttpServer::close()
{
    if (m_tcpServer) {
        m_tcpServer->close();
        m_tcpServer->closeConnections();
    }
    const QList<RunSocket *> sockets = m_sockets;
    for (RunSocket *socket : sockets)
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"The server is shutting down"_s);
    if (m_tcpServer) {
        // Not deleted here: Qt's reader may be on the stack. It goes with us,
        // or when the event loop next runs.
        m_tcpServer->deleteLater();
        m_tcpServer.clear();
    }
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpConnection *connection = HttpConnection::of(socket);
    if (!connection) // not one of ours: cannot happen, refuse to guess
        return false;
    const QByteArray method = methodName(request.method());
    const QString path = request.url().path();

    if (isWebSocketUpgrade(request)) {
        m_handshakeRefusal.reset();
        if (path != kWebSocketPath || method != "GET") {
            m_handshakeRefusal = HttpResponse::detail(404, u"Not Found"_s);
            return false;
        }
        const auto checked = m_authenticator.authenticate(request.value("authorization"));
        if (const auto *refused = std::get_if<AuthRefusal>(&checked)) {
            m_handshakeRefusal = ApiRoutes::refusal(*refused);
            return false;
        }
        // Accepted: Qt hands the socket to its WebSocket server, which
        // answers 101 itself; nothing may be written here.
        connection->handOver();
        qCInfo(lcHttp).noquote() << method << path << 101 << "upgrade"
                                 << socket->peerAddress().toString() + u':'
                                            + QString::number(socket->peerPort());
        return true;
    }

    // A request the guard took for an upgrade but Qt did not: the guard no
    // longer reads this connection, so it must not live on.
    const bool closeAfter = request.value("connection").toLower().contains("close")
            || connection->isAwaitingUpgrade();
    const Responder responder = connection->open(
            method, HttpConnection::pathForLog(request.url().path(QUrl::FullyEncoded).toUtf8()),
            closeAfter);
    m_routes->dispatch(request, method, path, responder);
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Only reached for a refused WebSocket handshake: every other request is
    // answered (404 and 405 included) by handleRequest().
    HttpConnection *connection = HttpConnection::of(socket);
    if (!connection)
        return;
    HttpResponse response = m_handshakeRefusal.value_or(HttpResponse::detail(404, u"Not Found"_s));
    m_handshakeRefusal.reset();
    response.closeConnection = true;
    const Responder responder = connection->open(
            methodName(request.method()),
            HttpConnection::pathForLog(request.url().path(QUrl::FullyEncoded).toUtf8()));
    responder.send(std::move(response));
}

void HttpServer::acceptWebSockets()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            break;
        // The handshake was checked before the upgrade; check again to learn
        // the user (and in case the token expired or the user was disabled
        // in between).
        const auto checked = m_authenticator.authenticate(socket->request().rawHeader("Authorization"));
        if (const auto *refused = std::get_if<AuthRefusal>(&checked)) {
            qCInfo(lcWebSocket).noquote() << "closing an upgraded socket:" << refused->detail;
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, refused->detail);
            socket.release()->deleteLater();
            continue;
        }
        auto *runSocket = new RunSocket(std::move(socket), std::get<User>(checked), m_runs,
                                        m_maxWebSocketMessageBytes, m_payloadTimeoutMs, this);
        m_sockets.append(runSocket);
        connect(runSocket, &RunSocket::closed, this, [this, runSocket] {
            m_sockets.removeOne(runSocket);
            runSocket->deleteLater();
        });
    }
}

} // namespace agentdesk
