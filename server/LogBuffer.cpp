#include "LogBuffer.h"

#include <QAtomicPointer>
#include <QDateTime>
#include <QMutexLocker>

#include <cstring>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

QtMessageHandler previousHandler = nullptr;
QAtomicPointer<LogBuffer> currentBuffer;

const char *typeName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "critical";
    case QtFatalMsg: return "fatal";
    }
    return "info";
}

} // namespace

LogBuffer::LogBuffer(qsizetype capacity, QObject *parent)
    : QObject(parent), m_capacity(qMax<qsizetype>(1, capacity))
{
    Q_ASSERT_X(!currentBuffer.loadAcquire(), "LogBuffer", "one LogBuffer at a time");
    currentBuffer.storeRelease(this);
    previousHandler = qInstallMessageHandler(&LogBuffer::handleMessage);
}

LogBuffer::~LogBuffer()
{
    qInstallMessageHandler(previousHandler);
    currentBuffer.storeRelease(nullptr);
}

QStringList LogBuffer::lines() const
{
    QMutexLocker locker(&m_mutex);
    return QStringList(m_lines.begin(), m_lines.end());
}

QString LogBuffer::format(QtMsgType type, const char *category, const QString &message)
{
    return QTime::currentTime().toString(u"HH:mm:ss"_s) + u' ' + QString::fromUtf8(category) + u": "_s
            + QString::fromLatin1(typeName(type)) + u": "_s + message;
}

void LogBuffer::handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (LogBuffer *buffer = currentBuffer.loadAcquire();
        buffer && context.category && std::strncmp(context.category, "agentdesk.", 10) == 0)
        buffer->add(format(type, context.category, message));
    // Qt hands back its default handler when none was installed.
    if (previousHandler)
        previousHandler(type, context, message);
}

void LogBuffer::add(const QString &line)
{
    {
        QMutexLocker locker(&m_mutex);
        m_lines.push_back(line);
        while (qsizetype(m_lines.size()) > m_capacity)
            m_lines.pop_front();
    }
    // Always queued: a slot that logs must not re-enter the handler, and a
    // line logged on a worker thread is shown on ours.
    QMetaObject::invokeMethod(this, [this, line] { emit lineAdded(line); }, Qt::QueuedConnection);
}

} // namespace agentdesk
