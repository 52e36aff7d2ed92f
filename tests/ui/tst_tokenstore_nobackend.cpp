// TokenStore with no keychain service at all (the session bus address
// points nowhere): the token stays in memory for this run only, the user is
// told, and nothing reaches the disk.
#include "keychain/TokenStore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {
QTemporaryDir *g_home = nullptr;
const QString kToken = u"memory-only-token-6f1c2d"_s;
} // namespace

class TestTokenStoreNoBackend : public QObject
{
    Q_OBJECT
private slots:
    void writeKeepsTokenInMemoryAndSaysSo();
    void readWithoutEntryIsNotLoggedIn();
    void nothingWasWrittenToDisk();
};

void TestTokenStoreNoBackend::writeKeepsTokenInMemoryAndSaysSo()
{
    const QString key = TokenStore::keyFor(u"embedded"_s, u"alice"_s);
    TokenStore store(u"agentdesk-test"_s);
    QSignalSpy unavailable(&store, &TokenStore::keychainUnavailable);
    QSignalSpy written(&store, &TokenStore::tokenWritten);
    QSignalSpy read(&store, &TokenStore::tokenRead);
    QSignalSpy removed(&store, &TokenStore::tokenRemoved);
    QSignalSpy missing(&store, &TokenStore::tokenMissing);

    store.writeToken(key, kToken);
    QTRY_COMPARE(written.size(), 1);
    QCOMPARE(written.at(0).at(1).toBool(), false); // not in a keychain
    QCOMPARE(unavailable.size(), 1);
    QVERIFY(!unavailable.at(0).at(0).toString().isEmpty());
    QVERIFY(store.isMemoryOnly());

    // This run still has it...
    store.readToken(key);
    QTRY_COMPARE(read.size(), 1);
    QCOMPARE(read.at(0).at(1).toString(), kToken);

    // ...the next run does not.
    TokenStore nextRun(u"agentdesk-test"_s);
    QSignalSpy nextMissing(&nextRun, &TokenStore::tokenMissing);
    nextRun.readToken(key);
    QTRY_COMPARE(nextMissing.size(), 1);

    // Logout forgets it.
    store.removeToken(key);
    QTRY_COMPARE(removed.size(), 1);
    store.readToken(key);
    QTRY_COMPARE(missing.size(), 1);
}

void TestTokenStoreNoBackend::readWithoutEntryIsNotLoggedIn()
{
    TokenStore store(u"agentdesk-test"_s);
    QSignalSpy missing(&store, &TokenStore::tokenMissing);
    QSignalSpy unavailable(&store, &TokenStore::keychainUnavailable);
    store.readToken(u"bob@embedded"_s);
    QTRY_COMPARE(missing.size(), 1);
    QCOMPARE(unavailable.size(), 1);
}

void TestTokenStoreNoBackend::nothingWasWrittenToDisk()
{
    QStringList files;
    QDirIterator it(g_home->path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.append(path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(kToken.toUtf8()), qPrintable(path));
    }
    QVERIFY2(files.isEmpty(), qPrintable(files.join(u", "_s)));
}

int main(int argc, char **argv)
{
    // A fresh, empty home for everything QSettings or QtKeychain might write.
    QTemporaryDir home;
    g_home = &home;
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", (home.path() + u"/config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", (home.path() + u"/data"_s).toUtf8());
    qputenv("XDG_CACHE_HOME", (home.path() + u"/cache"_s).toUtf8());
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/agentdesk-no-bus");
    qunsetenv("DISPLAY");
    QCoreApplication app(argc, argv);
    app.setOrganizationName(u"agentdesk-test"_s);
    app.setApplicationName(u"tst_tokenstore_nobackend"_s);
    TestTokenStoreNoBackend test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_tokenstore_nobackend.moc"
