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

void RunTable::setLimits(int maxPerOwner, int maxTotal)
{
    m_maxPerOwner = maxPerOwner;
    m_maxTotal = maxTotal;
}

Status RunTable::admit(const QString &ownerId) const
{
    const qsizetype mine = countFor(ownerId);
    if (m_maxPerOwner > 0 && mine >= m_maxPerOwner) {
        qCInfo(lcRuns).noquote() << "initiate refused: user" << ownerId << "has" << mine << "runs";
        return Status::failure(
                u"Too many workflow runs: you have %1 (running, waiting for their WebSocket, or "
                "finished less than %2 s ago), the most this server allows per user. Finish or "
                "close one and try again."_s.arg(mine)
                        .arg(std::chrono::duration_cast<std::chrono::seconds>(m_grace).count()));
    }
    if (m_maxTotal > 0 && size() >= m_maxTotal) {
        qCInfo(lcRuns).noquote() << "initiate refused: the server has" << size() << "runs";
        return Status::failure(u"Too many workflow runs: the server has %1, the most it allows at "
                               "once. Try again later."_s.arg(size()));
    }
    return success();
}

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
    ++m_perOwner[ownerId];
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

void RunTable::discard(Run *run, const QString &reason)
{
    const auto it = m_runs.find(run->uuid());
    if (it == m_runs.end())
        return;
    const QString uuid = run->uuid();
    Entry entry = take(it);
    if (entry.graceTimer)
        entry.graceTimer->stop();
    entry.run->setAttached(false);
    entry.run->cancel(reason);
    qCInfo(lcRuns).noquote() << "run" << uuid << "freed";
    // The caller may be in a slot of the run's own signals.
    entry.run.release()->deleteLater();
    Q_EMIT runRemoved(uuid);
}

RunTable::Entry RunTable::take(std::unordered_map<QString, Entry>::iterator it)
{
    Entry entry = std::move(it->second);
    m_runs.erase(it);
    const auto owner = m_perOwner.find(entry.run->ownerId());
    if (owner != m_perOwner.end() && --owner.value() <= 0)
        m_perOwner.erase(owner);
    return entry;
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
    Entry entry = take(it);
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
    m_perOwner.clear();
    for (const QString &uuid : std::as_const(uuids))
        Q_EMIT runRemoved(uuid);
}

} // namespace agentdesk
