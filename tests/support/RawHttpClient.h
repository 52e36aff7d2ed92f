#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpSocket>

#include <optional>

namespace agentdesk::test {

// One HTTP response read off a raw socket.
struct RawResponse
{
    int status = 0;
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers; // names lowercased
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
};

// A plain QTcpSocket for what QNetworkAccessManager will not send: malformed
// or truncated requests, slow writers, pipelining, raw WebSocket frames.
class RawHttpClient : public QObject
{
    Q_OBJECT
public:
    explicit RawHttpClient(QObject *parent = nullptr);

    bool connectTo(quint16 port, int timeoutMs = 5'000);
    void write(const QByteArray &bytes);
    // Reads one complete response (Content-Length framed); nullopt when none
    // arrives in time or the connection closes first.
    std::optional<RawResponse> readResponse(int timeoutMs = 10'000);
    // True once the server closed the connection (end of stream).
    bool waitForClosed(int timeoutMs = 10'000);
    bool isClosed() const;

    // WebSocket on the same socket: the upgrade request with an optional
    // Authorization value; then raw frames (client frames are masked).
    void writeWebSocketHandshake(const QByteArray &path, const QByteArray &authorization);
    void writeFrame(quint8 opcode, const QByteArray &payload, bool fin = true);
    struct Frame
    {
        quint8 opcode = 0;
        QByteArray payload;
        int closeCode() const; // for close frames, else -1
    };
    std::optional<Frame> readFrame(int timeoutMs = 10'000);

    QTcpSocket &socket() { return m_socket; }
    QByteArray buffered() const { return m_buffer; }

private:
    bool fill(int timeoutMs);

    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
};

} // namespace agentdesk::test
