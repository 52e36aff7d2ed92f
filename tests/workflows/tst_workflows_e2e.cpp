// The configured workflows through the real server: login, initiate, the
// WebSocket, against the stand-in LLM; the shipped example file with its
// process workflow; runs refused by a limit (at initiate, and at start); a bad file refusing start-up.

#include "FakeLlmServer.h"
#include "RunTable.h"
#include "TestServer.h"
#include "WebSocketClient.h"
#include "WorkflowRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace agentdesk;
using namespace agentdesk::test;
using namespace Qt::StringLiterals;

namespace {
const QString kPassword = u"correct horse battery staple"_s;
}

class tst_WorkflowsE2E : public QObject
{
    Q_OBJECT

private:
    QString examplesFile() const
    {
        return QDir(qEnvironmentVariable("AGENTDESK_EXAMPLES")).filePath(u"workflows.json"_s);
    }

    // Starts a run and sends the initiate payload; the socket is open.
    bool begin(TestServer &server, WebSocketClient &ws, const QString &token, const QString &workflow,
               const QJsonObject &params = {})
    {
        const QJsonObject initiated = server.initiate(token, workflow, params);
        if (initiated.isEmpty() || !ws.open(server.webSocketUrl(), token))
            return false;
        ws.sendJson(initiated);
        return true;
    }

private Q_SLOTS:
    void simpleLearningOverTheWebSocket()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        TestServer server([&](ServerConfig &config) {
            config.llmBaseUrl = llm.baseUrl().toString();
            config.llmApiKey = u"sk-e2e"_s;
        });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        const QString token = server.login(u"alice"_s, kPassword);

        const QJsonArray discovery = server.get(u"/fastagency/discovery"_s, token).json().array();
        QVERIFY(discovery.contains(QJsonObject{{u"name"_s, u"simple_learning"_s},
                                               {u"description"_s, u"Student and teacher learning chat"_s}}));

        WebSocketClient ws;
        QVERIFY(begin(server, ws, token, u"simple_learning"_s));
        const auto question = ws.waitForType(u"text_input"_s);
        QVERIFY(question);
        QCOMPARE(question->value(u"sender").toString(), u"Workflow"_s);
        QCOMPARE(question->value(u"recipient").toString(), u"User"_s);
        QCOMPARE(question->value(u"content").toObject().value(u"prompt").toString(),
                 u"I can help you learn about mathematics. What subject you would like to explore?"_s);
        ws.sendText(u"Fractions"_s); // the raw text, as upstream's clients answer
        QVERIFY(ws.waitForType(u"workflow_completed"_s, 30000));

        const QStringList types = ws.types();
        QStringList expected{u"workflow_started"_s, u"text_input"_s};
        for (int i = 0; i < 10; ++i)
            expected.append(u"text_message"_s);
        expected.append(u"workflow_completed"_s);
        QCOMPARE(types, expected);
        const QList<QJsonObject> said = ws.ofType(u"text_message"_s);
        for (int i = 0; i < said.size(); ++i) {
            const bool student = i % 2 == 0;
            QCOMPARE(said[i].value(u"sender").toString(), student ? u"Student_Agent"_s : u"Teacher_Agent"_s);
            QCOMPARE(said[i].value(u"recipient").toString(), student ? u"Teacher_Agent"_s : u"Student_Agent"_s);
            QCOMPARE(said[i].value(u"content").toObject().value(u"body").toString(),
                     i == 0 ? u"Fractions"_s : u"reply %1"_s.arg(i));
        }
        QCOMPARE(ws.messages().last().value(u"content").toObject().value(u"result").toString(), u"reply 10"_s);
        QCOMPARE(llm.requests().size(), 10);
        QCOMPARE(llm.requests().first().header("authorization"), "Bearer sk-e2e"_ba);
        QVERIFY(ws.waitForDisconnected());
    }

    void noKeyIsAnErrorMessage()
    {
        TestServer server; // no key configured
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        const QString token = server.login(u"alice"_s, kPassword);
        WebSocketClient ws;
        QVERIFY(begin(server, ws, token, u"simple_learning"_s));
        QVERIFY(ws.waitForType(u"workflow_completed"_s));
        QCOMPARE(ws.types(), (QStringList{u"workflow_started"_s, u"error"_s, u"workflow_completed"_s}));
        const QJsonObject error = ws.ofType(u"error"_s).first().value(u"content").toObject();
        QVERIFY(error.value(u"short").toString().contains(u"no API key"_s));
        QVERIFY(error.value(u"long").toString().contains(u"OPENAI_API_KEY"_s));
    }

    void exampleFileWithProcessWorkflow()
    {
        TestServer server([&](ServerConfig &config) { config.workflowsFile = examplesFile(); });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        QVERIFY(server.addUser(u"alice"_s, kPassword));
        const QString token = server.login(u"alice"_s, kPassword);
        const QJsonObject root = server.get(u"/"_s).object().value(u"Workflows").toObject();
        QVERIFY(root.contains(u"ask_twice"));
        QVERIFY(root.contains(u"simple_learning"));

        WebSocketClient ws;
        QVERIFY(begin(server, ws, token, u"ask_twice"_s, QJsonObject{{u"greeting"_s, u"Welcome"_s}}));
        const auto first = ws.waitForType(u"text_input"_s);
        QVERIFY(first);
        ws.sendText(u"Grace"_s);
        const auto second = ws.waitForType(u"text_input"_s);
        QVERIFY(second);
        QCOMPARE(second->value(u"content").toObject().value(u"prompt").toString(),
                 u"Welcome, Grace! What is your favourite colour?"_s);
        // The InputResponseModel form works too.
        ws.sendJson(QJsonObject{{u"msg"_s, u"green"_s}, {u"question_uuid"_s, second->value(u"uuid").toString()}});
        const auto completed = ws.waitForType(u"workflow_completed"_s);
        QVERIFY(completed);
        QCOMPARE(completed->value(u"content").toObject().value(u"result").toObject(),
                 (QJsonObject{{u"name"_s, u"Grace"_s}, {u"colour"_s, u"green"_s}}));
        QCOMPARE(ws.ofType(u"text_message"_s).first().value(u"workflow_uuid").toString(),
                 first->value(u"workflow_uuid").toString());
    }

    void runLimitRefusesClearly()
    {
        TestServer server([](ServerConfig &config) { config.maxRunsPerUser = 1; });
        QVERIFY2(server.start(), qPrintable(server.startError()));
        const auto alice = server.addUser(u"alice"_s, kPassword);
        QVERIFY(alice);
        const QString token = server.login(u"alice"_s, kPassword);

        WebSocketClient first;
        QVERIFY(begin(server, first, token, u"showcase"_s));
        QVERIFY(first.waitForType(u"text_input"_s)); // running, waiting for an answer

        // Initiate counts the runs the user holds: refused before any socket.
        const HttpResult refused = server.post(
                u"/fastagency/initiate_workflow"_s,
                R"({"workflow_name": "showcase", "workflow_uuid": "x", "user_id": null, "params": {}})",
                "application/json", token);
        QCOMPARE(refused.status, 429);
        QVERIFY2(refused.detail().startsWith(u"Too many workflow runs: "_s), qPrintable(refused.detail()));
        QVERIFY2(refused.detail().contains(u"per user"_s), qPrintable(refused.detail()));

        // The start-time limit still holds for a run that did not come
        // through initiate: it fails with workflow_started, error, completed.
        const Workflow *showcase = server.server().workflows().find(u"showcase"_s);
        QVERIFY(showcase);
        Run *bypass = server.server().runs().create(alice->id, *showcase, {});
        WebSocketClient second;
        QVERIFY(second.open(server.webSocketUrl(), token));
        second.sendJson(QJsonObject{{u"workflow_uuid"_s, bypass->uuid()},
                                    {u"name"_s, u"showcase"_s},
                                    {u"params"_s, QJsonObject{}}});
        QVERIFY(second.waitForType(u"workflow_completed"_s));
        QCOMPARE(second.types(), (QStringList{u"workflow_started"_s, u"error"_s, u"workflow_completed"_s}));
        const QJsonObject error = second.ofType(u"error"_s).first().value(u"content").toObject();
        QCOMPARE(error.value(u"short").toString(), u"Too many workflow runs"_s);
        QVERIFY(error.value(u"long").toString().contains(u"per user"_s));

        // The first run is untouched.
        QVERIFY(first.isConnected());
        QCOMPARE(first.ofType(u"error"_s).size(), 0);
    }

    void badFileRefusesStartUp()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"workflows.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"workflows": [{"name": "broken", "description": "d", "type": "agent_chat", "question": "Q", "agents": []}]})");
        file.close();
        TestServer server([&](ServerConfig &config) { config.workflowsFile = path; });
        QVERIFY(!server.start());
        QVERIFY2(server.startError().contains(path), qPrintable(server.startError()));
        QVERIFY2(server.startError().contains(u"workflows[0] (\"broken\")"_s), qPrintable(server.startError()));
        QVERIFY2(server.startError().contains(u"\"agents\""_s), qPrintable(server.startError()));
        QCOMPARE(server.port(), 0); // not listening
    }
};

QTEST_GUILESS_MAIN(tst_WorkflowsE2E)
#include "tst_workflows_e2e.moc"
