#pragma once

#include "Result.h"
#include "User.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace agentdesk {

// The users (and the hashes of opaque tokens) in one SQLite file through Qt
// SQL. The file is created 0600 in a 0700 folder; WAL and a busy timeout let
// the `agentdesk users` command line work on it while a server runs.
//
// One instance is one connection, used from the thread that opened it.
// Password hashes go in and out as text; this class never sees a password.
class UserStore
{
public:
    UserStore();
    ~UserStore();
    Q_DISABLE_COPY_MOVE(UserStore)

    static constexpr int SchemaVersion = 1;

    // Opens (creating folders, file and schema as needed) the database at `path`.
    Status open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }

    // 1 to 64 characters out of [A-Za-z0-9._@+-].
    static bool isValidUsername(const QString &username);

    // Adds a user with a new id. Fails on an invalid or taken username
    // (usernames differing only in case are the same name here).
    Result<User> add(const QString &username, const QString &passwordHash,
                     const QString &fullName = {}, const QString &email = {}, bool disabled = false);

    // Lookups fail with "unknown user ..." when there is no such user.
    Result<User> findByUsername(const QString &username) const;
    Result<User> findById(const QString &id) const;
    Result<QString> passwordHash(const QString &userId) const;
    Result<QList<User>> list() const; // ordered by username
    Result<int> count() const;

    Status setDisabled(const QString &username, bool disabled);
    Status setPasswordHash(const QString &username, const QString &passwordHash);
    // A new password chosen by or for the user: sets the hash and, in the
    // same transaction, ends the sessions opened with the old one where the
    // token mode can (opaque tokens; a JWT runs until it expires).
    // setPasswordHash alone is for rehashing the same password.
    Status changePassword(const QString &username, const QString &passwordHash);
    // Removes the user and all of that user's opaque tokens.
    Status remove(const QString &username);

    // Runs `work` in one transaction: everything it changed is kept when it
    // succeeds and rolled back when it fails. Nests.
    Status inTransaction(const std::function<Status()> &work);

    // Opaque tokens, by the SHA-256 of the token (the token itself is never stored).
    Status addToken(const QByteArray &tokenHash, const QString &userId, const QDateTime &expiresAt);
    // The id of the user a token belongs to; fails when unknown or expired at `now`.
    Result<QString> tokenUser(const QByteArray &tokenHash, const QDateTime &now) const;
    Status removeToken(const QByteArray &tokenHash);
    Status removeTokensOf(const QString &userId);
    Result<int> removeExpiredTokens(const QDateTime &now);

private:
    Status createFile(const QString &path);
    Status migrate();
    Status exec(const QString &sql);
    Result<User> findOne(const QString &column, const QString &value) const;
    Status updateUser(const QString &username, const QString &assignment, const QVariant &value);

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    int m_transactionDepth = 0;
};

} // namespace agentdesk
