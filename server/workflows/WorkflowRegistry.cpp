#include "WorkflowRegistry.h"

#include <algorithm>

namespace agentdesk {

void WorkflowRegistry::add(Workflow workflow)
{
    for (Workflow &existing : m_workflows) {
        if (existing.name == workflow.name) {
            existing = std::move(workflow);
            return;
        }
    }
    m_workflows.append(std::move(workflow));
}

bool WorkflowRegistry::remove(const QString &name)
{
    return m_workflows.removeIf([&](const Workflow &w) { return w.name == name; }) > 0;
}

const Workflow *WorkflowRegistry::find(const QString &name) const
{
    const auto it = std::find_if(m_workflows.cbegin(), m_workflows.cend(),
                                 [&](const Workflow &w) { return w.name == name; });
    return it == m_workflows.cend() ? nullptr : &*it;
}

} // namespace agentdesk
