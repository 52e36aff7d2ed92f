#pragma once

#include "Run.h"

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
// gone, or finished) is cancelled and freed after the grace period, so a
// client could come back within it (reattach is a later feature).
class RunTable : public QObject
{
    Q_OBJECT
public:
    explicit RunTable(std::chrono::milliseconds grace, QObject *parent = nullptr);
    ~RunTable() override;

    // A new run of `workflow` owned by `ownerId`, waiting for its socket.
    Run *create(const QString &ownerId, const Workflow &workflow, const QJsonObject &params);
    Run *find(const QString &hexUuid) const;
    qsizetype size() const { return qsizetype(m_runs.size()); }
    std::chrono::milliseconds grace() const { return m_grace; }
    void setGrace(std::chrono::milliseconds grace) { m_grace = grace; }

    // A socket took the run (stops its grace timer) or let it go (starts it).
    void attach(Run *run);
    void detach(Run *run);

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

    std::chrono::milliseconds m_grace;
    std::unordered_map<QString, Entry> m_runs;
};

} // namespace agentdesk
