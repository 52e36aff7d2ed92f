#include "FakeLlmServer.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

QByteArray FakeLlmServer::Request::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first == name.toLower())
            return h.second;
    }
    return {};
}

QJsonArray FakeLlmServer::Request::messages() const
{
    return json.value(u"messages").toArray();
}

FakeLlmServer::Reply FakeLlmServer::completion(const QString &content, const QString &model)
{
    const QJsonObject body{
        {u"id"_s, u"chatcmpl-test"_s},
        {u"object"_s, u"chat.completion"_s},
        {u"created"_s, QDateTime::currentSecsSinceEpoch()},
        {u"model"_s, model},
        {u"choices"_s, QJsonArray{QJsonObject{
                               {u"index"_s, 0},
                               {u"message"_s, QJsonObject{{u"role"_s, u"assistant"_s},
                                                          {u"content"_s, content},
                                                          {u"refusal"_s, QJsonValue::Null}}},
                               {u"logprobs"_s, QJsonValue::Null},
                               {u"finish_reason"_s, u"stop"_s},
                       }}},
        {u"usage"_s, QJsonObject{{u"prompt_tokens"_s, 10}, {u"completion_tokens"_s, 5}, {u"total_tokens"_s, 15}}},
        {u"system_fingerprint"_s, u"fp_test"_s},
    };
    Reply reply;
    reply.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return reply;
}

FakeLlmServer::Reply FakeLlmServer::error(int status, const QString &message,
                                          QList<QPair<QByteArray, QByteArray>> headers)
{
    const QJsonObject body{{u"error"_s, QJsonObject{{u"message"_s, message},
                                                   {u"type"_s, u"invalid_request_error"_s},
                                                   {u"param"_s, QJsonValue::Null},
                                                   {u"code"_s, QJsonValue::Null}}}};
    Reply reply;
    reply.status = status;
    reply.headers = std::move(headers);
    reply.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return reply;
}

FakeLlmServer::Reply FakeLlmServer::raw(int status, const QByteArray &body)
{
    Reply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

FakeLlmServer::FakeLlmServer(QObject *parent) : QObject(parent)
{
    m_handler = [](const Request &, int index) { return completion(u"reply %1"_s.arg(index + 1)); };
    connect(&m_server, &QTcpServer::newConnection, this, &FakeLlmServer::onNewConnection);
}

FakeLlmServer::~FakeLlmServer() = default;

bool FakeLlmServer::listen()
{
    m_server.setMaxPendingConnections(1000);
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeLlmServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/v1"_s.arg(port()));
}

void FakeLlmServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_connections;
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FakeLlmServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        Request request;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name == "content-length")
                length = value.toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            break;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        request.json = QJsonDocument::fromJson(request.body).object();

        const int index = int(m_requests.size());
        m_requests.append(request);
        const Reply reply = m_script.isEmpty() ? m_handler(request, index) : m_script.takeFirst();
        ++m_inFlight;
        m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
        Q_EMIT requestReceived(index);
        if (reply.hang) {
            --m_inFlight;
            continue;
        }
        QPointer<QTcpSocket> guarded(socket);
        QTimer::singleShot(reply.delayMs, this, [this, guarded, reply] {
            --m_inFlight;
            if (guarded)
                respond(guarded, reply);
        });
    }
    socket->setProperty("buffer", buffer);
}

void FakeLlmServer::respond(QTcpSocket *socket, const Reply &reply)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " Status\r\n";
    head += "Content-Type: application/json\r\n";
    head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &h : reply.headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "\r\n";
    socket->write(head + reply.body);
}
