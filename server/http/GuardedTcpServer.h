#pragma once

#include "HttpConnection.h"

#include <QList>
#include <QPointer>
#include <QTcpServer>

namespace agentdesk {

// The listening socket handed to QAbstractHttpServer::bind(). It creates each
// client socket itself so that an HttpConnection guard is connected to
// readyRead before QAbstractHttpServer's reader (slots run in connection
// order) and a second hook after it.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(const HttpLimits &limits, QObject *parent = nullptr);

    // Call after QAbstractHttpServer::bind(this): the after-hooks must be
    // connected after the HTTP server has connected its own reader.
    void hookAfterHttpServer();

    // Closes every client connection still speaking HTTP.
    void closeConnections();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void connectAfterHooks();

    HttpLimits m_limits;
    QList<QPointer<QTcpSocket>> m_fresh;
    QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace agentdesk
