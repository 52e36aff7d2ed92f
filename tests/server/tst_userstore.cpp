#include "UserStore.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <thread>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

const QString Hash = u"$y$j9T$saltsaltsaltsalt$hashhashhashhashhashhashhashhashhashhash123"_s;

int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

// A raw second connection, to look at the file the way another tool would.
int rawUserVersion(const QString &path)
{
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"PRAGMA user_version"_s) && q.next())
                version = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return version;
}

} // namespace

class TestUserStore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void createsOwnerOnlyFilesAndFolders();
    void tightensLooseFilePermissions();
    void schemaIsVersioned();
    void refusesNewerSchema();
    void addAndFind();
    void listIsOrderedAndCounted();
    void duplicates_data();
    void duplicates();
    void usernames_data();
    void usernames();
    void unknownUsers();
    void disableAndPassword();
    void removeTakesTheTokensAlong();
    void changePasswordEndsTheOpaqueSessions();
    void tokensExpireAndRevoke();
    void transactionsRollBack();
    void secondConnectionReadsDuringAWrite();
    void secondWriterWaitsInsteadOfFailing();
    void closedStoreFailsCleanly();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<UserStore> m_store;
};

void TestUserStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"users.sqlite"_s);
    m_store = std::make_unique<UserStore>();
    const Status opened = m_store->open(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
}

void TestUserStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestUserStore::createsOwnerOnlyFilesAndFolders()
{
    const QString path = m_dir->filePath(u"deep/er/users.sqlite"_s);
    UserStore store;
    const Status opened = store.open(path);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    QVERIFY(store.add(u"alice"_s, Hash).ok()); // a write, so the WAL exists
    QCOMPARE(modeOf(m_dir->filePath(u"deep"_s)), 0700);
    QCOMPARE(modeOf(m_dir->filePath(u"deep/er"_s)), 0700);
    QCOMPARE(modeOf(path), 0600);
    QVERIFY(QFileInfo::exists(path + u"-wal"_s));
    QCOMPARE(modeOf(path + u"-wal"_s), 0600);
    QCOMPARE(modeOf(path + u"-shm"_s), 0600);
    QCOMPARE(store.path(), QFileInfo(path).absoluteFilePath());
}

void TestUserStore::tightensLooseFilePermissions()
{
    m_store->close();
    QVERIFY(::chmod(QFile::encodeName(m_path).constData(), 0644) == 0);
    UserStore store;
    QVERIFY(store.open(m_path).ok());
    QCOMPARE(modeOf(m_path), 0600);

    // Not a regular file: refused with a message.
    UserStore other;
    const Status onFolder = other.open(m_dir->path());
    QVERIFY(!onFolder.ok());
    QVERIFY(!onFolder.error().isEmpty());
}

void TestUserStore::schemaIsVersioned()
{
    QCOMPARE(rawUserVersion(m_path), UserStore::SchemaVersion);
    // Opening again is a no-op migration that keeps data.
    QVERIFY(m_store->add(u"alice"_s, Hash).ok());
    m_store->close();
    QVERIFY(m_store->open(m_path).ok());
    QCOMPARE(m_store->count().value(), 1);
}

void TestUserStore::refusesNewerSchema()
{
    m_store->close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA user_version = 99"_s));
    }
    QSqlDatabase::removeDatabase(u"bump"_s);
    UserStore store;
    const Status opened = store.open(m_path);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(u"newer"), qPrintable(opened.error()));
    QVERIFY(!store.isOpen());
}

void TestUserStore::addAndFind()
{
    const auto added = m_store->add(u"alice"_s, Hash, u"Alice Liddell"_s, u"alice@example.com"_s);
    QVERIFY2(added.ok(), qPrintable(added.error()));
    static const QRegularExpression uuid(
            u"\\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\z"_s);
    QVERIFY2(uuid.match(added->id).hasMatch(), qPrintable(added->id));
    QVERIFY(added->createdAt.isValid());

    const auto byName = m_store->findByUsername(u"alice"_s);
    QVERIFY(byName.ok());
    QCOMPARE(byName->id, added->id);
    QCOMPARE(byName->username, u"alice"_s);
    QCOMPARE(byName->fullName, u"Alice Liddell"_s);
    QCOMPARE(byName->email, u"alice@example.com"_s);
    QCOMPARE(byName->disabled, false);
    QCOMPARE(byName->createdAt, added->createdAt);
    QCOMPARE(byName->updatedAt, added->createdAt);

    const auto byId = m_store->findById(added->id);
    QVERIFY(byId.ok());
    QCOMPARE(byId->username, u"alice"_s);
    QCOMPARE(m_store->passwordHash(added->id).value(), Hash);

    // Lookups are exact: another case is another (unknown) name.
    QVERIFY(!m_store->findByUsername(u"Alice"_s).ok());

    const auto disabled = m_store->add(u"bob"_s, Hash, {}, {}, true);
    QVERIFY(disabled.ok());
    QCOMPARE(m_store->findByUsername(u"bob"_s)->disabled, true);
    QVERIFY(disabled->id != added->id);
}

void TestUserStore::listIsOrderedAndCounted()
{
    QCOMPARE(m_store->count().value(), 0);
    QVERIFY(m_store->list()->isEmpty());
    for (const QString &name : {u"carol"_s, u"alice"_s, u"bob"_s})
        QVERIFY(m_store->add(name, Hash).ok());
    QCOMPARE(m_store->count().value(), 3);
    QStringList names;
    const auto users = m_store->list();
    QVERIFY(users.ok());
    for (const User &user : *users)
        names.append(user.username);
    QCOMPARE(names, (QStringList{u"alice"_s, u"bob"_s, u"carol"_s}));
}

void TestUserStore::duplicates_data()
{
    QTest::addColumn<QString>("second");
    QTest::newRow("same") << u"alice"_s;
    QTest::newRow("other case") << u"ALICE"_s;
    QTest::newRow("mixed case") << u"aLiCe"_s;
}

void TestUserStore::duplicates()
{
    QFETCH(QString, second);
    QVERIFY(m_store->add(u"alice"_s, Hash).ok());
    const auto again = m_store->add(second, Hash);
    QVERIFY(!again.ok());
    QVERIFY2(again.error().contains(u"duplicate username"), qPrintable(again.error()));
    QCOMPARE(m_store->count().value(), 1);
}

void TestUserStore::usernames_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("valid");
    QTest::newRow("one char") << u"a"_s << true;
    QTest::newRow("64 chars") << QString(64, u'x') << true;
    QTest::newRow("all allowed") << u"john.doe+tag_1@example-host.org"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("65 chars") << QString(65, u'x') << false;
    QTest::newRow("space") << u"john doe"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("quote") << u"a'b"_s << false;
    QTest::newRow("non-ASCII") << u"jöhn"_s << false;
    QTest::newRow("newline") << u"john\n"_s << false;
    QTest::newRow("NUL") << u"john"_s + QChar(u'\0') << false;
}

void TestUserStore::usernames()
{
    QFETCH(QString, username);
    QFETCH(bool, valid);
    QCOMPARE(UserStore::isValidUsername(username), valid);
    const auto added = m_store->add(username, Hash);
    QCOMPARE(added.ok(), valid);
    if (!valid)
        QVERIFY2(added.error().contains(u"invalid username"), qPrintable(added.error()));
    QCOMPARE(m_store->count().value(), valid ? 1 : 0);
}

void TestUserStore::unknownUsers()
{
    QVERIFY(m_store->add(u"alice"_s, Hash).ok());
    for (const Status &status : {m_store->setDisabled(u"nobody"_s, true),
                                 m_store->setPasswordHash(u"nobody"_s, Hash),
                                 m_store->remove(u"nobody"_s)}) {
        QVERIFY(!status.ok());
        QVERIFY2(status.error().contains(u"unknown user"), qPrintable(status.error()));
    }
    const auto found = m_store->findByUsername(u"nobody"_s);
    QVERIFY(!found.ok());
    QVERIFY(found.error().contains(u"unknown user"));
    QVERIFY(!m_store->findById(u"00000000-0000-0000-0000-000000000000"_s).ok());
    QVERIFY(!m_store->passwordHash(u"nope"_s).ok());
    QCOMPARE(m_store->count().value(), 1);
    QVERIFY(!m_store->setPasswordHash(u"alice"_s, QString()).ok()); // empty hash refused
}

void TestUserStore::disableAndPassword()
{
    const auto alice = m_store->add(u"alice"_s, Hash);
    QVERIFY(alice.ok());
    QTest::qWait(5); // updated_at must move
    QVERIFY(m_store->setDisabled(u"alice"_s, true).ok());
    const auto disabled = m_store->findByUsername(u"alice"_s);
    QCOMPARE(disabled->disabled, true);
    QVERIFY(disabled->updatedAt > alice->updatedAt);
    QVERIFY(m_store->setDisabled(u"alice"_s, false).ok());
    QCOMPARE(m_store->findByUsername(u"alice"_s)->disabled, false);

    const QString other = u"$y$j9T$othersalt$otherhash"_s;
    QVERIFY(m_store->setPasswordHash(u"alice"_s, other).ok());
    QCOMPARE(m_store->passwordHash(alice->id).value(), other);
}

void TestUserStore::removeTakesTheTokensAlong()
{
    const auto alice = m_store->add(u"alice"_s, Hash);
    const auto bob = m_store->add(u"bob"_s, Hash);
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(600);
    const QByteArray aliceToken(32, 'a'), bobToken(32, 'b');
    QVERIFY(m_store->addToken(aliceToken, alice->id, later).ok());
    QVERIFY(m_store->addToken(bobToken, bob->id, later).ok());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(m_store->tokenUser(aliceToken, now).value(), alice->id);

    QVERIFY(m_store->remove(u"alice"_s).ok());
    QVERIFY(!m_store->findByUsername(u"alice"_s).ok());
    QVERIFY(!m_store->tokenUser(aliceToken, now).ok());
    QCOMPARE(m_store->tokenUser(bobToken, now).value(), bob->id);
    QVERIFY(!m_store->remove(u"alice"_s).ok());
}

void TestUserStore::changePasswordEndsTheOpaqueSessions()
{
    const auto alice = m_store->add(u"alice"_s, Hash);
    const auto bob = m_store->add(u"bob"_s, Hash);
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(600);
    const QByteArray aliceToken(32, 'a'), bobToken(32, 'b');
    QVERIFY(m_store->addToken(aliceToken, alice->id, later).ok());
    QVERIFY(m_store->addToken(bobToken, bob->id, later).ok());
    const QString other = u"$y$j9T$othersalt$otherhash"_s;

    QVERIFY(m_store->changePassword(u"alice"_s, other).ok());
    QCOMPARE(m_store->passwordHash(alice->id).value(), other);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(!m_store->tokenUser(aliceToken, now).ok());
    QCOMPARE(m_store->tokenUser(bobToken, now).value(), bob->id);
    // Refused as a whole: no such user, or a hash the store does not take.
    QVERIFY(!m_store->changePassword(u"nobody"_s, other).ok());
    QVERIFY(m_store->addToken(aliceToken, alice->id, later).ok());
    QVERIFY(!m_store->changePassword(u"alice"_s, QString()).ok());
    QCOMPARE(m_store->tokenUser(aliceToken, now).value(), alice->id);
    QCOMPARE(m_store->passwordHash(alice->id).value(), other);
}

void TestUserStore::tokensExpireAndRevoke()
{
    const auto alice = m_store->add(u"alice"_s, Hash);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray fresh(32, 'f'), stale(32, 's');
    QVERIFY(m_store->addToken(fresh, alice->id, now.addSecs(60)).ok());
    QVERIFY(m_store->addToken(stale, alice->id, now.addSecs(-1)).ok());
    QVERIFY(!m_store->addToken(fresh, alice->id, now.addSecs(60)).ok()); // same hash twice
    QVERIFY(m_store->tokenUser(fresh, now).ok());
    QVERIFY(!m_store->tokenUser(fresh, now.addSecs(60)).ok()); // expires at its expiry
    QVERIFY(!m_store->tokenUser(stale, now).ok());
    QCOMPARE(m_store->removeExpiredTokens(now).value(), 1);
    QVERIFY(m_store->removeToken(fresh).ok());
    QVERIFY(!m_store->tokenUser(fresh, now).ok());
    QVERIFY(!m_store->removeToken(fresh).ok());
    QVERIFY(m_store->addToken(fresh, alice->id, now.addSecs(60)).ok());
    QVERIFY(m_store->removeTokensOf(alice->id).ok());
    QVERIFY(!m_store->tokenUser(fresh, now).ok());
    // A token for a user that does not exist is refused (foreign key).
    QVERIFY(!m_store->addToken(QByteArray(32, 'x'), u"no-such-id"_s, now.addSecs(60)).ok());
}

void TestUserStore::transactionsRollBack()
{
    const Status failed = m_store->inTransaction([&]() -> Status {
        if (!m_store->add(u"alice"_s, Hash).ok())
            return Status::failure(u"setup"_s);
        return Status::failure(u"changed my mind"_s);
    });
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error(), u"changed my mind"_s);
    QCOMPARE(m_store->count().value(), 0);

    const Status outer = m_store->inTransaction([&]() -> Status {
        if (!m_store->add(u"alice"_s, Hash).ok())
            return Status::failure(u"add alice"_s);
        const Status inner = m_store->inTransaction([&]() -> Status {
            m_store->add(u"bob"_s, Hash);
            return Status::failure(u"inner"_s);
        });
        return inner.ok() ? Status::failure(u"inner should fail"_s) : success();
    });
    QVERIFY2(outer.ok(), qPrintable(outer.error()));
    QCOMPARE(m_store->count().value(), 1);
    QVERIFY(m_store->findByUsername(u"alice"_s).ok());
    QVERIFY(!m_store->findByUsername(u"bob"_s).ok());
}

void TestUserStore::secondConnectionReadsDuringAWrite()
{
    QVERIFY(m_store->add(u"alice"_s, Hash).ok());
    UserStore second;
    QVERIFY(second.open(m_path).ok());
    QElapsedTimer timer;
    const Status held = m_store->inTransaction([&]() -> Status {
        if (!m_store->add(u"bob"_s, Hash).ok())
            return Status::failure(u"add"_s);
        timer.start();
        // WAL: the reader is not blocked by the open write transaction and
        // sees the last committed state.
        const auto count = second.count();
        if (!count.ok())
            return Status::failure(count.error());
        return count.value() == 1 ? success() : Status::failure(u"saw uncommitted data"_s);
    });
    QVERIFY2(held.ok(), qPrintable(held.error()));
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(second.count().value(), 2);
}

void TestUserStore::secondWriterWaitsInsteadOfFailing()
{
    // The other writer has its own connection on its own thread, as the admin
    // command line would in its own process.
    Status otherResult = Status::failure(u"not run"_s);
    std::thread other;
    const Status held = m_store->inTransaction([&]() -> Status {
        if (!m_store->add(u"alice"_s, Hash).ok())
            return Status::failure(u"add"_s);
        other = std::thread([&] {
            UserStore store;
            if (Status opened = store.open(m_path); !opened) {
                otherResult = opened;
                return;
            }
            const auto added = store.add(u"bob"_s, Hash);
            otherResult = added.ok() ? success() : Status::failure(added.error());
        });
        QThread::msleep(400); // the other writer now waits on busy_timeout
        return success();
    });
    other.join(); // bounded by the 5 s busy timeout
    QVERIFY(held.ok());
    QVERIFY2(otherResult.ok(), qPrintable(otherResult.error()));
    QCOMPARE(m_store->count().value(), 2);
}

void TestUserStore::closedStoreFailsCleanly()
{
    UserStore closed;
    QVERIFY(!closed.isOpen());
    QVERIFY(!closed.add(u"alice"_s, Hash).ok());
    QVERIFY(!closed.findByUsername(u"alice"_s).ok());
    QVERIFY(!closed.count().ok());
    QVERIFY(!closed.list().ok());
    QVERIFY(!closed.inTransaction([] { return success(); }).ok());
    QVERIFY(!closed.open(QString()).ok());
    QVERIFY(!m_store->open(m_path).ok()); // already open
}

QTEST_GUILESS_MAIN(TestUserStore)
#include "tst_userstore.moc"
