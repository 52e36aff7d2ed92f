#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QString>
#include <QTimer>

#include <chrono>
#include <optional>

namespace QKeychain {
class Job;
}

namespace agentdesk {

// The access token in the OS keychain (QtKeychain), keyed by server and
// user; nowhere else. Jobs are asynchronous and run one after the other.
// When no keychain service works, the token lives in this object's memory
// for this run only and keychainUnavailable() says so; it is never written
// to a file or to QSettings.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);
    explicit TokenStore(const QString &service, QObject *parent = nullptr);
    ~TokenStore() override;

    static QString keyFor(const QString &server, const QString &username);

    void readToken(const QString &key);
    void writeToken(const QString &key, const QString &token);
    void removeToken(const QString &key);

    // A job that has not finished after this long counts as a failed
    // keychain (a locked keyring whose prompt nobody answers).
    void setJobTimeout(std::chrono::milliseconds timeout) { m_jobTimeout = timeout; }
    // True once a job found no working keychain: tokens live in memory.
    bool isMemoryOnly() const { return m_memoryOnly; }
    bool isIdle() const { return !m_current && m_queue.isEmpty(); }
    QString service() const { return m_service; }

signals:
    void tokenRead(const QString &key, const QString &token);
    // Not logged in: no entry for this key (or no keychain to hold one).
    void tokenMissing(const QString &key);
    void tokenWritten(const QString &key, bool inKeychain);
    void tokenRemoved(const QString &key);
    // The entry may still be in the keychain (its job failed).
    void removeFailed(const QString &key, const QString &reason);
    // The keychain could not keep a token: it stays in memory for this run.
    void keychainUnavailable(const QString &reason);

private:
    enum class Kind { Read, Write, Remove };
    struct Pending
    {
        Kind kind;
        QString key;
        QString token;
    };

    void enqueue(Pending pending);
    void scheduleNext();
    void startNext();
    void onJobFinished(QKeychain::Job *job);
    void onJobTimeout();
    void complete(int error, const QString &errorString, const QString &data);
    void markUnavailable(const QString &reason);

    QString m_service;
    QQueue<Pending> m_queue;
    std::optional<Pending> m_current;
    QPointer<QKeychain::Job> m_job;
    QHash<QString, QString> m_memory; // only when the keychain failed us
    bool m_memoryOnly = false;
    bool m_scheduled = false;
    QTimer m_timeout;
    std::chrono::milliseconds m_jobTimeout{60'000};
};

} // namespace agentdesk
