// A run's owner reattaches to it (ours; upstream has no reattach): after a
// drop mid-question the recorded messages are replayed and answers keep
// working; a new socket takes over from one still open; another user is
// refused and the owner's run is untouched; a run that finished while
// detached is replayed through workflow_completed; after the grace period
// the uuid is unknown. A reattach is not a new run for the limits.

#include "LogCapture.h"
#include "Message.h"
#include "RunTable.h"
#include "TestServer.h"
#include "TestWorkflows.h"
#include "WebSocketClient.h"
#include "WorkflowRegistry.h"

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

QStringList uuids(const QList<QJsonObject> &messages)
{
    QStringList out;
    for (const QJsonObject &message : messages)
        out.append(message.value(u"uuid").toString());
    return out;
}

QJsonObject answerTo(const QJsonObject &question, const QString &text)
{
    return QJsonObject{{u"msg"_s, text}, {u"question_uuid"_s, question.value(u"uuid").toString()}};
}
} // namespace

class TestReattach : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QString m_alice;
    QString m_bob;

    // A run of `workflow` started by alice on `ws`, up to its first question.
    QJsonObject startRun(WebSocketClient &ws, const QString &workflow)
    {
        const QJsonObject payload = m_server->initiate(m_alice, workflow);
        if (!ws.open(m_server->webSocketUrl(), m_alice))
            return {};
        ws.sendJson(payload);
        if (!ws.waitForType(u"text_input"_s))
            return {};
        return payload;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->startError()));
        m_server->server().workflows().add(waitingWorkflow());
        m_server->server().workflows().add(delayedWorkflow(300));
        QVERIFY(m_server->addUser(u"alice"_s, kPassword));
        QVERIFY(m_server->addUser(u"bob"_s, kPassword));
        m_alice = m_server->login(u"alice"_s, kPassword);
        m_bob = m_server->login(u"bob"_s, kPassword);
        QVERIFY(!m_alice.isEmpty() && !m_bob.isEmpty());
    }

    void cleanup() { m_server.reset(); }

    void reattachAfterDropMidQuestion()
    {
        LogCapture logs;
        auto first = std::make_unique<WebSocketClient>();
        const QJsonObject payload = startRun(*first, u"waiting"_s);
        QVERIFY(!payload.isEmpty());
        const QList<QJsonObject> seen = first->messages();
        Run *run = m_server->server().runs().find(hex(payload));
        QVERIFY(run);
        const QString ownerId = run->ownerId();
        QCOMPARE(m_server->server().runs().countFor(ownerId), 1);

        first->socket().abort(); // the network dropped: no close frame
        first.reset();
        QTRY_VERIFY(!run->isAttached());
        QCOMPARE(run->state(), Run::State::Running);

        WebSocketClient second;
        QVERIFY(second.open(m_server->webSocketUrl(), m_alice));
        second.sendJson(payload);
        // Everything again, in order, the pending question last.
        QVERIFY(second.waitForMessages(seen.size()));
        QCOMPARE(second.types(), (QStringList{u"workflow_started"_s, u"text_input"_s}));
        QCOMPARE(uuids(second.messages()), uuids(seen));
        QVERIFY(run->isAttached());
        QCOMPARE(m_server->server().runs().countFor(ownerId), 1); // the same run, not a new one

        second.sendJson(answerTo(seen.last(), u"back again"_s));
        const auto completed = second.waitForType(u"workflow_completed"_s);
        QVERIFY(completed);
        QCOMPARE(completed->value(u"content").toObject().value(u"result").toString(), u"back again"_s);
        QVERIFY(second.waitForDisconnected());
        QCOMPARE(second.closeCode(), int(QWebSocketProtocol::CloseCodeNormal));
        QVERIFY(second.ofType(u"error"_s).isEmpty());

        const QList<QString> lines = logs.linesIn(u"agentdesk.websocket"_s);
        QVERIFY(std::any_of(lines.begin(), lines.end(), [&](const QString &line) {
            return line.contains(u"reattached to run "_s + hex(payload)) && line.contains(u"replaying 2"_s);
        }));
        // The drop is logged as one, not as Qt's default close code.
        QVERIFY(std::any_of(lines.begin(), lines.end(), [](const QString &line) {
            return line.contains(u"disconnected: alice"_s) && line.contains(u"without a close frame (1006)"_s);
        }));
        const auto closedNormally = [&logs] {
            const QList<QString> now = logs.linesIn(u"agentdesk.websocket"_s);
            return std::any_of(now.begin(), now.end(), [](const QString &line) {
                return line.contains(u"disconnected: alice"_s) && line.contains(u"close code 1000"_s);
            });
        };
        QTRY_VERIFY(closedNormally());
        for (const QString &line : logs.lines())
            QVERIFY2(!line.contains(m_alice), qPrintable(line));
    }

    void answersKeepWorkingAfterReattach()
    {
        // Several questions: the replay ends with the one pending, and an
        // answer repeated by a client unsure whether it arrived is ignored.
        auto first = std::make_unique<WebSocketClient>();
        const QJsonObject payload = startRun(*first, u"showcase"_s);
        QVERIFY(!payload.isEmpty());
        const QJsonObject name = first->messages().last();
        first->sendJson(answerTo(name, u"Ada"_s));
        const auto password = first->waitForType(u"text_input"_s);
        QVERIFY(password);
        const QList<QJsonObject> seen = first->messages();
        first->socket().abort();
        first.reset();

        WebSocketClient second;
        QVERIFY(second.open(m_server->webSocketUrl(), m_alice));
        second.sendJson(payload);
        QVERIFY(second.waitForMessages(seen.size()));
        QCOMPARE(uuids(second.messages()), uuids(seen));
        QCOMPARE(second.messages().last().value(u"uuid"), password->value(u"uuid"));

        second.sendJson(answerTo(name, u"Ada"_s)); // again
        second.sendJson(answerTo(*password, u"s3cret"_s));
        second.waitForType(u"text_input"_s); // skip the replayed ones
        second.waitForType(u"text_input"_s);
        const auto colour = second.waitForType(u"multiple_choice"_s);
        QVERIFY(colour);
        second.sendJson(answerTo(*colour, u"red"_s));
        const auto toppings = second.waitForType(u"multiple_choice"_s);
        QVERIFY(toppings);
        second.sendJson(answerTo(*toppings, u"tomato, olives"_s));
        const auto completed = second.waitForType(u"workflow_completed"_s);
        QVERIFY(completed);
        const QString result = completed->value(u"content").toObject().value(u"result").toString();
        QVERIFY2(result.contains(u"Ada got a pizza with tomato, olives on a red plate"_s), qPrintable(result));
        QVERIFY2(second.ofType(u"error"_s).isEmpty(), qPrintable(second.types().join(u',')));
    }

    void newSocketTakesOverFromAnOpenOne()
    {
        // The old connection is still open (its death not noticed yet).
        WebSocketClient first;
        const QJsonObject payload = startRun(first, u"waiting"_s);
        QVERIFY(!payload.isEmpty());
        Run *run = m_server->server().runs().find(hex(payload));
        QVERIFY(run && run->isAttached());

        WebSocketClient second;
        QVERIFY(second.open(m_server->webSocketUrl(), m_alice));
        second.sendJson(payload);
        QVERIFY(second.waitForMessages(2));
        QCOMPARE(uuids(second.messages()), uuids(first.messages()));
        QVERIFY(first.waitForDisconnected());
        QCOMPARE(first.closeCode(), int(QWebSocketProtocol::CloseCodePolicyViolated));
        QCOMPARE(first.closeReason(), u"replaced by a new connection"_s);
        QVERIFY(second.isConnected());
        QVERIFY(run->isAttached());
        QCOMPARE(run->state(), Run::State::Running);

        second.sendText(u"done"_s);
        QVERIFY(second.waitForType(u"workflow_completed"_s));
        QVERIFY(second.waitForDisconnected());
        QCOMPARE(second.closeCode(), int(QWebSocketProtocol::CloseCodeNormal));
        QCOMPARE(first.types(), (QStringList{u"workflow_started"_s, u"text_input"_s}));
    }

    void anotherUserIsRefused()
    {
        auto owner = std::make_unique<WebSocketClient>();
        const QJsonObject payload = startRun(*owner, u"waiting"_s);
        QVERIFY(!payload.isEmpty());
        Run *run = m_server->server().runs().find(hex(payload));
        QVERIFY(run);
        owner->socket().abort();
        owner.reset();
        QTRY_VERIFY(!run->isAttached());

        WebSocketClient intruder;
        QVERIFY(intruder.open(m_server->webSocketUrl(), m_bob));
        intruder.sendJson(payload);
        QVERIFY(intruder.waitForDisconnected());
        QCOMPARE(intruder.closeCode(), int(QWebSocketProtocol::CloseCodePolicyViolated));
        QCOMPARE(intruder.types(), QStringList{u"error"_s});
        QVERIFY(intruder.messages().first().value(u"content").toObject().value(u"short").toString().contains(
                u"Unknown workflow_uuid"_s));
        QCOMPARE(run->state(), Run::State::Running);
        QVERIFY(!run->isAttached());
        QCOMPARE(run->messages().size(), 2);

        WebSocketClient back;
        QVERIFY(back.open(m_server->webSocketUrl(), m_alice));
        back.sendJson(payload);
        QVERIFY(back.waitForMessages(2));
        back.sendText(u"mine"_s);
        const auto completed = back.waitForType(u"workflow_completed"_s);
        QVERIFY(completed);
        QCOMPARE(completed->value(u"content").toObject().value(u"result").toString(), u"mine"_s);
    }

    void runFinishedWhileDetachedIsReplayedAndClosed()
    {
        auto first = std::make_unique<WebSocketClient>();
        const QJsonObject payload = startRun(*first, u"delayed"_s);
        QVERIFY(!payload.isEmpty());
        Run *run = m_server->server().runs().find(hex(payload));
        QVERIFY(run);
        first->sendText(u"sums"_s);
        QVERIFY(first->waitForType(u"text_message"_s));
        first->socket().abort(); // gone before the workflow finishes
        first.reset();
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), Run::State::Finished, 5000);
        QVERIFY(!run->isAttached());

        WebSocketClient second;
        QVERIFY(second.open(m_server->webSocketUrl(), m_alice));
        second.sendJson(payload);
        QVERIFY(second.waitForDisconnected());
        QCOMPARE(second.closeCode(), int(QWebSocketProtocol::CloseCodeNormal));
        QCOMPARE(second.types(), (QStringList{u"workflow_started"_s, u"text_input"_s, u"text_message"_s,
                                              u"workflow_completed"_s}));
        QCOMPARE(second.messages().last().value(u"content").toObject().value(u"result").toString(), u"sums"_s);
        QCOMPARE(m_server->server().runs().find(hex(payload)), run); // until the grace period ends
    }

    void afterTheGracePeriodTheRunIsUnknown()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) { config.runGraceSeconds = 1; });
        QVERIFY2(m_server->start(), qPrintable(m_server->startError()));
        m_server->server().workflows().add(waitingWorkflow());
        QVERIFY(m_server->addUser(u"alice"_s, kPassword));
        m_alice = m_server->login(u"alice"_s, kPassword);

        auto first = std::make_unique<WebSocketClient>();
        const QJsonObject payload = startRun(*first, u"waiting"_s);
        QVERIFY(!payload.isEmpty());
        QSignalSpy removed(&m_server->server().runs(), &RunTable::runRemoved);
        first->socket().abort();
        first.reset();
        QVERIFY(removed.wait(5000));

        WebSocketClient late;
        QVERIFY(late.open(m_server->webSocketUrl(), m_alice));
        late.sendJson(payload);
        QVERIFY(late.waitForDisconnected());
        QCOMPARE(late.closeCode(), int(QWebSocketProtocol::CloseCodePolicyViolated));
        QCOMPARE(late.types(), QStringList{u"error"_s});
        QVERIFY(late.messages().first().value(u"content").toObject().value(u"short").toString().contains(
                u"Unknown workflow_uuid"_s));
    }
};

QTEST_GUILESS_MAIN(TestReattach)
#include "tst_reattach.moc"
