#include "UserStore.h"

#include "Logging.h"
#include "PrivateFiles.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxFieldLength = 256; // full name, email
constexpr int MaxHashLength = 512;
constexpr int BusyTimeoutMs = 5000;

const QString UserColumns = u"id, username, full_name, email, disabled, created_at, updated_at"_s;

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString sqlError(const QSqlError &error)
{
    return u"user database error: %1"_s.arg(error.text());
}

QString unknownUser(const QString &name)
{
    return u"unknown user \"%1\""_s.arg(name);
}

User userFrom(const QSqlQuery &query)
{
    User user;
    user.id = query.value(0).toString();
    user.username = query.value(1).toString();
    user.fullName = query.value(2).toString();
    user.email = query.value(3).toString();
    user.disabled = query.value(4).toInt() != 0;
    user.createdAt = QDateTime::fromString(query.value(5).toString(), Qt::ISODateWithMs);
    user.updatedAt = QDateTime::fromString(query.value(6).toString(), Qt::ISODateWithMs);
    return user;
}

// Prepares and runs one statement; the query comes back positioned before
// its first row.
Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    if (!query.prepare(sql))
        return Result<QSqlQuery>::failure(sqlError(query.lastError()));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return Result<QSqlQuery>::failure(sqlError(query.lastError()));
    return query;
}

QAtomicInteger<quint64> connectionCounter;

} // namespace

UserStore::UserStore()
    : m_connectionName(u"agentdesk-users-%1"_s.arg(connectionCounter.fetchAndAddRelaxed(1)))
{
}

UserStore::~UserStore()
{
    close();
}

bool UserStore::isValidUsername(const QString &username)
{
    static const QRegularExpression pattern(u"\\A[A-Za-z0-9._@+-]{1,64}\\z"_s);
    return pattern.match(username).hasMatch();
}

Status UserStore::open(const QString &path)
{
    if (isOpen())
        return Status::failure(u"the user database is already open"_s);
    if (path.isEmpty())
        return Status::failure(u"no user database path given"_s);
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (Status made = makePrivateFolders(QFileInfo(absolute).absolutePath()); !made)
        return made;
    if (Status created = createFile(absolute); !created)
        return created;

    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(absolute);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
    if (!m_db.open()) {
        const QString error = sqlError(m_db.lastError());
        close();
        return Status::failure(error);
    }
    m_path = absolute;

    // WAL lets readers (a server) and a writer (the admin command line) work
    // at once; busy_timeout makes a second writer wait instead of failing.
    for (const QString &pragma : {u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs),
                                  u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = NORMAL"_s,
                                  u"PRAGMA foreign_keys = ON"_s}) {
        if (Status done = exec(pragma); !done) {
            close();
            return done;
        }
    }
    if (Status migrated = migrate(); !migrated) {
        close();
        return migrated;
    }
    qCDebug(lcAuth) << "user database open:" << m_path;
    return success();
}

Status UserStore::createFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat info {};
    if (::lstat(native.constData(), &info) == 0) {
        if (!S_ISREG(info.st_mode))
            return Status::failure(u"%1 is not a regular file"_s.arg(path));
        if ((info.st_mode & 077) != 0) {
            qCWarning(lcAuth) << "user database" << path
                              << "was readable by others; making it owner-only";
            if (::chmod(native.constData(), 0600) != 0)
                return Status::failure(u"cannot make %1 owner-only: %2"_s.arg(
                        path, QString::fromLocal8Bit(std::strerror(errno))));
        }
        return success();
    }
    // Created here, empty and 0600, before SQLite touches it: SQLite gives
    // the -wal and -shm files the mode of the database file.
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                          0600);
    if (fd < 0)
        return Status::failure(u"cannot create %1: %2"_s.arg(
                path, QString::fromLocal8Bit(std::strerror(errno))));
    ::close(fd);
    return success();
}

void UserStore::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_path.clear();
    m_transactionDepth = 0;
}

bool UserStore::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

Status UserStore::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return Status::failure(sqlError(query.lastError()));
    return success();
}

Status UserStore::migrate()
{
    auto version = run(m_db, u"PRAGMA user_version"_s);
    if (!version)
        return Status::failure(version.error());
    const int current = version->next() ? version->value(0).toInt() : 0;
    version->finish();
    if (current == SchemaVersion)
        return success();
    if (current > SchemaVersion)
        return Status::failure(
                u"the user database %1 has schema version %2, newer than this program knows (%3)"_s
                        .arg(m_path)
                        .arg(current)
                        .arg(SchemaVersion));

    return inTransaction([this]() -> Status {
        // Looked at again under the write lock: another process may have
        // created the schema since.
        auto again = run(m_db, u"PRAGMA user_version"_s);
        if (!again)
            return Status::failure(again.error());
        if (again->next() && again->value(0).toInt() == SchemaVersion)
            return success();
        again->finish();
        const QStringList statements{
                uR"(CREATE TABLE users (
                      id TEXT PRIMARY KEY NOT NULL,
                      username TEXT NOT NULL UNIQUE,
                      full_name TEXT NOT NULL DEFAULT '',
                      email TEXT NOT NULL DEFAULT '',
                      password_hash TEXT NOT NULL,
                      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                      created_at TEXT NOT NULL,
                      updated_at TEXT NOT NULL))"_s,
                // "Alice" next to "alice" would invite impersonation.
                u"CREATE UNIQUE INDEX users_username_nocase ON users (username COLLATE NOCASE)"_s,
                // Opaque tokens: only their SHA-256 (hex) is kept; expiry in Unix seconds.
                uR"(CREATE TABLE tokens (
                      token_hash TEXT PRIMARY KEY NOT NULL,
                      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                      created_at TEXT NOT NULL,
                      expires_at INTEGER NOT NULL))"_s,
                u"CREATE INDEX tokens_user ON tokens (user_id)"_s,
                u"CREATE INDEX tokens_expiry ON tokens (expires_at)"_s,
                u"PRAGMA user_version = %1"_s.arg(SchemaVersion),
        };
        for (const QString &statement : statements) {
            if (Status done = exec(statement); !done)
                return done;
        }
        return success();
    });
}

Status UserStore::inTransaction(const std::function<Status()> &work)
{
    if (!isOpen())
        return Status::failure(u"the user database is not open"_s);
    // BEGIN IMMEDIATE takes the write lock up front (waiting busy_timeout for
    // it) instead of failing halfway when another process writes.
    const bool outermost = m_transactionDepth == 0;
    const QString savepoint = u"agentdesk_%1"_s.arg(m_transactionDepth);
    if (Status begun = exec(outermost ? u"BEGIN IMMEDIATE"_s : u"SAVEPOINT "_s + savepoint); !begun)
        return begun;
    ++m_transactionDepth;
    Status result = work();
    --m_transactionDepth;
    if (result) {
        Status committed = exec(outermost ? u"COMMIT"_s : u"RELEASE "_s + savepoint);
        if (committed)
            return result;
        result = committed;
    }
    if (outermost) {
        exec(u"ROLLBACK"_s);
    } else {
        exec(u"ROLLBACK TO "_s + savepoint);
        exec(u"RELEASE "_s + savepoint);
    }
    return result;
}

Result<User> UserStore::add(const QString &username, const QString &passwordHash,
                            const QString &fullName, const QString &email, bool disabled)
{
    using R = Result<User>;
    if (!isOpen())
        return R::failure(u"the user database is not open"_s);
    if (!isValidUsername(username))
        return R::failure(u"invalid username \"%1\": use 1 to 64 characters out of A-Z a-z 0-9 . _ @ + -"_s
                                  .arg(username.left(80)));
    if (passwordHash.isEmpty() || passwordHash.size() > MaxHashLength)
        return R::failure(u"invalid password hash"_s);
    if (fullName.size() > MaxFieldLength || email.size() > MaxFieldLength)
        return R::failure(u"full name and email must not be longer than %1 characters"_s.arg(
                MaxFieldLength));

    User user;
    user.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    user.username = username;
    user.fullName = fullName;
    user.email = email;
    user.disabled = disabled;
    const QString now = nowText();
    user.createdAt = user.updatedAt = QDateTime::fromString(now, Qt::ISODateWithMs);

    auto inserted = run(m_db,
                        u"INSERT INTO users (id, username, full_name, email, password_hash, disabled, "
                        "created_at, updated_at) VALUES (?, ?, COALESCE(?, ''), COALESCE(?, ''), ?, ?, ?, ?)"_s,
                        {user.id, username, fullName, email, passwordHash, disabled ? 1 : 0, now, now});
    if (!inserted) {
        QSqlQuery probe(m_db);
        probe.prepare(u"SELECT 1 FROM users WHERE username = ? COLLATE NOCASE"_s);
        probe.addBindValue(username);
        if (probe.exec() && probe.next())
            return R::failure(u"duplicate username: \"%1\" is taken"_s.arg(username));
        return R::failure(inserted.error());
    }
    return user;
}

Result<User> UserStore::findOne(const QString &column, const QString &value) const
{
    using R = Result<User>;
    if (!isOpen())
        return R::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"SELECT %1 FROM users WHERE %2 = ?"_s.arg(UserColumns, column), {value});
    if (!query)
        return R::failure(query.error());
    if (!query->next())
        return R::failure(unknownUser(value));
    return userFrom(*query);
}

Result<User> UserStore::findByUsername(const QString &username) const
{
    if (!isValidUsername(username))
        return Result<User>::failure(unknownUser(username.left(80)));
    return findOne(u"username"_s, username);
}

Result<User> UserStore::findById(const QString &id) const
{
    return findOne(u"id"_s, id);
}

Result<QString> UserStore::passwordHash(const QString &userId) const
{
    using R = Result<QString>;
    if (!isOpen())
        return R::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"SELECT password_hash FROM users WHERE id = ?"_s, {userId});
    if (!query)
        return R::failure(query.error());
    if (!query->next())
        return R::failure(unknownUser(userId));
    return query->value(0).toString();
}

Result<QList<User>> UserStore::list() const
{
    using R = Result<QList<User>>;
    if (!isOpen())
        return R::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"SELECT %1 FROM users ORDER BY username"_s.arg(UserColumns));
    if (!query)
        return R::failure(query.error());
    QList<User> users;
    while (query->next())
        users.append(userFrom(*query));
    return users;
}

Result<int> UserStore::count() const
{
    using R = Result<int>;
    if (!isOpen())
        return R::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"SELECT COUNT(*) FROM users"_s);
    if (!query)
        return R::failure(query.error());
    return query->next() ? query->value(0).toInt() : 0;
}

Status UserStore::updateUser(const QString &username, const QString &assignment,
                             const QVariant &value)
{
    if (!isOpen())
        return Status::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"UPDATE users SET %1 = ?, updated_at = ? WHERE username = ?"_s.arg(assignment),
                     {value, nowText(), username});
    if (!query)
        return Status::failure(query.error());
    if (query->numRowsAffected() != 1)
        return Status::failure(unknownUser(username));
    return success();
}

Status UserStore::setDisabled(const QString &username, bool disabled)
{
    return updateUser(username, u"disabled"_s, disabled ? 1 : 0);
}

Status UserStore::setPasswordHash(const QString &username, const QString &passwordHash)
{
    if (passwordHash.isEmpty() || passwordHash.size() > MaxHashLength)
        return Status::failure(u"invalid password hash"_s);
    return updateUser(username, u"password_hash"_s, passwordHash);
}

Status UserStore::changePassword(const QString &username, const QString &passwordHash)
{
    const Result<User> user = findByUsername(username);
    if (!user)
        return Status::failure(user.error());
    return inTransaction([&]() -> Status {
        if (Status set = setPasswordHash(username, passwordHash); !set)
            return set;
        return removeTokensOf(user->id);
    });
}

Status UserStore::remove(const QString &username)
{
    return inTransaction([&]() -> Status {
        // Explicit, not only ON DELETE CASCADE: a token must never outlive
        // its user even if foreign keys were off on some connection.
        auto tokens = run(m_db,
                          u"DELETE FROM tokens WHERE user_id IN (SELECT id FROM users WHERE username = ?)"_s,
                          {username});
        if (!tokens)
            return Status::failure(tokens.error());
        auto users = run(m_db, u"DELETE FROM users WHERE username = ?"_s, {username});
        if (!users)
            return Status::failure(users.error());
        if (users->numRowsAffected() != 1)
            return Status::failure(unknownUser(username));
        return success();
    });
}

Status UserStore::addToken(const QByteArray &tokenHash, const QString &userId,
                           const QDateTime &expiresAt)
{
    if (!isOpen())
        return Status::failure(u"the user database is not open"_s);
    auto query = run(m_db,
                     u"INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"_s,
                     {QString::fromLatin1(tokenHash.toHex()), userId, nowText(),
                      expiresAt.toSecsSinceEpoch()});
    if (!query)
        return Status::failure(query.error());
    return success();
}

Result<QString> UserStore::tokenUser(const QByteArray &tokenHash, const QDateTime &now) const
{
    using R = Result<QString>;
    if (!isOpen())
        return R::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"SELECT user_id, expires_at FROM tokens WHERE token_hash = ?"_s,
                     {QString::fromLatin1(tokenHash.toHex())});
    if (!query)
        return R::failure(query.error());
    if (!query->next())
        return R::failure(u"unknown token"_s);
    if (query->value(1).toLongLong() <= now.toSecsSinceEpoch())
        return R::failure(u"expired token"_s);
    return query->value(0).toString();
}

Status UserStore::removeToken(const QByteArray &tokenHash)
{
    if (!isOpen())
        return Status::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"DELETE FROM tokens WHERE token_hash = ?"_s,
                     {QString::fromLatin1(tokenHash.toHex())});
    if (!query)
        return Status::failure(query.error());
    if (query->numRowsAffected() != 1)
        return Status::failure(u"unknown token"_s);
    return success();
}

Status UserStore::removeTokensOf(const QString &userId)
{
    if (!isOpen())
        return Status::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"DELETE FROM tokens WHERE user_id = ?"_s, {userId});
    return query ? success() : Status::failure(query.error());
}

Result<int> UserStore::removeExpiredTokens(const QDateTime &now)
{
    if (!isOpen())
        return Result<int>::failure(u"the user database is not open"_s);
    auto query = run(m_db, u"DELETE FROM tokens WHERE expires_at <= ?"_s, {now.toSecsSinceEpoch()});
    if (!query)
        return Result<int>::failure(query.error());
    return query->numRowsAffected();
}

} // namespace agentdesk
