#include "ConstantTime.h"
#include "PasswordHasher.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QPointer>
#include <QTest>

#include <crypt.h>

#include <algorithm>
#include <memory>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

// Upstream's fake_users_db: johndoe / "secret".
const QString JohnDoeHash = u"$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"_s;

// Records the thread every verify() runs on.
class SpyHasher : public PasswordHasher
{
public:
    bool verify(const QString &password, const QString &hash) const override
    {
        {
            QMutexLocker lock(&m_mutex);
            m_threads.append(QThread::currentThread());
        }
        return PasswordHasher::verify(password, hash);
    }
    QList<QThread *> threads() const
    {
        QMutexLocker lock(&m_mutex);
        return m_threads;
    }

private:
    mutable QMutex m_mutex;
    mutable QList<QThread *> m_threads;
};

QString legacyCrypt(const QByteArray &phrase, const QByteArray &setting)
{
    auto data = std::make_unique<crypt_data>();
    const char *out = crypt_rn(phrase.constData(), setting.constData(), data.get(), sizeof(crypt_data));
    return out ? QString::fromLatin1(out) : QString();
}

qint64 medianNs(const std::function<void()> &work)
{
    QList<qint64> times;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(timer.nsecsElapsed());
    }
    std::sort(times.begin(), times.end());
    return times.at(2);
}

} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private slots:
    void newHashesAreYescrypt();
    void verifiesUpstreamBcrypt_data();
    void verifiesUpstreamBcrypt();
    void policy_data();
    void policy();
    void refusesWeakOrForeignHashes_data();
    void refusesWeakOrForeignHashes();
    void unknownUserCostsAsMuchAsKnownUser();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void asyncRunsOnThePoolAndAnswersOnTheContextThread();
    void asyncHash();
    void asyncResultDroppedWhenContextDies();
};

void TestPasswordHasher::newHashesAreYescrypt()
{
    PasswordHasher hasher;
    const auto first = hasher.hash(u"correct horse battery"_s);
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QVERIFY2(first->startsWith(u"$y$"), qPrintable(*first));
    QVERIFY(PasswordHasher::isSupportedHash(*first));
    QVERIFY(!PasswordHasher::needsRehash(*first));
    QVERIFY(hasher.verify(u"correct horse battery"_s, *first));
    QVERIFY(!hasher.verify(u"correct horse batterY"_s, *first));
    QVERIFY(!hasher.verify(QString(), *first));
    const auto second = hasher.hash(u"correct horse battery"_s);
    QVERIFY(second.ok());
    QVERIFY2(*first != *second, "every hash gets its own salt");
}

void TestPasswordHasher::verifiesUpstreamBcrypt_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("matches");
    QTest::newRow("secret") << u"secret"_s << true;
    QTest::newRow("Secret") << u"Secret"_s << false;
    QTest::newRow("secret+space") << u"secret "_s << false;
    QTest::newRow("empty") << QString() << false;
    // crypt() stops at a NUL: without our check this would verify as "secret".
    QTest::newRow("secret NUL tail") << u"secret"_s + QChar(u'\0') + u"tail"_s << false;
}

void TestPasswordHasher::verifiesUpstreamBcrypt()
{
    QFETCH(QString, password);
    QFETCH(bool, matches);
    PasswordHasher hasher;
    QVERIFY(PasswordHasher::isSupportedHash(JohnDoeHash));
    QVERIFY(PasswordHasher::needsRehash(JohnDoeHash));
    QCOMPARE(hasher.verify(password, JohnDoeHash), matches);
}

void TestPasswordHasher::policy_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("7 chars") << u"1234567"_s << false;
    QTest::newRow("8 chars") << u"12345678"_s << true;
    QTest::newRow("8 non-ASCII chars") << u"ääääääää"_s << true;
    QTest::newRow("7 non-ASCII chars, 14 bytes") << u"äääääää"_s << false;
    QTest::newRow("511 bytes") << QString(511, u'x') << true;
    QTest::newRow("512 bytes") << QString(512, u'x') << false;
    QTest::newRow("300 chars, 600 bytes") << QString(300, u'ä') << false;
    QTest::newRow("NUL inside") << u"abcd"_s + QChar(u'\0') + u"efgh"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestPasswordHasher::policy()
{
    QFETCH(QString, password);
    QFETCH(bool, acceptable);
    const Status status = PasswordHasher::checkPolicy(password);
    QCOMPARE(status.ok(), acceptable);
    if (!acceptable)
        QVERIFY(!status.error().isEmpty());
    PasswordHasher hasher;
    const auto hashed = hasher.hash(password);
    QCOMPARE(hashed.ok(), acceptable);
    if (acceptable)
        QVERIFY(hasher.verify(password, *hashed));
}

void TestPasswordHasher::refusesWeakOrForeignHashes_data()
{
    QTest::addColumn<QString>("hash");
    // Real hashes of "secret" that crypt_r itself would verify.
    QTest::newRow("md5-crypt") << legacyCrypt("secret", "$1$saltsalt$");
    QTest::newRow("sha512-crypt") << legacyCrypt("secret", "$6$saltsalt$");
    QTest::newRow("descrypt") << legacyCrypt("secret", "ab");
    QTest::newRow("plain text") << u"secret"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("truncated bcrypt") << JohnDoeHash.left(30);
    QTest::newRow("bcrypt, tampered digest") << JohnDoeHash.left(JohnDoeHash.size() - 1) + u"X"_s;
}

void TestPasswordHasher::refusesWeakOrForeignHashes()
{
    QFETCH(QString, hash);
    PasswordHasher hasher;
    if (hash.startsWith(u'$') && hash.size() > 20 && !hash.startsWith(u"$2b$")) {
        // The control: libxcrypt on its own accepts this hash for "secret".
        QCOMPARE(legacyCrypt("secret", hash.toLatin1()), hash);
        QVERIFY(!PasswordHasher::isSupportedHash(hash));
    }
    QVERIFY(!hasher.verify(u"secret"_s, hash));
}

void TestPasswordHasher::unknownUserCostsAsMuchAsKnownUser()
{
    PasswordHasher hasher;
    const auto real = hasher.hash(u"a long enough password"_s);
    QVERIFY(real.ok());
    hasher.verify(u"warm up the dummy hash"_s, QString());
    const qint64 known = medianNs([&] { hasher.verify(u"wrong password!"_s, *real); });
    const qint64 unknown = medianNs([&] { hasher.verify(u"wrong password!"_s, QString()); });
    // Same algorithm, same cost: an early return would be orders of magnitude faster.
    QVERIFY2(unknown * 3 > known, qPrintable(u"known %1 ns, unknown %2 ns"_s.arg(known).arg(unknown)));
    QVERIFY2(known * 3 > unknown, qPrintable(u"known %1 ns, unknown %2 ns"_s.arg(known).arg(unknown)));
}

void TestPasswordHasher::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("abcdef") << QByteArray("abcdef") << true;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("first byte") << QByteArray("xbcdef") << QByteArray("abcdef") << false;
    QTest::newRow("last byte") << QByteArray("abcdex") << QByteArray("abcdef") << false;
    QTest::newRow("prefix") << QByteArray("abc") << QByteArray("abcdef") << false;
    QTest::newRow("high bit") << QByteArray("\x80") << QByteArray("\x00", 1) << false;
}

void TestPasswordHasher::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(agentdesk::constantTimeEquals(a, b), equal);
    QCOMPARE(agentdesk::constantTimeEquals(b, a), equal);
}

void TestPasswordHasher::asyncRunsOnThePoolAndAnswersOnTheContextThread()
{
    SpyHasher hasher;
    const auto hash = hasher.PasswordHasher::hash(u"async password"_s);
    QVERIFY(hash.ok());
    QObject context;
    std::optional<bool> right;
    std::optional<bool> wrong;
    QThread *answeredOn = nullptr;
    hasher.verifyAsync(u"async password"_s, *hash, &context, [&](bool ok) {
        right = ok;
        answeredOn = QThread::currentThread();
    });
    hasher.verifyAsync(u"other password"_s, *hash, &context, [&](bool ok) { wrong = ok; });
    QVERIFY2(!right.has_value(), "the result arrives through the event loop, not inline");
    QTRY_VERIFY(right.has_value() && wrong.has_value());
    QCOMPARE(*right, true);
    QCOMPARE(*wrong, false);
    QCOMPARE(answeredOn, QThread::currentThread());
    const QList<QThread *> threads = hasher.threads();
    QCOMPARE(threads.size(), 2);
    for (QThread *thread : threads)
        QVERIFY2(thread != QThread::currentThread(), "verify() ran on the event loop's thread");
}

void TestPasswordHasher::asyncHash()
{
    PasswordHasher hasher;
    QObject context;
    std::optional<Result<QString>> good;
    std::optional<Result<QString>> tooShort;
    hasher.hashAsync(u"good password"_s, &context, [&](Result<QString> r) { good = std::move(r); });
    hasher.hashAsync(u"short"_s, &context, [&](Result<QString> r) { tooShort = std::move(r); });
    QTRY_VERIFY(good.has_value() && tooShort.has_value());
    QVERIFY(good->ok());
    QVERIFY(hasher.verify(u"good password"_s, good->value()));
    QVERIFY(!tooShort->ok());
    QVERIFY(tooShort->error().contains(u"at least 8"));
}

void TestPasswordHasher::asyncResultDroppedWhenContextDies()
{
    PasswordHasher hasher;
    auto *context = new QObject;
    bool called = false;
    hasher.verifyAsync(u"whatever password"_s, JohnDoeHash, context, [&](bool) { called = true; });
    delete context;
    hasher.pool().waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(!called);

    // The control: with the context alive the same call does answer.
    QObject alive;
    hasher.verifyAsync(u"whatever password"_s, JohnDoeHash, &alive, [&](bool) { called = true; });
    QTRY_VERIFY(called);
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
