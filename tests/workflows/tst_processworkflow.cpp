// Process workflows: the line protocol both ways, failures (crash, garbage,
// an error it reports), the kills (timeout, cancel, shutdown) and the
// environment allow-list. The programs are small Python scripts in data/ and
// the shipped examples/ask_twice.py.

#include "ProcessWorkflow.h"
#include "RunnerRecorder.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <memory>

using namespace agentdesk;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_log.append(QString::fromUtf8(context.category) + u": "_s + message);
    if (g_previous)
        g_previous(type, context, message);
}

// Gone, or a zombie nobody reaped yet (PID 1 in a container may not reap).
bool isDead(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) == "Z";
}

const QRegularExpression kHexUuid(u"^[0-9a-f]{32}$"_s);

} // namespace

class tst_ProcessWorkflow : public QObject
{
    Q_OBJECT

private:
    QString m_python;
    QString m_data;
    QString m_examples;

    std::shared_ptr<ProcessSpec> spec(const QString &script, const QStringList &extra = {})
    {
        auto s = std::make_shared<ProcessSpec>();
        s->name = u"test_process"_s;
        s->description = u"a test program"_s;
        s->program = m_python;
        s->arguments = QStringList{script} + extra;
        s->workingDirectory = m_data;
        s->timeout = 30s;
        return s;
    }

    RunContext context() const
    {
        return RunContext{u"user-1"_s, u"0123456789abcdef0123456789abcdef"_s, u"test_process"_s};
    }

    std::unique_ptr<ProcessWorkflow> make(std::shared_ptr<ProcessSpec> s, QProcessEnvironment environment = {})
    {
        if (environment.isEmpty())
            environment = ProcessWorkflow::childEnvironment(*s, QProcessEnvironment::systemEnvironment(), {});
        return std::make_unique<ProcessWorkflow>(std::move(s), environment, context());
    }

    QList<qint64> pidsFrom(const RunnerRecorder &got)
    {
        QList<qint64> pids;
        for (const QString &pid : got.messages.first().content.value(u"body").toString().split(u' '))
            pids.append(pid.toLongLong());
        return pids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_python = qEnvironmentVariable("AGENTDESK_PYTHON");
        m_data = qEnvironmentVariable("AGENTDESK_TEST_DATA");
        m_examples = qEnvironmentVariable("AGENTDESK_EXAMPLES");
        QVERIFY2(QFileInfo(m_python).isExecutable(), "AGENTDESK_PYTHON must name python3 (set by CTest)");
        QVERIFY(QDir(m_data).exists());
        g_previous = qInstallMessageHandler(captureLog);
    }

    void cleanupTestCase() { qInstallMessageHandler(g_previous); }

    void askTwiceExample()
    {
        auto s = spec(QDir(m_examples).filePath(u"ask_twice.py"_s));
        s->workingDirectory = m_examples;
        auto runner = make(s);
        RunnerRecorder got(runner.get());
        runner->start(QJsonObject{{u"greeting"_s, u"Hi"_s}});
        QCOMPARE(got.messages.size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(got.asking(), 10000);
        const Message first = got.messages.at(0);
        QCOMPARE(first.type, MessageType::TextInput);
        QCOMPARE(first.sender, u"ask_twice"_s);
        QCOMPARE(first.recipient, u"User"_s);
        QCOMPARE(first.content.value(u"prompt").toString(), u"What is your name?"_s);
        QCOMPARE(first.content.value(u"suggestions").toArray(), (QJsonArray{u"Ada"_s, u"Alan"_s}));
        QCOMPARE(first.workflowUuid, context().workflowUuid);
        QVERIFY(kHexUuid.match(first.uuid).hasMatch());

        runner->answer(Answer{u"Ada"_s, std::nullopt});
        QTRY_COMPARE(got.messages.size(), 2);
        QVERIFY(got.asking());
        QCOMPARE(got.messages.at(1).content.value(u"prompt").toString(), u"Hi, Ada! What is your favourite colour?"_s);
        QVERIFY(got.messages.at(1).uuid != first.uuid);

        runner->answer(Answer{u"blue, \"really\"\nnavy"_s, std::nullopt});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QVERIFY2(!got.failure, qPrintable(got.failure.value_or(QString()) + u' ' + got.failureDetail));
        QCOMPARE(got.messages.size(), 3);
        QCOMPARE(got.messages.at(2).type, MessageType::TextMessage);
        QCOMPARE(got.messages.at(2).content.value(u"body").toString(), u"Ada likes blue, \"really\"\nnavy."_s);
        QCOMPARE(got.result, std::optional(QJsonValue(QJsonObject{{u"name"_s, u"Ada"_s},
                                                                   {u"colour"_s, u"blue, \"really\"\nnavy"_s}})));
        // Its stderr went to the log, under agentdesk.workflows.
        QVERIFY(g_log.filter(u"agentdesk.workflows"_s).filter(u"ask_twice starts for workflow"_s).size() == 1);
    }

    void everyKindRelayed()
    {
        auto runner = make(spec(u"all_kinds.py"_s));
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_VERIFY_WITH_TIMEOUT(got.asking(), 10000);
        QCOMPARE(got.messages.size(), 2);
        QCOMPARE(got.messages.at(0).type, MessageType::SystemMessage);
        QCOMPARE(got.messages.at(0).content.value(u"message").toObject(), (QJsonObject{{u"step"_s, 1}}));
        const Message choice = got.messages.at(1);
        QCOMPARE(choice.type, MessageType::MultipleChoice);
        QCOMPARE(choice.content.value(u"single").toBool(), true); // defaults filled in
        runner->answer(Answer{u"b"_s, choice.uuid});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QVERIFY2(!got.failure, qPrintable(got.failureDetail));
        QCOMPARE(got.messages.size(), 4);
        QCOMPARE(got.messages.at(2).type, MessageType::SuggestedFunctionCall);
        QCOMPARE(got.messages.at(2).sender, std::nullopt);
        QCOMPARE(got.messages.at(2).content.value(u"arguments").toObject(), (QJsonObject{{u"x"_s, u"b"_s}}));
        QCOMPARE(got.messages.at(3).type, MessageType::KeepAlive);
        QVERIFY(kHexUuid.match(got.messages.at(3).uuid).hasMatch()); // the program's ids are replaced
        QCOMPARE(got.messages.at(3).workflowUuid, context().workflowUuid);
        // The answer line it read, echoed back as its result (sent without a final newline).
        QCOMPARE(got.result, std::optional(QJsonValue(QJsonObject{{u"msg"_s, u"b"_s},
                                                                   {u"question_uuid"_s, choice.uuid}})));
    }

    void nonZeroExit()
    {
        auto runner = make(spec(u"crash.py"_s));
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QCOMPARE(got.messages.size(), 1);
        QCOMPARE(got.failure, std::optional(u"The workflow program failed"_s));
        QVERIFY2(got.failureDetail.contains(u"exited with code 3"_s), qPrintable(got.failureDetail));
        QVERIFY(g_log.filter(u"something went wrong inside"_s).size() >= 1);
    }

    void killedBySignal()
    {
        auto runner = make(spec(u"crash.py"_s, {u"signal"_s}));
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QCOMPARE(got.failure, std::optional(u"The workflow program crashed"_s));
    }

    void garbage_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("detail");
        QTest::newRow("text") << u"hello, this is not JSON"_s << u"not JSON"_s;
        QTest::newRow("array") << u"[1, 2]"_s << u"not a JSON object"_s;
        QTest::newRow("unknown type") << u"{\"type\": \"shout\"}"_s << u"unknown message type"_s;
        QTest::newRow("no type") << u"{\"content\": {}}"_s << u"type"_s;
        QTest::newRow("wrong field type") << u"{\"type\": \"text_message\", \"content\": {\"body\": 5}}"_s
                                          << u"body"_s;
        QTest::newRow("workflow_started") << u"{\"type\": \"workflow_started\", \"content\": {\"name\": \"x\", \"description\": \"y\"}}"_s
                                          << u"the server's to send"_s;
    }

    void garbage()
    {
        QFETCH(QString, line);
        QFETCH(QString, detail);
        auto runner = make(spec(u"garbage.py"_s, {line}));
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QCOMPARE(got.messages.size(), 1); // the good first line went through
        QCOMPARE(got.failure, std::optional(u"The workflow program sent something that is not a message"_s));
        QVERIFY2(got.failureDetail.contains(u"line 2"_s), qPrintable(got.failureDetail));
        QVERIFY2(got.failureDetail.contains(detail), qPrintable(got.failureDetail));
        // It was sleeping; it is killed, not left behind.
        QTRY_COMPARE(runner->processId(), 0);
    }

    void reportedError()
    {
        auto runner = make(spec(u"reports_error.py"_s));
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QCOMPARE(got.messages.size(), 0);
        QCOMPARE(got.failure, std::optional(u"No data for that city"_s));
        QCOMPARE(got.failureDetail, u"The weather service knows no city called Atlantis."_s);
    }

    void secondQuestionBeforeAnswer()
    {
        auto runner = make(spec(u"asks_twice_at_once.py"_s));
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QCOMPARE(got.messages.size(), 1);
        QVERIFY2(got.failureDetail.contains(u"a second question"_s), qPrintable(got.failureDetail));
    }

    void timeoutKillsTheWholeGroup()
    {
        auto s = spec(u"sleeper.py"_s);
        s->timeout = 2s;
        auto runner = make(s);
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 1, 10000);
        const QList<qint64> pids = pidsFrom(got);
        QCOMPARE(pids.size(), 2);
        QVERIFY(!isDead(pids[0]) && !isDead(pids[1]));
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QCOMPARE(got.failure, std::optional(u"The workflow took too long"_s));
        QVERIFY2(got.failureDetail.contains(u"2 s"_s), qPrintable(got.failureDetail));
        QTRY_VERIFY(isDead(pids[0]));
        QTRY_VERIFY(isDead(pids[1])); // the grandchild too
    }

    void cancelKills()
    {
        auto runner = make(spec(u"sleeper.py"_s));
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 1, 10000);
        const QList<qint64> pids = pidsFrom(got);
        runner->cancel();
        QTRY_VERIFY(isDead(pids[0]));
        QTRY_VERIFY(isDead(pids[1]));
        QTest::qWait(100);
        QCOMPARE(got.ends, 0); // after cancel, nothing more
        QCOMPARE(got.messages.size(), 1);
    }

    void destroyingTheRunnerKills()
    {
        auto runner = make(spec(u"sleeper.py"_s));
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 1, 10000);
        const QList<qint64> pids = pidsFrom(got);
        runner.reset(); // what server shutdown does to every run
        QTRY_VERIFY(isDead(pids[0]));
        QTRY_VERIFY(isDead(pids[1]));
    }

    void environmentIsAnAllowList()
    {
        QProcessEnvironment server = QProcessEnvironment::systemEnvironment();
        server.insert(u"FOO"_s, u"bar"_s);
        server.insert(u"SECRET_TOKEN"_s, u"hush"_s);
        server.insert(u"AGENTDESK_JWT_SECRET"_s, u"hush-hush"_s);
        LlmEndpoint llm;
        llm.apiKey = u"sk-secret"_s;
        llm.baseUrl = QUrl(u"http://127.0.0.1:1/v1"_s);

        for (const bool passLlm : {false, true}) {
            auto s = spec(u"env.py"_s);
            s->passEnvironment = {u"FOO"_s};
            s->passLlm = passLlm;
            auto runner = make(s, ProcessWorkflow::childEnvironment(*s, server, llm));
            RunnerRecorder got(runner.get());
            runner->start(QJsonObject{{u"n"_s, 1}});
            QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
            QVERIFY2(!got.failure, qPrintable(got.failureDetail));
            const QJsonObject env =
                    QJsonDocument::fromJson(got.messages.first().content.value(u"body").toString().toUtf8()).object();
            QCOMPARE(env.value(u"FOO").toString(), u"bar"_s);
            QVERIFY(env.contains(u"PATH"));
            QVERIFY(!env.contains(u"SECRET_TOKEN"));
            QVERIFY(!env.contains(u"AGENTDESK_JWT_SECRET"));
            QCOMPARE(env.value(u"AGENTDESK_PARAMS").toString(), u"{\"n\":1}"_s);
            QCOMPARE(env.value(u"AGENTDESK_WORKFLOW_UUID").toString(), context().workflowUuid);
            QCOMPARE(env.value(u"AGENTDESK_WORKFLOW_NAME").toString(), u"test_process"_s);
            QCOMPARE(env.value(u"AGENTDESK_USER_ID").toString(), u"user-1"_s);
            QCOMPARE(env.contains(u"OPENAI_API_KEY"), passLlm);
            if (passLlm) {
                QCOMPARE(env.value(u"OPENAI_API_KEY").toString(), u"sk-secret"_s);
                QCOMPARE(env.value(u"OPENAI_BASE_URL").toString(), u"http://127.0.0.1:1/v1"_s);
            }
            QStringList allowed = ProcessWorkflow::allowedVariables()
                    + QStringList{u"FOO"_s, u"AGENTDESK_PARAMS"_s, u"AGENTDESK_WORKFLOW_UUID"_s,
                                  u"AGENTDESK_WORKFLOW_NAME"_s, u"AGENTDESK_USER_ID"_s, u"OPENAI_API_KEY"_s,
                                  u"OPENAI_BASE_URL"_s,
                                  // Python itself may add these when it starts.
                                  u"LC_CTYPE"_s, u"PYTHONIOENCODING"_s,
                                  // QProcess sets it to the working directory.
                                  u"PWD"_s};
            if (env.contains(u"PWD"))
                QCOMPARE(QDir(env.value(u"PWD").toString()).canonicalPath(), QDir(m_data).canonicalPath());
            for (auto it = env.constBegin(); it != env.constEnd(); ++it)
                QVERIFY2(allowed.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(got.result, std::optional(QJsonValue(QDir(m_data).canonicalPath())));
        }
    }

    void programThatCannotStart()
    {
        auto s = spec(u"x"_s);
        s->program = QDir(m_data).filePath(u"no-such-program"_s);
        auto runner = make(s);
        RunnerRecorder got(runner.get());
        runner->start({});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 10000);
        QCOMPARE(got.failure, std::optional(u"The workflow program could not start"_s));
        QVERIFY(got.failureDetail.contains(u"no-such-program"_s));
    }

    void paramsTooLarge()
    {
        auto runner = make(spec(u"env.py"_s));
        RunnerRecorder got(runner.get());
        runner->start(QJsonObject{{u"blob"_s, QString(ProcessWorkflow::kMaxParamsBytes, u'x')}});
        QTRY_VERIFY(got.ended());
        QCOMPARE(got.failure, std::optional(u"The workflow's parameters are too large"_s));
    }
};

QTEST_GUILESS_MAIN(tst_ProcessWorkflow)
#include "tst_processworkflow.moc"
