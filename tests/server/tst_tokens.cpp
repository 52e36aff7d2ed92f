#include "JwtSecretFile.h"
#include "JwtTokenService.h"
#include "OpaqueTokenService.h"
#include "UserStore.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <jwt.h>

#include <sys/stat.h>

using namespace agentdesk;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray Secret = "0123456789abcdef0123456789abcdef-test-secret";
constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray b64(const QByteArray &data)
{
    return data.toBase64(Base64Url);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A token put together by hand, so every part can be wrong on purpose.
QString craft(const QJsonObject &header, const QByteArray &payload, const QByteArray &key,
              std::optional<QCryptographicHash::Algorithm> algorithm = QCryptographicHash::Sha256)
{
    const QByteArray signedPart = b64(json(header)) + '.' + b64(payload);
    const QByteArray signature = algorithm
            ? b64(QMessageAuthenticationCode::hash(signedPart, key, *algorithm))
            : QByteArray();
    return QString::fromLatin1(signedPart + '.' + signature);
}

// A token made by libjwt itself with the given algorithm and key.
QString libjwtToken(jwt_alg_t algorithm, const QByteArray &key, const QByteArray &grantsJson)
{
    jwt_t *jwt = nullptr;
    if (jwt_new(&jwt) != 0)
        return {};
    jwt_add_grants_json(jwt, grantsJson.constData());
    jwt_set_alg(jwt, algorithm, key.isEmpty() ? nullptr : reinterpret_cast<const unsigned char *>(key.constData()),
                static_cast<int>(key.size()));
    char *encoded = jwt_encode_str(jwt);
    const QString token = encoded ? QString::fromLatin1(encoded) : QString();
    std::free(encoded);
    jwt_free(jwt);
    return token;
}

struct Decoded
{
    int result = -1;
    jwt_alg_t algorithm = JWT_ALG_INVAL;
};

Decoded libjwtDecode(const QString &token, const QByteArray &key)
{
    jwt_t *jwt = nullptr;
    Decoded d;
    const QByteArray bytes = token.toLatin1();
    d.result = jwt_decode(&jwt, bytes.constData(),
                          key.isEmpty() ? nullptr : reinterpret_cast<const unsigned char *>(key.constData()),
                          static_cast<int>(key.size()));
    if (jwt) {
        d.algorithm = jwt_get_alg(jwt);
        jwt_free(jwt);
    }
    return d;
}

int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

} // namespace

class TestTokens : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void libjwtBehaviourIsPinned();
    void jwtSecretMustBeLongEnough();
    void jwtRoundTrip();
    void jwtCraftedControlIsAccepted();
    void jwtRefused_data();
    void jwtRefused();
    void jwtExpiresOnTime();
    void jwtCannotBeRevoked();

    void opaqueRoundTrip();
    void opaqueIsStoredHashedOnly();
    void opaqueExpiresAndRevokes();
    void opaqueRefused_data();
    void opaqueRefused();

    void secretFileIsGeneratedOwnerOnly();
    void secretFileRefusals_data();
    void secretFileRefusals();

private:
    QJsonObject claims(qint64 expOffset = 600) const;

    QDateTime m_now;
    User m_user;
    QString m_rsaKey;
};

void TestTokens::initTestCase()
{
    m_now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    m_user.id = u"3f0c7d0e-5b1a-4f7e-9a51-0b8e2d3c4a10"_s;
    m_user.username = u"alice"_s;

    // An RSA key for an honestly RS256-signed token.
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s,
                                 u"rsa_keygen_bits:2048"_s});
    if (openssl.waitForFinished(30000) && openssl.exitCode() == 0)
        m_rsaKey = QString::fromLatin1(openssl.readAllStandardOutput());
}

QJsonObject TestTokens::claims(qint64 expOffset) const
{
    const qint64 now = m_now.toSecsSinceEpoch();
    return {{u"sub"_s, m_user.username}, {u"uid"_s, m_user.id}, {u"iat"_s, now},
            {u"exp"_s, now + expOffset}, {u"jti"_s, u"abc"_s}};
}

void TestTokens::libjwtBehaviourIsPinned()
{
    // What libjwt 1.10.2 does on its own, and why JwtTokenService checks more.
    const QByteArray grants = json(claims());
    const QString hs256 = libjwtToken(JWT_ALG_HS256, Secret, grants);
    const QString hs384 = libjwtToken(JWT_ALG_HS384, Secret, grants);
    const QString none = libjwtToken(JWT_ALG_NONE, {}, grants);
    QVERIFY(!hs256.isEmpty() && !hs384.isEmpty() && !none.isEmpty());
    QVERIFY2(none.endsWith(u'.'), qPrintable(none)); // "alg: none" has an empty signature

    QCOMPARE(libjwtDecode(hs256, Secret).result, 0);
    QCOMPARE(libjwtDecode(hs256, Secret).algorithm, JWT_ALG_HS256);
    // 1. With our key, an "alg: none" token is refused (EINVAL)...
    QCOMPARE(libjwtDecode(none, Secret).result, EINVAL);
    QCOMPARE(libjwtDecode(none + u"c2ln"_s, Secret).result, EINVAL);
    // 2. ...but without a key it is accepted, and so is an HS256 token whose
    //    signature then goes unchecked: an empty secret must never reach jwt_decode.
    QCOMPARE(libjwtDecode(none, {}).result, 0);
    const Decoded unchecked = libjwtDecode(hs256, {});
    QCOMPARE(unchecked.result, 0);
    QCOMPARE(unchecked.algorithm, JWT_ALG_NONE);
    // 3. A token signed with HS384 under our key decodes fine: the algorithm
    //    must be checked after jwt_decode.
    const Decoded other = libjwtDecode(hs384, Secret);
    QCOMPARE(other.result, 0);
    QCOMPARE(other.algorithm, JWT_ALG_HS384);
}

void TestTokens::jwtSecretMustBeLongEnough()
{
    QVERIFY(!JwtTokenService::create({}, 30min).ok());
    QVERIFY(!JwtTokenService::create(QByteArray(31, 'x'), 30min).ok());
    QVERIFY(!JwtTokenService::create(Secret, 0s).ok());
    QVERIFY(JwtTokenService::create(QByteArray(32, 'x'), 30min).ok());
}

void TestTokens::jwtRoundTrip()
{
    auto service = JwtTokenService::create(Secret, 30min, [this] { return m_now; });
    QVERIFY(service.ok());
    const auto token = (*service)->issue(m_user);
    QVERIFY2(token.ok(), qPrintable(token.error()));
    const auto subject = (*service)->validate(*token);
    QVERIFY(subject.has_value());
    QCOMPARE(subject->username, m_user.username);
    QCOMPARE(subject->userId, m_user.id);

    const QList<QByteArray> parts = token->toLatin1().split('.');
    QCOMPARE(parts.size(), 3);
    const QJsonObject header = QJsonDocument::fromJson(QByteArray::fromBase64(parts[0], Base64Url)).object();
    QCOMPARE(header.value(u"alg").toString(), u"HS256"_s);
    const QJsonObject payload = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], Base64Url)).object();
    QCOMPARE(payload.value(u"sub").toString(), u"alice"_s);
    QCOMPARE(payload.value(u"uid").toString(), m_user.id);
    QCOMPARE(payload.value(u"iat").toInteger(), m_now.toSecsSinceEpoch());
    QCOMPARE(payload.value(u"exp").toInteger(), m_now.toSecsSinceEpoch() + 30 * 60);
    QVERIFY(!payload.value(u"jti").toString().isEmpty());
    // Upstream's server (PyJWT, HS256) would accept it: the signature is plain HMAC-SHA256.
    QCOMPARE(b64(QMessageAuthenticationCode::hash(parts[0] + '.' + parts[1], Secret,
                                                  QCryptographicHash::Sha256)),
             parts[2]);
    // Every token is different (jti).
    QVERIFY(*(*service)->issue(m_user) != *token);
    // Another secret does not accept it.
    auto other = JwtTokenService::create(QByteArray(40, 'z'), 30min, [this] { return m_now; });
    QVERIFY(!(*other)->validate(*token).has_value());
}

void TestTokens::jwtCraftedControlIsAccepted()
{
    // The builders of jwtRefused make valid tokens when nothing is wrong, so
    // each refusal there is for the reason its row names.
    auto service = JwtTokenService::create(Secret, 30min, [this] { return m_now; });
    QVERIFY((*service)->validate(craft({{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}},
                                       json(claims()), Secret))
                    .has_value());
    QVERIFY((*service)->validate(libjwtToken(JWT_ALG_HS256, Secret, json(claims()))).has_value());
    QJsonObject big = claims();
    big.insert(u"pad"_s, QString(5000, u'x'));
    const QString large = craft({{u"alg"_s, u"HS256"_s}}, json(big), Secret);
    QVERIFY(large.size() < TokenService::MaxTokenBytes);
    QVERIFY((*service)->validate(large).has_value());
}

void TestTokens::jwtRefused_data()
{
    QTest::addColumn<QString>("token");
    const QJsonObject hs256{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}};
    const QByteArray good = json(claims());
    const auto with = [&](const QString &key, const QJsonValue &value) {
        QJsonObject c = claims();
        c.insert(key, value);
        return json(c);
    };
    const auto without = [&](const QString &key) {
        QJsonObject c = claims();
        c.remove(key);
        return json(c);
    };

    // alg: none, in every spelling of the attack.
    const QJsonObject none{{u"alg"_s, u"none"_s}, {u"typ"_s, u"JWT"_s}};
    QTest::newRow("alg none, empty signature") << craft(none, good, {}, std::nullopt);
    QTest::newRow("alg none, no signature part")
            << craft(none, good, {}, std::nullopt).chopped(1);
    QTest::newRow("alg none, HMAC signature") << craft(none, good, Secret);
    QTest::newRow("alg none, libjwt") << libjwtToken(JWT_ALG_NONE, {}, good);
    QTest::newRow("alg None") << craft({{u"alg"_s, u"None"_s}}, good, Secret);
    QTest::newRow("alg NONE") << craft({{u"alg"_s, u"NONE"_s}}, good, {}, std::nullopt);
    QTest::newRow("no alg") << craft({{u"typ"_s, u"JWT"_s}}, good, Secret);
    QTest::newRow("alg null") << craft({{u"alg"_s, QJsonValue::Null}}, good, Secret);
    // Other algorithms, even with a signature our secret makes.
    QTest::newRow("HS384, libjwt, our secret") << libjwtToken(JWT_ALG_HS384, Secret, good);
    QTest::newRow("HS512, libjwt, our secret") << libjwtToken(JWT_ALG_HS512, Secret, good);
    QTest::newRow("HS384 crafted") << craft({{u"alg"_s, u"HS384"_s}}, good, Secret, QCryptographicHash::Sha384);
    QTest::newRow("RS256 header, HMAC-SHA256 signature") << craft({{u"alg"_s, u"RS256"_s}}, good, Secret);
    QTest::newRow("hs256 lower case") << craft({{u"alg"_s, u"hs256"_s}}, good, Secret);
    if (!m_rsaKey.isEmpty())
        QTest::newRow("RS256, libjwt, real RSA key")
                << libjwtToken(JWT_ALG_RS256, m_rsaKey.toLatin1(), good);
    // Tampering.
    const QString valid = craft(hs256, good, Secret);
    const QStringList parts = valid.split(u'.');
    QJsonObject admin = claims();
    admin.insert(u"sub"_s, u"admin"_s);
    QTest::newRow("tampered payload")
            << parts[0] + u'.' + QString::fromLatin1(b64(json(admin))) + u'.' + parts[2];
    QString flipped = parts[2];
    flipped[0] = flipped[0] == u'A' ? u'B' : u'A';
    QTest::newRow("tampered signature") << parts[0] + u'.' + parts[1] + u'.' + flipped;
    QTest::newRow("signature padded") << valid + u"="_s;
    QTest::newRow("signature cut") << valid.chopped(2);
    QTest::newRow("wrong secret") << craft(hs256, good, QByteArray(40, 'w'));
    QTest::newRow("header not JSON") << u"bm90IGpzb24."_s + parts[1] + u'.' + parts[2];
    QTest::newRow("payload not JSON")
            << craft(hs256, "not json", Secret);
    QTest::newRow("payload an array") << craft(hs256, "[]", Secret);
    // Claims.
    QTest::newRow("expired") << craft(hs256, with(u"exp"_s, m_now.toSecsSinceEpoch() - 1), Secret);
    QTest::newRow("expires now") << craft(hs256, with(u"exp"_s, m_now.toSecsSinceEpoch()), Secret);
    QTest::newRow("missing exp") << craft(hs256, without(u"exp"_s), Secret);
    QTest::newRow("exp a string")
            << craft(hs256, with(u"exp"_s, QString::number(m_now.toSecsSinceEpoch() + 600)), Secret);
    QTest::newRow("missing sub") << craft(hs256, without(u"sub"_s), Secret);
    QTest::newRow("empty sub") << craft(hs256, with(u"sub"_s, QString()), Secret);
    QTest::newRow("sub a number") << craft(hs256, with(u"sub"_s, 42), Secret);
    QTest::newRow("missing uid") << craft(hs256, without(u"uid"_s), Secret);
    QTest::newRow("nbf in the future")
            << craft(hs256, with(u"nbf"_s, m_now.toSecsSinceEpoch() + 60), Secret);
    QTest::newRow("iat a string") << craft(hs256, with(u"iat"_s, u"yesterday"_s), Secret);
    // Garbage.
    QTest::newRow("empty") << QString();
    QTest::newRow("one word") << u"garbage"_s;
    QTest::newRow("two parts") << parts[0] + u'.' + parts[1];
    QTest::newRow("four parts") << valid + u".x"_s;
    QTest::newRow("dots only") << u".."_s;
    QTest::newRow("space inside") << parts[0] + u". "_s + parts[1] + u'.' + parts[2];
    QTest::newRow("non-ASCII") << valid + u"é"_s;
    QTest::newRow("standard base64 alphabet") << valid + u"+/"_s;
    // Size: correctly signed and otherwise valid, but over 8 KiB.
    QJsonObject huge = claims();
    huge.insert(u"pad"_s, QString(9000, u'x'));
    QTest::newRow("oversized, correctly signed") << craft(hs256, json(huge), Secret);
    QTest::newRow("oversized garbage") << QString(100'000, u'a');
}

void TestTokens::jwtRefused()
{
    QFETCH(QString, token);
    auto service = JwtTokenService::create(Secret, 30min, [this] { return m_now; });
    QVERIFY(service.ok());
    QVERIFY(!(*service)->validate(token).has_value());
}

void TestTokens::jwtExpiresOnTime()
{
    QDateTime now = m_now;
    auto service = JwtTokenService::create(Secret, 30min, [&now] { return now; });
    const auto token = (*service)->issue(m_user);
    QVERIFY(token.ok());
    now = m_now.addSecs(30 * 60 - 1);
    QVERIFY((*service)->validate(*token).has_value());
    now = m_now.addSecs(30 * 60);
    QVERIFY(!(*service)->validate(*token).has_value());
}

void TestTokens::jwtCannotBeRevoked()
{
    auto service = JwtTokenService::create(Secret, 30min);
    const auto token = (*service)->issue(m_user);
    QVERIFY(!(*service)->revoke(*token).ok());
}

void TestTokens::opaqueRoundTrip()
{
    QTemporaryDir dir;
    UserStore store;
    QVERIFY(store.open(dir.filePath(u"u.sqlite"_s)).ok());
    const auto alice = store.add(u"alice"_s, u"$y$x"_s);
    QVERIFY(alice.ok());
    OpaqueTokenService service(store, 30min);
    const auto token = service.issue(*alice);
    QVERIFY2(token.ok(), qPrintable(token.error()));
    QCOMPARE(token->size(), OpaqueTokenService::TokenLength);
    QCOMPARE(QByteArray::fromBase64(token->toLatin1(), Base64Url).size(), 32);
    const auto subject = service.validate(*token);
    QVERIFY(subject.has_value());
    QCOMPARE(subject->userId, alice->id);
    QVERIFY(subject->username.isEmpty());
    QVERIFY(*service.issue(*alice) != *token);

    // Outlives the service and the connection: it is in the database.
    store.close();
    UserStore reopened;
    QVERIFY(reopened.open(dir.filePath(u"u.sqlite"_s)).ok());
    OpaqueTokenService again(reopened, 30min);
    QCOMPARE(again.validate(*token)->userId, alice->id);
}

void TestTokens::opaqueIsStoredHashedOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"u.sqlite"_s);
    UserStore store;
    QVERIFY(store.open(path).ok());
    const auto alice = store.add(u"alice"_s, u"$y$x"_s);
    OpaqueTokenService service(store, 30min);
    const auto token = service.issue(*alice);
    QVERIFY(token.ok());
    store.close();

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray everything = file.readAll();
    QFile wal(path + u"-wal"_s);
    if (wal.open(QIODevice::ReadOnly))
        everything += wal.readAll();
    QVERIFY2(!everything.contains(token->toLatin1()), "the token itself is on disk");
    const QByteArray hashHex = QCryptographicHash::hash(token->toLatin1(), QCryptographicHash::Sha256).toHex();
    QVERIFY2(everything.contains(hashHex), "its SHA-256 is what is kept");
}

void TestTokens::opaqueExpiresAndRevokes()
{
    QTemporaryDir dir;
    UserStore store;
    QVERIFY(store.open(dir.filePath(u"u.sqlite"_s)).ok());
    const auto alice = store.add(u"alice"_s, u"$y$x"_s);
    QDateTime now = QDateTime::currentDateTimeUtc();
    OpaqueTokenService service(store, 30min, [&now] { return now; });
    const auto token = service.issue(*alice);
    const QDateTime issued = now;
    now = issued.addSecs(30 * 60 - 1);
    QVERIFY(service.validate(*token).has_value());
    now = issued.addSecs(30 * 60);
    QVERIFY(!service.validate(*token).has_value());

    now = issued;
    const auto second = service.issue(*alice);
    QVERIFY(service.validate(*second).has_value());
    QVERIFY(service.revoke(*second).ok());
    QVERIFY(!service.validate(*second).has_value());
    QVERIFY(!service.revoke(*second).ok());

    const auto third = service.issue(*alice);
    QVERIFY(store.remove(u"alice"_s).ok());
    QVERIFY(!service.validate(*third).has_value());
}

void TestTokens::opaqueRefused_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("empty") << QString();
    QTest::newRow("unknown, right shape") << QString(43, u'A');
    QTest::newRow("too short") << QString(42, u'A');
    QTest::newRow("too long") << QString(44, u'A');
    QTest::newRow("oversized") << QString(100'000, u'A');
    QTest::newRow("bad characters") << QString(42, u'A') + u"="_s;
    QTest::newRow("a JWT") << libjwtToken(JWT_ALG_HS256, Secret, json(claims()));
}

void TestTokens::opaqueRefused()
{
    QFETCH(QString, token);
    QTemporaryDir dir;
    UserStore store;
    QVERIFY(store.open(dir.filePath(u"u.sqlite"_s)).ok());
    const auto alice = store.add(u"alice"_s, u"$y$x"_s);
    OpaqueTokenService service(store, 30min);
    QVERIFY(service.issue(*alice).ok());
    QVERIFY(!service.validate(token).has_value());
}

void TestTokens::secretFileIsGeneratedOwnerOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"new/folder/jwt-secret"_s);
    const auto created = JwtSecretFile::loadOrCreate(path);
    QVERIFY2(created.ok(), qPrintable(created.error()));
    QCOMPARE(created->size(), 64);
    QVERIFY(QByteArray::fromHex(*created).toHex() == *created);
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(dir.filePath(u"new"_s)), 0700);
    QCOMPARE(modeOf(dir.filePath(u"new/folder"_s)), 0700);
    QCOMPARE(QDir(dir.filePath(u"new/folder"_s)).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"jwt-secret"_s}); // no temporary file left behind

    const auto again = JwtSecretFile::loadOrCreate(path);
    QVERIFY(again.ok());
    QCOMPARE(*again, *created);

    QTemporaryDir other;
    const auto different = JwtSecretFile::loadOrCreate(other.filePath(u"jwt-secret"_s));
    QVERIFY(*different != *created);
}

void TestTokens::secretFileRefusals_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("complaint");
    QTest::newRow("readable by others") << QByteArray(64, 'a') << 0644 << u"owner-only"_s;
    QTest::newRow("readable by group") << QByteArray(64, 'a') << 0640 << u"owner-only"_s;
    QTest::newRow("too short") << QByteArray(31, 'a') << 0600 << u"at least 32"_s;
    QTest::newRow("empty") << QByteArray() << 0600 << u"at least 32"_s;
    QTest::newRow("only whitespace") << QByteArray(40, ' ') << 0600 << u"at least 32"_s;
}

void TestTokens::secretFileRefusals()
{
    QFETCH(QByteArray, content);
    QFETCH(int, mode);
    QFETCH(QString, complaint);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"jwt-secret"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), static_cast<mode_t>(mode)) == 0);
    const auto loaded = JwtSecretFile::loadOrCreate(path);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(complaint), qPrintable(loaded.error()));
    // The bad file is left for the operator to fix, never silently replaced.
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), content);
}

QTEST_GUILESS_MAIN(TestTokens)
#include "tst_tokens.moc"
