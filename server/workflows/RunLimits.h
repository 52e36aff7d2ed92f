#pragma once

#include "Result.h"
#include "Workflow.h"

#include <QHash>
#include <QString>

#include <memory>

namespace agentdesk {

// How many runs may be going at once, per user and in all. A run holds its
// slot from the moment its runner starts until it finishes, fails, is
// cancelled or is destroyed. 0 means no limit.
class RunLimits
{
public:
    RunLimits(int maxPerUser, int maxTotal) : m_maxPerUser(maxPerUser), m_maxTotal(maxTotal) {}

    // Takes a slot for `userId`, or says why there is none (a text for the user).
    Status acquire(const QString &userId);
    void release(const QString &userId);

    int running() const { return m_total; }
    int runningFor(const QString &userId) const { return m_perUser.value(userId); }
    int maxPerUser() const { return m_maxPerUser; }
    int maxTotal() const { return m_maxTotal; }

    // The same workflow, each of whose runs must get a slot when it starts;
    // a run refused one fails at once, so the client sees workflow_started,
    // an `error` saying which limit was hit, and workflow_completed.
    static Workflow limited(Workflow workflow, std::shared_ptr<RunLimits> limits);

private:
    int m_maxPerUser;
    int m_maxTotal;
    int m_total = 0;
    QHash<QString, int> m_perUser;
};

} // namespace agentdesk
