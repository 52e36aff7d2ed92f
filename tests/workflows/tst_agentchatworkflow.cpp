// simple_learning and other agent chats at the runner level, against the
// stand-in LLM: messages in order with their senders and recipients, turns
// counted as AG2 counts max_turns, and the exact requests each agent sends.

#include "AgentChatWorkflow.h"
#include "ChatCompletionClient.h"
#include "FakeLlmServer.h"
#include "RunnerRecorder.h"
#include "WorkflowsFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <memory>

using namespace agentdesk;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kPrompt = u"I can help you learn about mathematics. What subject you would like to explore?"_s;
const QString kSummaryPrompt = u"Summarize the takeaway from the conversation. Do not add any introductory phrases."_s;

int threadCount()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("Threads:"))
            return line.mid(8).trimmed().toInt();
    }
    return -1;
}

QJsonObject chatMessage(const QString &role, const QString &content, const QString &name = {})
{
    QJsonObject message{{u"role"_s, role}, {u"content"_s, content}};
    if (!name.isEmpty())
        message.insert(u"name"_s, name);
    return message;
}

} // namespace

class tst_AgentChatWorkflow : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const AgentChatSpec> simpleLearning()
    {
        auto specs = WorkflowsFile::load(WorkflowsFile::defaultPath(), QProcessEnvironment());
        if (!specs || specs->size() != 1)
            return nullptr;
        return std::make_shared<const AgentChatSpec>(std::get<AgentChatSpec>(specs->first().spec));
    }

    LlmEndpoint endpoint(const FakeLlmServer &llm, const QString &key = u"sk-test"_s)
    {
        LlmEndpoint e;
        e.baseUrl = llm.baseUrl();
        e.apiKey = key;
        return e;
    }

    LlmPolicy policy()
    {
        LlmPolicy p;
        p.timeout = 30s;
        p.initialBackoff = 10ms;
        return p;
    }

private Q_SLOTS:
    void simpleLearningIsDeclaredAsUpstream()
    {
        const auto spec = simpleLearning();
        QVERIFY(spec);
        QCOMPARE(spec->name, u"simple_learning"_s);
        QCOMPARE(spec->description, u"Student and teacher learning chat"_s);
        QCOMPARE(spec->question, kPrompt);
        QCOMPARE(spec->questionSender, u"Workflow"_s);
        QCOMPARE(spec->questionRecipient, u"User"_s);
        QCOMPARE(spec->initiator.name, u"Student_Agent"_s);
        QCOMPARE(spec->initiator.systemMessage, u"You are a student willing to learn."_s);
        QCOMPARE(spec->recipient.name, u"Teacher_Agent"_s);
        QCOMPARE(spec->recipient.systemMessage, u"You are a math teacher."_s);
        QCOMPARE(spec->maxTurns, 5);
        QCOMPARE(spec->summary, SummaryMethod::ReflectionWithLlm);
        QCOMPARE(spec->summaryPrompt, kSummaryPrompt);
        QCOMPARE(spec->summaryRole, u"system"_s);
        QCOMPARE(spec->llm.model, u"gpt-4o-mini"_s);
        QCOMPARE(spec->llm.temperature, 0.8);
    }

    void fullSimpleLearningRun()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        ChatCompletionClient client(policy());
        const auto spec = simpleLearning();
        QVERIFY(spec);
        AgentChatWorkflow runner(spec, &client, endpoint(llm));
        RunnerRecorder got(&runner);

        runner.start(QJsonObject{});
        QCOMPARE(got.messages.size(), 0); // never from inside start()
        QTRY_COMPARE(got.messages.size(), 1);
        const Message &question = got.messages.first();
        QCOMPARE(question.type, MessageType::TextInput);
        QCOMPARE(question.sender, u"Workflow"_s);
        QCOMPARE(question.recipient, u"User"_s);
        QCOMPARE(question.content.value(u"prompt").toString(), kPrompt);
        QTest::qWait(50);
        QCOMPARE(llm.requests().size(), 0); // nothing goes to the LLM before the answer

        runner.answer(Answer{u"Algebra"_s, std::nullopt});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 20000);
        QVERIFY2(!got.failure, qPrintable(got.failure.value_or(QString()) + u' ' + got.failureDetail));
        QCOMPARE(got.ends, 1);

        // The chat as AG2 runs it with max_turns=5: the student opens with
        // the user's answer; five turns of student then teacher; nine
        // completions plus one for the summary.
        QStringList said{u"Algebra"_s};
        for (int i = 1; i <= 9; ++i)
            said.append(u"reply %1"_s.arg(i));
        QCOMPARE(got.messages.size(), 1 + 10);
        for (int i = 0; i < 10; ++i) {
            const Message &m = got.messages.at(1 + i);
            const bool student = i % 2 == 0;
            QCOMPARE(m.type, MessageType::TextMessage);
            QCOMPARE(m.sender, student ? u"Student_Agent"_s : u"Teacher_Agent"_s);
            QCOMPARE(m.recipient, student ? u"Teacher_Agent"_s : u"Student_Agent"_s);
            QCOMPARE(m.content.value(u"body").toString(), said.at(i));
        }
        QCOMPARE(runner.turns(), 5);
        QCOMPARE(got.result, std::optional(QJsonValue(u"reply 10"_s)));

        // Every request: the model settings, the speaker's own system message,
        // its own messages as "assistant", the other's as "user".
        QCOMPARE(llm.requests().size(), 10);
        for (int r = 0; r < 9; ++r) {
            const FakeLlmServer::Request &request = llm.requests().at(r);
            QCOMPARE(request.json.value(u"model").toString(), u"gpt-4o-mini"_s);
            QCOMPARE(request.json.value(u"temperature").toDouble(), 0.8);
            const bool teacherSpeaks = r % 2 == 0;
            QJsonArray expected{chatMessage(u"system"_s, teacherSpeaks ? u"You are a math teacher."_s
                                                                       : u"You are a student willing to learn."_s)};
            for (int j = 0; j <= r; ++j) {
                const bool byStudent = j % 2 == 0;
                const bool own = byStudent != teacherSpeaks;
                expected.append(chatMessage(own ? u"assistant"_s : u"user"_s, said.at(j),
                                            byStudent ? u"Student_Agent"_s : u"Teacher_Agent"_s));
            }
            QCOMPARE(request.messages(), expected);
        }
        // reflection_with_llm: the teacher's view, no agent system message,
        // the summary prompt last with role "system" (AG2's defaults).
        const FakeLlmServer::Request &summary = llm.requests().at(9);
        QCOMPARE(summary.json.value(u"model").toString(), u"gpt-4o-mini"_s);
        QCOMPARE(summary.json.value(u"temperature").toDouble(), 0.8);
        QJsonArray expected;
        for (int j = 0; j < 10; ++j) {
            const bool byStudent = j % 2 == 0;
            expected.append(chatMessage(byStudent ? u"user"_s : u"assistant"_s, said.at(j),
                                        byStudent ? u"Student_Agent"_s : u"Teacher_Agent"_s));
        }
        expected.append(chatMessage(u"system"_s, kSummaryPrompt));
        QCOMPARE(summary.messages(), expected);
    }

    void turnsAndSummaries_data()
    {
        QTest::addColumn<int>("maxTurns");
        QTest::addColumn<int>("summary");
        QTest::addColumn<int>("requests");
        QTest::addColumn<QJsonValue>("result");
        QTest::newRow("1 turn, reflection") << 1 << int(SummaryMethod::ReflectionWithLlm) << 2
                                            << QJsonValue(u"reply 2"_s);
        QTest::newRow("1 turn, last_msg") << 1 << int(SummaryMethod::LastMessage) << 1 << QJsonValue(u"reply 1"_s);
        QTest::newRow("2 turns, none") << 2 << int(SummaryMethod::None) << 3 << QJsonValue(QJsonValue::Null);
        QTest::newRow("3 turns, last_msg") << 3 << int(SummaryMethod::LastMessage) << 5 << QJsonValue(u"reply 5"_s);
    }

    void turnsAndSummaries()
    {
        QFETCH(int, maxTurns);
        QFETCH(int, summary);
        QFETCH(int, requests);
        QFETCH(QJsonValue, result);
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        ChatCompletionClient client(policy());
        auto spec = std::make_shared<AgentChatSpec>(*simpleLearning());
        spec->maxTurns = maxTurns;
        spec->summary = SummaryMethod(summary);
        AgentChatWorkflow runner(spec, &client, endpoint(llm));
        RunnerRecorder got(&runner);
        runner.start({});
        QTRY_VERIFY(got.asking());
        runner.answer(Answer{u"Geometry"_s, std::nullopt});
        QTRY_VERIFY_WITH_TIMEOUT(got.ended(), 20000);
        QVERIFY(!got.failure);
        QCOMPARE(llm.requests().size(), requests);
        QCOMPARE(got.messages.size(), 1 + 2 * maxTurns);
        QCOMPARE(runner.turns(), maxTurns);
        QCOMPARE(got.result, std::optional(result));
    }

    void summaryRoleUser()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        ChatCompletionClient client(policy());
        auto spec = std::make_shared<AgentChatSpec>(*simpleLearning());
        spec->maxTurns = 1;
        spec->summaryRole = u"user"_s;
        AgentChatWorkflow runner(spec, &client, endpoint(llm));
        RunnerRecorder got(&runner);
        runner.start({});
        QTRY_VERIFY(got.asking());
        runner.answer(Answer{u"Sets"_s, std::nullopt});
        QTRY_VERIFY(got.ended());
        QCOMPARE(llm.requests().last().messages().last().toObject(), chatMessage(u"user"_s, kSummaryPrompt));
    }

    void noKeyFailsBeforeAsking()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        ChatCompletionClient client(policy());
        AgentChatWorkflow runner(simpleLearning(), &client, endpoint(llm, QString()));
        RunnerRecorder got(&runner);
        runner.start({});
        QTRY_VERIFY(got.ended());
        QCOMPARE(got.messages.size(), 0);
        QVERIFY(got.failure->contains(u"no API key"_s));
        QVERIFY2(got.failureDetail.contains(u"OPENAI_API_KEY"_s), qPrintable(got.failureDetail));
        QCOMPARE(llm.requests().size(), 0);
    }

    void failureMidChatEndsTheRun()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.enqueue(FakeLlmServer::completion(u"Teacher one"_s));
        llm.enqueue(FakeLlmServer::completion(u"Student two"_s));
        llm.enqueue(FakeLlmServer::error(401, u"Incorrect API key provided"_s));
        ChatCompletionClient client(policy());
        AgentChatWorkflow runner(simpleLearning(), &client, endpoint(llm));
        RunnerRecorder got(&runner);
        runner.start({});
        QTRY_VERIFY(got.asking());
        runner.answer(Answer{u"Primes"_s, std::nullopt});
        QTRY_VERIFY(got.ended());
        QCOMPARE(got.failure, std::optional(u"The LLM service refused the API key"_s));
        QVERIFY(got.failureDetail.contains(u"HTTP 401"_s));
        QCOMPARE(got.messages.size(), 4); // question, opening, teacher, student
        QTest::qWait(100);
        QCOMPARE(llm.requests().size(), 3);
        QCOMPARE(got.ends, 1);
    }

    void cancelStopsEverything()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.setHandler([](const FakeLlmServer::Request &, int) {
            FakeLlmServer::Reply reply = FakeLlmServer::completion(u"slow"_s);
            reply.delayMs = 300;
            return reply;
        });
        ChatCompletionClient client(policy());
        AgentChatWorkflow runner(simpleLearning(), &client, endpoint(llm));
        RunnerRecorder got(&runner);
        runner.start({});
        QTRY_VERIFY(got.asking());
        runner.answer(Answer{u"Primes"_s, std::nullopt});
        QTRY_COMPARE(llm.requests().size(), 1);
        runner.cancel();
        const auto seen = got.messages.size();
        QTest::qWait(600);
        QCOMPARE(got.messages.size(), seen);
        QCOMPARE(got.ends, 0);
        QCOMPARE(llm.requests().size(), 1);
    }

    // A hundred runs waiting on a slow LLM hold no threads: the only thread
    // beyond the main one is Qt's single HTTP thread of the shared manager.
    void hundredConcurrentRunsHoldNoThreads()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.setHandler([](const FakeLlmServer::Request &, int index) {
            FakeLlmServer::Reply reply = FakeLlmServer::completion(u"reply %1"_s.arg(index + 1));
            reply.delayMs = 100;
            return reply;
        });
        ChatCompletionClient client(policy());
        auto spec = std::make_shared<AgentChatSpec>(*simpleLearning());
        spec->maxTurns = 1;

        {
            // Warm up: let the network manager make its thread.
            AgentChatWorkflow warm(spec, &client, endpoint(llm));
            RunnerRecorder got(&warm);
            warm.start({});
            QTRY_VERIFY(got.asking());
            warm.answer(Answer{u"warm"_s, std::nullopt});
            QTRY_VERIFY(got.ended());
        }
        const int baseline = threadCount();
        QVERIFY(baseline > 0);

        constexpr int kRuns = 100;
        std::vector<std::unique_ptr<AgentChatWorkflow>> runners;
        std::vector<std::unique_ptr<RunnerRecorder>> recorders;
        for (int i = 0; i < kRuns; ++i) {
            runners.push_back(std::make_unique<AgentChatWorkflow>(spec, &client, endpoint(llm)));
            recorders.push_back(std::make_unique<RunnerRecorder>(runners.back().get()));
            runners.back()->start({});
        }
        QTRY_VERIFY(std::all_of(recorders.begin(), recorders.end(), [](const auto &r) { return r->asking(); }));
        for (int i = 0; i < kRuns; ++i)
            runners[i]->answer(Answer{u"topic %1"_s.arg(i), std::nullopt});

        int peakThreads = 0;
        int peakPool = 0;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this, [&] {
            peakThreads = std::max(peakThreads, threadCount());
            peakPool = std::max(peakPool, QThreadPool::globalInstance()->activeThreadCount());
        });
        sampler.start(10);
        QTRY_VERIFY_WITH_TIMEOUT(
                std::all_of(recorders.begin(), recorders.end(), [](const auto &r) { return r->ended(); }), 60000);
        sampler.stop();

        for (const auto &r : recorders) {
            QVERIFY2(!r->failure, qPrintable(r->failure.value_or(QString()) + u' ' + r->failureDetail));
            QCOMPARE(r->messages.size(), 3);
            QVERIFY(r->result && r->result->isString());
        }
        QCOMPARE(llm.requests().size(), 2 + 2 * kRuns);
        QVERIFY2(peakThreads <= baseline, qPrintable(u"threads: %1 at rest, %2 at peak"_s.arg(baseline).arg(peakThreads)));
        QCOMPARE(peakPool, 0);
        QVERIFY(llm.maxInFlight() > 1); // the runs were waiting together
        qInfo("threads at rest %d, at peak %d; LLM requests in flight at most %d", baseline, peakThreads,
              llm.maxInFlight());
    }
};

QTEST_GUILESS_MAIN(tst_AgentChatWorkflow)
#include "tst_agentchatworkflow.moc"
