#include "RawHttpClient.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QTest>

namespace agentdesk::test {

QByteArray RawResponse::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &[key, value] : headers) {
        if (key == lower)
            return value;
    }
    return {};
}

int RawHttpClient::Frame::closeCode() const
{
    if (opcode != 0x8 || payload.size() < 2)
        return -1;
    return (quint8(payload[0]) << 8) | quint8(payload[1]);
}

RawHttpClient::RawHttpClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] { m_buffer += m_socket.readAll(); });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_socket.isOpen())
            m_buffer += m_socket.readAll();
        m_closed = true;
    });
}

bool RawHttpClient::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return false;
        QTest::qWait(5);
    }
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void RawHttpClient::write(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool RawHttpClient::isClosed() const
{
    return m_closed || m_socket.state() == QAbstractSocket::UnconnectedState;
}

bool RawHttpClient::fill(int timeoutMs)
{
    const qsizetype before = m_buffer.size();
    QDeadlineTimer deadline(timeoutMs);
    while (m_buffer.size() == before && !isClosed() && !deadline.hasExpired())
        QTest::qWait(5);
    return m_buffer.size() > before;
}

std::optional<RawResponse> RawHttpClient::readResponse(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            RawResponse response;
            const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
            response.statusLine = lines.value(0).trimmed();
            response.status = response.statusLine.split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    response.headers.append({lines[i].left(colon).trimmed().toLower(),
                                             lines[i].mid(colon + 1).trimmed()});
            }
            const qsizetype length = response.header("content-length").toLongLong();
            const qsizetype total = headEnd + 4 + length;
            if (response.status == 101 || m_buffer.size() >= total) {
                const qsizetype used = response.status == 101 ? headEnd + 4 : total;
                response.body = m_buffer.mid(headEnd + 4, used - headEnd - 4);
                m_buffer.remove(0, used);
                return response;
            }
        }
        if (deadline.hasExpired())
            return std::nullopt;
        if (!fill(int(std::max<qint64>(1, deadline.remainingTime()))) && isClosed())
            return std::nullopt;
    }
}

bool RawHttpClient::waitForClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!isClosed() && !deadline.hasExpired())
        QTest::qWait(5);
    return isClosed();
}

void RawHttpClient::writeWebSocketHandshake(const QByteArray &path, const QByteArray &authorization)
{
    QByteArray request = "GET " + path + " HTTP/1.1\r\n"
            "Host: 127.0.0.1\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n";
    if (!authorization.isEmpty())
        request += "Authorization: " + authorization + "\r\n";
    request += "\r\n";
    write(request);
}

void RawHttpClient::writeFrame(quint8 opcode, const QByteArray &payload, bool fin)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0x00) | (opcode & 0x0f)));
    const quint64 size = quint64(payload.size());
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size <= 0xffff) {
        frame.append(char(0x80 | 126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    const quint32 mask = QRandomGenerator::global()->generate();
    const char key[4] = {char(mask >> 24), char(mask >> 16), char(mask >> 8), char(mask)};
    frame.append(key, 4);
    QByteArray masked = payload;
    for (qsizetype i = 0; i < masked.size(); ++i)
        masked[i] = char(masked[i] ^ key[i % 4]);
    frame.append(masked);
    write(frame);
}

std::optional<RawHttpClient::Frame> RawHttpClient::readFrame(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (m_buffer.size() >= 2) {
            const quint8 first = quint8(m_buffer[0]);
            const quint8 second = quint8(m_buffer[1]);
            quint64 length = second & 0x7f;
            qsizetype offset = 2;
            bool complete = true;
            if (length == 126) {
                complete = m_buffer.size() >= 4;
                if (complete)
                    length = (quint8(m_buffer[2]) << 8) | quint8(m_buffer[3]);
                offset = 4;
            } else if (length == 127) {
                complete = m_buffer.size() >= 10;
                length = 0;
                if (complete) {
                    for (int i = 0; i < 8; ++i)
                        length = (length << 8) | quint8(m_buffer[2 + i]);
                }
                offset = 10;
            }
            if (second & 0x80)
                offset += 4; // servers do not mask, but be lenient
            if (complete && quint64(m_buffer.size()) >= offset + length) {
                Frame frame{quint8(first & 0x0f), m_buffer.mid(offset, qsizetype(length))};
                m_buffer.remove(0, offset + qsizetype(length));
                return frame;
            }
        }
        if (deadline.hasExpired())
            return std::nullopt;
        if (!fill(int(std::max<qint64>(1, deadline.remainingTime()))) && isClosed())
            return std::nullopt;
    }
}

} // namespace agentdesk::test
