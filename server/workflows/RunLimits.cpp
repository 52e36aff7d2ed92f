#include "RunLimits.h"

#include "LimitedRunner.h"
#include "WorkflowLogging.h"

namespace agentdesk {

using namespace Qt::StringLiterals;

Status RunLimits::acquire(const QString &userId)
{
    const int mine = m_perUser.value(userId);
    if (m_maxPerUser > 0 && mine >= m_maxPerUser) {
        qCInfo(lcWorkflows).noquote() << "run refused: user" << userId << "has" << mine << "runs going";
        return Status::failure(u"You already have %1 workflow runs going, the most this server allows per user. "
                               "Let one finish (or close it) and try again."_s.arg(mine));
    }
    if (m_maxTotal > 0 && m_total >= m_maxTotal) {
        qCInfo(lcWorkflows).noquote() << "run refused: the server has" << m_total << "runs going";
        return Status::failure(u"The server is running %1 workflows, the most it allows at once. "
                               "Try again later."_s.arg(m_total));
    }
    m_perUser.insert(userId, mine + 1);
    ++m_total;
    return success();
}

void RunLimits::release(const QString &userId)
{
    const auto it = m_perUser.find(userId);
    if (it == m_perUser.end())
        return;
    if (--it.value() <= 0)
        m_perUser.erase(it);
    --m_total;
}

Workflow RunLimits::limited(Workflow workflow, std::shared_ptr<RunLimits> limits)
{
    Workflow::Factory inner = std::move(workflow.makeRunner);
    workflow.makeRunner = [inner = std::move(inner), limits = std::move(limits)](
                                  const RunContext &context) -> std::unique_ptr<WorkflowRunner> {
        return std::make_unique<LimitedRunner>(inner(context), limits, context.userId);
    };
    return workflow;
}

} // namespace agentdesk
