#pragma once

#include "HttpResponse.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>
#include <optional>

class QTcpSocket;

namespace agentdesk {

struct ServerConfig;
class HttpConnection;

// What Qt 6.4's HTTP server lacks: limits and deadlines per connection.
struct HttpLimits
{
    qint64 maxBodyBytes = 1024 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int headerTimeoutMs = 10'000;
    int requestTimeoutMs = 30'000;
    int idleTimeoutMs = 60'000;
    int lingerMs = 2'000; // after a closing answer: drain the client's bytes this long

    static HttpLimits from(const ServerConfig &config);
};

// The way to answer one request, now or later (after password hashing on a
// worker thread). Cheap to copy; answering after the client vanished only
// logs. The first send() counts, later ones are ignored.
class Responder
{
public:
    Responder() = default;
    void send(HttpResponse response) const;
    bool isConnected() const;

private:
    friend class HttpConnection;
    Responder(HttpConnection *connection, quint64 slot);

    QPointer<HttpConnection> m_connection;
    quint64 m_slot = 0;
};

// One client connection, living as a child of its socket. It watches the
// bytes before QAbstractHttpServer parses them (its readyRead slot is
// connected first) and enforces the limits and deadlines: 431 for oversized
// headers, 413 for a Content-Length over the limit (before the body is
// read), 411 for chunked bodies, 400 for malformed framing, 408 for a
// request not complete in time; an idle kept-alive connection is closed.
// It also writes every answer, in request order, and the access log line.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, const HttpLimits &limits);
    ~HttpConnection() override;

    static HttpConnection *of(QTcpSocket *socket);

    // Connected to the socket's readyRead around Qt's own slot.
    void beforeQtRead();
    void afterQtRead();

    // Reserves the next answer slot of this connection (answers leave in
    // request order), for the access log line of `method` and `path`.
    // `closeAfter`: the client asked for "Connection: close".
    Responder open(const QByteArray &method, const QString &path, bool closeAfter = false);

    // The socket now belongs to the WebSocket server: stop guarding it.
    void handOver();
    bool isHandedOver() const { return m_phase == Phase::HandedOver; }
    // The last request looked like a WebSocket upgrade to the guard, which
    // stopped reading the stream after it.
    bool isAwaitingUpgrade() const { return m_phase == Phase::Upgrade; }

    // Server shutdown: flush what is written and close.
    void closeNow();

    static QString pathForLog(QByteArrayView target);

private:
    friend class Responder;

    enum class Phase { Idle, Head, Body, Upgrade, Refused, HandedOver };

    struct Pending
    {
        QByteArray method;
        QString path;
        QElapsedTimer clock;
        bool closeAfter = false;
        std::optional<HttpResponse> response;
    };

    struct Refusal
    {
        qint64 at = 0; // stream offset where the refused request starts
        HttpResponse response;
        QByteArray method;
        QString path;
    };

    void scan(const QByteArray &bytes);
    void beginRequest();
    void noteRequestLine();
    bool checkRequestLine();
    void headComplete();
    void requestComplete();
    void refuse(int status, const QString &detail);
    void tryRefuse();
    void drain();
    qint64 qtReadOffset() const;

    void answer(quint64 slot, HttpResponse response);
    void writeReady();
    void closeGracefully();
    void shutdownWrite();
    void updateIdleTimer();
    bool hasPending() const { return !m_pending.empty(); }

    QPointer<QTcpSocket> m_socket;
    HttpLimits m_limits;
    QString m_peer;

    Phase m_phase = Phase::Idle;
    qint64 m_scanned = 0;       // bytes of the stream seen so far
    qint64 m_unreadScanned = 0; // of those, still unread by Qt after its slot
    qint64 m_requestStart = 0;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    QByteArray m_method; // of the request being read, for log lines
    QString m_path;
    std::optional<Refusal> m_refusal;
    bool m_everRequested = false;

    QTimer m_headerTimer;
    QTimer m_requestTimer;
    QTimer m_idleTimer;
    QTimer m_lingerTimer;
    bool m_closing = false;

    std::map<quint64, Pending> m_pending;
    quint64 m_nextSlot = 1;
};

} // namespace agentdesk
