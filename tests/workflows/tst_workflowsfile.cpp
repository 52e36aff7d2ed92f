// The workflows file: the built-in one, the shipped example, every way a file
// can be wrong (refused with the file, the entry and the problem), and the
// start-up glue (ConfiguredWorkflows, the ServerConfig keys).

#include "AgentChatWorkflow.h"
#include "ConfiguredWorkflows.h"
#include "FakeLlmServer.h"
#include "RunnerRecorder.h"
#include "ServerConfig.h"
#include "ShowcaseWorkflow.h"
#include "WorkflowRegistry.h"
#include "WorkflowsFile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

QString agentChat(const QString &extra = {}, const QString &agents = {})
{
    return uR"({"name": "chat", "description": "d", "type": "agent_chat", "question": "Q?",
               "agents": %1 %2})"_s
            .arg(agents.isEmpty() ? uR"([{"name": "A", "system_message": "a"}, {"name": "B"}])"_s : agents,
                 extra);
}

} // namespace

class tst_WorkflowsFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(u"bin"_s));
        const QString tool = write(u"bin/tool"_s, "#!/bin/sh\nexit 0\n");
        QVERIFY(QFile::setPermissions(tool, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        write(u"bin/not-executable"_s, "data");
    }

    void builtInFile()
    {
        const auto specs = WorkflowsFile::load(WorkflowsFile::defaultPath(), QProcessEnvironment());
        QVERIFY2(specs.ok(), qPrintable(specs.error()));
        QCOMPARE(specs->size(), 1);
        QCOMPARE(specs->first().name(), u"simple_learning"_s);
        QCOMPARE(specs->first().description(), u"Student and teacher learning chat"_s);
        QVERIFY(std::holds_alternative<AgentChatSpec>(specs->first().spec));
    }

    void shippedExample()
    {
        const QString examples = qEnvironmentVariable("AGENTDESK_EXAMPLES");
        const auto specs = WorkflowsFile::load(QDir(examples).filePath(u"workflows.json"_s),
                                               QProcessEnvironment::systemEnvironment());
        QVERIFY2(specs.ok(), qPrintable(specs.error()));
        QCOMPARE(specs->size(), 2);
        const auto &process = std::get<ProcessSpec>(specs->at(1).spec);
        QCOMPARE(process.name, u"ask_twice"_s);
        QVERIFY(QFileInfo(process.program).isAbsolute());
        QVERIFY(QFileInfo(process.program).isExecutable());
        QCOMPARE(process.arguments, QStringList{u"ask_twice.py"_s});
        QCOMPARE(QDir(process.workingDirectory).canonicalPath(), QDir(examples).canonicalPath());
        QCOMPARE(process.timeout.count(), 600);
        QCOMPARE(process.passLlm, false);
    }

    void fullAgentChatEntry()
    {
        const QByteArray json = uR"({"workflows": [{"name": "tutor", "description": "A tutor", "type": "agent_chat",
            "question": {"prompt": "Which language?", "sender": "Tutor", "recipient": "Learner"},
            "agents": [{"name": "Learner_Bot", "system_message": "You learn."}, {"name": "Tutor-1", "system_message": "You teach."}],
            "max_turns": 3, "summary_method": "none", "summary_prompt": "Sum up.", "summary_role": "user",
            "llm": {"model": "llama3.1", "temperature": 0.2, "base_url": "http://127.0.0.1:11434/v1", "api_key_env": "OLLAMA_KEY"}}]})"_s
                                        .toUtf8();
        const auto specs = WorkflowsFile::parse(json, u"t.json"_s, m_dir.path(), {});
        QVERIFY2(specs.ok(), qPrintable(specs.error()));
        const auto &chat = std::get<AgentChatSpec>(specs->first().spec);
        QCOMPARE(chat.question, u"Which language?"_s);
        QCOMPARE(chat.questionSender, u"Tutor"_s);
        QCOMPARE(chat.questionRecipient, u"Learner"_s);
        QCOMPARE(chat.initiator.name, u"Learner_Bot"_s);
        QCOMPARE(chat.recipient.systemMessage, u"You teach."_s);
        QCOMPARE(chat.maxTurns, 3);
        QCOMPARE(chat.summary, SummaryMethod::None);
        QCOMPARE(chat.summaryPrompt, u"Sum up."_s);
        QCOMPARE(chat.summaryRole, u"user"_s);
        QCOMPARE(chat.llm.model, u"llama3.1"_s);
        QCOMPARE(chat.llm.temperature, 0.2);
        QCOMPARE(chat.llm.baseUrl, std::optional(QUrl(u"http://127.0.0.1:11434/v1"_s)));
        QCOMPARE(chat.llm.apiKeyVariable, std::optional(u"OLLAMA_KEY"_s));
    }

    void defaults()
    {
        const auto specs = WorkflowsFile::parse(
                (u"{\"workflows\": ["_s + agentChat() + u"]}"_s).toUtf8(), u"t.json"_s, m_dir.path(), {});
        QVERIFY2(specs.ok(), qPrintable(specs.error()));
        const auto &chat = std::get<AgentChatSpec>(specs->first().spec);
        QCOMPARE(chat.maxTurns, 5);
        QCOMPARE(chat.summary, SummaryMethod::LastMessage); // AG2's default
        QCOMPARE(chat.recipient.systemMessage, u"You are a helpful AI Assistant."_s);
        QCOMPARE(chat.llm.model, u"gpt-4o-mini"_s);
        QCOMPARE(chat.llm.temperature, 0.8);
        QCOMPARE(chat.questionSender, u"Workflow"_s);
    }

    void processEntry()
    {
        QProcessEnvironment environment;
        environment.insert(u"PATH"_s, QDir(m_dir.path()).filePath(u"bin"_s));
        const QByteArray json = uR"({"workflows": [
            {"name": "p1", "description": "d", "type": "process", "command": ["tool", "--flag"], "environment": ["FOO"], "llm_access": true, "timeout_seconds": 5},
            {"name": "p2", "description": "d", "type": "process", "command": ["bin/tool"], "working_directory": "bin"}]})"_s
                                        .toUtf8();
        const auto specs = WorkflowsFile::parse(json, u"t.json"_s, m_dir.path(), environment);
        QVERIFY2(specs.ok(), qPrintable(specs.error()));
        const auto &p1 = std::get<ProcessSpec>(specs->at(0).spec);
        QCOMPARE(p1.program, QDir(m_dir.path()).filePath(u"bin/tool"_s));
        QCOMPARE(p1.arguments, QStringList{u"--flag"_s});
        QCOMPARE(p1.passEnvironment, QStringList{u"FOO"_s});
        QCOMPARE(p1.passLlm, true);
        QCOMPARE(p1.timeout.count(), 5);
        QCOMPARE(p1.workingDirectory, m_dir.path());
        const auto &p2 = std::get<ProcessSpec>(specs->at(1).spec);
        QCOMPARE(p2.program, QDir(m_dir.path()).filePath(u"bin/tool"_s));
        QCOMPARE(p2.workingDirectory, QDir(m_dir.path()).filePath(u"bin"_s));
        QCOMPARE(p2.timeout.count(), 3600);
    }

    void badFile_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        const QString chat0 = u"workflows[0] (\"chat\")"_s;
        auto file = [](const QString &entry) -> QString { return u"{\"workflows\": ["_s + entry + u"]}"_s; };

        QTest::newRow("not json") << u"{\"workflows\": ["_s << u"not valid JSON"_s;
        QTest::newRow("not an object") << u"[]"_s << u"\"workflows\" array"_s;
        QTest::newRow("no workflows") << u"{}"_s << u"\"workflows\" must be an array"_s;
        QTest::newRow("unknown top key") << u"{\"workflows\": [], \"extra\": 1}"_s << u"unknown key \"extra\""_s;
        QTest::newRow("empty list") << u"{\"workflows\": []}"_s << u"\"workflows\" declares no workflow"_s;
        QTest::newRow("entry not object") << file(u"42"_s) << u"workflows[0]: must be an object"_s;
        QTest::newRow("no name") << file(u"{\"description\": \"d\", \"type\": \"agent_chat\"}"_s)
                                 << u"workflows[0]: \"name\" is missing"_s;
        QTest::newRow("no description") << file(u"{\"name\": \"chat\", \"type\": \"agent_chat\"}"_s)
                                        << chat0 + u": \"description\" is missing"_s;
        QTest::newRow("bad type") << file(u"{\"name\": \"chat\", \"description\": \"d\", \"type\": \"lambda\"}"_s)
                                  << chat0 + u": \"type\" must be"_s;
        QTest::newRow("unknown key") << file(agentChat(u", \"max_turn\": 3"_s)) << chat0 + u": unknown key \"max_turn\""_s;
        QTest::newRow("no question") << file(agentChat().replace(u"\"question\": \"Q?\","_s, QString()))
                                     << chat0 + u": \"question\" must be"_s;
        QTest::newRow("one agent") << file(agentChat({}, u"[{\"name\": \"A\"}]"_s)) << chat0 + u": \"agents\" must list exactly two"_s;
        QTest::newRow("bad agent name") << file(agentChat({}, u"[{\"name\": \"A\"}, {\"name\": \"Mr Teacher\"}]"_s))
                                        << chat0 + u": agents[1]: name \"Mr Teacher\" may hold only"_s;
        QTest::newRow("agent unknown key") << file(agentChat({}, u"[{\"name\": \"A\", \"prompt\": 1}, {\"name\": \"B\"}]"_s))
                                           << chat0 + u": agents[0]: unknown key \"prompt\""_s;
        QTest::newRow("same agent names") << file(agentChat({}, u"[{\"name\": \"A\"}, {\"name\": \"A\"}]"_s))
                                          << chat0 + u": the two agents need different names"_s;
        QTest::newRow("max_turns 0") << file(agentChat(u", \"max_turns\": 0"_s)) << chat0 + u": \"max_turns\" must be a whole number from 1 to 100"_s;
        QTest::newRow("max_turns 2.5") << file(agentChat(u", \"max_turns\": 2.5"_s)) << chat0 + u": \"max_turns\""_s;
        QTest::newRow("summary") << file(agentChat(u", \"summary_method\": \"reflection\""_s)) << chat0 + u": \"summary_method\" must be"_s;
        QTest::newRow("summary role") << file(agentChat(u", \"summary_role\": \"tool\""_s)) << chat0 + u": \"summary_role\""_s;
        QTest::newRow("temperature") << file(agentChat(u", \"llm\": {\"temperature\": 3}"_s)) << chat0 + u": llm: \"temperature\" must be a number from 0 to 2"_s;
        QTest::newRow("model empty") << file(agentChat(u", \"llm\": {\"model\": \"\"}"_s)) << chat0 + u": llm: \"model\" must be a non-empty string"_s;
        QTest::newRow("base_url") << file(agentChat(u", \"llm\": {\"base_url\": \"ftp://x\"}"_s)) << chat0 + u": llm: \"base_url\""_s;
        QTest::newRow("llm unknown key") << file(agentChat(u", \"llm\": {\"api_key\": \"sk-1\"}"_s)) << chat0 + u": llm: unknown key \"api_key\""_s;
        QTest::newRow("duplicate") << file(agentChat() + u","_s + agentChat()) << u"workflows[1] (\"chat\"): the name \"chat\" is used twice"_s;
        const QString p = u"{\"name\": \"p\", \"description\": \"d\", \"type\": \"process\", %1}"_s;
        QTest::newRow("no command") << file(p.arg(u"\"timeout_seconds\": 1"_s)) << u"workflows[0] (\"p\"): \"command\" must be"_s;
        QTest::newRow("command string") << file(p.arg(u"\"command\": \"tool --flag\""_s)) << u"\"command\" must be"_s;
        QTest::newRow("missing program") << file(p.arg(u"\"command\": [\"no-such-tool-here\"]"_s))
                                         << u"workflows[0] (\"p\"): program \"no-such-tool-here\" is not in the server's PATH"_s;
        QTest::newRow("not executable") << file(p.arg(u"\"command\": [\"bin/not-executable\"]"_s))
                                        << u"is not executable"_s;
        QTest::newRow("working dir") << file(p.arg(u"\"command\": [\"bin/tool\"], \"working_directory\": \"nowhere\""_s))
                                     << u"working directory"_s;
        QTest::newRow("timeout") << file(p.arg(u"\"command\": [\"bin/tool\"], \"timeout_seconds\": 0"_s)) << u"\"timeout_seconds\""_s;
        QTest::newRow("env secret") << file(p.arg(u"\"command\": [\"bin/tool\"], \"environment\": [\"OPENAI_API_KEY\"]"_s))
                                    << u"use \"llm_access\""_s;
        QTest::newRow("env name") << file(p.arg(u"\"command\": [\"bin/tool\"], \"environment\": [\"A=B\"]"_s)) << u"not a variable name"_s;
        QTest::newRow("llm_access") << file(p.arg(u"\"command\": [\"bin/tool\"], \"llm_access\": \"yes\""_s)) << u"\"llm_access\" must be true or false"_s;
    }

    void badFile()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        const QString path = write(u"bad.json"_s, json.toUtf8());
        QProcessEnvironment environment;
        environment.insert(u"PATH"_s, QDir(m_dir.path()).filePath(u"bin"_s));
        const auto specs = WorkflowsFile::load(path, environment);
        QVERIFY(!specs.ok());
        QVERIFY2(specs.error().startsWith(u"workflows file "_s + path + u": "_s), qPrintable(specs.error()));
        QVERIFY2(specs.error().contains(expected), qPrintable(specs.error()));
    }

    void missingFile()
    {
        const auto specs = WorkflowsFile::load(m_dir.filePath(u"nope.json"_s), {});
        QVERIFY(!specs.ok());
        QVERIFY2(specs.error().contains(m_dir.filePath(u"nope.json"_s)), qPrintable(specs.error()));
    }

    void configKeys()
    {
        QProcessEnvironment environment;
        environment.insert(u"AGENTDESK_WORKFLOWS_FILE"_s, u"/etc/agentdesk/workflows.json"_s);
        environment.insert(u"OPENAI_BASE_URL"_s, u"http://127.0.0.1:11434/v1"_s);
        environment.insert(u"OPENAI_API_KEY"_s, u"ollama"_s);
        environment.insert(u"AGENTDESK_LLM_TIMEOUT_SECONDS"_s, u"30"_s);
        environment.insert(u"AGENTDESK_LLM_MAX_RETRIES"_s, u"0"_s);
        environment.insert(u"AGENTDESK_MAX_RUNS_PER_USER"_s, u"3"_s);
        environment.insert(u"AGENTDESK_MAX_RUNS_TOTAL"_s, u"50"_s);
        const auto config = ServerConfig::load({}, environment);
        QVERIFY2(config.ok(), qPrintable(config.error()));
        QCOMPARE(config->workflowsFile, u"/etc/agentdesk/workflows.json"_s);
        QCOMPARE(config->llmBaseUrl, u"http://127.0.0.1:11434/v1"_s);
        QCOMPARE(config->llmApiKey, u"ollama"_s);
        QCOMPARE(config->llmTimeoutSeconds, 30);
        QCOMPARE(config->llmMaxRetries, 0);
        QCOMPARE(config->maxRunsPerUser, 3);
        QCOMPARE(config->maxRunsTotal, 50);

        const auto defaults = ServerConfig::load({}, {});
        QVERIFY(defaults.ok());
        QCOMPARE(defaults->llmBaseUrl, u"https://api.openai.com/v1"_s);
        QVERIFY(defaults->llmApiKey.isEmpty());
        QVERIFY(defaults->workflowsFile.isEmpty());

        QProcessEnvironment empty;
        empty.insert(u"OPENAI_API_KEY"_s, QString());
        empty.insert(u"OPENAI_BASE_URL"_s, QString());
        QVERIFY(ServerConfig::load({}, empty).ok()); // set but empty is unset

        QProcessEnvironment bad;
        bad.insert(u"OPENAI_BASE_URL"_s, u"localhost:11434"_s);
        const auto refused = ServerConfig::load({}, bad);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(u"OPENAI_BASE_URL"_s), qPrintable(refused.error()));
    }

    void configuredWorkflowsRegister()
    {
        ServerConfig config;
        WorkflowRegistry registry;
        registry.add(ShowcaseWorkflow::definition());
        auto configured = ConfiguredWorkflows::load(config, {});
        QVERIFY2(configured.ok(), qPrintable(configured.error()));
        QVERIFY((*configured)->registerInto(registry).ok());
        QCOMPARE(registry.all().size(), 2);
        QCOMPARE(registry.all().at(0).name, u"showcase"_s);
        QCOMPARE(registry.all().at(1).name, u"simple_learning"_s);
        QCOMPARE(registry.all().at(1).description, u"Student and teacher learning chat"_s);
    }

    void badFileStopsStartUp()
    {
        ServerConfig config;
        config.workflowsFile = write(u"broken.json"_s, file(u"{\"name\": \"x\"}"_s));
        const auto configured = ConfiguredWorkflows::load(config, {});
        QVERIFY(!configured.ok());
        QVERIFY2(configured.error().contains(config.workflowsFile), qPrintable(configured.error()));
        QVERIFY2(configured.error().contains(u"workflows[0] (\"x\")"_s), qPrintable(configured.error()));
    }

    void nameClashWithBuiltIn()
    {
        ServerConfig config;
        config.workflowsFile = write(u"clash.json"_s,
                                     file(agentChat().replace(u"\"chat\""_s, u"\"showcase\""_s)));
        WorkflowRegistry registry;
        registry.add(ShowcaseWorkflow::definition());
        auto configured = ConfiguredWorkflows::load(config, {});
        QVERIFY2(configured.ok(), qPrintable(configured.error()));
        const Status status = (*configured)->registerInto(registry);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().contains(u"workflows[0] (\"showcase\"): the name is taken"_s), qPrintable(status.error()));
        QCOMPARE(registry.all().size(), 1);
    }

    // A workflow's own base_url and api_key_env reach the request.
    void perWorkflowEndpoint()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        ServerConfig config;
        config.llmApiKey = u"server-key"_s;
        config.workflowsFile = write(
                u"endpoint.json"_s,
                file(agentChat(u", \"max_turns\": 1, \"llm\": {\"base_url\": \"%1\", \"api_key_env\": \"LOCAL_KEY\", \"model\": \"llama3\"}"_s
                                       .arg(llm.baseUrl().toString()))));
        QProcessEnvironment environment;
        environment.insert(u"LOCAL_KEY"_s, u"local-key"_s);
        auto configured = ConfiguredWorkflows::load(config, environment);
        QVERIFY2(configured.ok(), qPrintable(configured.error()));
        WorkflowRegistry registry;
        QVERIFY((*configured)->registerInto(registry).ok());
        const Workflow *workflow = registry.find(u"chat"_s);
        QVERIFY(workflow);
        auto runner = workflow->makeRunner(RunContext{u"u"_s, u"ab"_s, u"chat"_s});
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_VERIFY(got.asking());
        runner->answer(Answer{u"hi"_s, std::nullopt});
        QTRY_VERIFY(got.ended());
        QVERIFY2(!got.failure, qPrintable(got.failureDetail));
        QCOMPARE(llm.requests().size(), 1);
        QCOMPARE(llm.requests().first().header("authorization"), "Bearer local-key"_ba);
        QCOMPARE(llm.requests().first().json.value(u"model").toString(), u"llama3"_s);
        QCOMPARE(got.result, std::optional(QJsonValue(u"reply 1"_s)));
    }

private:
    static QByteArray file(const QString &entry) { return (u"{\"workflows\": ["_s + entry + u"]}"_s).toUtf8(); }
};

QTEST_GUILESS_MAIN(tst_WorkflowsFile)
#include "tst_workflowsfile.moc"
