#include "LogCapture.h"

#include <QMutex>

namespace agentdesk::test {

namespace {

QMutex mutex;
QList<QString> captured;
QtMessageHandler previous = nullptr;
bool active = false;

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&mutex);
        captured.append(QString::fromUtf8(context.category ? context.category : "default")
                        + QLatin1String(": ") + message);
    }
    if (previous)
        previous(type, context, message);
}

} // namespace

LogCapture::LogCapture()
{
    Q_ASSERT(!active);
    active = true;
    clear();
    previous = qInstallMessageHandler(handler);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(previous);
    active = false;
}

QList<QString> LogCapture::lines() const
{
    QMutexLocker lock(&mutex);
    return captured;
}

bool LogCapture::contains(const QString &needle) const
{
    QMutexLocker lock(&mutex);
    for (const QString &line : std::as_const(captured)) {
        if (line.contains(needle))
            return true;
    }
    return false;
}

QList<QString> LogCapture::linesIn(const QString &category) const
{
    QMutexLocker lock(&mutex);
    QList<QString> result;
    for (const QString &line : std::as_const(captured)) {
        if (line.startsWith(category + QLatin1String(": ")))
            result.append(line);
    }
    return result;
}

void LogCapture::clear()
{
    QMutexLocker lock(&mutex);
    captured.clear();
}

} // namespace agentdesk::test
