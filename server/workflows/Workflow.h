#pragma once

#include <QString>

#include <functional>
#include <memory>

namespace agentdesk {

class WorkflowRunner;
struct RunContext;

// A workflow as the registry knows it: what discovery lists, and how to make
// one runner per run.
struct Workflow
{
    using Factory = std::function<std::unique_ptr<WorkflowRunner>(const RunContext &)>;

    QString name;
    QString description;
    Factory makeRunner;
};

} // namespace agentdesk
