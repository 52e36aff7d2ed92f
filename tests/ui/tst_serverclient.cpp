// ServerClient against a real server on loopback: the token form (with
// characters that need encoding), FastAPI error details, 401 as a distinct
// signal, discovery and initiate, and the network failures.
#include "TestServer.h"
#include "api/ServerClient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

class TestServerClient : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void normalizesServerUrls_data();
    void normalizesServerUrls();
    void webSocketUrl();
    void fastApiDetails_data();
    void fastApiDetails();

    void loginWithCharactersThatNeedEncoding();
    void wrongPassword();
    void discoveryAndInitiate();
    void protectedRoutesWithoutAValidToken_data();
    void protectedRoutesWithoutAValidToken();
    void unknownWorkflowIs404();
    void serverDown();
    void serverThatNeverAnswers();
    void abortedRequestsStaySilent();

private:
    QString loginAs(const QString &username, const QString &password);
    std::unique_ptr<test::TestServer> m_server;
    std::unique_ptr<ServerClient> m_client;
};

void TestServerClient::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<ServerClient>();
    m_client->setBaseUrl(m_server->url());
}

void TestServerClient::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString TestServerClient::loginAs(const QString &username, const QString &password)
{
    QSignalSpy loggedIn(m_client.get(), &ServerClient::loggedIn);
    m_client->login(username, password);
    if (!loggedIn.wait(10000))
        return {};
    return loggedIn.at(0).at(0).toString();
}

void TestServerClient::normalizesServerUrls_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("plain") << u"http://127.0.0.1:8008"_s << u"http://127.0.0.1:8008/"_s;
    QTest::newRow("no scheme") << u"localhost:8008"_s << u"http://localhost:8008/"_s;
    QTest::newRow("https path") << u"https://example.org/agents"_s << u"https://example.org/agents/"_s;
    QTest::newRow("spaces") << u"  http://h:1/  "_s << u"http://h:1/"_s;
    QTest::newRow("upper scheme") << u"HTTP://h:1"_s << u"http://h:1/"_s;
    QTest::newRow("query dropped") << u"http://h:1/?x=1#f"_s << u"http://h:1/"_s;
    QTest::newRow("empty") << u""_s << QString();
    QTest::newRow("ftp") << u"ftp://h"_s << QString();
    QTest::newRow("no host") << u"http://"_s << QString();
}

void TestServerClient::normalizesServerUrls()
{
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    QString error;
    const auto url = ServerClient::normalizeServerUrl(typed, &error);
    if (expected.isEmpty()) {
        QVERIFY(!url);
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(url, qPrintable(error));
        QCOMPARE(url->toString(), expected);
    }
}

void TestServerClient::webSocketUrl()
{
    ServerClient client;
    client.setBaseUrl(QUrl(u"http://127.0.0.1:8008"_s));
    QCOMPARE(client.webSocketUrl().toString(), u"ws://127.0.0.1:8008/fastagency/ws"_s);
    client.setBaseUrl(QUrl(u"https://example.org/agents"_s));
    QCOMPARE(client.webSocketUrl().toString(), u"wss://example.org/agents/fastagency/ws"_s);
}

void TestServerClient::fastApiDetails_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string") << QByteArray(R"({"detail":"Not authenticated"})") << u"Not authenticated"_s;
    QTest::newRow("422") << QByteArray(R"({"detail":[{"type":"missing","loc":["body","workflow_name"],"msg":"Field required"},{"loc":["body","params",0],"msg":"bad"}]})")
                         << u"workflow_name: Field required; params.0: bad"_s;
    QTest::newRow("not json") << QByteArray("<html>502</html>") << QString();
    QTest::newRow("no detail") << QByteArray(R"({"error":"x"})") << QString();
}

void TestServerClient::fastApiDetails()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(fastApiDetail(body), expected);
}

void TestServerClient::loginWithCharactersThatNeedEncoding()
{
    // '+', '&', '=', '%' and spaces mean something in a form body.
    const QString username = u"o.brien+test@example.org"_s;
    const QString password = u"p&ss=w+rd %20 ünï €"_s;
    QVERIFY(m_server->addUser(username, password));
    const QString token = loginAs(username, password);
    QVERIFY(!token.isEmpty());

    // The token works.
    m_client->setToken(token);
    QSignalSpy workflows(m_client.get(), &ServerClient::workflowsReceived);
    m_client->fetchWorkflows();
    QVERIFY(workflows.wait(10000));
}

void TestServerClient::wrongPassword()
{
    QVERIFY(m_server->addUser(u"alice"_s, u"right password"_s));
    QSignalSpy failed(m_client.get(), &ServerClient::loginFailed);
    QSignalSpy expired(m_client.get(), &ServerClient::authenticationExpired);
    m_client->login(u"alice"_s, u"wrong password"_s);
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(0).toString().contains(u"Incorrect username or password"_s),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(expired.size(), 0); // a failed login is not an expired session
}

void TestServerClient::discoveryAndInitiate()
{
    QVERIFY(m_server->addUser(u"alice"_s, u"right password"_s));
    m_client->setToken(loginAs(u"alice"_s, u"right password"_s));
    QVERIFY(m_client->hasToken());

    QSignalSpy workflows(m_client.get(), &ServerClient::workflowsReceived);
    m_client->fetchWorkflows();
    QVERIFY(workflows.wait(10000));
    const auto list = workflows.at(0).at(0).value<QList<WorkflowInfo>>();
    const auto showcase = std::find_if(list.begin(), list.end(),
                                       [](const WorkflowInfo &w) { return w.name == u"showcase"; });
    QVERIFY(showcase != list.end());
    QVERIFY(!showcase->description.isEmpty());

    QSignalSpy initiated(m_client.get(), &ServerClient::workflowInitiated);
    m_client->initiateWorkflow(u"showcase"_s);
    QVERIFY(initiated.wait(10000));
    const auto payload = initiated.at(0).at(0).value<InitiatePayload>();
    QCOMPARE(payload.name, u"showcase"_s);
    QVERIFY(canonicalHexUuid(payload.workflowUuid));
    QCOMPARE(m_client->pendingRequests(), 0);
}

void TestServerClient::protectedRoutesWithoutAValidToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("detail");
    QTest::newRow("none") << QString() << u"Not authenticated"_s;
    QTest::newRow("garbage") << u"garbage"_s << u"Could not validate credentials"_s;
    QTest::newRow("forged") << u"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9."_s
                            << u"Could not validate credentials"_s;
}

void TestServerClient::protectedRoutesWithoutAValidToken()
{
    QFETCH(QString, token);
    QFETCH(QString, detail);
    m_client->setToken(token);
    QSignalSpy expired(m_client.get(), &ServerClient::authenticationExpired);
    QSignalSpy failed(m_client.get(), &ServerClient::requestFailed);
    m_client->fetchWorkflows();
    QVERIFY(expired.wait(10000));
    QCOMPARE(expired.at(0).at(0).toString(), detail);
    m_client->initiateWorkflow(u"showcase"_s);
    QVERIFY(expired.wait(10000));
    QCOMPARE(failed.size(), 0);
}

void TestServerClient::unknownWorkflowIs404()
{
    QVERIFY(m_server->addUser(u"alice"_s, u"right password"_s));
    m_client->setToken(loginAs(u"alice"_s, u"right password"_s));
    QSignalSpy failed(m_client.get(), &ServerClient::requestFailed);
    m_client->initiateWorkflow(u"no_such_workflow"_s);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(0).value<ServerClient::Operation>(), ServerClient::Operation::Initiate);
    const QString text = failed.at(0).at(1).toString();
    QVERIFY2(text.startsWith(u"Starting the workflow failed: "_s), qPrintable(text));
    QVERIFY2(text.contains(u"no_such_workflow"_s), qPrintable(text));
}

void TestServerClient::serverDown()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    m_client->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    m_client->setToken(u"whatever"_s);
    QSignalSpy failed(m_client.get(), &ServerClient::requestFailed);
    m_client->fetchWorkflows();
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(1).toString().contains(u"refused the connection"_s),
             qPrintable(failed.at(0).at(1).toString()));
}

void TestServerClient::serverThatNeverAnswers()
{
    // Accepts the connection, reads, never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            held.append(socket);
    });
    m_client->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())));
    m_client->setTimeout(std::chrono::milliseconds(500));
    QSignalSpy failed(m_client.get(), &ServerClient::loginFailed);
    m_client->login(u"a"_s, u"b"_s);
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(0).toString().contains(u"did not answer"_s),
             qPrintable(failed.at(0).at(0).toString()));
}

void TestServerClient::abortedRequestsStaySilent()
{
    QSignalSpy failed(m_client.get(), &ServerClient::requestFailed);
    QSignalSpy received(m_client.get(), &ServerClient::workflowsReceived);
    QSignalSpy expired(m_client.get(), &ServerClient::authenticationExpired);
    m_client->fetchWorkflows();
    m_client->abortAll();
    QTest::qWait(300);
    QCOMPARE(failed.size() + received.size() + expired.size(), 0);
    QCOMPARE(m_client->pendingRequests(), 0);
}

QTEST_GUILESS_MAIN(TestServerClient)
#include "tst_serverclient.moc"
