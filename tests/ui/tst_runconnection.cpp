// RunConnection against a real server: the Bearer header on the handshake,
// the initiate payload first, every frame parsed, answers as
// InputResponseModel, finished after workflow_completed; refusals and
// drops as clear errors.
#include "TestServer.h"
#include "api/RunConnection.h"
#include "api/ServerClient.h"

#include <QSignalSpy>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
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
    void dropAfterStartIsReportedNotRetried();
    void answerWhenNotRunning();

private:
    InitiatePayload initiate();
    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<ServerClient> m_client;
};

void TestRunConnection::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY(m_server->start());
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

InitiatePayload TestRunConnection::initiate()
{
    QSignalSpy initiated(m_client.get(), &ServerClient::workflowInitiated);
    m_client->initiateWorkflow(u"showcase"_s);
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

// A TCP relay to the server that can be opened on a fixed port later.
class LateRelay : public QObject
{
public:
    LateRelay(quint16 port, quint16 target) : m_port(port), m_target(target) {}
    bool open()
    {
        if (!m_listener.listen(QHostAddress::LocalHost, m_port))
            return false;
        connect(&m_listener, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_listener.nextPendingConnection()) {
                auto *upstream = new QTcpSocket(this);
                m_pairs.append(std::pair(QPointer(client), QPointer(upstream)));
                connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] { upstream->write(client->readAll()); });
                connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
                connect(upstream, &QTcpSocket::connected, upstream, [client, upstream] { upstream->write(client->readAll()); });
                connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
                connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                upstream->connectToHost(QHostAddress::LocalHost, m_target);
            }
        });
        return true;
    }
    void cut()
    {
        for (const auto &[client, upstream] : std::as_const(m_pairs)) {
            if (client)
                client->abort();
            if (upstream)
                upstream->abort();
        }
    }

private:
    quint16 m_port;
    quint16 m_target;
    QTcpServer m_listener;
    QList<std::pair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
};

void TestRunConnection::retriesWithBackoffUntilTheServerIsBack()
{
    const InitiatePayload payload = initiate();
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    LateRelay relay(port, m_server->url().port());

    RunConnection run;
    run.setRetryPolicy(4, std::chrono::milliseconds(100));
    QSignalSpy retrying(&run, &RunConnection::retrying);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    connect(&run, &RunConnection::messageArrived, this, [&](const Message &m) { messages.append(m); });
    // The first try finds nobody; the server "comes back" before the next.
    connect(&run, &RunConnection::retrying, this, [&] { relay.open(); });
    run.start(QUrl(u"ws://127.0.0.1:%1/fastagency/ws"_s.arg(port)), m_client->token(), payload);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10000);
    QCOMPARE(retrying.size(), 1);
    QVERIFY(retrying.at(0).at(3).toString().contains(u"refused"_s));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(run.state(), RunConnection::State::Running);
    QCOMPARE(messages.first().type, MessageType::WorkflowStarted);
}

void TestRunConnection::dropAfterStartIsReportedNotRetried()
{
    const InitiatePayload payload = initiate();
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    LateRelay relay(port, m_server->url().port());
    QVERIFY(relay.open());
    RunConnection run;
    run.setRetryPolicy(4, std::chrono::milliseconds(50));
    QSignalSpy retrying(&run, &RunConnection::retrying);
    QSignalSpy failed(&run, &RunConnection::failed);
    QList<Message> messages;
    connect(&run, &RunConnection::messageArrived, this, [&](const Message &m) { messages.append(m); });
    run.start(QUrl(u"ws://127.0.0.1:%1/fastagency/ws"_s.arg(port)), m_client->token(), payload);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(messages.begin(), messages.end(), [](const Message &m) { return m.isAsking(); }),
                             10000);
    relay.cut();
    QVERIFY(failed.wait(10000));
    const QString error = failed.at(0).at(0).toString();
    QVERIFY2(error.contains(u"lost"_s) && error.contains(u"cannot be resumed"_s), qPrintable(error));
    QCOMPARE(retrying.size(), 0);
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
