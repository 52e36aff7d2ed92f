#pragma once

#include "Workflow.h"
#include "WorkflowRunner.h"

#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>

namespace agentdesk {

// The built-in test bed: needs no network, sends every message type of
// PROTOCOL.md and uses the answers it gets. Each step is scheduled on a
// timer, so a waiting run is a handful of fields and no thread.
class ShowcaseWorkflow : public WorkflowRunner
{
    Q_OBJECT
public:
    static constexpr auto kName = u"showcase";

    // `stepDelay` is the pause before each message (0 in tests and benchmarks).
    static Workflow definition(std::chrono::milliseconds stepDelay = std::chrono::milliseconds(150));

    explicit ShowcaseWorkflow(std::chrono::milliseconds stepDelay, QObject *parent = nullptr);

    void start(const QJsonObject &params) override;
    void answer(const Answer &answer) override;
    void cancel() override;

    // How a multi-select answer is read: a JSON array of strings, or the
    // choices separated by commas. Only known choices are kept, in order.
    static QStringList parseSelection(const QString &text, const QStringList &choices);

private:
    enum class Step {
        Idle,
        Welcome,
        AskName,
        WaitName,
        Greet,
        AskSecret,
        WaitSecret,
        ConfirmSecret,
        AskColour,
        WaitColour,
        AskToppings,
        WaitToppings,
        SuggestCall,
        ExecuteCall,
        KeepAlive,
        Finish,
        Done,
    };

    void scheduleNext();
    void runStep();
    void emitAndAdvance(const Message &message, Step next);
    bool isWaiting() const;

    std::chrono::milliseconds m_stepDelay;
    QTimer m_timer;
    Step m_step = Step::Idle;
    QJsonObject m_params;

    QString m_name;
    bool m_secretGiven = false; // the secret itself is dropped as soon as it arrives
    QString m_colour;
    QStringList m_toppings;
    QString m_callId;
};

} // namespace agentdesk
