#pragma once

#include "Workflow.h"

#include <QList>
#include <QString>

#include <optional>

namespace agentdesk {

// The workflows this server offers, in registration order (discovery and
// GET / list them in that order).
class WorkflowRegistry
{
public:
    // Adds a workflow, or replaces the one of the same name in place.
    void add(Workflow workflow);
    bool remove(const QString &name);

    const Workflow *find(const QString &name) const;
    const QList<Workflow> &all() const { return m_workflows; }

private:
    QList<Workflow> m_workflows;
};

} // namespace agentdesk
