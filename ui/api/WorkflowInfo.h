#pragma once

#include <QList>
#include <QString>

namespace agentdesk {

// One entry of GET /fastagency/discovery.
struct WorkflowInfo
{
    QString name;
    QString description;

    friend bool operator==(const WorkflowInfo &, const WorkflowInfo &) = default;
};

} // namespace agentdesk
