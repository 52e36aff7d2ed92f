// Runs outlive their sockets: a vanished client's run waits out the grace
// period and is then cancelled and freed; never-connected runs are freed too;
// a client that closes normally (1000) mid-run ends it at once; a silent
// socket is closed; stop() ends runs cleanly. Initiate counts every run in
// the table against the run limits.

#include "Message.h"
#include "RunTable.h"
#include "TestServer.h"
#include "WebSocketClient.h"

#include <QPointer>
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

    // ---- how the client leaves -------------------------------------------

    void clientClose_data()
    {
        QTest::addColumn<int>("closeCode"); // -1: the TCP connection is aborted, no close frame
        QTest::addColumn<bool>("freedAtOnce");
        QTest::newRow("normal closure (1000)") << int(QWebSocketProtocol::CloseCodeNormal) << true;
        QTest::newRow("going away (1001)") << int(QWebSocketProtocol::CloseCodeGoingAway) << false;
        QTest::newRow("abort, no close frame") << -1 << false;
    }

    void clientClose()
    {
        QFETCH(int, closeCode);
        QFETCH(bool, freedAtOnce);
        // One run per user: a run that was not freed (and its start slot)
        // would refuse the next one.
        TestServer server([](ServerConfig &config) {
            config.runGraceSeconds = 60;
            config.maxRunsPerUser = 1;
        });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        const auto alice = server.addUser(u"alice"_s, kPassword);
        QVERIFY(alice);
        const QString token = server.login(u"alice"_s, kPassword);
        const QJsonObject payload = server.initiate(token, u"showcase"_s);
        const QString uuid = hex(payload);
        RunTable &runs = server.server().runs();

        auto ws = std::make_unique<WebSocketClient>();
        QVERIFY(ws->open(server.webSocketUrl(), token));
        ws->sendJson(payload);
        QVERIFY(ws->waitForType(u"text_input"_s)); // running, waiting for an answer
        QPointer<Run> run = runs.find(uuid);
        QVERIFY(run);
        QStringList recorded;
        connect(run, &Run::messageAdded, this, [&](const Message &m) { recorded.append(messageTypeName(m.type)); });
        QSignalSpy removed(&runs, &RunTable::runRemoved);

        if (closeCode < 0) {
            ws->socket().abort();
        } else {
            ws->socket().close(QWebSocketProtocol::CloseCode(closeCode), u"bye"_s);
            QVERIFY(ws->waitForDisconnected());
        }
        ws.reset();

        if (freedAtOnce) {
            // Cancelled and freed as the close frame is read, not after 60 s.
            QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 2000);
            QCOMPARE(removed.first().first().toString(), uuid);
            QVERIFY(!runs.find(uuid));
            QCOMPARE(runs.size(), 0);
            QCOMPARE(runs.countFor(alice->id), 0);
            QCOMPARE(recorded, (QStringList{u"error"_s, u"workflow_completed"_s}));
            QTRY_VERIFY(run.isNull()); // deleted, not only forgotten
            // Its place and its start slot are free: a new run starts and runs.
            WebSocketClient next;
            QVERIFY(next.open(server.webSocketUrl(), token));
            const QJsonObject again = server.initiate(token, u"showcase"_s);
            QVERIFY(!again.isEmpty());
            next.sendJson(again);
            QVERIFY(next.waitForType(u"text_input"_s));
            QCOMPARE(next.ofType(u"error"_s).size(), 0);
        } else {
            // Kept for the grace period, as a vanished client's run.
            QTRY_VERIFY(!run->isAttached());
            QTest::qWait(300);
            QVERIFY(removed.isEmpty());
            QCOMPARE(runs.find(uuid), run.data());
            QCOMPARE(run->state(), Run::State::Running);
            QVERIFY(recorded.isEmpty());
            QCOMPARE(runs.countFor(alice->id), 1);
            const HttpResult refused = server.post(
                    u"/fastagency/initiate_workflow"_s,
                    R"({"workflow_name": "showcase", "workflow_uuid": "x", "user_id": null, "params": {}})",
                    "application/json", token);
            QCOMPARE(refused.status, 429);
        }
    }

    // ---- limits at initiate ----------------------------------------------

    void initiateCountsEveryRun()
    {
        TestServer server([](ServerConfig &config) {
            config.runGraceSeconds = 1;
            config.maxRunsPerUser = 2;
            config.maxRunsTotal = 3;
        });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        QVERIFY(server.addUser(u"bob"_s, kPassword));
        const QString alice = server.login(u"alice"_s, kPassword);
        const QString bob = server.login(u"bob"_s, kPassword);
        const QByteArray body = R"({"workflow_name": "showcase", "workflow_uuid": "x", "user_id": null, "params": {}})";
        const auto initiate = [&](const QString &token) {
            return server.post(u"/fastagency/initiate_workflow"_s, body, "application/json", token);
        };

        // Never started, they still count: one started, one waiting.
        const HttpResult first = initiate(alice);
        QCOMPARE(first.status, 200);
        WebSocketClient ws;
        QVERIFY(ws.open(server.webSocketUrl(), alice));
        ws.sendJson(first.object());
        QVERIFY(ws.waitForType(u"text_input"_s));
        QCOMPARE(initiate(alice).status, 200);

        const HttpResult mine = initiate(alice);
        QCOMPARE(mine.status, 429);
        QVERIFY2(mine.detail().startsWith(u"Too many workflow runs: you have 2 "_s), qPrintable(mine.detail()));
        QVERIFY2(mine.detail().contains(u"per user"_s), qPrintable(mine.detail()));
        QCOMPARE(server.server().runs().size(), 2); // the refused one was never made

        QCOMPARE(initiate(bob).status, 200); // bob has his own count
        const HttpResult all = initiate(bob);
        QCOMPARE(all.status, 429);
        QVERIFY2(all.detail().startsWith(u"Too many workflow runs: the server has 3"_s), qPrintable(all.detail()));
        QCOMPARE(server.server().runs().size(), 3);

        // The never-started runs are freed after the grace period, and with
        // them their places.
        QTRY_COMPARE_WITH_TIMEOUT(server.server().runs().size(), 1, 5000);
        QCOMPARE(initiate(alice).status, 200);
        QCOMPARE(initiate(bob).status, 200);
        QCOMPARE(initiate(bob).status, 429);
        QVERIFY(ws.isConnected());
        QCOMPARE(ws.ofType(u"error"_s).size(), 0); // the running run is untouched
    }

    void initiateFloodIsBounded()
    {
        // The reviewer's case: many initiates that never connect stop at the
        // per-user limit instead of filling memory.
        TestServer server([](ServerConfig &config) { config.maxRunsPerUser = 20; });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        const QString token = server.login(u"alice"_s, kPassword);
        const QJsonObject params{{u"pad"_s, QString(1000, u'p')}};
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 30; ++i) {
            const QJsonObject body{{u"workflow_name"_s, u"showcase"_s}, {u"workflow_uuid"_s, u"x"_s},
                                   {u"user_id"_s, QJsonValue::Null}, {u"params"_s, params}};
            const int status = server.post(u"/fastagency/initiate_workflow"_s,
                                           QJsonDocument(body).toJson(QJsonDocument::Compact),
                                           "application/json", token)
                                       .status;
            accepted += status == 200;
            refused += status == 429;
        }
        QCOMPARE(accepted, 20);
        QCOMPARE(refused, 10);
        QCOMPARE(server.server().runs().size(), 20);
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
