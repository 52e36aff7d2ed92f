#include "RunTable.h"

#include "Logging.h"
#include "Workflow.h"
#include "WorkflowRunner.h"

#include <QTimer>

namespace agentdesk {

using namespace Qt::StringLiterals;

RunTable::RunTable(std::chrono::milliseconds grace, QObject *parent)
    : QObject(parent), m_grace(grace)
{
}

RunTable::~RunTable() = default;

Run *RunTable::create(const QString &ownerId, const Workflow &workflow, const QJsonObject &params)
{
    QString uuid = newHexUuid();
    while (m_runs.count(uuid))
        uuid = newHexUuid();
    RunContext context{ownerId, uuid, workflow.name};
    auto run = std::make_unique<Run>(uuid, ownerId, workflow.name, workflow.description, params,
                                     workflow.makeRunner(context));
    Run *raw = run.get();
    Entry &entry = m_runs[uuid];
    entry.run = std::move(run);
    startGrace(entry);
    return raw;
}

Run *RunTable::find(const QString &hexUuid) const
{
    const auto it = m_runs.find(hexUuid);
    return it == m_runs.cend() ? nullptr : it->second.run.get();
}

void RunTable::attach(Run *run)
{
    const auto it = m_runs.find(run->uuid());
    if (it == m_runs.end())
        return;
    if (it->second.graceTimer)
        it->second.graceTimer->stop();
    run->setAttached(true);
}

void RunTable::detach(Run *run)
{
    const auto it = m_runs.find(run->uuid());
    if (it == m_runs.end())
        return;
    run->setAttached(false);
    startGrace(it->second);
}

void RunTable::startGrace(Entry &entry)
{
    if (!entry.graceTimer) {
        entry.graceTimer = std::make_unique<QTimer>();
        entry.graceTimer->setSingleShot(true);
        const QString uuid = entry.run->uuid();
        connect(entry.graceTimer.get(), &QTimer::timeout, this, [this, uuid] { expire(uuid); });
    }
    entry.graceTimer->start(m_grace);
}

void RunTable::expire(const QString &hexUuid)
{
    auto it = m_runs.find(hexUuid);
    if (it == m_runs.end() || it->second.run->isAttached())
        return;
    Entry entry = std::move(it->second);
    m_runs.erase(it);
    entry.run->cancel(u"The client did not come back in time; the run was cancelled"_s);
    qCInfo(lcRuns).noquote() << "run" << hexUuid << "freed";
    // Deleting the timer from its own timeout: let the event loop do it.
    entry.graceTimer.release()->deleteLater();
    Q_EMIT runRemoved(hexUuid);
}

void RunTable::clear(const QString &reason)
{
    // Cancel first (attached sockets get their final messages), then free.
    QList<QString> uuids;
    for (const auto &[uuid, entry] : m_runs)
        uuids.append(uuid);
    for (const QString &uuid : std::as_const(uuids)) {
        if (Run *run = find(uuid))
            run->cancel(reason);
    }
    auto runs = std::exchange(m_runs, {});
    for (const QString &uuid : std::as_const(uuids))
        Q_EMIT runRemoved(uuid);
}

} // namespace agentdesk
