// RunConnection against a real server: the Bearer header on the handshake,
// the initiate payload first, every frame parsed, answers as
// InputResponseModel, finished after workflow_completed; refusals as clear
// errors; a drop mid-run reconnected with backoff (through a TcpRelay that
// cuts the connection for real), nothing delivered twice.
#include "TcpRelay.h"
#include "TestServer.h"
#include "TestWorkflows.h"
#include "api/RunConnection.h"
#include "api/ServerClient.h"
#include "RunTable.h"
#include "UserStore.h"
#include "WebSocketClient.h"
#include "WorkflowRegistry.h"

#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

class TestRunConnection : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void showcaseRunsToCompletion();
    void handshakeWithoutValidTokenIs401();
    void uuidNeverIssuedIsRefused();
    void serverStopsMidRun();
    void nobodyListening();
    void retriesWithBackoffUntilTheServerIsBack();
    void dropMidRunReconnectsAndResumes();
    void answerGivenWhileReconnectingArrives();
    void answerLostInFlightIsSentAgain();
    void runFinishedDuringTheDrop();
    void serverGoneForGood();
    void refusedOnReconnect_data();
    void refusedOnReconnect();
    void tokenExpiredDuringTheDropResumesAfterSignIn();
    void runGoneFromTheServerIsSaidPlainly();
    void takenOverIsFinal();
    void answerWhenNotRunning();

private:
    InitiatePayload initiate(const QString &workflow = QStringLiteral("showcase"));
    // A "waiting" run through `relay`, up to its question (the last message).
    bool startThroughRelay(RunConnection &run, test::TcpRelay &relay, QList<Message> &messages);
    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<ServerClient> m_client;
};

void TestRunConnection::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY(m_server->start());
    m_server->server().workflows().add(test::waitingWorkflow());
    QVERIFY(m_server->addUser(u"alice"_s, u"alice's password"_s));
    m_client = std::make_unique<ServerClient>();
    m_client->setBaseUrl(m_server->url());
    QSignalSpy loggedIn(m_client.get(), &ServerClient::loggedIn);
    m_client->login(u"alice"_s, u"alice's password"_s);
    QVERIFY(loggedIn.wait(10000));
    m_client->setToken(loggedIn.at(0).at(0).toString());
}

void TestRunConnection::cleanup()
{
    m_client.reset();
    m_server.reset();
}

InitiatePayload TestRunConnection::initiate(const QString &workflow)
{
    QSignalSpy initiated(m_client.get(), &ServerClient::workflowInitiated);
    m_client->initiateWorkflow(workflow);
    if (!initiated.wait(10000))
        return {};
    return initiated.at(0).at(0).value<InitiatePayload>();
}

void TestRunConnection::showcaseRunsToCompletion()
{
    const InitiatePayload payload = initiate();
    QVERIFY(!payload.workflowUuid.isEmpty());
    RunConnection run;
    QList<Message> messages;
    connect(&run, &RunConnection::messageArrived, this, [&](const Message &message) {
        messages.append(message);
        if (!message.isAsking())
            return;
        // Answer each question as the dialogs would.
        QString answer = u"Ada"_s;
        if (message.content.value(u"password").toBool())
            answer = u"s3cret"_s;
        else if (message.type == MessageType::MultipleChoice)
            answer = message.content.value(u"single").toBool() ? u"red"_s : u"tomato, olives"_s;
        QVERIFY(run.sendAnswer(answer, message.uuid));
    });
    QSignalSpy connected(&run, &RunConnection::connected);
    QSignalSpy finished(&run, &RunConnection::finished);
    QSignalSpy failed(&run, &RunConnection::failed);
    run.start(m_client->webSocketUrl(), m_client->token(), payload);
    QCOMPARE(run.state(), RunConnection::State::Connecting);
    QVERIFY(finished.wait(15000));
    QCOMPARE(connected.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(run.state(), RunConnection::State::Finished);

    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.first().type, MessageType::WorkflowStarted);
    QCOMPARE(messages.first().content.value(u"name").toString(), u"showcase"_s);
    QCOMPARE(messages.last().type, MessageType::WorkflowCompleted);
    const QString result = messages.last().content.value(u"result").toString();
    QVERIFY2(result.contains(u"Ada got a pizza with tomato, olives on a red plate and kept a secret"_s),
             qPrintable(result));
    for (const Message &message : std::as_const(messages))
        QCOMPARE(message.workflowUuid, *canonicalHexUuid(payload.workflowUuid));
}

void TestRunConnection::handshakeWithoutValidTokenIs401()
{
    const InitiatePayload payload = initiate();
    RunConnection run;
    QSignalSpy refused(&run, &RunConnection::authenticationRefused);
    QSignalSpy failed(&run, &RunConnection::failed);
    QSignalSpy messages(&run, &RunConnection::messageArrived);
    run.start(m_client->webSocketUrl(), u"not-a-token"_s, payload);
    QVERIFY(refused.wait(10000));
    QVERIFY(refused.at(0).at(0).toString().contains(u"no longer valid"_s));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(messages.size(), 0);
    QCOMPARE(run.state(), RunConnection::State::Failed);
}

void TestRunConnection::uuidNeverIssuedIsRefused()
{
    InitiatePayload payload = initiate();
    payload.workflowUuid = newHexUuid();
    RunConnection run;
    QSignalSpy failed(&run, &RunConnection::failed);
    QSignalSpy finished(&run, &RunConnection::finished);
    QList<Message> messages;
    connect(&run, &RunConnection::messageArrived, this, [&](const Message &m) { messages.append(m); });
    run.start(m_client->webSocketUrl(), m_client->token(), payload);
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() + finished.size() > 0, 10000);
    // Whatever the server's words, the run ends and an error is visible.
    const bool errorShown = std::any_of(messages.begin(), messages.end(), [](const Message &m) {
        return m.type == MessageType::Error;
    });
    QVERIFY(errorShown || failed.size() == 1);
}

void TestRunConnection::serverStopsMidRun()
{
    const InitiatePayload payload = initiate();
    RunConnection run;
    QSignalSpy finished(&run, &RunConnection::finished);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    connect(&run, &RunConnection::messageArrived, this, [&](const Message &m) { messages.append(m); });
    run.start(m_client->webSocketUrl(), m_client->token(), payload);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(messages.begin(), messages.end(),
                                         [](const Message &m) { return m.isAsking(); }),
                             10000);
    m_server->server().stop();
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() == 1, 10000);
    QVERIFY(run.state() == RunConnection::State::Finished || run.state() == RunConnection::State::Failed);
    QVERIFY(!run.sendAnswer(u"too late"_s, messages.last().uuid));
}

void TestRunConnection::nobodyListening()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QUrl url(u"ws://127.0.0.1:%1/fastagency/ws"_s.arg(probe.serverPort()));
    probe.close();
    RunConnection run;
    run.setRetryPolicy(3, std::chrono::milliseconds(50));
    QSignalSpy failed(&run, &RunConnection::failed);
    QSignalSpy retrying(&run, &RunConnection::retrying);
    run.start(url, u"token"_s, InitiatePayload{std::nullopt, newHexUuid(), u"showcase"_s, {}});
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(0).toString().contains(u"refused the connection"_s),
             qPrintable(failed.at(0).at(0).toString()));
    // Two more tries, the second after twice the wait, then the failure.
    QCOMPARE(retrying.size(), 2);
    QCOMPARE(retrying.at(0).at(0).toInt(), 2);
    QCOMPARE(retrying.at(1).at(0).toInt(), 3);
    QCOMPARE(retrying.at(0).at(2).value<std::chrono::milliseconds>(), std::chrono::milliseconds(50));
    QCOMPARE(retrying.at(1).at(2).value<std::chrono::milliseconds>(), std::chrono::milliseconds(100));
}

bool TestRunConnection::startThroughRelay(RunConnection &run, test::TcpRelay &relay,
                                          QList<Message> &messages)
{
    const InitiatePayload payload = initiate(u"waiting"_s);
    if (payload.workflowUuid.isEmpty() || !relay.listen())
        return false;
    connect(&run, &RunConnection::messageArrived, this, [&](const Message &m) { messages.append(m); });
    run.start(relay.webSocketUrl(), m_client->token(), payload);
    return QTest::qWaitFor([&] { return !messages.isEmpty() && messages.last().isAsking(); }, 10000);
}

static QStringList uuidsOf(const QList<Message> &messages)
{
    QStringList uuids;
    for (const Message &message : messages)
        uuids.append(message.uuid);
    return uuids;
}

void TestRunConnection::retriesWithBackoffUntilTheServerIsBack()
{
    const InitiatePayload payload = initiate();
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    test::TcpRelay relay(m_server->port());

    RunConnection run;
    run.setRetryPolicy(4, std::chrono::milliseconds(100));
    QSignalSpy retrying(&run, &RunConnection::retrying);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    connect(&run, &RunConnection::messageArrived, this, [&](const Message &m) { messages.append(m); });
    // The first try finds nobody; the server "comes back" before the next.
    connect(&run, &RunConnection::retrying, this, [&] { QVERIFY(relay.listen(port)); });
    run.start(QUrl(u"ws://127.0.0.1:%1/fastagency/ws"_s.arg(port)), m_client->token(), payload);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10000);
    QCOMPARE(retrying.size(), 1);
    QVERIFY(retrying.at(0).at(3).toString().contains(u"refused"_s));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(run.state(), RunConnection::State::Running);
    QCOMPARE(messages.first().type, MessageType::WorkflowStarted);
}

void TestRunConnection::dropMidRunReconnectsAndResumes()
{
    test::TcpRelay relay(m_server->port());
    RunConnection run;
    run.setReconnectPolicy(4, std::chrono::milliseconds(100));
    QSignalSpy connected(&run, &RunConnection::connected);
    QSignalSpy retrying(&run, &RunConnection::retrying);
    QSignalSpy reconnecting(&run, &RunConnection::reconnecting);
    QSignalSpy reconnected(&run, &RunConnection::reconnected);
    QSignalSpy finished(&run, &RunConnection::finished);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    QVERIFY(startThroughRelay(run, relay, messages));
    const Message question = messages.last();
    Run *serverRun = m_server->server().runs().find(*canonicalHexUuid(run.workflowUuid()));
    QVERIFY(serverRun);

    relay.cut(); // mid-question, no close frame
    QVERIFY(reconnecting.wait(10000));
    QCOMPARE(run.state(), RunConnection::State::Reconnecting);
    QCOMPARE(reconnecting.at(0).at(0).toInt(), 1);
    QCOMPARE(reconnecting.at(0).at(1).toInt(), 4);
    QCOMPARE(reconnecting.at(0).at(2).value<std::chrono::milliseconds>(), std::chrono::milliseconds(100));
    QVERIFY2(reconnecting.at(0).at(3).toString().contains(u"lost"_s),
             qPrintable(reconnecting.at(0).at(3).toString()));
    QVERIFY(reconnected.wait(10000));
    QCOMPARE(run.state(), RunConnection::State::Running);
    QTRY_VERIFY(serverRun->isAttached());
    QCOMPARE(relay.acceptedCount(), 2);
    // The replay brought nothing new: the question is not asked again.
    QTest::qWait(100);
    QCOMPARE(messages.size(), 2);

    QVERIFY(run.sendAnswer(u"resumed"_s, question.uuid));
    QVERIFY(finished.wait(10000));
    QCOMPARE(messages.last().type, MessageType::WorkflowCompleted);
    QCOMPARE(messages.last().content.value(u"result").toString(), u"resumed"_s);
    const QStringList uuids = uuidsOf(messages);
    QCOMPARE(QSet<QString>(uuids.begin(), uuids.end()).size(), uuids.size());
    QCOMPARE(messages.size(), 3);
    QCOMPARE(connected.size(), 1);
    QCOMPARE(reconnecting.size(), 1);
    QCOMPARE(reconnected.size(), 1);
    QCOMPARE(retrying.size(), 0);
    QCOMPARE(failed.size(), 0);
}

void TestRunConnection::answerGivenWhileReconnectingArrives()
{
    test::TcpRelay relay(m_server->port());
    RunConnection run;
    run.setReconnectPolicy(4, std::chrono::milliseconds(200));
    QSignalSpy reconnecting(&run, &RunConnection::reconnecting);
    QSignalSpy finished(&run, &RunConnection::finished);
    QList<Message> messages;
    QVERIFY(startThroughRelay(run, relay, messages));
    relay.cut();
    QVERIFY(reconnecting.wait(10000));
    // The dialog was open during the drop: the answer waits for the new connection.
    QVERIFY(run.sendAnswer(u"patient"_s, messages.last().uuid));
    QVERIFY(finished.wait(10000));
    QCOMPARE(messages.last().content.value(u"result").toString(), u"patient"_s);
    QCOMPARE(messages.size(), 3);
}

void TestRunConnection::answerLostInFlightIsSentAgain()
{
    test::TcpRelay relay(m_server->port());
    RunConnection run;
    run.setReconnectPolicy(4, std::chrono::milliseconds(100));
    QSignalSpy finished(&run, &RunConnection::finished);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    QVERIFY(startThroughRelay(run, relay, messages));
    Run *serverRun = m_server->server().runs().find(*canonicalHexUuid(run.workflowUuid()));
    QVERIFY(serverRun);
    relay.holdFromClient(true);
    QVERIFY(run.sendAnswer(u"second try"_s, messages.last().uuid));
    QTest::qWait(100);
    relay.cut(); // the answer never reached the server
    QVERIFY(serverRun->pendingQuestion());
    relay.holdFromClient(false);
    QVERIFY(finished.wait(10000));
    QCOMPARE(messages.last().content.value(u"result").toString(), u"second try"_s);
    QCOMPARE(messages.size(), 3);
    QCOMPARE(failed.size(), 0);
}

void TestRunConnection::runFinishedDuringTheDrop()
{
    // The answer arrived and the run finished, but workflow_completed was
    // lost with the connection: the replay brings it, the answer sent again
    // is ignored, and nothing is delivered twice.
    test::TcpRelay relay(m_server->port());
    RunConnection run;
    run.setReconnectPolicy(4, std::chrono::milliseconds(100));
    QSignalSpy reconnected(&run, &RunConnection::reconnected);
    QSignalSpy finished(&run, &RunConnection::finished);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    QVERIFY(startThroughRelay(run, relay, messages));
    Run *serverRun = m_server->server().runs().find(*canonicalHexUuid(run.workflowUuid()));
    QVERIFY(serverRun);
    relay.holdFromServer(true);
    QVERIFY(run.sendAnswer(u"quick"_s, messages.last().uuid));
    QTRY_COMPARE(serverRun->state(), Run::State::Finished);
    relay.cut();
    relay.holdFromServer(false);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reconnected.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.last().type, MessageType::WorkflowCompleted);
    QCOMPARE(messages.last().content.value(u"result").toString(), u"quick"_s);
}

void TestRunConnection::serverGoneForGood()
{
    test::TcpRelay relay(m_server->port());
    RunConnection run;
    run.setReconnectPolicy(3, std::chrono::milliseconds(20), std::chrono::milliseconds(50));
    QSignalSpy reconnecting(&run, &RunConnection::reconnecting);
    QSignalSpy reconnected(&run, &RunConnection::reconnected);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    QVERIFY(startThroughRelay(run, relay, messages));
    relay.close(); // cut, and nobody listens any more
    QVERIFY(failed.wait(10000));
    QCOMPARE(reconnecting.size(), 3);
    QCOMPARE(reconnected.size(), 0);
    QList<std::chrono::milliseconds> delays;
    for (int i = 0; i < reconnecting.size(); ++i) {
        QCOMPARE(reconnecting.at(i).at(0).toInt(), i + 1);
        QCOMPARE(reconnecting.at(i).at(1).toInt(), 3);
        delays.append(reconnecting.at(i).at(2).value<std::chrono::milliseconds>());
    }
    using std::chrono::milliseconds;
    QCOMPARE(delays, (QList<milliseconds>{milliseconds(20), milliseconds(40), milliseconds(50)}));
    QVERIFY(reconnecting.at(1).at(3).toString().contains(u"refused"_s));
    const QString error = failed.at(0).at(0).toString();
    QVERIFY2(error.contains(u"could not be restored after 3 attempts"_s), qPrintable(error));
    QCOMPARE(run.state(), RunConnection::State::Failed);
    QVERIFY(!run.sendAnswer(u"too late"_s, messages.last().uuid));
}

void TestRunConnection::refusedOnReconnect_data()
{
    QTest::addColumn<bool>("removeUser"); // else disable
    QTest::addColumn<bool>("authentication");
    QTest::addColumn<QString>("error");
    // The token names a user who no longer exists: 401, sign in again.
    QTest::newRow("401: token no longer valid") << true << true << u"no longer valid"_s;
    // PROTOCOL.md: an inactive user's handshake is 400, not 401.
    QTest::newRow("400: user disabled") << false << false << u"HTTP 400"_s;
}

void TestRunConnection::refusedOnReconnect()
{
    QFETCH(bool, removeUser);
    QFETCH(bool, authentication);
    QFETCH(QString, error);
    test::TcpRelay relay(m_server->port());
    RunConnection run;
    run.setReconnectPolicy(4, std::chrono::milliseconds(100));
    QSignalSpy reconnecting(&run, &RunConnection::reconnecting);
    QSignalSpy refused(&run, &RunConnection::authenticationRefused);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    QVERIFY(startThroughRelay(run, relay, messages));
    relay.cut();
    if (removeUser)
        QVERIFY(m_server->server().users().remove(u"alice"_s));
    else
        QVERIFY(m_server->setDisabled(u"alice"_s, true));
    QTRY_COMPARE_WITH_TIMEOUT(refused.size() + failed.size(), 1, 10000);
    QSignalSpy &ended = authentication ? refused : failed;
    QCOMPARE(ended.size(), 1);
    QVERIFY2(ended.at(0).at(0).toString().contains(error), qPrintable(ended.at(0).at(0).toString()));
    QCOMPARE(reconnecting.size(), 1); // refused at once, not tried again
    // A 401 waits for a new sign-in (resume()); anything else is the end.
    QCOMPARE(run.state(), authentication ? RunConnection::State::AwaitingSignIn : RunConnection::State::Failed);
}

void TestRunConnection::tokenExpiredDuringTheDropResumesAfterSignIn()
{
    // Opaque tokens, so the test can end the session the way expiry does.
    m_client.reset();
    m_server = std::make_unique<test::TestServer>([](ServerConfig &config) { config.tokenMode = TokenMode::Opaque; });
    QVERIFY(m_server->start());
    m_server->server().workflows().add(test::waitingWorkflow());
    const auto alice = m_server->addUser(u"alice"_s, u"alice's password"_s);
    QVERIFY(alice);
    m_client = std::make_unique<ServerClient>();
    m_client->setBaseUrl(m_server->url());
    m_client->setToken(m_server->login(u"alice"_s, u"alice's password"_s));
    QVERIFY(!m_client->token().isEmpty());

    test::TcpRelay relay(m_server->port());
    RunConnection run;
    run.setReconnectPolicy(4, std::chrono::milliseconds(100));
    QSignalSpy refused(&run, &RunConnection::authenticationRefused);
    QSignalSpy reconnected(&run, &RunConnection::reconnected);
    QSignalSpy finished(&run, &RunConnection::finished);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    QVERIFY(startThroughRelay(run, relay, messages));
    const Message question = messages.last();

    relay.cut();
    QVERIFY(m_server->server().users().removeTokensOf(alice->id)); // the session ends meanwhile
    QVERIFY(refused.wait(10000));
    QCOMPARE(run.state(), RunConnection::State::AwaitingSignIn);
    QVERIFY2(refused.at(0).at(0).toString().contains(u"Sign in again"_s), qPrintable(refused.at(0).at(0).toString()));
    // The dialog stayed open: its answer waits with the run.
    QVERIFY(run.sendAnswer(u"after signing in"_s, question.uuid));

    const QString fresh = m_server->login(u"alice"_s, u"alice's password"_s);
    QVERIFY(!fresh.isEmpty());
    QVERIFY(run.resume(fresh));
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000); // may come in the same turn
    QCOMPARE(messages.last().type, MessageType::WorkflowCompleted);
    QCOMPARE(messages.last().content.value(u"result").toString(), u"after signing in"_s);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(refused.size(), 1);
    QVERIFY(!run.resume(fresh)); // only a run waiting for a sign-in takes one
}

void TestRunConnection::runGoneFromTheServerIsSaidPlainly()
{
    test::TcpRelay relay(m_server->port());
    RunConnection run;
    run.setReconnectPolicy(4, std::chrono::milliseconds(100));
    QSignalSpy reconnected(&run, &RunConnection::reconnected);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    QVERIFY(startThroughRelay(run, relay, messages));
    const qsizetype before = messages.size();

    relay.cut();
    // As after a server restart: the server holds no such run any more.
    m_server->server().runs().clear(u"restarted"_s);
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(0).toString().contains(u"no longer has this run"_s),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(reconnected.size(), 0); // never said "reconnected"
    QCOMPARE(messages.size(), before); // and the refusal is not shown as the run's own error
    QCOMPARE(run.state(), RunConnection::State::Failed);
}

void TestRunConnection::takenOverIsFinal()
{
    // Another connection of the owner took the run (1008): not a drop, so
    // no reconnect (two clients would take it from each other forever).
    const InitiatePayload payload = initiate(u"waiting"_s);
    RunConnection run;
    run.setReconnectPolicy(4, std::chrono::milliseconds(50));
    QSignalSpy reconnecting(&run, &RunConnection::reconnecting);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    connect(&run, &RunConnection::messageArrived, this, [&](const Message &m) { messages.append(m); });
    run.start(m_client->webSocketUrl(), m_client->token(), payload);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty() && messages.last().isAsking(), 10000);
    test::WebSocketClient other;
    QVERIFY(other.open(m_server->webSocketUrl(), m_client->token()));
    other.sendJson(payload.toJson());
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(0).toString().contains(u"replaced by a new connection"_s),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(reconnecting.size(), 0);
    QVERIFY(other.waitForMessages(2));
}

void TestRunConnection::answerWhenNotRunning()
{
    RunConnection run;
    QVERIFY(!run.sendAnswer(u"x"_s, newHexUuid()));
    run.stop(); // harmless when idle
    QCOMPARE(run.state(), RunConnection::State::Idle);
}

QTEST_GUILESS_MAIN(TestRunConnection)
#include "tst_runconnection.moc"
