#include "AuthService.h"
#include "Authenticator.h"
#include "JwtTokenService.h"
#include "PasswordHasher.h"
#include "ServerConfig.h"
#include "UserStore.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <crypt.h>

#include <sys/stat.h>

using namespace agentdesk;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString AlicePassword = u"alice's long password"_s;
const QString BobPassword = u"bob's long password"_s;
const QString JohnDoeHash = u"$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"_s;
const QByteArray Secret = "an HS256 secret of well over thirty-two bytes";

// Records where and on what every verify() ran.
class SpyHasher : public PasswordHasher
{
public:
    bool verify(const QString &password, const QString &hash) const override
    {
        {
            QMutexLocker lock(&m_mutex);
            m_calls.append({QThread::currentThread(), hash});
        }
        return PasswordHasher::verify(password, hash);
    }
    struct Call
    {
        QThread *thread;
        QString hash;
    };
    QList<Call> calls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }
    void reset()
    {
        QMutexLocker lock(&m_mutex);
        m_calls.clear();
    }

private:
    mutable QMutex m_mutex;
    mutable QList<Call> m_calls;
};

struct Refusal
{
    int status;
    QString detail;
    bool wwwAuthenticate;
};

// The outcome of authenticate() as one comparable value: 200 and the username,
// or the refusal.
Refusal outcome(const std::variant<User, AuthRefusal> &result)
{
    if (const User *user = std::get_if<User>(&result))
        return {200, user->username, false};
    const auto &refusal = std::get<AuthRefusal>(result);
    return {refusal.status, refusal.detail, refusal.wwwAuthenticate};
}

QString bcrypt(const QByteArray &password)
{
    char *setting = crypt_gensalt_ra("$2b$", 4, nullptr, 0);
    crypt_data data{};
    const QString hash = QString::fromLatin1(crypt_r(password.constData(), setting, &data));
    std::free(setting);
    return hash;
}

int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

} // namespace

class TestAuthenticator : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();

    void checkChain_data();
    void checkChain();
    void loginIssuesTokensOffTheEventLoop();
    void loginRefusals_data();
    void loginRefusals();
    void loginOfDisabledUserFollowsUpstream();
    void loginWithImportedBcryptHash();
    void loginUpgradesBcryptToYescrypt();
    void loginResultDroppedWhenContextDies();

    void serviceTokensSurviveARestart();
    void serviceUsesConfiguredSecret();
    void serviceOpaqueMode();
    void serviceRefusesBadSecretFile();

private:
    // Logs in and waits for the answer on this (the main) thread.
    std::variant<QString, AuthRefusal> login(const QString &username, const QString &password);
    QString tokenFor(const QString &username);

    QTemporaryDir m_dir;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<SpyHasher> m_hasher;
    std::unique_ptr<JwtTokenService> m_tokens;
    std::unique_ptr<Authenticator> m_authenticator;
    QString m_aliceToken, m_bobToken, m_ghostToken, m_reusedNameToken, m_expiredToken;
};

void TestAuthenticator::initTestCase()
{
    m_users = std::make_unique<UserStore>();
    QVERIFY(m_users->open(m_dir.filePath(u"users.sqlite"_s)).ok());
    m_hasher = std::make_unique<SpyHasher>();
    auto tokens = JwtTokenService::create(Secret, 30min);
    QVERIFY(tokens.ok());
    m_tokens = std::move(tokens).value();
    m_authenticator = std::make_unique<Authenticator>(*m_users, *m_tokens, *m_hasher);

    QVERIFY(m_users->add(u"alice"_s, m_hasher->hash(AlicePassword).value()).ok());
    QVERIFY(m_users->add(u"bob"_s, m_hasher->hash(BobPassword).value(), {}, {}, true).ok());
    QVERIFY(m_users->add(u"johndoe"_s, JohnDoeHash, u"John Doe"_s, u"johndoe@example.com"_s).ok());

    m_aliceToken = tokenFor(u"alice"_s);
    m_bobToken = tokenFor(u"bob"_s);
    // A user deleted after the token was issued.
    QVERIFY(m_users->add(u"ghost"_s, m_hasher->hash(AlicePassword).value()).ok());
    m_ghostToken = tokenFor(u"ghost"_s);
    QVERIFY(m_users->remove(u"ghost"_s).ok());
    // A user deleted and a new one made with the same name: the old token
    // must not pass for the new user.
    QVERIFY(m_users->add(u"carol"_s, m_hasher->hash(AlicePassword).value()).ok());
    m_reusedNameToken = tokenFor(u"carol"_s);
    QVERIFY(m_users->remove(u"carol"_s).ok());
    QVERIFY(m_users->add(u"carol"_s, m_hasher->hash(AlicePassword).value()).ok());
    // Expired: issued by a service whose clock is an hour behind.
    auto past = JwtTokenService::create(Secret, 30min,
                                        [] { return QDateTime::currentDateTimeUtc().addSecs(-3600); });
    m_expiredToken = (*past)->issue(m_users->findByUsername(u"alice"_s).value()).value();
    QVERIFY(!m_aliceToken.isEmpty() && !m_bobToken.isEmpty() && !m_ghostToken.isEmpty());
}

void TestAuthenticator::cleanupTestCase()
{
    m_authenticator.reset();
    m_tokens.reset();
    m_hasher.reset();
    m_users.reset();
}

QString TestAuthenticator::tokenFor(const QString &username)
{
    const auto user = m_users->findByUsername(username);
    return user.ok() ? m_tokens->issue(*user).value() : QString();
}

std::variant<QString, AuthRefusal> TestAuthenticator::login(const QString &username,
                                                            const QString &password)
{
    QObject context;
    std::optional<std::variant<QString, AuthRefusal>> answer;
    m_authenticator->login(username, password, &context,
                           [&answer](std::variant<QString, AuthRefusal> a) { answer = std::move(a); });
    // Never answered inline: the hash runs elsewhere and the answer comes back
    // through the event loop.
    if (answer.has_value())
        return AuthRefusal{-1, u"answered synchronously"_s, false};
    (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000);
    return answer.value_or(AuthRefusal{-1, u"no answer"_s, false});
}

void TestAuthenticator::checkChain_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail"); // the username for 200
    QTest::addColumn<bool>("wwwAuthenticate");

    const QString notAuthenticated = u"Not authenticated"_s;
    const QString couldNotValidate = u"Could not validate credentials"_s;
    const QByteArray alice = m_aliceToken.toLatin1();

    QTest::newRow("valid") << "Bearer " + alice << 200 << u"alice"_s << false;
    QTest::newRow("scheme lower case") << "bearer " + alice << 200 << u"alice"_s << false;
    QTest::newRow("scheme upper case") << "BEARER " + alice << 200 << u"alice"_s << false;
    QTest::newRow("surrounding whitespace") << "  Bearer " + alice + "  " << 200 << u"alice"_s << false;
    QTest::newRow("upstream johndoe") << "Bearer " + tokenFor(u"johndoe"_s).toLatin1() << 200
                                      << u"johndoe"_s << false;

    // OAuth2PasswordBearer: no usable header.
    QTest::newRow("no header") << QByteArray() << 401 << notAuthenticated << true;
    QTest::newRow("blank header") << QByteArray("   ") << 401 << notAuthenticated << true;
    QTest::newRow("Basic scheme") << QByteArray("Basic YWxpY2U6c2VjcmV0") << 401 << notAuthenticated << true;
    QTest::newRow("token without scheme") << alice << 401 << notAuthenticated << true;
    QTest::newRow("Bearer joined") << "Bearer" + alice << 401 << notAuthenticated << true;
    QTest::newRow("tab separator") << "Bearer\t" + alice << 401 << notAuthenticated << true;
    QTest::newRow("Bearerx scheme") << "Bearerx " + alice << 401 << notAuthenticated << true;

    // get_current_user: the token or its user is wrong.
    QTest::newRow("scheme only") << QByteArray("Bearer") << 401 << couldNotValidate << true;
    QTest::newRow("scheme and space") << QByteArray("Bearer ") << 401 << couldNotValidate << true;
    QTest::newRow("two spaces") << "Bearer  " + alice << 401 << couldNotValidate << true;
    QTest::newRow("garbage token") << QByteArray("Bearer garbage") << 401 << couldNotValidate << true;
    QTest::newRow("tampered token") << "Bearer " + alice.chopped(3) + "AAA" << 401 << couldNotValidate << true;
    QTest::newRow("expired token") << "Bearer " + m_expiredToken.toLatin1() << 401 << couldNotValidate << true;
    QTest::newRow("deleted user") << "Bearer " + m_ghostToken.toLatin1() << 401 << couldNotValidate << true;
    QTest::newRow("name reused by a new user")
            << "Bearer " + m_reusedNameToken.toLatin1() << 401 << couldNotValidate << true;
    QTest::newRow("oversized token") << "Bearer " + QByteArray(20000, 'a') << 401 << couldNotValidate << true;
    QTest::newRow("non-ASCII token") << "Bearer " + alice + "\xc3\xa9" << 401 << couldNotValidate << true;

    // get_current_active_user
    QTest::newRow("disabled user") << "Bearer " + m_bobToken.toLatin1() << 400 << u"Inactive user"_s << false;
}

void TestAuthenticator::checkChain()
{
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    QFETCH(QString, detail);
    QFETCH(bool, wwwAuthenticate);
    const Refusal got = outcome(m_authenticator->authenticate(header));
    QCOMPARE(got.status, status);
    QCOMPARE(got.detail, detail);
    QCOMPARE(got.wwwAuthenticate, wwwAuthenticate);
}

void TestAuthenticator::loginIssuesTokensOffTheEventLoop()
{
    m_hasher->reset();
    const auto answer = login(u"alice"_s, AlicePassword);
    QVERIFY2(std::holds_alternative<QString>(answer),
             qPrintable(std::get_if<AuthRefusal>(&answer) ? std::get<AuthRefusal>(answer).detail : QString()));
    const QString token = std::get<QString>(answer);
    QCOMPARE(outcome(m_authenticator->authenticate("Bearer " + token.toLatin1())).detail, u"alice"_s);

    const auto calls = m_hasher->calls();
    QCOMPARE(calls.size(), 1);
    QVERIFY2(calls.first().thread != QThread::currentThread(), "the password was verified on the event loop");
    QVERIFY2(calls.first().thread != nullptr, "no thread recorded");
}

void TestAuthenticator::loginRefusals_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("dummyHash"); // the user does not exist: a dummy verify must still run

    QTest::newRow("wrong password") << u"alice"_s << u"not alice's password"_s << false;
    QTest::newRow("empty password") << u"alice"_s << QString() << false;
    QTest::newRow("other user's password") << u"alice"_s << BobPassword << false;
    QTest::newRow("password of 2000 bytes") << u"alice"_s << QString(2000, u'x') << false;
    QTest::newRow("username in other case") << u"ALICE"_s << AlicePassword << true;
    QTest::newRow("unknown user") << u"mallory"_s << AlicePassword << true;
    QTest::newRow("empty username") << QString() << AlicePassword << true;
    QTest::newRow("invalid username") << u"alice' OR '1'='1"_s << AlicePassword << true;
    QTest::newRow("deleted user") << u"ghost"_s << AlicePassword << true;
}

void TestAuthenticator::loginRefusals()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(bool, dummyHash);
    m_hasher->reset();
    const auto answer = login(username, password);
    QVERIFY(std::holds_alternative<AuthRefusal>(answer));
    const auto refusal = std::get<AuthRefusal>(answer);
    QCOMPARE(refusal.status, 401);
    QCOMPARE(refusal.detail, u"Incorrect username or password"_s);
    QCOMPARE(refusal.wwwAuthenticate, true);

    // The work was done, off the event loop, even for a user who does not exist.
    const auto calls = m_hasher->calls();
    QCOMPARE(calls.size(), 1);
    QVERIFY(calls.first().thread != QThread::currentThread());
    QCOMPARE(calls.first().hash.isEmpty(), dummyHash);
}

void TestAuthenticator::loginOfDisabledUserFollowsUpstream()
{
    // Upstream's JWT example issues the token and refuses it at every route.
    const auto answer = login(u"bob"_s, BobPassword);
    QVERIFY(std::holds_alternative<QString>(answer));
    const Refusal used = outcome(
            m_authenticator->authenticate("Bearer " + std::get<QString>(answer).toLatin1()));
    QCOMPARE(used.status, 400);
    QCOMPARE(used.detail, u"Inactive user"_s);
    QCOMPARE(used.wwwAuthenticate, false);
    // And a wrong password is refused as for anybody.
    QVERIFY(std::holds_alternative<AuthRefusal>(login(u"bob"_s, AlicePassword)));
}

void TestAuthenticator::loginWithImportedBcryptHash()
{
    // Upstream's johndoe / "secret": the password is shorter than our policy
    // allows for new passwords, so the hash stays as imported.
    const auto answer = login(u"johndoe"_s, u"secret"_s);
    QVERIFY(std::holds_alternative<QString>(answer));
    QCOMPARE(outcome(m_authenticator->authenticate("Bearer " + std::get<QString>(answer).toLatin1())).detail,
             u"johndoe"_s);
    const auto john = m_users->findByUsername(u"johndoe"_s);
    QCOMPARE(m_users->passwordHash(john->id).value(), JohnDoeHash);
    QVERIFY(std::holds_alternative<AuthRefusal>(login(u"johndoe"_s, u"Secret"_s)));
}

void TestAuthenticator::loginUpgradesBcryptToYescrypt()
{
    const QString password = u"a bcrypt-era password"_s;
    const QString old = bcrypt(password.toUtf8());
    QVERIFY(old.startsWith(u"$2b$04$"));
    const auto dave = m_users->add(u"dave"_s, old);
    QVERIFY(dave.ok());
    QVERIFY(std::holds_alternative<QString>(login(u"dave"_s, password)));
    const QString upgraded = m_users->passwordHash(dave->id).value();
    QVERIFY2(upgraded.startsWith(u"$y$"), qPrintable(upgraded));
    QVERIFY(std::holds_alternative<QString>(login(u"dave"_s, password)));
    QVERIFY(std::holds_alternative<AuthRefusal>(login(u"dave"_s, u"wrong password"_s)));
}

void TestAuthenticator::loginResultDroppedWhenContextDies()
{
    auto *context = new QObject;
    bool called = false;
    m_authenticator->login(u"alice"_s, AlicePassword, context, [&called](auto) { called = true; });
    delete context;
    m_hasher->pool().waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

void TestAuthenticator::serviceTokensSurviveARestart()
{
    QTemporaryDir dir;
    ServerConfig config;
    config.dataDir = dir.filePath(u"data"_s);
    config.resolvePaths();
    QString token;
    {
        AuthService first;
        const Status opened = first.open(config);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QVERIFY(first.users().add(u"alice"_s, first.hasher().hash(AlicePassword).value()).ok());
        QObject context;
        first.authenticator().login(u"alice"_s, AlicePassword, &context, [&token](auto answer) {
            if (auto *t = std::get_if<QString>(&answer))
                token = *t;
        });
        QTRY_VERIFY_WITH_TIMEOUT(!token.isEmpty(), 20000);
        QVERIFY(!first.open(config).ok()); // once only
    }
    QCOMPARE(modeOf(config.jwtSecretFile), 0600);
    QCOMPARE(modeOf(config.dataDir), 0700);
    QCOMPARE(modeOf(config.databasePath), 0600);

    AuthService second;
    QVERIFY(second.open(config).ok());
    QCOMPARE(outcome(second.authenticator().authenticate("Bearer " + token.toLatin1())).detail,
             u"alice"_s);

    // The control: a new secret file means the old tokens are gone.
    QVERIFY(QFile::remove(config.jwtSecretFile));
    AuthService third;
    QVERIFY(third.open(config).ok());
    QCOMPARE(outcome(third.authenticator().authenticate("Bearer " + token.toLatin1())).status, 401);
}

void TestAuthenticator::serviceUsesConfiguredSecret()
{
    QTemporaryDir dir;
    ServerConfig config;
    config.dataDir = dir.path();
    config.jwtSecret = Secret;
    config.resolvePaths();
    AuthService service;
    QVERIFY(service.open(config).ok());
    QVERIFY2(!QFile::exists(config.jwtSecretFile), "no secret file when the config has one");
    QVERIFY(service.users().add(u"alice"_s, service.hasher().hash(AlicePassword).value()).ok());
    // A token from our own fixture (same secret) is accepted here.
    const auto alice = service.users().findByUsername(u"alice"_s);
    auto same = JwtTokenService::create(Secret, 30min);
    const QString token = (*same)->issue(*alice).value();
    QCOMPARE(outcome(service.authenticator().authenticate("Bearer " + token.toLatin1())).status, 200);
}

void TestAuthenticator::serviceOpaqueMode()
{
    QTemporaryDir dir;
    ServerConfig config;
    config.dataDir = dir.path();
    config.tokenMode = TokenMode::Opaque;
    config.resolvePaths();
    QString token;
    {
        AuthService service;
        QVERIFY(service.open(config).ok());
        QVERIFY(!QFile::exists(config.jwtSecretFile));
        QVERIFY(service.users().add(u"alice"_s, service.hasher().hash(AlicePassword).value()).ok());
        QVERIFY(service.users().add(u"bob"_s, service.hasher().hash(BobPassword).value(), {}, {}, true).ok());
        QObject context;
        service.authenticator().login(u"alice"_s, AlicePassword, &context, [&token](auto answer) {
            if (auto *t = std::get_if<QString>(&answer))
                token = *t;
        });
        QTRY_VERIFY_WITH_TIMEOUT(!token.isEmpty(), 20000);
        QCOMPARE(token.size(), 43);
        QString bobToken;
        service.authenticator().login(u"bob"_s, BobPassword, &context, [&bobToken](auto answer) {
            if (auto *t = std::get_if<QString>(&answer))
                bobToken = *t;
        });
        QTRY_VERIFY_WITH_TIMEOUT(!bobToken.isEmpty(), 20000);
        QCOMPARE(outcome(service.authenticator().authenticate("Bearer " + bobToken.toLatin1())).status, 400);
        QCOMPARE(outcome(service.authenticator().authenticate("Bearer " + QByteArray(43, 'A'))).status, 401);
    }
    AuthService again;
    QVERIFY(again.open(config).ok());
    QCOMPARE(outcome(again.authenticator().authenticate("Bearer " + token.toLatin1())).detail, u"alice"_s);
    QVERIFY(again.users().remove(u"alice"_s).ok());
    QCOMPARE(outcome(again.authenticator().authenticate("Bearer " + token.toLatin1())).detail,
             u"Could not validate credentials"_s);
}

void TestAuthenticator::serviceRefusesBadSecretFile()
{
    QTemporaryDir dir;
    ServerConfig config;
    config.dataDir = dir.path();
    config.resolvePaths();
    QFile file(config.jwtSecretFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(64, 'a'));
    file.close();
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    AuthService service;
    const Status opened = service.open(config);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().contains(u"owner-only"), qPrintable(opened.error()));
}

QTEST_GUILESS_MAIN(TestAuthenticator)
#include "tst_authenticator.moc"
