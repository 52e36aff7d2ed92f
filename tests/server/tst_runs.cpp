// Run, RunTable and the showcase runner without any network: the framing of
// messages (workflow_started first, workflow_completed always last), the
// answer rules, cancellation, the grace period, and that waiting runs hold
// no threads.

#include "Run.h"
#include "RunTable.h"
#include "ShowcaseWorkflow.h"
#include "Workflow.h"
#include "WorkflowRegistry.h"
#include "WorkflowRunner.h"

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

// A runner the test drives by hand.
class FakeRunner : public WorkflowRunner
{
public:
    void start(const QJsonObject &params) override { startedWith = params; ++starts; }
    void answer(const Answer &answer) override { answers.append(answer.text); }
    void cancel() override { ++cancels; }

    void say(const Message &message) { Q_EMIT messageReady(message); }
    void finish(const QJsonValue &result) { Q_EMIT finished(result); }
    void fail(const QString &text) { Q_EMIT failed(text, u"details"_s); }

    QJsonObject startedWith;
    QStringList answers;
    int starts = 0;
    int cancels = 0;
};

struct Recorder
{
    QStringList types;
    int finished = 0;
    void watch(Run *run)
    {
        QObject::connect(run, &Run::messageAdded, run, [this](const Message &m) { types.append(messageTypeName(m.type)); });
        QObject::connect(run, &Run::finished, run, [this] { ++finished; });
    }
};

Workflow fakeWorkflow(FakeRunner **created)
{
    return Workflow{u"fake"_s, u"Driven by the test"_s, [created](const RunContext &) {
                        auto runner = std::make_unique<FakeRunner>();
                        *created = runner.get();
                        return std::unique_ptr<WorkflowRunner>(std::move(runner));
                    }};
}

int threadCount()
{
    return int(QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestRuns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framesTheRunnersMessages()
    {
        FakeRunner *runner = nullptr;
        RunTable table(std::chrono::seconds(60));
        Run *run = table.create(u"owner-1"_s, fakeWorkflow(&runner), {{u"k"_s, 1}});
        QVERIFY(run && runner);
        QCOMPARE(run->uuid().size(), 32);
        QCOMPARE(run->state(), Run::State::Initiated);
        Recorder recorder;
        recorder.watch(run);

        run->start();
        QCOMPARE(run->state(), Run::State::Running);
        QCOMPARE(runner->starts, 1);
        QCOMPARE(runner->startedWith, (QJsonObject{{u"k"_s, 1}}));
        QCOMPARE(recorder.types, QStringList{u"workflow_started"_s});
        const Message &started = run->messages().first();
        QCOMPARE(started.sender, std::optional<QString>(u"Workflow"_s));
        QCOMPARE(started.recipient, std::optional<QString>(u"User"_s));
        QCOMPARE(started.content.value(u"name").toString(), u"fake"_s);
        QCOMPARE(started.content.value(u"description").toString(), u"Driven by the test"_s);
        QCOMPARE(started.workflowUuid, run->uuid());

        // Nothing asked yet: the answer is refused and the runner never sees it.
        QVERIFY(!run->submitAnswer(Answer{u"early"_s, std::nullopt}));
        QVERIFY(runner->answers.isEmpty());

        runner->say(Message::textInput(u"Workflow"_s, u"User"_s, u"Name?"_s));
        QVERIFY(run->pendingQuestion());
        const QString questionUuid = run->pendingQuestion()->uuid;
        QVERIFY(!run->submitAnswer(Answer{u"x"_s, newHexUuid()})); // another question
        QVERIFY(run->pendingQuestion());
        QVERIFY(run->submitAnswer(Answer{u"Ada"_s, questionUuid}));
        QCOMPARE(runner->answers, QStringList{u"Ada"_s});
        QVERIFY(!run->pendingQuestion());
        QVERIFY(!run->submitAnswer(Answer{u"twice"_s, std::nullopt}));

        // The runner cannot end or restart the run by itself.
        runner->say(Message::workflowCompleted(u"x"_s, u"y"_s, 1));
        runner->say(Message::workflowStarted(u"x"_s, u"y"_s, u"n"_s, u"d"_s, {}));
        QCOMPARE(run->state(), Run::State::Running);

        runner->finish(u"done"_s);
        QCOMPARE(recorder.types, (QStringList{u"workflow_started"_s, u"text_input"_s, u"workflow_completed"_s}));
        QCOMPARE(run->messages().last().content.value(u"result").toString(), u"done"_s);
        QCOMPARE(recorder.finished, 1);
        QCOMPARE(run->state(), Run::State::Finished);

        // After the end, nothing more gets through.
        runner->say(Message::textMessage(u"a"_s, u"b"_s, u"late"_s));
        runner->fail(u"late"_s);
        run->cancel(u"late"_s);
        QCOMPARE(recorder.types.size(), 3);
        QCOMPARE(recorder.finished, 1);
        for (const Message &message : run->messages())
            QCOMPARE(message.workflowUuid, run->uuid());
    }

    void failureEndsWithErrorThenCompleted()
    {
        FakeRunner *runner = nullptr;
        RunTable table(std::chrono::seconds(60));
        Run *run = table.create(u"o"_s, fakeWorkflow(&runner), {});
        Recorder recorder;
        recorder.watch(run);
        run->start();
        runner->fail(u"it broke"_s);
        QCOMPARE(recorder.types, (QStringList{u"workflow_started"_s, u"error"_s, u"workflow_completed"_s}));
        const Message &error = run->messages().at(1);
        QCOMPARE(error.content.value(u"short").toString(), u"it broke"_s);
        QCOMPARE(error.content.value(u"long").toString(), u"details"_s);
        QVERIFY(run->messages().last().content.value(u"result").isNull());
        QCOMPARE(recorder.finished, 1);
    }

    void cancel()
    {
        FakeRunner *runner = nullptr;
        RunTable table(std::chrono::seconds(60));
        Run *initiated = table.create(u"o"_s, fakeWorkflow(&runner), {});
        Recorder quiet;
        quiet.watch(initiated);
        initiated->cancel(u"never started"_s);
        QVERIFY(quiet.types.isEmpty());
        QCOMPARE(quiet.finished, 1);
        QCOMPARE(initiated->state(), Run::State::Finished);

        Run *running = table.create(u"o"_s, fakeWorkflow(&runner), {});
        Recorder recorder;
        recorder.watch(running);
        running->start();
        runner->say(Message::textInput(u"Workflow"_s, u"User"_s, u"?"_s));
        running->cancel(u"stop"_s);
        QCOMPARE(runner->cancels, 1);
        QCOMPARE(recorder.types, (QStringList{u"workflow_started"_s, u"text_input"_s, u"error"_s, u"workflow_completed"_s}));
        QVERIFY(!running->pendingQuestion());
        runner->finish(1); // ignored after cancel
        QCOMPARE(recorder.finished, 1);
    }

    void tableGracePeriod()
    {
        FakeRunner *runner = nullptr;
        RunTable table(std::chrono::milliseconds(100));
        QSignalSpy removed(&table, &RunTable::runRemoved);
        Run *run = table.create(u"o"_s, fakeWorkflow(&runner), {});
        const QString uuid = run->uuid();
        table.attach(run);
        QVERIFY(run->isAttached());
        QVERIFY(!removed.wait(300)); // attached: no grace timer
        run->start();
        table.detach(run);
        QVERIFY(!run->isAttached());
        QVERIFY(removed.wait(2000));
        QCOMPARE(removed.first().first().toString(), uuid);
        QCOMPARE(table.find(uuid), nullptr);
        QCOMPARE(table.size(), 0);
    }

    void tableClearCancelsEverything()
    {
        FakeRunner *runner = nullptr;
        RunTable table(std::chrono::seconds(60));
        Run *a = table.create(u"o"_s, fakeWorkflow(&runner), {});
        table.create(u"o"_s, fakeWorkflow(&runner), {});
        Recorder recorder;
        recorder.watch(a);
        a->start();
        QSignalSpy removed(&table, &RunTable::runRemoved);
        table.clear(u"bye"_s);
        QCOMPARE(removed.size(), 2);
        QCOMPARE(table.size(), 0);
        QCOMPARE(recorder.types.mid(1), (QStringList{u"error"_s, u"workflow_completed"_s}));
    }

    void registry()
    {
        WorkflowRegistry registry;
        registry.add(ShowcaseWorkflow::definition());
        registry.add(Workflow{u"b"_s, u"B"_s, {}});
        registry.add(Workflow{u"showcase"_s, u"replaced"_s, {}});
        QCOMPARE(registry.all().size(), 2);
        QCOMPARE(registry.all().first().description, u"replaced"_s); // in place
        QVERIFY(registry.find(u"b"_s));
        QVERIFY(!registry.find(u"c"_s));
        QVERIFY(registry.remove(u"b"_s));
        QVERIFY(!registry.remove(u"b"_s));
    }

    void selectionParsing_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QStringList>("picked");
        QTest::newRow("comma list") << u"basil, olives"_s << QStringList{u"basil"_s, u"olives"_s};
        QTest::newRow("JSON array") << u"[\"olives\",\"cheese\"]"_s << QStringList{u"cheese"_s, u"olives"_s};
        QTest::newRow("case and spaces") << u"  BASIL "_s << QStringList{u"basil"_s};
        QTest::newRow("unknown ones dropped") << u"ham, basil, pineapple"_s << QStringList{u"basil"_s};
        QTest::newRow("nothing known") << u"ham"_s << QStringList{};
        QTest::newRow("empty") << QString() << QStringList{};
    }

    void selectionParsing()
    {
        QFETCH(QString, answer);
        QFETCH(QStringList, picked);
        QCOMPARE(ShowcaseWorkflow::parseSelection(answer, {u"cheese"_s, u"tomato"_s, u"basil"_s, u"olives"_s}), picked);
    }

    void showcaseDefaultsForUnknownChoices()
    {
        RunTable table(std::chrono::seconds(60));
        Run *run = table.create(u"o"_s, ShowcaseWorkflow::definition(std::chrono::milliseconds(0)), {});
        QStringList asked;
        connect(run, &Run::messageAdded, this, [&](const Message &m) {
            if (m.isAsking())
                asked.append(m.content.value(u"prompt").toString());
        });
        run->start();
        const QStringList answers{u""_s, u"hunter2"_s, u"purple"_s, u"ham"_s};
        for (const QString &answer : answers) {
            QTRY_VERIFY(run->pendingQuestion());
            QVERIFY(run->submitAnswer(Answer{answer, std::nullopt}));
        }
        QTRY_COMPARE(run->state(), Run::State::Finished);
        QCOMPARE(asked.size(), 4);
        const QString result = run->messages().last().content.value(u"result").toString();
        QVERIFY2(result.contains(u"stranger"_s) && result.contains(u"green"_s) && result.contains(u"cheese"_s),
                 qPrintable(result));
        for (const Message &message : run->messages())
            QVERIFY(!message.toJsonBytes().contains("hunter2"));
    }

    void waitingRunsHoldNoThreads()
    {
        RunTable table(std::chrono::seconds(60));
        const Workflow showcase = ShowcaseWorkflow::definition(std::chrono::milliseconds(0));
        const int threadsBefore = threadCount();
        QList<Run *> runs;
        for (int i = 0; i < 1000; ++i) {
            Run *run = table.create(u"o"_s, showcase, {});
            run->start();
            runs.append(run);
        }
        QTRY_VERIFY(std::all_of(runs.cbegin(), runs.cend(), [](Run *r) { return r->pendingQuestion().has_value(); }));
        QCOMPARE(threadCount(), threadsBefore);
        for (Run *run : std::as_const(runs))
            QVERIFY(run->submitAnswer(Answer{u"Ada"_s, std::nullopt}));
        QTRY_VERIFY(std::all_of(runs.cbegin(), runs.cend(), [](Run *r) {
            return r->pendingQuestion() && r->pendingQuestion()->content.value(u"password").toBool();
        }));
        QCOMPARE(threadCount(), threadsBefore);
        table.clear(u"done"_s);
    }
};

QTEST_GUILESS_MAIN(TestRuns)
#include "tst_runs.moc"
