// Server start/stop errors and shutdown, and the access log: one line per
// request, and never a token, password, answer or Authorization header.

#include "LogCapture.h"
#include "RawHttpClient.h"
#include "TestServer.h"
#include "WebSocketClient.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTest>

using namespace agentdesk;
using namespace agentdesk::test;
using namespace Qt::StringLiterals;

namespace {
const QString kPassword = u"pw-Zq8#correct-horse"_s;
}

class TestServerLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portInUse()
    {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        const quint16 port = occupant.serverPort();
        TestServer server([port](ServerConfig &config) { config.port = port; });
        QVERIFY(!server.start());
        QVERIFY2(server.startError().contains(QString::number(port)), qPrintable(server.startError()));
        QVERIFY(!server.server().isRunning());
    }

    void badHost()
    {
        TestServer server([](ServerConfig &config) { config.host = u"not an address"_s; });
        QVERIFY(!server.start());
        QVERIFY2(server.startError().contains(u"not an address"_s), qPrintable(server.startError()));
    }

    void storeCannotBeOpened()
    {
        TestServer server([](ServerConfig &config) { config.databasePath = u"/proc/agentdesk-nope/users.sqlite"_s; });
        QVERIFY(!server.start());
        QVERIFY2(server.startError().contains(u"user store"_s), qPrintable(server.startError()));
    }

    void stopClosesConnectionsAndStartsAgain()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        RawHttpClient keptAlive;
        QVERIFY(keptAlive.connectTo(server.port()));
        keptAlive.write("GET / HTTP/1.1\r\n\r\n");
        QCOMPARE(keptAlive.readResponse()->status, 200);

        server.server().stop();
        QVERIFY(keptAlive.waitForClosed());
        QCOMPARE(server.server().port(), quint16(0));
        server.server().stop(); // twice is fine

        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(!server.login(u"alice"_s, kPassword).isEmpty()); // same store
    }

    void noSecretsInLogs()
    {
        // Every category at every level, Qt's own included: the secret-safe
        // filter must still keep qt.httpserver's request dumps out.
        QLoggingCategory::setFilterRules(u"*.debug=true"_s);
        LogCapture logs;
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));

        const QString token = server.login(u"alice"_s, kPassword);
        QVERIFY(!token.isEmpty());
        QCOMPARE(server.tokenRequest(u"alice"_s, u"wrong-pw-Kx9"_s).status, 401);
        QCOMPARE(server.get(u"/fastagency/discovery"_s, token).status, 200);
        QCOMPARE(server.get(u"/fastagency/discovery"_s, u"forged-token-Jq2"_s).status, 401);
        QCOMPARE(server.get(u"/?access_token=query-secret-Pz4"_s).status, 200);

        const QString secretAnswer = u"answer-secret-Vb7"_s;
        WebSocketClient ws;
        QVERIFY(ws.open(server.webSocketUrl(), token));
        ws.sendJson(server.initiate(token, u"showcase"_s));
        QVERIFY(ws.waitForType(u"text_input"_s));
        ws.sendText(u"Ada"_s);
        QVERIFY(ws.waitForType(u"text_input"_s));
        ws.sendText(secretAnswer);
        QVERIFY(ws.waitForType(u"multiple_choice"_s));
        ws.close();
        QVERIFY(ws.waitForDisconnected());
        server.server().stop();
        QLoggingCategory::setFilterRules(QString());

        const QList<QString> lines = logs.lines();
        QVERIFY(!lines.isEmpty());
        const QStringList secrets{token, token.left(20), kPassword, u"wrong-pw-Kx9"_s, u"forged-token-Jq2"_s,
                                  u"query-secret-Pz4"_s, secretAnswer, u"Bearer"_s, u"uthorization"_s};
        for (const QString &line : lines) {
            for (const QString &secret : secrets)
                QVERIFY2(!line.contains(secret, Qt::CaseInsensitive), qPrintable(u"leaked: "_s + line));
        }

        // One access-log line per request, with method, path, status, duration, peer.
        const QList<QString> access = logs.linesIn(u"agentdesk.http"_s);
        const auto logged = [&](const QString &start) {
            return std::count_if(access.cbegin(), access.cend(), [&](const QString &line) {
                return line.startsWith(u"agentdesk.http: "_s + start);
            });
        };
        QCOMPARE(logged(u"POST /token 200 "_s), 1);
        QCOMPARE(logged(u"POST /token 401 "_s), 1);
        QCOMPARE(logged(u"GET /fastagency/discovery 200 "_s), 1);
        QCOMPARE(logged(u"GET /fastagency/discovery 401 "_s), 1);
        QCOMPARE(logged(u"GET / 200 "_s), 1);
        QCOMPARE(logged(u"POST /fastagency/initiate_workflow 200 "_s), 1);
        QCOMPARE(logged(u"GET /fastagency/ws 101 "_s), 1);
        const QString line = access.first();
        QVERIFY2(line.contains(u" ms "_s) && line.contains(u"127.0.0.1:"_s), qPrintable(line));
        // Nothing trails a line (an empty optional part once left a space).
        for (const QString &each : access)
            QVERIFY2(!each.isEmpty() && !each.back().isSpace(), qPrintable(u'"' + each + u'"'));
    }
};

QTEST_GUILESS_MAIN(TestServerLifecycle)
#include "tst_serverlifecycle.moc"
