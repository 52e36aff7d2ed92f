#include "TokenStore.h"

#include "ClientLogging.h"

#include <qt6keychain/keychain.h>

namespace agentdesk {

using namespace Qt::StringLiterals;

TokenStore::TokenStore(QObject *parent) : TokenStore(u"agentdesk"_s, parent) {}

TokenStore::TokenStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &TokenStore::onJobTimeout);
}

TokenStore::~TokenStore()
{
    // A job still running finishes on its own (auto-delete); it must not
    // call back into this object.
    if (m_job)
        m_job->disconnect(this);
}

QString TokenStore::keyFor(const QString &server, const QString &username)
{
    return username + u'@' + server;
}

void TokenStore::readToken(const QString &key)
{
    enqueue({Kind::Read, key, {}});
}

void TokenStore::writeToken(const QString &key, const QString &token)
{
    enqueue({Kind::Write, key, token});
}

void TokenStore::removeToken(const QString &key)
{
    enqueue({Kind::Remove, key, {}});
}

void TokenStore::enqueue(Pending pending)
{
    m_queue.enqueue(std::move(pending));
    scheduleNext();
}

// Always through the event loop: a job is never started from inside another
// job's finished handler (QtKeychain's backends are not re-entrant there).
void TokenStore::scheduleNext()
{
    if (m_scheduled || m_current || m_queue.isEmpty())
        return;
    m_scheduled = true;
    QMetaObject::invokeMethod(this, &TokenStore::startNext, Qt::QueuedConnection);
}

void TokenStore::startNext()
{
    m_scheduled = false;
    if (m_current || m_queue.isEmpty())
        return;
    m_current = m_queue.dequeue();

    QKeychain::Job *job = nullptr;
    switch (m_current->kind) {
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Kind::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(m_current->token);
        job = write;
        break;
    }
    case Kind::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setAutoDelete(true);
    // Never QtKeychain's plain-text QSettings fallback.
    job->setInsecureFallback(false);
    job->setKey(m_current->key);
    m_job = job;
    connect(job, &QKeychain::Job::finished, this, &TokenStore::onJobFinished);
    m_timeout.start(m_jobTimeout);
    qCDebug(lcClientKeychain) << "keychain job" << static_cast<int>(m_current->kind) << "started";
    job->start();
}

void TokenStore::onJobFinished(QKeychain::Job *job)
{
    if (job != m_job || !m_current)
        return;
    m_timeout.stop();
    m_job = nullptr;
    QString data;
    if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
        data = read->textData();
    complete(job->error(), job->errorString(), data);
}

void TokenStore::onJobTimeout()
{
    if (!m_current)
        return;
    if (m_job)
        m_job->disconnect(this);
    m_job = nullptr;
    complete(QKeychain::OtherError, tr("the keychain did not answer in time (is it locked?)"), {});
}

void TokenStore::complete(int error, const QString &errorString, const QString &data)
{
    const Pending done = *std::exchange(m_current, std::nullopt);
    scheduleNext();

    const bool ok = error == QKeychain::NoError;
    const bool notFound = error == QKeychain::EntryNotFound;
    if (!ok && !notFound)
        qCWarning(lcClientKeychain).noquote() << "keychain job failed:" << errorString;

    switch (done.kind) {
    case Kind::Read:
        if (ok && !data.isEmpty()) {
            emit tokenRead(done.key, data);
            return;
        }
        if (!ok && !notFound)
            markUnavailable(errorString);
        if (const auto it = m_memory.constFind(done.key); it != m_memory.constEnd())
            emit tokenRead(done.key, *it);
        else
            emit tokenMissing(done.key);
        return;
    case Kind::Write:
        if (ok) {
            m_memory.remove(done.key);
            emit tokenWritten(done.key, true);
            return;
        }
        m_memory.insert(done.key, done.token);
        markUnavailable(errorString);
        emit tokenWritten(done.key, false);
        return;
    case Kind::Remove:
        m_memory.remove(done.key);
        // With no working keychain the token only ever lived in memory.
        if (ok || notFound || m_memoryOnly)
            emit tokenRemoved(done.key);
        else
            emit removeFailed(done.key, errorString);
        return;
    }
}

void TokenStore::markUnavailable(const QString &reason)
{
    m_memoryOnly = true;
    emit keychainUnavailable(reason.isEmpty() ? tr("no keychain service is available") : reason);
}

} // namespace agentdesk
