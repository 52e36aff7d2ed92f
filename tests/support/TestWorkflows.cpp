#include "TestWorkflows.h"

#include "WorkflowRunner.h"

#include <QTimer>

namespace agentdesk::test {

using namespace Qt::StringLiterals;

namespace {

class AskThen : public WorkflowRunner
{
public:
    enum class Then { Fail, Finish, FinishLater };
    AskThen(Then then, bool askFirst, int delayMs = 0)
        : m_then(then), m_askFirst(askFirst), m_delayMs(delayMs)
    {
    }

    void start(const QJsonObject &) override
    {
        QTimer::singleShot(0, this, [this] {
            if (m_cancelled)
                return;
            if (!m_askFirst) {
                Q_EMIT failed(u"boom"_s, u"failed before asking"_s);
                return;
            }
            Q_EMIT messageReady(Message::textInput(u"Workflow"_s, u"User"_s, u"Say something"_s));
        });
    }
    void answer(const Answer &answer) override
    {
        QTimer::singleShot(0, this, [this, text = answer.text] {
            if (m_cancelled)
                return;
            if (m_then == Then::Fail) {
                Q_EMIT failed(u"boom: "_s + text, std::nullopt);
            } else if (m_then == Then::Finish) {
                Q_EMIT finished(text);
            } else {
                Q_EMIT messageReady(Message::textMessage(u"Workflow"_s, u"User"_s, u"Working on "_s + text));
                QTimer::singleShot(m_delayMs, this, [this, text] {
                    if (!m_cancelled)
                        Q_EMIT finished(text);
                });
            }
        });
    }
    void cancel() override { m_cancelled = true; }

private:
    Then m_then;
    bool m_askFirst;
    int m_delayMs;
    bool m_cancelled = false;
};

} // namespace

Workflow failingWorkflow(const QString &name, bool askFirst)
{
    return Workflow{name, u"Fails on purpose (tests)"_s, [askFirst](const RunContext &) {
                        return std::unique_ptr<WorkflowRunner>(
                                std::make_unique<AskThen>(AskThen::Then::Fail, askFirst));
                    }};
}

Workflow waitingWorkflow(const QString &name)
{
    return Workflow{name, u"Asks once and waits (tests)"_s, [](const RunContext &) {
                        return std::unique_ptr<WorkflowRunner>(
                                std::make_unique<AskThen>(AskThen::Then::Finish, true));
                    }};
}

Workflow delayedWorkflow(int delayMs, const QString &name)
{
    return Workflow{name, u"Asks once, finishes a while after the answer (tests)"_s,
                    [delayMs](const RunContext &) {
                        return std::unique_ptr<WorkflowRunner>(
                                std::make_unique<AskThen>(AskThen::Then::FinishLater, true, delayMs));
                    }};
}

} // namespace agentdesk::test
