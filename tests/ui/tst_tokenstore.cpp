// TokenStore against a real Secret Service (gnome-keyring-daemon inside
// dbus-run-session, started by tests/support/with-keyring.sh). The token is
// checked where it really lands, with secret-tool.
#include "keychain/TokenStore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

const QString kService = u"agentdesk-test"_s;

// What QtKeychain's libsecret backend stores: attributes user=<key>,
// server=<service>, type=plaintext.
std::optional<QString> lookupWithSecretTool(const QString &key)
{
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"lookup"_s, u"user"_s, key, u"server"_s, kService,
                                  u"type"_s, u"plaintext"_s});
    if (!tool.waitForFinished(10000) || tool.exitCode() != 0)
        return std::nullopt;
    return QString::fromUtf8(tool.readAllStandardOutput());
}

} // namespace

class TestTokenStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void keyNamesServerAndUser();
    void missingEntryMeansNotLoggedIn();
    void writeReadRemove();
    void jobsRunInOrder();
    void enqueueFromAResultHandler();
    void keysAreSeparate();
};

void TestTokenStore::initTestCase()
{
    if (!qEnvironmentVariableIsSet("AGENTDESK_REAL_KEYRING"))
        QSKIP("run through tests/support/with-keyring.sh (ctest does)");
    QVERIFY2(!QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty(), "secret-tool is missing");
}

void TestTokenStore::keyNamesServerAndUser()
{
    QCOMPARE(TokenStore::keyFor(u"http://h:8008/"_s, u"alice"_s), u"alice@http://h:8008/"_s);
    QVERIFY(TokenStore::keyFor(u"a"_s, u"b"_s) != TokenStore::keyFor(u"b"_s, u"a"_s));
}

void TestTokenStore::missingEntryMeansNotLoggedIn()
{
    TokenStore store(kService);
    QSignalSpy missing(&store, &TokenStore::tokenMissing);
    QSignalSpy unavailable(&store, &TokenStore::keychainUnavailable);
    store.readToken(u"nobody@http://nowhere/"_s);
    QTRY_COMPARE(missing.size(), 1);
    QCOMPARE(missing.at(0).at(0).toString(), u"nobody@http://nowhere/"_s);
    QCOMPARE(unavailable.size(), 0);
    QVERIFY(!store.isMemoryOnly());
}

void TestTokenStore::writeReadRemove()
{
    const QString key = TokenStore::keyFor(u"http://127.0.0.1:8008/"_s, u"alice"_s);
    const QString token = u"eyJhbGciOiJIUzI1NiJ9.test.token"_s;
    TokenStore store(kService);
    QSignalSpy written(&store, &TokenStore::tokenWritten);
    QSignalSpy read(&store, &TokenStore::tokenRead);
    QSignalSpy removed(&store, &TokenStore::tokenRemoved);
    QSignalSpy missing(&store, &TokenStore::tokenMissing);
    QSignalSpy unavailable(&store, &TokenStore::keychainUnavailable);

    store.writeToken(key, token);
    QTRY_COMPARE(written.size(), 1);
    QCOMPARE(written.at(0).at(1).toBool(), true); // in the keychain, not memory
    QCOMPARE(unavailable.size(), 0);
    QCOMPARE(lookupWithSecretTool(key), std::optional(token));

    // A new store (the next start of the app) finds it.
    TokenStore nextRun(kService);
    QSignalSpy nextRead(&nextRun, &TokenStore::tokenRead);
    nextRun.readToken(key);
    QTRY_COMPARE(nextRead.size(), 1);
    QCOMPARE(nextRead.at(0).at(1).toString(), token);

    store.removeToken(key);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(lookupWithSecretTool(key), std::nullopt);
    store.readToken(key);
    QTRY_COMPARE(missing.size(), 1);
    QCOMPARE(read.size(), 0);

    // Removing what is not there is not an error (logout twice).
    store.removeToken(key);
    QTRY_COMPARE(removed.size(), 2);
}

void TestTokenStore::jobsRunInOrder()
{
    const QString key = u"order@test"_s;
    TokenStore store(kService);
    QStringList events;
    connect(&store, &TokenStore::tokenWritten, this,
            [&](const QString &, bool) { events.append(u"written"_s); });
    connect(&store, &TokenStore::tokenRead, this,
            [&](const QString &, const QString &t) { events.append(u"read:"_s + t); });
    connect(&store, &TokenStore::tokenRemoved, this, [&](const QString &) { events.append(u"removed"_s); });
    connect(&store, &TokenStore::tokenMissing, this, [&](const QString &) { events.append(u"missing"_s); });

    // All queued at once: each job starts only after the previous finished.
    store.writeToken(key, u"one"_s);
    store.readToken(key);
    store.writeToken(key, u"two"_s);
    store.readToken(key);
    store.removeToken(key);
    store.readToken(key);
    QVERIFY(!store.isIdle());
    QTRY_VERIFY(store.isIdle());
    QCOMPARE(events, (QStringList{u"written"_s, u"read:one"_s, u"written"_s, u"read:two"_s,
                                  u"removed"_s, u"missing"_s}));
}

void TestTokenStore::enqueueFromAResultHandler()
{
    // A handler that asks for the next job gets it queued, not nested.
    const QString key = u"chain@test"_s;
    TokenStore store(kService);
    QSignalSpy read(&store, &TokenStore::tokenRead);
    QSignalSpy removed(&store, &TokenStore::tokenRemoved);
    connect(&store, &TokenStore::tokenWritten, this, [&](const QString &k, bool) {
        store.readToken(k);
    });
    connect(&store, &TokenStore::tokenRead, this, [&](const QString &k, const QString &) {
        store.removeToken(k);
    });
    store.writeToken(key, u"chained"_s);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(read.at(0).at(1).toString(), u"chained"_s);
    QTRY_VERIFY(store.isIdle());
}

void TestTokenStore::keysAreSeparate()
{
    TokenStore store(kService);
    QSignalSpy written(&store, &TokenStore::tokenWritten);
    QSignalSpy read(&store, &TokenStore::tokenRead);
    const QString alice = TokenStore::keyFor(u"embedded"_s, u"alice"_s);
    const QString bob = TokenStore::keyFor(u"embedded"_s, u"bob"_s);
    const QString aliceElsewhere = TokenStore::keyFor(u"https://remote.example/"_s, u"alice"_s);
    store.writeToken(alice, u"A"_s);
    store.writeToken(bob, u"B"_s);
    store.writeToken(aliceElsewhere, u"C"_s);
    QTRY_COMPARE(written.size(), 3);
    store.readToken(bob);
    store.readToken(aliceElsewhere);
    store.readToken(alice);
    QTRY_COMPARE(read.size(), 3);
    QCOMPARE(read.at(0).at(1).toString(), u"B"_s);
    QCOMPARE(read.at(1).at(1).toString(), u"C"_s);
    QCOMPARE(read.at(2).at(1).toString(), u"A"_s);
    for (const QString &key : {alice, bob, aliceElsewhere})
        store.removeToken(key);
    QTRY_VERIFY(store.isIdle());
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
