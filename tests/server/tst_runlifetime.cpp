// Runs outlive their sockets: a vanished client's run waits out the grace
// period and is then cancelled and freed; never-connected runs are freed too;
// a silent socket is closed; stop() ends runs cleanly.

#include "Message.h"
#include "RunTable.h"
#include "TestServer.h"
#include "WebSocketClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace agentdesk;
using namespace agentdesk::test;
using namespace Qt::StringLiterals;

namespace {
const QString kPassword = u"correct horse battery"_s;

QString hex(const QJsonObject &payload)
{
    return payload.value(u"workflow_uuid").toString().remove(u'-');
}
} // namespace

class TestRunLifetime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vanishedClientRunIsCancelledAfterGrace()
    {
        TestServer server([](ServerConfig &config) { config.runGraceSeconds = 1; });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        const QString token = server.login(u"alice"_s, kPassword);
        const QJsonObject payload = server.initiate(token, u"showcase"_s);
        const QString uuid = hex(payload);

        auto ws = std::make_unique<WebSocketClient>();
        QVERIFY(ws->open(server.webSocketUrl(), token));
        ws->sendJson(payload);
        QVERIFY(ws->waitForType(u"text_input"_s));
        Run *run = server.server().runs().find(uuid);
        QVERIFY(run);
        QVERIFY(run->isAttached());
        QStringList recorded;
        connect(run, &Run::messageAdded, this, [&](const Message &m) { recorded.append(messageTypeName(m.type)); });
        QSignalSpy removed(&server.server().runs(), &RunTable::runRemoved);

        ws->socket().abort(); // vanish without a close frame
        ws.reset();
        QTRY_VERIFY(!run->isAttached());
        // Still there, still running, during the grace period.
        QCOMPARE(server.server().runs().find(uuid), run);
        QCOMPARE(run->state(), Run::State::Running);
        QVERIFY(removed.isEmpty());

        QVERIFY(removed.wait(5000));
        QCOMPARE(removed.first().first().toString(), uuid);
        QVERIFY(!server.server().runs().find(uuid));
        QCOMPARE(recorded, (QStringList{u"error"_s, u"workflow_completed"_s}));
    }

    void neverConnectedRunIsFreedAfterGrace()
    {
        TestServer server([](ServerConfig &config) { config.runGraceSeconds = 1; });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        const QString token = server.login(u"alice"_s, kPassword);
        const QString uuid = hex(server.initiate(token, u"showcase"_s));
        QVERIFY(server.server().runs().find(uuid));
        QTRY_VERIFY_WITH_TIMEOUT(!server.server().runs().find(uuid), 5000);
        WebSocketClient ws;
        QVERIFY(ws.open(server.webSocketUrl(), token));
        ws.sendJson(QJsonObject{{u"workflow_uuid"_s, uuid}, {u"name"_s, u"showcase"_s}, {u"params"_s, QJsonObject{}}});
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.closeCode(), int(QWebSocketProtocol::CloseCodePolicyViolated));
    }

    void silentSocketIsClosed()
    {
        TestServer server([](ServerConfig &config) { config.requestTimeoutMs = 300; });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        WebSocketClient ws;
        QVERIFY(ws.open(server.webSocketUrl(), server.login(u"alice"_s, kPassword)));
        QVERIFY(ws.waitForDisconnected(5000));
        QCOMPARE(ws.closeCode(), int(QWebSocketProtocol::CloseCodePolicyViolated));
        QCOMPARE(ws.types(), QStringList{u"error"_s});
    }

    void stopEndsRunsCleanly()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        const QString token = server.login(u"alice"_s, kPassword);
        WebSocketClient ws;
        QVERIFY(ws.open(server.webSocketUrl(), token));
        ws.sendJson(server.initiate(token, u"showcase"_s));
        QVERIFY(ws.waitForType(u"text_input"_s));
        server.server().stop();
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.types().mid(ws.types().size() - 2), (QStringList{u"error"_s, u"workflow_completed"_s}));
        QCOMPARE(ws.closeCode(), int(QWebSocketProtocol::CloseCodeNormal));
        QCOMPARE(server.server().runs().size(), 0);
        QVERIFY(!server.server().isRunning());
        QCOMPARE(server.get(u"/"_s, {}, 2000).status, 0);
    }
};

QTEST_GUILESS_MAIN(TestRunLifetime)
#include "tst_runlifetime.moc"
