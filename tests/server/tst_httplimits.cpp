// Bad and hostile HTTP input against a real server with small limits: every
// refusal is an answer (413, 431, 411, 400, 505, 408) followed by a close,
// and the server keeps answering everyone else meanwhile. Also initiate's
// params limit, and a client that half-closes after its request.

#include "RawHttpClient.h"
#include "RunTable.h"
#include "TestServer.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

#include <sys/socket.h>

using namespace agentdesk;
using namespace agentdesk::test;
using namespace Qt::StringLiterals;

namespace {
const QString kPassword = u"correct horse battery"_s;
constexpr qint64 kMaxBody = 2048;
constexpr int kMaxHeader = 2048;
constexpr int kHeaderTimeout = 600;
constexpr int kRequestTimeout = 1200;
constexpr int kIdleTimeout = 800;
} // namespace

class TestHttpLimits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QString m_token;

    // Sends `request` on a fresh connection and reads one answer.
    std::optional<RawResponse> exchange(const QByteArray &request, RawHttpClient &raw)
    {
        if (!raw.connectTo(m_server->port()))
            return std::nullopt;
        raw.write(request);
        return raw.readResponse();
    }

    QByteArray initiateRequest(const QByteArray &body, const QByteArray &extraHeaders = {})
    {
        return "POST /fastagency/initiate_workflow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Authorization: Bearer " + m_token.toUtf8() + "\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) {
            config.maxBodyBytes = kMaxBody;
            config.maxHeaderBytes = kMaxHeader;
            config.headerTimeoutMs = kHeaderTimeout;
            config.requestTimeoutMs = kRequestTimeout;
            config.idleTimeoutMs = kIdleTimeout;
        });
        QVERIFY2(m_server->start(), qPrintable(m_server->startError()));
        QVERIFY(m_server->addUser(u"alice"_s, kPassword));
        m_token = m_server->login(u"alice"_s, kPassword);
        QVERIFY(!m_token.isEmpty());
    }

    void refusedAndClosed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");

        QTest::newRow("body over the limit, announced") << QByteArray("POST /fastagency/initiate_workflow HTTP/1.1\r\nHost: x\r\nContent-Length: 2049\r\n\r\n") << 413;
        QTest::newRow("huge Content-Length") << QByteArray("POST /token HTTP/1.1\r\nContent-Length: 99999999999999\r\n\r\n") << 413;
        QTest::newRow("headers over the limit") << QByteArray("GET / HTTP/1.1\r\nX-Padding: " + QByteArray(kMaxHeader, 'p') + "\r\n\r\n") << 431;
        QTest::newRow("token over the header limit") << QByteArray("GET /fastagency/discovery HTTP/1.1\r\nAuthorization: Bearer " + QByteArray(kMaxHeader * 2, 't') + "\r\n\r\n") << 431;
        QTest::newRow("many small headers") << QByteArray("GET / HTTP/1.1\r\n" + QByteArray("A: b\r\n").repeated(kMaxHeader / 6 + 1) + "\r\n") << 431;
        QTest::newRow("request line over the limit") << QByteArray("GET /" + QByteArray(kMaxHeader * 3, 'a') + " HTTP/1.1\r\n\r\n") << 431;
        QTest::newRow("chunked body") << QByteArray("POST /fastagency/initiate_workflow HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n") << 411;
        QTest::newRow("chunked with Content-Length") << QByteArray("POST /token HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 411;
        QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("HTTP/0.9 style") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("no slash") << QByteArray("GET index HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nNoColonHere\r\n\r\n") << 400;
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nX-A: b\r\n  continued\r\n\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\nhello") << 400;
        QTest::newRow("negative Content-Length") << QByteArray("POST /token HTTP/1.1\r\nContent-Length: -5\r\n\r\n") << 400;
        QTest::newRow("two Content-Lengths") << QByteArray("POST /token HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!") << 400;
        QTest::newRow("binary junk") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15) << 400;
        QTest::newRow("WebSocket handshake with a body") << QByteArray("GET /fastagency/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nContent-Length: 3\r\n\r\nabc") << 400;
    }

    void refusedAndClosed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawHttpClient raw;
        const auto response = exchange(request, raw);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QCOMPARE(response->header("connection"), QByteArray("close"));
        QVERIFY(!QJsonDocument::fromJson(response->body).object().value(u"detail").toString().isEmpty());
        QVERIFY(raw.waitForClosed());
        QCOMPARE(m_server->get(u"/"_s).status, 200);
    }

    void oversizedHeadersInPieces()
    {
        // Qt's reader consumes each piece before the next arrives: the limit
        // must hold across pieces, not only within one read.
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.write("GET / HTTP/1.1\r\n");
        int sent = 0;
        QTimer drip;
        connect(&drip, &QTimer::timeout, &raw, [&] {
            if (raw.isClosed())
                return drip.stop();
            raw.write("X-Piece-" + QByteArray::number(sent++) + ": " + QByteArray(90, 'v') + "\r\n");
        });
        drip.start(2);
        const auto response = raw.readResponse(kHeaderTimeout * 5);
        drip.stop();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
        QVERIFY2(sent * 100 < kMaxHeader * 2, qPrintable(QString::number(sent)));
        QVERIFY(raw.waitForClosed());
    }

    void notQuiteAnUpgradeStaysGuarded()
    {
        // Qt joins repeated headers ("websocket, h2c"): no upgrade for it, so
        // none for the guard either, which keeps reading the connection.
        RawHttpClient raw;
        const auto response = exchange("GET /fastagency/ws HTTP/1.1\r\nUpgrade: websocket\r\nUpgrade: h2c\r\n"
                                       "Connection: Upgrade\r\n\r\n", raw);
        QVERIFY(response);
        QCOMPARE(response->status, 404);
        raw.write("GET / HTTP/1.1\r\nX-Padding: " + QByteArray(kMaxHeader, 'p') + "\r\n\r\n");
        const auto second = raw.readResponse();
        QVERIFY(second);
        QCOMPARE(second->status, 431);
    }

    void oversizedBodyThroughQt()
    {
        // A client that sends the whole body anyway still reads the 413.
        const HttpResult result = m_server->post(u"/fastagency/initiate_workflow"_s, QByteArray(kMaxBody * 8, 'x'),
                                                 "application/json", m_token);
        QCOMPARE(result.status, 413);
        const HttpResult token = m_server->post(u"/token"_s, "username=alice&password=" + QByteArray(kMaxBody * 8, 'x'),
                                                "application/x-www-form-urlencoded");
        QCOMPARE(token.status, 413);
    }

    void oversizedTokenThroughQt()
    {
        const HttpResult result = m_server->get(u"/fastagency/discovery"_s, QString(kMaxHeader, u'x'));
        QCOMPARE(result.status, 431);
        // Big but under the limit: an invalid token, nothing more.
        const HttpResult big = m_server->get(u"/fastagency/discovery"_s, QString(kMaxHeader / 2, u'x'));
        QCOMPARE(big.status, 401);
        QCOMPARE(big.detail(), u"Could not validate credentials"_s);
    }

    void bodyAtTheLimitIsRead()
    {
        QByteArray body = "{\"workflow_name\": \"showcase\", \"workflow_uuid\": \"x\", \"user_id\": null, \"params\": {\"pad\": \"\"}}";
        body.insert(body.size() - 3, QByteArray(kMaxBody - body.size(), 'p'));
        QCOMPARE(body.size(), kMaxBody);
        RawHttpClient raw;
        const auto response = exchange(initiateRequest(body), raw);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(response->header("connection").isEmpty()); // kept alive
        raw.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto second = raw.readResponse();
        QVERIFY(second);
        QCOMPARE(second->status, 200);
    }

    void invalidUtf8Bodies()
    {
        RawHttpClient raw;
        const auto response = exchange(initiateRequest("{\"workflow_name\": \"\xc3\x28\"}"), raw);
        QVERIFY(response);
        QCOMPARE(response->status, 422);
        RawHttpClient raw2;
        const QByteArray form = "username=\xff\xff&password=\xc3\x28\xc3\x28xx";
        const auto token = exchange("POST /token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                    "Content-Length: " + QByteArray::number(form.size()) + "\r\n\r\n" + form, raw2);
        QVERIFY(token);
        QCOMPARE(token->status, 401);
        // The user store is intact: alice still logs in.
        QVERIFY(!m_server->login(u"alice"_s, kPassword).isEmpty());
    }

    void invalidUtf8InPathAndHeaders()
    {
        RawHttpClient raw;
        const auto response = exchange("GET /\xff\xfe%ff HTTP/1.1\r\nX-Weird: \xff\xfe\r\n"
                                       "Authorization: Bearer \xff\xfe\r\n\r\n", raw);
        QVERIFY(response);
        QCOMPARE(response->status, 404);
        RawHttpClient raw2;
        QByteArray withNul = "GET /fastagency/discovery HTTP/1.1\r\nAuthorization: Bearer \xff\xfe";
        withNul += '\0';
        withNul += "\x01\r\n\r\n";
        const auto protectedRoute = exchange(withNul, raw2);
        QVERIFY(protectedRoute);
        QCOMPARE(protectedRoute->status, 401);
    }

    void slowlorisIsCutOffWhileOthersAreServed()
    {
        RawHttpClient slow;
        QVERIFY(slow.connectTo(m_server->port()));
        slow.write("GET / HTTP/1.1\r\n");
        QTimer drip;
        connect(&drip, &QTimer::timeout, &slow, [&slow] { slow.write("X"); });
        drip.start(50);

        QElapsedTimer clock;
        clock.start();
        // Meanwhile the server answers others at once.
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer one;
            one.start();
            QCOMPARE(m_server->get(u"/fastagency/discovery"_s, m_token).status, 200);
            QVERIFY(one.elapsed() < kHeaderTimeout);
        }
        const auto response = slow.readResponse(kHeaderTimeout * 5);
        drip.stop();
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QVERIFY(slow.waitForClosed());
        QVERIFY2(clock.elapsed() >= kHeaderTimeout * 9 / 10, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(clock.elapsed() < kHeaderTimeout * 4, qPrintable(QString::number(clock.elapsed())));
    }

    void unfinishedBodyIsCutOff()
    {
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        QElapsedTimer clock;
        clock.start();
        raw.write("POST /fastagency/initiate_workflow HTTP/1.1\r\nAuthorization: Bearer " + m_token.toUtf8()
                  + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"workflow");
        QCOMPARE(m_server->get(u"/"_s).status, 200);
        const auto response = raw.readResponse(kRequestTimeout * 5);
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QVERIFY2(clock.elapsed() >= kRequestTimeout * 9 / 10, // coarse timers may fire 5% early
                 qPrintable(QString::number(clock.elapsed())));
        QVERIFY(raw.waitForClosed());
    }

    void truncatedBodyAndGone()
    {
        {
            RawHttpClient raw;
            QVERIFY(raw.connectTo(m_server->port()));
            raw.write("POST /token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      "Content-Length: 50\r\n\r\nusername=al");
            raw.socket().abort();
        }
        QCOMPARE(m_server->get(u"/"_s).status, 200);
    }

    void idleConnectionsAreClosed()
    {
        RawHttpClient silent;
        QVERIFY(silent.connectTo(m_server->port()));
        QVERIFY(silent.waitForClosed(kHeaderTimeout * 5)); // never sent a byte
        QVERIFY(silent.buffered().isEmpty());

        RawHttpClient idle;
        QVERIFY(idle.connectTo(m_server->port()));
        idle.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(idle.readResponse()->status, 200);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(idle.waitForClosed(kIdleTimeout * 5));
        QVERIFY(clock.elapsed() >= kIdleTimeout * 9 / 10);
    }

    void keepAliveAndPipelining()
    {
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        // Three requests in one write, one of them answered later (/token
        // hashes on a worker thread): the answers still come in order.
        const QByteArray form = "username=alice&password=correct+horse+battery";
        raw.write("\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"
                  "POST /token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  "Content-Length: " + QByteArray::number(form.size()) + "\r\n\r\n" + form
                  + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto first = raw.readResponse();
        const auto second = raw.readResponse();
        const auto third = raw.readResponse();
        QVERIFY(first && second && third);
        QCOMPARE(first->status, 200);
        QVERIFY(first->body.contains("Workflows"));
        QCOMPARE(second->status, 200);
        QVERIFY(second->body.contains("access_token"));
        QCOMPARE(third->status, 404);
        QVERIFY(!raw.isClosed());
    }

    void pipelinedRefusalComesAfterEarlierAnswers()
    {
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
                  "POST /token HTTP/1.1\r\nContent-Length: 999999\r\n\r\n");
        const auto first = raw.readResponse();
        const auto second = raw.readResponse();
        QVERIFY(first && second);
        QCOMPARE(first->status, 200);
        QCOMPARE(second->status, 413);
        QVERIFY(raw.waitForClosed());
    }

    void expectContinue()
    {
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        const QByteArray body = "username=alice&password=correct+horse+battery";
        raw.write("POST /token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  "Expect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        const auto interim = raw.readResponse();
        QVERIFY(interim);
        QCOMPARE(interim->status, 100);
        raw.write(body);
        const auto final = raw.readResponse();
        QVERIFY(final);
        QCOMPARE(final->status, 200);
    }

    void clientGoneBeforeDeferredAnswer()
    {
        {
            RawHttpClient raw;
            QVERIFY(raw.connectTo(m_server->port()));
            const QByteArray form = "username=alice&password=correct+horse+battery";
            raw.write("POST /token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      "Content-Length: " + QByteArray::number(form.size()) + "\r\n\r\n" + form);
            raw.socket().abort();
        }
        // The hash finishes with nobody to answer; the server carries on.
        QCOMPARE(m_server->tokenRequest(u"alice"_s, kPassword).status, 200);
        QCOMPARE(m_server->get(u"/"_s).status, 200);
    }

    void paramsLimit_data()
    {
        QTest::addColumn<int>("compactBytes"); // of params, as compact JSON
        QTest::addColumn<bool>("spaced");      // the body spells params with extra whitespace
        QTest::addColumn<int>("status");
        QTest::newRow("under") << 99 << false << 200;
        QTest::newRow("at the limit") << 100 << false << 200;
        QTest::newRow("whitespace does not count") << 100 << true << 200;
        QTest::newRow("one over") << 101 << false << 413;
        QTest::newRow("far over") << 1000 << false << 413;
    }

    void paramsLimit()
    {
        QFETCH(int, compactBytes);
        QFETCH(bool, spaced);
        QFETCH(int, status);
        TestServer server([](ServerConfig &config) { config.maxParamsBytes = 100; });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        const QString token = server.login(u"alice"_s, kPassword);

        // {"p":"…"} is 8 bytes around the padding.
        const QByteArray pad(compactBytes - 8, 'x');
        const QByteArray params = spaced ? QByteArray("{ \"p\" :   \"" + pad + "\"   }")
                                         : QByteArray("{\"p\":\"" + pad + "\"}");
        const QByteArray body = R"({"workflow_name": "showcase", "workflow_uuid": "x", "user_id": null, "params": )"
                + params + "}";
        const qsizetype runsBefore = server.server().runs().size();
        const HttpResult result = server.post(u"/fastagency/initiate_workflow"_s, body, "application/json", token);
        QCOMPARE(result.status, status);
        if (status == 413) {
            QCOMPARE(result.detail(), u"params too large: %1 bytes of JSON, the most this server takes is 100"_s
                                              .arg(compactBytes));
            QCOMPARE(server.server().runs().size(), runsBefore); // nothing kept
        } else {
            QCOMPARE(result.object().value(u"params").toObject().value(u"p").toString().size(), pad.size());
        }
    }

    void halfCloseAfterRequestIsAnswered_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("GET /") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << 200;
        QTest::newRow("HTTP/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << 200;
        QTest::newRow("initiate") << initiateRequest(R"({"workflow_name": "showcase", "workflow_uuid": "x", "user_id": null, "params": {}})") << 200;
        QTest::newRow("not found") << QByteArray("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n") << 404;
        QTest::newRow("refused by the guard") << QByteArray("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
    }

    void halfCloseAfterRequestIsAnswered()
    {
        // sendall(request); shutdown(SHUT_WR): the end of the request stream
        // is not the end of the connection; the answer still comes, then a close.
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.write(request);
        QCOMPARE(::shutdown(int(raw.socket().socketDescriptor()), SHUT_WR), 0);
        const auto response = raw.readResponse(5000);
        QVERIFY2(response, raw.buffered().constData());
        QCOMPARE(response->status, status);
        QVERIFY(raw.waitForClosed(5000));
    }

    void connectionCloseIsHonoured()
    {
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.write("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        const auto response = raw.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(raw.waitForClosed());
    }
};

QTEST_GUILESS_MAIN(TestHttpLimits)
#include "tst_httplimits.moc"
