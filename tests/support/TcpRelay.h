#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace agentdesk::test {

// A TCP relay on 127.0.0.1 in front of a server on `targetPort`: each
// connection it accepts is forwarded byte for byte to a connection of its
// own to the target. A test cuts it to make a real network drop (both sides
// aborted: no close frame, no FIN from the peer's point of view of the
// protocol), or holds one direction to lose what is in flight.
//
//     TcpRelay relay(server.port());
//     QVERIFY(relay.listen());
//     run.start(relay.webSocketUrl(), token, payload);
//     ...
//     relay.cut();   // the client and the server each see their socket die
//     relay.close(); // ...and nobody listens any more: the server is gone
class TcpRelay : public QObject
{
    Q_OBJECT
public:
    explicit TcpRelay(quint16 targetPort, QObject *parent = nullptr);
    ~TcpRelay() override;

    // Listens on `port` (0: any free port); false when it is taken.
    bool listen(quint16 port = 0);
    quint16 port() const { return m_listener.serverPort(); }
    QUrl webSocketUrl() const; // ws://127.0.0.1:port/fastagency/ws

    // Aborts every relayed connection on both sides; data held is lost.
    void cut();
    // Stops listening (new connections are refused) and cuts.
    void close();
    // While held, bytes from the client (the server) are kept back instead
    // of forwarded; releasing forwards them.
    void holdFromClient(bool hold);
    void holdFromServer(bool hold);

    int acceptedCount() const { return m_accepted; }

private:
    struct Pair
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
    };
    void onNewConnection();
    void pump(Pair pair);

    quint16 m_target;
    QTcpServer m_listener;
    QList<Pair> m_pairs;
    bool m_holdFromClient = false;
    bool m_holdFromServer = false;
    int m_accepted = 0;
};

} // namespace agentdesk::test
