// ServerConfig::load: defaults, the INI file, environment overrides, a bad
// value refused with its key (or variable), and a secret in a file other
// users can read refused with the file and the fix.

#include "ServerConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

const QString kSecret = u"0123456789abcdef0123456789abcdef-jwt"_s; // 36 bytes

QProcessEnvironment environment(const QList<QPair<QString, QString>> &variables = {})
{
    QProcessEnvironment env; // empty: the test's own environment stays out
    for (const auto &[name, value] : variables)
        env.insert(name, value);
    return env;
}

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    // Writes `text` to a new file with `permissions`; its path.
    QString writeFile(const QByteArray &text, QFileDevice::Permissions permissions)
    {
        const QString path = m_dir.filePath(u"server-%1.conf"_s.arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            return {};
        file.close();
        if (!file.setPermissions(permissions))
            return {};
        return path;
    }

    static constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    static constexpr QFileDevice::Permissions kGroupReadable = kOwnerOnly | QFileDevice::ReadGroup;
    static constexpr QFileDevice::Permissions kWorldReadable = kGroupReadable | QFileDevice::ReadOther;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void defaults()
    {
        const auto config = ServerConfig::load(QString(), environment());
        QVERIFY2(config, qPrintable(config ? QString() : config.error()));
        QCOMPARE(config->host, u"127.0.0.1"_s);
        QCOMPARE(config->port, quint16(8008));
        QCOMPARE(config->maxBodyBytes, qint64(1024 * 1024));
        QCOMPARE(config->maxParamsBytes, qint64(64 * 1024));
        QCOMPARE(config->maxRunsPerUser, 1000);
        QCOMPARE(config->maxRunsTotal, 10000);
        QVERIFY(config->jwtSecret.isEmpty());
        QVERIFY(!config->databasePath.isEmpty()); // paths resolved
    }

    void fileThenEnvironment()
    {
        const QString path = writeFile("[server]\nport=9001\n[limits]\nmax_params_bytes=4096\n"
                                       "[runs]\nmax_per_user=5\n",
                                       kOwnerOnly);
        QVERIFY(!path.isEmpty());
        auto config = ServerConfig::load(path, environment());
        QVERIFY2(config, qPrintable(config ? QString() : config.error()));
        QCOMPARE(config->port, quint16(9001));
        QCOMPARE(config->maxParamsBytes, qint64(4096));
        QCOMPARE(config->maxRunsPerUser, 5);

        config = ServerConfig::load(path, environment({{u"AGENTDESK_MAX_PARAMS_BYTES"_s, u"512"_s},
                                                       {u"AGENTDESK_PORT"_s, u"9002"_s}}));
        QVERIFY2(config, qPrintable(config ? QString() : config.error()));
        QCOMPARE(config->port, quint16(9002));
        QCOMPARE(config->maxParamsBytes, qint64(512));
        QCOMPARE(config->maxRunsPerUser, 5);
    }

    void badFileValue_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("says");
        QTest::newRow("port too big") << QByteArray("[server]\nport=70000\n") << u"server/port"_s << u"from 0 to 65535"_s;
        QTest::newRow("port not a number") << QByteArray("[server]\nport=eighty\n") << u"server/port"_s << u"whole number"_s;
        QTest::newRow("empty host") << QByteArray("[server]\nhost=\n") << u"server/host"_s << u"must not be empty"_s;
        QTest::newRow("token mode") << QByteArray("[auth]\ntoken_mode=session\n") << u"auth/token_mode"_s << u"\"jwt\" or \"opaque\""_s;
        QTest::newRow("short jwt secret") << QByteArray("[auth]\njwt_secret=short\n") << u"auth/jwt_secret"_s << u"at least 32 bytes"_s;
        QTest::newRow("token lifetime zero") << QByteArray("[auth]\ntoken_lifetime_minutes=0\n") << u"auth/token_lifetime_minutes"_s << u"whole number"_s;
        QTest::newRow("body limit too small") << QByteArray("[limits]\nmax_body_bytes=10\n") << u"limits/max_body_bytes"_s << u"from 1024"_s;
        QTest::newRow("params limit zero") << QByteArray("[limits]\nmax_params_bytes=0\n") << u"limits/max_params_bytes"_s << u"whole number"_s;
        QTest::newRow("params limit negative") << QByteArray("[limits]\nmax_params_bytes=-5\n") << u"limits/max_params_bytes"_s << u"whole number"_s;
        QTest::newRow("params limit text") << QByteArray("[limits]\nmax_params_bytes=64k\n") << u"limits/max_params_bytes"_s << u"whole number"_s;
        QTest::newRow("grace negative") << QByteArray("[runs]\ngrace_seconds=-1\n") << u"runs/grace_seconds"_s << u"whole number"_s;
        QTest::newRow("runs per user negative") << QByteArray("[runs]\nmax_per_user=-1\n") << u"runs/max_per_user"_s << u"whole number"_s;
        QTest::newRow("llm url scheme") << QByteArray("[llm]\nbase_url=ftp://example.org/v1\n") << u"llm/base_url"_s << u"http or https URL"_s;
        QTest::newRow("llm retries") << QByteArray("[llm]\nmax_retries=11\n") << u"llm/max_retries"_s << u"from 0 to 10"_s;
        QTest::newRow("typo in a key") << QByteArray("[server]\nprot=1\n") << u"server/prot"_s << u"unknown setting server/prot (the settings of [server] are host, port)"_s;
        QTest::newRow("unknown group") << QByteArray("[sever]\nport=1\n") << u"sever/port"_s << u"see man agentdesk"_s;
        QTest::newRow("key outside a group") << QByteArray("port=1\n") << u"unknown setting port"_s << u"see man agentdesk"_s;
    }

    void badFileValue()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, key);
        QFETCH(QString, says);
        const QString path = writeFile(text, kOwnerOnly);
        QVERIFY(!path.isEmpty());
        const auto config = ServerConfig::load(path, environment());
        QVERIFY(!config);
        QVERIFY2(config.error().contains(path), qPrintable(config.error()));
        QVERIFY2(config.error().contains(key), qPrintable(config.error()));
        QVERIFY2(config.error().contains(says), qPrintable(config.error()));
    }

    void badEnvironmentValue_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::newRow("params limit zero") << u"AGENTDESK_MAX_PARAMS_BYTES"_s << u"0"_s;
        QTest::newRow("params limit huge") << u"AGENTDESK_MAX_PARAMS_BYTES"_s << u"99999999999999"_s;
        QTest::newRow("port") << u"AGENTDESK_PORT"_s << u"-1"_s;
        QTest::newRow("runs total") << u"AGENTDESK_MAX_RUNS_TOTAL"_s << u"lots"_s;
        QTest::newRow("jwt secret") << u"AGENTDESK_JWT_SECRET"_s << u"too-short"_s;
        QTest::newRow("llm url") << u"OPENAI_BASE_URL"_s << u"not a url"_s;
    }

    void badEnvironmentValue()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        const auto config = ServerConfig::load(QString(), environment({{variable, value}}));
        QVERIFY(!config);
        QVERIFY2(config.error().startsWith(u"environment variable "_s + variable + u' '),
                 qPrintable(config.error()));
    }

    void missingFile()
    {
        const QString path = m_dir.filePath(u"nowhere.conf"_s);
        const auto config = ServerConfig::load(path, environment());
        QVERIFY(!config);
        QVERIFY2(config.error().contains(path), qPrintable(config.error()));
    }

    void secretsNeedAPrivateFile_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("permissions");
        QTest::addColumn<QString>("refusedKey"); // empty: accepted
        const QByteArray jwt = "[auth]\njwt_secret=" + kSecret.toUtf8() + "\n";
        const QByteArray apiKey = "[llm]\napi_key=sk-test-Qx81\n";
        QTest::newRow("jwt secret, world-readable") << jwt << int(kWorldReadable) << u"auth/jwt_secret"_s;
        QTest::newRow("api key, world-readable") << apiKey << int(kWorldReadable) << u"llm/api_key"_s;
        QTest::newRow("api key, readable by others only") << apiKey << int(kOwnerOnly | QFileDevice::ReadOther) << u"llm/api_key"_s;
        QTest::newRow("jwt secret, group-readable (the package's 0640)") << jwt << int(kGroupReadable) << QString();
        QTest::newRow("api key, owner only") << apiKey << int(kOwnerOnly) << QString();
        QTest::newRow("no secret, world-readable") << QByteArray("[server]\nport=9001\n") << int(kWorldReadable) << QString();
        QTest::newRow("empty api key, world-readable") << QByteArray("[llm]\napi_key=\n") << int(kWorldReadable) << QString();
        QTest::newRow("commented secret, world-readable") << QByteArray("[auth]\n# jwt_secret=" + kSecret.toUtf8() + "\n") << int(kWorldReadable) << QString();
    }

    void secretsNeedAPrivateFile()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, permissions);
        QFETCH(QString, refusedKey);
        const QString path = writeFile(text, QFileDevice::Permissions(permissions));
        QVERIFY(!path.isEmpty());
        const auto config = ServerConfig::load(path, environment());
        if (refusedKey.isEmpty()) {
            QVERIFY2(config, qPrintable(config ? QString() : config.error()));
            return;
        }
        QVERIFY(!config);
        QVERIFY2(config.error().contains(path), qPrintable(config.error()));
        QVERIFY2(config.error().contains(refusedKey), qPrintable(config.error()));
        QVERIFY2(config.error().contains(u"chmod o-r "_s + path), qPrintable(config.error()));
        // The secret itself is never part of the message.
        QVERIFY(!config.error().contains(kSecret) && !config.error().contains(u"sk-test-Qx81"_s));
    }

    void secretFromTheEnvironmentIsNotAFileMatter()
    {
        // A world-readable file without secrets, the secret from the environment: fine.
        const QString path = writeFile("[server]\nport=9001\n", kWorldReadable);
        QVERIFY(!path.isEmpty());
        const auto config = ServerConfig::load(path, environment({{u"AGENTDESK_JWT_SECRET"_s, kSecret}}));
        QVERIFY2(config, qPrintable(config ? QString() : config.error()));
        QCOMPARE(config->jwtSecret, kSecret.toUtf8());
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
