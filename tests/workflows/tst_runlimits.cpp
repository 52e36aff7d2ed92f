// Run limits: per user and in total, the slot held from start to whatever
// end, and a refused run seen by the client as workflow_started, an error
// naming the limit, and workflow_completed.

#include "LimitedRunner.h"
#include "Run.h"
#include "RunLimits.h"
#include "RunnerRecorder.h"

#include <QTest>

#include <memory>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

// A runner that does nothing until told.
class IdleRunner : public WorkflowRunner
{
public:
    void start(const QJsonObject &) override { ++started; }
    void answer(const Answer &answer) override { answers.append(answer.text); }
    void cancel() override { ++cancelled; }
    void finish() { Q_EMIT finished(u"done"_s); }
    void fail() { Q_EMIT failed(u"broken"_s, std::nullopt); }

    int started = 0;
    int cancelled = 0;
    QStringList answers;
};

struct Limited
{
    IdleRunner *inner;
    std::unique_ptr<LimitedRunner> runner;
};

Limited make(const std::shared_ptr<RunLimits> &limits, const QString &user)
{
    auto inner = std::make_unique<IdleRunner>();
    IdleRunner *raw = inner.get();
    return {raw, std::make_unique<LimitedRunner>(std::move(inner), limits, user)};
}

} // namespace

class tst_RunLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts()
    {
        RunLimits limits(2, 3);
        QVERIFY(limits.acquire(u"ann"_s).ok());
        QVERIFY(limits.acquire(u"ann"_s).ok());
        const Status third = limits.acquire(u"ann"_s);
        QVERIFY(!third.ok());
        QVERIFY2(third.error().contains(u"per user"_s), qPrintable(third.error()));
        QVERIFY(limits.acquire(u"bob"_s).ok());
        const Status full = limits.acquire(u"cid"_s);
        QVERIFY(!full.ok());
        QVERIFY2(full.error().contains(u"the most it allows at once"_s), qPrintable(full.error()));
        QCOMPARE(limits.running(), 3);
        limits.release(u"ann"_s);
        QCOMPARE(limits.runningFor(u"ann"_s), 1);
        QVERIFY(limits.acquire(u"cid"_s).ok());
        limits.release(u"nobody"_s); // harmless
        QCOMPARE(limits.running(), 3);
    }

    void zeroMeansNoLimit()
    {
        RunLimits limits(0, 0);
        for (int i = 0; i < 5000; ++i)
            QVERIFY(limits.acquire(u"ann"_s).ok());
    }

    void slotHeldUntilAnyEnd()
    {
        auto limits = std::make_shared<RunLimits>(1, 0);
        // finished
        {
            auto a = make(limits, u"ann"_s);
            a.runner->start({});
            QCOMPARE(a.inner->started, 1);
            QCOMPARE(limits->runningFor(u"ann"_s), 1);
            a.runner->answer(Answer{u"x"_s, std::nullopt});
            QCOMPARE(a.inner->answers, QStringList{u"x"_s});
            RunnerRecorder got(a.runner.get());
            a.inner->finish();
            QCOMPARE(got.result, std::optional(QJsonValue(u"done"_s)));
            QCOMPARE(limits->running(), 0);
        }
        // failed
        {
            auto a = make(limits, u"ann"_s);
            a.runner->start({});
            RunnerRecorder got(a.runner.get());
            a.inner->fail();
            QCOMPARE(got.failure, std::optional(u"broken"_s));
            QCOMPARE(limits->running(), 0);
        }
        // cancelled
        {
            auto a = make(limits, u"ann"_s);
            a.runner->start({});
            a.runner->cancel();
            QCOMPARE(a.inner->cancelled, 1);
            QCOMPARE(limits->running(), 0);
        }
        // destroyed while running
        {
            auto a = make(limits, u"ann"_s);
            a.runner->start({});
            QCOMPARE(limits->running(), 1);
        }
        QCOMPARE(limits->running(), 0);
    }

    void refusedRunIsTold()
    {
        auto limits = std::make_shared<RunLimits>(1, 0);
        auto first = make(limits, u"ann"_s);
        first.runner->start({});

        auto second = make(limits, u"ann"_s);
        Run run(u"0123456789abcdef0123456789abcdef"_s, u"ann"_s, u"wf"_s, u"a workflow"_s, {},
                std::move(second.runner));
        run.start();
        QTRY_COMPARE(run.state(), Run::State::Finished);
        QCOMPARE(second.inner->started, 0);
        const QList<Message> &messages = run.messages();
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages.at(0).type, MessageType::WorkflowStarted);
        QCOMPARE(messages.at(1).type, MessageType::Error);
        QCOMPARE(messages.at(1).content.value(u"short").toString(), u"Too many workflow runs"_s);
        QVERIFY(messages.at(1).content.value(u"long").toString().contains(u"1 workflow runs going"_s));
        QCOMPARE(messages.at(2).type, MessageType::WorkflowCompleted);
        QCOMPARE(limits->runningFor(u"ann"_s), 1); // the refused run took nothing

        // Another user is not affected.
        auto other = make(limits, u"bob"_s);
        other.runner->start({});
        QCOMPARE(other.inner->started, 1);
    }

    void limitedWorkflowWrapsTheFactory()
    {
        auto limits = std::make_shared<RunLimits>(0, 1);
        Workflow plain{u"idle"_s, u"d"_s, [](const RunContext &) -> std::unique_ptr<WorkflowRunner> {
                           return std::make_unique<IdleRunner>();
                       }};
        const Workflow limited = RunLimits::limited(plain, limits);
        QCOMPARE(limited.name, u"idle"_s);
        auto a = limited.makeRunner(RunContext{u"ann"_s, u"1"_s, u"idle"_s});
        auto b = limited.makeRunner(RunContext{u"bob"_s, u"2"_s, u"idle"_s});
        a->start({});
        RunnerRecorder got(b.get());
        b->start({});
        QTRY_VERIFY(got.ended());
        QVERIFY(got.failureDetail.contains(u"the most it allows at once"_s));
        a.reset();
        QCOMPARE(limits->running(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_RunLimits)
#include "tst_runlimits.moc"
