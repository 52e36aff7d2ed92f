#include "GuardedTcpServer.h"

#include "Logging.h"

#include <QTcpSocket>

namespace agentdesk {

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
}

void GuardedTcpServer::hookAfterHttpServer()
{
    // pendingConnectionAvailable reaches QAbstractHttpServer first (it
    // connected first, in bind()); by the time this slot runs, its reader is
    // connected to the new sockets and ours goes after it.
    connect(this, &QTcpServer::pendingConnectionAvailable, this,
            &GuardedTcpServer::connectAfterHooks, Qt::UniqueConnection);
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcHttp).noquote() << "cannot accept a connection:" << socket->errorString();
        delete socket;
        return;
    }
    auto *connection = new HttpConnection(socket, m_limits);
    connect(socket, &QTcpSocket::readyRead, connection, &HttpConnection::beforeQtRead);
    m_sockets.removeIf([](const QPointer<QTcpSocket> &s) { return s.isNull(); });
    m_sockets.append(socket);
    m_fresh.append(socket);
    addPendingConnection(socket);
}

void GuardedTcpServer::connectAfterHooks()
{
    const auto fresh = std::exchange(m_fresh, {});
    for (const QPointer<QTcpSocket> &socket : fresh) {
        if (!socket)
            continue;
        if (HttpConnection *connection = HttpConnection::of(socket))
            connect(socket, &QTcpSocket::readyRead, connection, &HttpConnection::afterQtRead);
    }
}

void GuardedTcpServer::closeConnections()
{
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
        if (!socket)
            continue;
        if (HttpConnection *connection = HttpConnection::of(socket))
            connection->closeNow();
    }
}

} // namespace agentdesk
