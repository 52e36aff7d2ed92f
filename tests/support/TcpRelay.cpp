#include "TcpRelay.h"

#include <QTcpSocket>

namespace agentdesk::test {

using namespace Qt::StringLiterals;

TcpRelay::TcpRelay(quint16 targetPort, QObject *parent) : QObject(parent), m_target(targetPort)
{
    connect(&m_listener, &QTcpServer::newConnection, this, &TcpRelay::onNewConnection);
}

TcpRelay::~TcpRelay()
{
    close();
}

bool TcpRelay::listen(quint16 port)
{
    return m_listener.listen(QHostAddress::LocalHost, port);
}

QUrl TcpRelay::webSocketUrl() const
{
    return QUrl(u"ws://127.0.0.1:%1/fastagency/ws"_s.arg(port()));
}

void TcpRelay::onNewConnection()
{
    while (QTcpSocket *client = m_listener.nextPendingConnection()) {
        ++m_accepted;
        client->setParent(this);
        auto *upstream = new QTcpSocket(this);
        const Pair pair{client, upstream};
        m_pairs.append(pair);
        connect(client, &QTcpSocket::readyRead, this, [this, pair] { pump(pair); });
        connect(upstream, &QTcpSocket::readyRead, this, [this, pair] { pump(pair); });
        // What the client sent before the upstream connection was up.
        connect(upstream, &QTcpSocket::connected, this, [this, pair] { pump(pair); });
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
    }
}

void TcpRelay::pump(Pair pair)
{
    if (!pair.client || !pair.upstream)
        return;
    if (!m_holdFromClient && pair.upstream->state() == QAbstractSocket::ConnectedState
        && pair.client->bytesAvailable() > 0)
        pair.upstream->write(pair.client->readAll());
    if (!m_holdFromServer && pair.upstream->bytesAvailable() > 0)
        pair.client->write(pair.upstream->readAll());
}

void TcpRelay::cut()
{
    const QList<Pair> pairs = std::exchange(m_pairs, {});
    for (const Pair &pair : pairs) {
        for (const QPointer<QTcpSocket> &socket : {pair.client, pair.upstream}) {
            if (!socket)
                continue;
            socket->disconnect(); // no graceful close of the other side either
            socket->abort();
            socket->deleteLater();
        }
    }
}

void TcpRelay::close()
{
    m_listener.close();
    cut();
}

void TcpRelay::holdFromClient(bool hold)
{
    m_holdFromClient = hold;
    if (!hold) {
        for (const Pair &pair : std::as_const(m_pairs))
            pump(pair);
    }
}

void TcpRelay::holdFromServer(bool hold)
{
    m_holdFromServer = hold;
    if (!hold) {
        for (const Pair &pair : std::as_const(m_pairs))
            pump(pair);
    }
}

} // namespace agentdesk::test
