#pragma once

#include "WorkflowRunner.h"

#include <memory>

namespace agentdesk {

class RunLimits;

// Wraps a runner so that it runs only with a slot from RunLimits, and gives
// the slot back however the run ends. Everything else passes straight through.
class LimitedRunner : public WorkflowRunner
{
    Q_OBJECT
public:
    LimitedRunner(std::unique_ptr<WorkflowRunner> inner, std::shared_ptr<RunLimits> limits, QString userId,
                  QObject *parent = nullptr);
    ~LimitedRunner() override;

    void start(const QJsonObject &params) override;
    void answer(const Answer &answer) override;
    void cancel() override;

private:
    void release();

    std::unique_ptr<WorkflowRunner> m_inner;
    std::shared_ptr<RunLimits> m_limits;
    QString m_userId;
    bool m_holding = false;
    bool m_cancelled = false;
};

} // namespace agentdesk
