#pragma once

#include "Result.h"
#include "Run.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <unordered_map>

class QTimer;

namespace agentdesk {

struct Workflow;

// Every run of the server, keyed by hex workflow_uuid; owned by the Server,
// not by sockets. A run with no socket attached (never connected, client
// gone, or finished) is cancelled and freed after the grace period, so its
// owner can come back within it (RunSocket reattaches it: a reattach is the
// same run, not a new one, and counts nothing again).
//
// It also bounds what it holds: admit() refuses a new run when its owner,
// or the server, already has the most runs the limits allow. Every run in
// the table counts, whatever its state: an initiated run waiting for its
// socket holds its params as surely as a running one holds its messages.
// (RunLimits counts again when a runner starts, over the started runs only,
// a subset of these; for runs created through admit() it never refuses.)
class RunTable : public QObject
{
    Q_OBJECT
public:
    explicit RunTable(std::chrono::milliseconds grace, QObject *parent = nullptr);
    ~RunTable() override;

    // Runs per owner and in all; 0 means no limit.
    void setLimits(int maxPerOwner, int maxTotal);
    // Whether `ownerId` may have one more run; if not, a text for the user.
    Status admit(const QString &ownerId) const;
    qsizetype countFor(const QString &ownerId) const { return m_perOwner.value(ownerId); }

    // A new run of `workflow` owned by `ownerId`, waiting for its socket.
    // It does not check the limits: call admit() first.
    Run *create(const QString &ownerId, const Workflow &workflow, const QJsonObject &params);
    Run *find(const QString &hexUuid) const;
    qsizetype size() const { return qsizetype(m_runs.size()); }
    std::chrono::milliseconds grace() const { return m_grace; }
    void setGrace(std::chrono::milliseconds grace) { m_grace = grace; }

    // A socket took the run (stops its grace timer) or let it go (starts it).
    void attach(Run *run);
    void detach(Run *run);
    // Cancels `run` with `reason` and frees it now, without a grace period
    // (its client said it is done). The Run object is deleted later.
    void discard(Run *run, const QString &reason);

    // Cancels and frees every run (server shutdown).
    void clear(const QString &reason);

Q_SIGNALS:
    void runRemoved(const QString &hexUuid);

private:
    struct Entry
    {
        std::unique_ptr<Run> run;
        std::unique_ptr<QTimer> graceTimer;
    };
    void startGrace(Entry &entry);
    void expire(const QString &hexUuid);
    // Takes the entry out of the table (and its owner's count).
    Entry take(std::unordered_map<QString, Entry>::iterator it);

    std::chrono::milliseconds m_grace;
    std::unordered_map<QString, Entry> m_runs;
    QHash<QString, qsizetype> m_perOwner;
    int m_maxPerOwner = 0;
    int m_maxTotal = 0;
};

} // namespace agentdesk
