#include "HttpConnection.h"

#include "Logging.h"
#include "ServerConfig.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

bool isLeadingWhitespace(char c)
{
    // What Qt's request-line reader skips before a request.
    return c == '\v' || c == '\n' || c == '\r' || c == ' ' || c == '\t';
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

HttpLimits HttpLimits::from(const ServerConfig &config)
{
    HttpLimits limits;
    limits.maxBodyBytes = config.maxBodyBytes;
    limits.maxHeaderBytes = config.maxHeaderBytes;
    limits.headerTimeoutMs = config.headerTimeoutMs;
    limits.requestTimeoutMs = config.requestTimeoutMs;
    limits.idleTimeoutMs = config.idleTimeoutMs;
    return limits;
}

// --- Responder -------------------------------------------------------------

Responder::Responder(HttpConnection *connection, quint64 slot)
    : m_connection(connection), m_slot(slot)
{
}

void Responder::send(HttpResponse response) const
{
    if (m_connection)
        m_connection->answer(m_slot, std::move(response));
    else
        qCInfo(lcHttp).noquote() << "answer" << response.status << "dropped: the client is gone";
}

bool Responder::isConnected() const
{
    return m_connection && m_connection->m_socket
            && m_connection->m_socket->state() == QAbstractSocket::ConnectedState;
}

// --- HttpConnection --------------------------------------------------------

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits)
    : QObject(socket), m_socket(socket), m_limits(limits)
{
    m_peer = socket->peerAddress().toString() + u':' + QString::number(socket->peerPort());
    for (QTimer *timer : {&m_headerTimer, &m_requestTimer, &m_idleTimer, &m_lingerTimer})
        timer->setSingleShot(true);
    connect(&m_headerTimer, &QTimer::timeout, this,
            [this] { refuse(408, u"Request headers not received in time"_s); });
    connect(&m_requestTimer, &QTimer::timeout, this,
            [this] { refuse(408, u"Request not received in time"_s); });
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcHttp).noquote() << "closing idle connection" << m_peer;
        closeGracefully();
    });
    connect(&m_lingerTimer, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->abort();
    });
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_closing && m_socket && m_socket->bytesToWrite() == 0)
            shutdownWrite();
    });
    // A fresh connection gets the header deadline to send its first byte.
    m_idleTimer.start(m_limits.headerTimeoutMs);
}

HttpConnection::~HttpConnection() = default;

HttpConnection *HttpConnection::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<HttpConnection *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

QString HttpConnection::pathForLog(QByteArrayView target)
{
    // Never the query (it could carry a secret), never control characters.
    qsizetype end = target.indexOf('?');
    if (end < 0)
        end = target.size();
    QByteArray path = target.first(std::min<qsizetype>(end, 200)).toByteArray();
    for (char &c : path) {
        if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e)
            c = '?';
    }
    if (end > 200)
        path += "...";
    return QString::fromLatin1(path);
}

qint64 HttpConnection::qtReadOffset() const
{
    return m_scanned - (m_socket ? m_socket->bytesAvailable() : 0);
}

void HttpConnection::beforeQtRead()
{
    if (!m_socket || m_phase == Phase::HandedOver)
        return;
    if (m_phase == Phase::Refused && !m_refusal) {
        drain();
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    if (m_phase == Phase::Body && available - m_unreadScanned > 0
        && available - m_unreadScanned < m_bodyLeft) {
        // Body bytes are only counted: no need to copy them.
        const qint64 fresh = available - m_unreadScanned;
        m_scanned += fresh;
        m_unreadScanned = available;
        m_bodyLeft -= fresh;
        return;
    }
    if (available > m_unreadScanned) {
        const QByteArray all = m_socket->peek(available);
        const qint64 fresh = all.size() - m_unreadScanned;
        if (fresh > 0) {
            const QByteArray bytes = all.right(fresh);
            m_scanned += fresh;
            m_unreadScanned = all.size();
            scan(bytes);
        }
    }
    tryRefuse();
}

void HttpConnection::afterQtRead()
{
    if (!m_socket || m_phase == Phase::HandedOver)
        return;
    m_unreadScanned = m_socket->bytesAvailable();
    tryRefuse();
}

void HttpConnection::scan(const QByteArray &bytes)
{
    const char *data = bytes.constData();
    const qsizetype size = bytes.size();
    const qint64 base = m_scanned - size;
    for (qsizetype i = 0; i < size; ++i) {
        switch (m_phase) {
        case Phase::Idle:
            if (isLeadingWhitespace(data[i]))
                continue;
            m_requestStart = base + i;
            beginRequest();
            [[fallthrough]];
        case Phase::Head:
            m_head.append(data[i]);
            if (m_head.size() > m_limits.maxHeaderBytes) {
                noteRequestLine();
                refuse(431, u"Request header fields too large"_s);
                return;
            }
            if (data[i] == '\n') {
                if (m_method.isEmpty()) {
                    noteRequestLine();
                    // Qt's reader would drop a bad request line without an answer.
                    if (!checkRequestLine())
                        return;
                } else if (m_head.endsWith("\n\r\n") || m_head.endsWith("\n\n")) {
                    headComplete();
                }
            }
            continue;
        case Phase::Body: {
            const qint64 take = std::min<qint64>(m_bodyLeft, size - i);
            m_bodyLeft -= take;
            i += take - 1;
            if (m_bodyLeft == 0)
                requestComplete();
            continue;
        }
        case Phase::Upgrade:
        case Phase::Refused:
        case Phase::HandedOver:
            return;
        }
    }
}

void HttpConnection::beginRequest()
{
    m_phase = Phase::Head;
    m_head.clear();
    m_method.clear();
    m_path.clear();
    m_bodyLeft = 0;
    m_everRequested = true;
    m_idleTimer.stop();
    m_headerTimer.start(m_limits.headerTimeoutMs);
    m_requestTimer.start(m_limits.requestTimeoutMs);
}

void HttpConnection::noteRequestLine()
{
    QByteArrayView line(m_head);
    const qsizetype newline = line.indexOf('\n');
    if (newline >= 0)
        line = line.first(newline);
    const qsizetype space = line.indexOf(' ');
    m_method = space > 0 ? line.first(std::min<qsizetype>(space, 16)).toByteArray() : QByteArray();
    if (!isToken(m_method))
        m_method = "-";
    if (space > 0) {
        QByteArrayView rest = line.sliced(space + 1).trimmed();
        const qsizetype end = rest.indexOf(' ');
        m_path = pathForLog(end >= 0 ? rest.first(end) : rest);
    }
}

bool HttpConnection::checkRequestLine()
{
    // METHOD SP request-target SP HTTP/1.x
    QByteArray line = m_head.trimmed();
    const QList<QByteArray> parts = line.split(' ');
    QList<QByteArray> words;
    for (const QByteArray &part : parts) {
        if (!part.isEmpty())
            words.append(part);
    }
    if (words.size() != 3 || !isToken(words[0])
        || !(words[1].startsWith('/') || words[1].startsWith("http://"))) {
        refuse(400, u"Malformed request line"_s);
        return false;
    }
    if (words[2] != "HTTP/1.1" && words[2] != "HTTP/1.0") {
        refuse(words[2].startsWith("HTTP/") ? 505 : 400,
               words[2].startsWith("HTTP/") ? u"HTTP version not supported"_s
                                            : u"Malformed request line"_s);
        return false;
    }
    return true;
}

void HttpConnection::headComplete()
{
    QList<QByteArrayView> lines;
    {
        QByteArrayView head(m_head);
        qsizetype start = 0;
        while (start < head.size()) {
            qsizetype end = head.indexOf('\n', start);
            if (end < 0)
                end = head.size();
            QByteArrayView line = head.sliced(start, end - start);
            if (line.endsWith('\r'))
                line.chop(1);
            lines.append(line);
            start = end + 1;
        }
    }
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();

    std::optional<QByteArray> contentLength;
    bool chunked = false;
    QByteArrayList connection; // all values, as Qt combines them
    QByteArrayList upgrade;
    bool expectContinue = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        if (line.startsWith(' ') || line.startsWith('\t'))
            return refuse(400, u"Folded header lines are not accepted"_s);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return refuse(400, u"Malformed header line"_s);
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed().toByteArray();
        if (name == "content-length") {
            if (!isDigits(value) || (contentLength && *contentLength != value))
                return refuse(400, u"Invalid Content-Length"_s);
            contentLength = value;
        } else if (name == "transfer-encoding") {
            chunked = true;
        } else if (name == "connection") {
            connection.append(value);
        } else if (name == "upgrade") {
            upgrade.append(value);
        } else if (name == "expect") {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
    }
    if (chunked)
        return refuse(411, u"Chunked request bodies are not accepted; send Content-Length"_s);
    const qint64 length = contentLength ? contentLength->toLongLong() : 0;
    if (length > m_limits.maxBodyBytes)
        return refuse(413, u"Request body too large"_s);

    // Exactly QAbstractHttpServer's test (on values joined with ", "), so
    // we stop guarding only a request Qt really offers for an upgrade.
    const bool connectionUpgrade = connection.join(", ").toLower().contains("upgrade");
    const bool upgradeWebSocket = upgrade.join(", ").compare("websocket", Qt::CaseInsensitive) == 0;
    if (connectionUpgrade && upgradeWebSocket) {
        if (length > 0)
            return refuse(400, u"A WebSocket handshake has no body"_s);
        // Qt's WebSocket server looks for CRLF CRLF only; anything else
        // would leave the handshake hanging with no deadline.
        if (!m_head.endsWith("\r\n\r\n"))
            return refuse(400, u"A WebSocket handshake must end its lines with CRLF"_s);
        // From here on the bytes are the WebSocket server's business; the
        // handshake is answered (or refused) as soon as Qt has read it.
        m_phase = Phase::Upgrade;
        m_headerTimer.stop();
        m_requestTimer.stop();
        return;
    }

    m_headerTimer.stop();
    m_head.clear();
    m_bodyLeft = length;
    if (m_bodyLeft == 0)
        return requestComplete();
    m_phase = Phase::Body;
    if (expectContinue && !hasPending() && m_socket)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

void HttpConnection::requestComplete()
{
    m_phase = Phase::Idle;
    m_head.clear();
    m_headerTimer.stop();
    m_requestTimer.stop();
    updateIdleTimer();
}

void HttpConnection::refuse(int status, const QString &detail)
{
    if (m_phase == Phase::Refused || m_phase == Phase::HandedOver)
        return;
    HttpResponse response = HttpResponse::detail(status, detail);
    response.closeConnection = true;
    m_refusal = Refusal{m_requestStart, std::move(response), m_method.isEmpty() ? "-" : m_method,
                        m_path.isEmpty() ? u"-"_s : m_path};
    m_phase = Phase::Refused;
    m_headerTimer.stop();
    m_requestTimer.stop();
    m_idleTimer.stop();
    m_head.clear();
    tryRefuse();
}

void HttpConnection::tryRefuse()
{
    if (!m_refusal || !m_socket)
        return;
    // Earlier requests on this connection are still Qt's to read and answer.
    if (qtReadOffset() < m_refusal->at)
        return;
    Refusal refusal = std::move(*m_refusal);
    m_refusal.reset();
    drain();
    const Responder responder = open(refusal.method, refusal.path);
    responder.send(std::move(refusal.response));
}

void HttpConnection::drain()
{
    if (!m_socket)
        return;
    // Qt's reader keeps a transaction open while a request is incomplete;
    // commit it so the discarded bytes are really freed.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
    m_unreadScanned = 0;
}

Responder HttpConnection::open(const QByteArray &method, const QString &path, bool closeAfter)
{
    const quint64 slot = m_nextSlot++;
    Pending &pending = m_pending[slot];
    pending.method = method;
    pending.path = path;
    pending.closeAfter = closeAfter;
    pending.clock.start();
    m_idleTimer.stop();
    return Responder(this, slot);
}

void HttpConnection::answer(quint64 slot, HttpResponse response)
{
    const auto it = m_pending.find(slot);
    if (it == m_pending.end() || it->second.response)
        return;
    it->second.response = std::move(response);
    writeReady();
}

void HttpConnection::writeReady()
{
    while (!m_pending.empty() && m_pending.begin()->second.response) {
        Pending pending = std::move(m_pending.begin()->second);
        m_pending.erase(m_pending.begin());
        HttpResponse &response = *pending.response;
        response.omitBody = pending.method == "HEAD";
        response.closeConnection = response.closeConnection || pending.closeAfter;
        const bool connected = m_socket && m_socket->state() == QAbstractSocket::ConnectedState
                && !m_closing;
        // One string: QDebug would put a space before an empty optional part.
        QString line = QString::fromLatin1(pending.method) + u' ' + pending.path + u' '
                + QString::number(response.status) + u' '
                + QString::number(pending.clock.nsecsElapsed() / 1e6, 'f', 1) + u" ms "_s + m_peer;
        if (!connected)
            line += u" (client gone)"_s;
        qCInfo(lcHttp).noquote() << line;
        if (!connected)
            continue;
        m_socket->write(response.serialize());
        m_socket->flush();
        // Out now, not at the next write notification: a client that
        // half-closed after its request makes Qt close the descriptor as soon
        // as it reads the end of stream, dropping whatever is still buffered.
        if (response.closeConnection) {
            m_pending.clear();
            closeGracefully();
            return;
        }
    }
    updateIdleTimer();
}

void HttpConnection::updateIdleTimer()
{
    if (m_phase == Phase::Idle && !hasPending() && !m_closing)
        m_idleTimer.start(m_everRequested ? m_limits.idleTimeoutMs : m_limits.headerTimeoutMs);
    else
        m_idleTimer.stop();
}

void HttpConnection::closeGracefully()
{
    if (m_closing || !m_socket)
        return;
    m_closing = true;
    m_phase = Phase::Refused;
    m_headerTimer.stop();
    m_requestTimer.stop();
    m_idleTimer.stop();
    drain();
    if (m_socket->bytesToWrite() == 0)
        shutdownWrite();
    // else: bytesWritten calls shutdownWrite() once everything is out.
    m_lingerTimer.start(m_limits.lingerMs);
}

void HttpConnection::shutdownWrite()
{
    if (!m_socket)
        return;
#ifdef Q_OS_UNIX
    // Half-close: the client reads our answer and end-of-stream, and the
    // bytes it is still sending are drained instead of provoking a reset
    // that could destroy the answer in flight.
    if (m_socket->socketDescriptor() != -1) {
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
        return;
    }
#endif
    m_socket->disconnectFromHost();
}

void HttpConnection::handOver()
{
    m_phase = Phase::HandedOver;
    m_refusal.reset();
    for (QTimer *timer : {&m_headerTimer, &m_requestTimer, &m_idleTimer, &m_lingerTimer})
        timer->stop();
}

void HttpConnection::closeNow()
{
    if (m_phase == Phase::HandedOver || !m_socket)
        return;
    m_pending.clear();
    closeGracefully();
}

} // namespace agentdesk
