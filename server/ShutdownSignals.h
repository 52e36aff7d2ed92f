#pragma once

#include <QObject>

class QSocketNotifier;

namespace agentdesk {

// Turns SIGINT and SIGTERM into a Qt signal delivered on the event loop
// (self-pipe: the handler only writes a byte), so a headless server shuts
// down cleanly instead of dying mid-write.
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

signals:
    void shutdownRequested(int signalNumber);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace agentdesk
