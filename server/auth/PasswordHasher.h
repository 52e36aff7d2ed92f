#pragma once

#include "Result.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <mutex>
#include <type_traits>
#include <utility>

namespace agentdesk {

// Password hashing with libxcrypt: yescrypt for new hashes; yescrypt and
// upstream's bcrypt ($2b$) hashes are verified. Hashing costs tens of
// milliseconds on purpose, so the event loop never runs it: use the async
// functions there, or runAsync() for a bigger job built on hash()/verify().
//
// The sync functions are thread-safe. hash() and verify() are virtual only so
// that tests can observe which thread they run on.
class PasswordHasher
{
public:
    PasswordHasher();
    virtual ~PasswordHasher(); // waits for the jobs still on the pool
    Q_DISABLE_COPY_MOVE(PasswordHasher)

    static constexpr int MinimumPasswordLength = 8;       // characters
    // UTF-8 bytes. libxcrypt refuses longer passphrases (CRYPT_MAX_PASSPHRASE_SIZE
    // is 512 with the NUL), so 1024 would hash nothing past 511.
    static constexpr int MaximumPasswordBytes = 511;

    // Whether a new password is acceptable; the error says why not.
    static Status checkPolicy(const QString &password);
    // Whether `hash` is in a format verify() accepts ($y$ or $2a$/$2b$/$2y$).
    static bool isSupportedHash(const QString &hash);
    // Whether a hash that verified should be replaced by a fresh yescrypt one.
    static bool needsRehash(const QString &hash);

    // A new yescrypt hash, or why not (policy, libxcrypt failure).
    virtual Result<QString> hash(const QString &password) const;
    // Whether `password` matches `hash`. An empty or unsupported `hash` is
    // checked against a dummy hash and gives false, so an unknown username
    // costs as much time as a known one.
    virtual bool verify(const QString &password, const QString &hash) const;

    // The same on the pool; `done` runs on `context`'s thread, and never if
    // `context` is destroyed first. Call from `context`'s thread.
    void hashAsync(const QString &password, QObject *context,
                   std::function<void(Result<QString>)> done);
    void verifyAsync(const QString &password, const QString &hash, QObject *context,
                     std::function<void(bool)> done);

    // Runs `job` on the hashing pool and hands its result to `done` on
    // `context`'s thread (dropped if `context` died). Call from `context`'s thread.
    template <typename Job, typename Done>
    void runAsync(QObject *context, Job job, Done done);

    QThreadPool &pool() { return m_pool; }

private:
    const QString &dummyHash() const;

    QThreadPool m_pool;
    mutable std::once_flag m_dummyOnce;
    mutable QString m_dummyHash;
};

template <typename Job, typename Done>
void PasswordHasher::runAsync(QObject *context, Job job, Done done)
{
    using R = std::invoke_result_t<Job>;
    Q_ASSERT(context);
    Q_ASSERT(context->thread() == QThread::currentThread());
    // The watcher is a child of `context`: if `context` dies first, the
    // watcher dies with it and the result is dropped. Qt's own
    // QFuture::then(context) asserts on a dead context in 6.4, hence this.
    auto *watcher = new QFutureWatcher<R>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(&m_pool, std::move(job)));
}

} // namespace agentdesk
