#pragma once

#include <QMutex>
#include <QObject>
#include <QStringList>

#include <deque>

namespace agentdesk {

// The last lines the process logged under the agentdesk.* categories, for
// the desktop app's server window. It chains Qt's message handler: every
// line still reaches stderr (or the journal) as before. The log categories
// never carry secrets (Logging.h), so neither does this.
//
// One instance at a time (the message handler is process-wide); lines may
// come from any thread, lineAdded() is emitted on the buffer's own thread.
class LogBuffer : public QObject
{
    Q_OBJECT
public:
    explicit LogBuffer(qsizetype capacity = 2000, QObject *parent = nullptr);
    ~LogBuffer() override; // puts the previous handler back

    QStringList lines() const;
    qsizetype capacity() const { return m_capacity; }

    // "14:02:11 agentdesk.http: info: GET /fastagency/discovery 200 …"
    static QString format(QtMsgType type, const char *category, const QString &message);

Q_SIGNALS:
    void lineAdded(const QString &line);

private:
    static void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message);
    void add(const QString &line);

    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    std::deque<QString> m_lines;
};

} // namespace agentdesk
