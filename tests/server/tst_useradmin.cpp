#include "PasswordHasher.h"
#include "UserAdminCommand.h"
#include "UserStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

const QString JohnDoeHash = u"$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"_s;

struct Outcome
{
    int code = -1;
    QString out;
    QString err;
};

} // namespace

class TestUserAdmin : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    // In process: the parser and every command.
    void usageErrors_data();
    void usageErrors();
    void help();
    void lifecycle();
    void passwordRefusals_data();
    void passwordRefusals();
    void missingDatabaseIsNotCreated_data();
    void missingDatabaseIsNotCreated();
    void databaseFromConfigFile();
    void importUpstreamUsers();
    void importRefusesBadFiles_data();
    void importRefusesBadFiles();

    // Through a real process: stdin, exit codes, streams.
    void processAddWithStdinPassword_data();
    void processAddWithStdinPassword();
    void processPasswdWithStdinPassword_data();
    void processPasswdWithStdinPassword();
    void processRefusals_data();
    void processRefusals();
    void terminalPasswordIsNotEchoed_data();
    void terminalPasswordIsNotEchoed();

private:
    Outcome run(const QStringList &arguments, QStringList passwords = {});
    Outcome runProcess(const QStringList &arguments, const QByteArray &input);
    void addBinaryRows();
    bool realBinaryNotReady();
    QString writeFile(const QString &name, const QByteArray &content);
    QProcessEnvironment environment() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestUserAdmin::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(u"users.sqlite"_s);
}

void TestUserAdmin::cleanup()
{
    m_dir.reset();
}

QProcessEnvironment TestUserAdmin::environment() const
{
    // Nothing from the developer's own configuration leaks in.
    QProcessEnvironment env;
    env.insert(u"HOME"_s, m_dir->path());
    env.insert(u"XDG_CONFIG_HOME"_s, m_dir->filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_dir->filePath(u"share"_s));
    env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    return env;
}

Outcome TestUserAdmin::run(const QStringList &arguments, QStringList passwords)
{
    Outcome outcome;
    QTextStream out(&outcome.out);
    QTextStream err(&outcome.err);
    UserAdminCommand command(out, err, environment(),
                             [&passwords](const QString &, bool) -> Result<QString> {
                                 if (passwords.isEmpty())
                                     return Result<QString>::failure(u"no password given"_s);
                                 return passwords.takeFirst();
                             });
    outcome.code = command.run(arguments);
    out.flush();
    err.flush();
    return outcome;
}

void TestUserAdmin::addBinaryRows()
{
    QTest::addColumn<QString>("binary");
    QTest::addColumn<QStringList>("prefix");
    QTest::newRow("useradmin_driver") << qEnvironmentVariable("AGENTDESK_USERADMIN_DRIVER") << QStringList();
    QTest::newRow("agentdesk users") << qEnvironmentVariable("AGENTDESK_BINARY") << QStringList{u"users"_s};
}

// Until app/main.cpp routes `users`, the real binary cannot be driven; the
// driver row still runs the same code through a real process.
bool TestUserAdmin::realBinaryNotReady()
{
    if (qstrcmp(QTest::currentDataTag(), "agentdesk users") != 0)
        return false;
    return !runProcess({u"--help"_s}, {}).out.contains(u"Usage: agentdesk users");
}

Outcome TestUserAdmin::runProcess(const QStringList &arguments, const QByteArray &input)
{
    QFETCH(QString, binary);
    QFETCH(QStringList, prefix);
    Outcome outcome;
    if (binary.isEmpty() || !QFileInfo(binary).isExecutable()) {
        outcome.err = u"no binary at \"%1\""_s.arg(binary);
        return outcome;
    }
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(binary, prefix + arguments);
    if (!process.waitForStarted(10000)) {
        outcome.err = process.errorString();
        return outcome;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        outcome.err = u"timed out"_s;
        return outcome;
    }
    outcome.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

QString TestUserAdmin::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

void TestUserAdmin::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("complaint");
    QTest::newRow("nothing") << QStringList() << u"no command"_s;
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << u"unknown command"_s;
    QTest::newRow("add without name") << QStringList{u"add"_s} << u"add USERNAME"_s;
    QTest::newRow("add two names") << QStringList{u"add"_s, u"a"_s, u"b"_s} << u"add USERNAME"_s;
    QTest::newRow("unknown option") << QStringList{u"add"_s, u"bob"_s, u"--bogus"_s} << u"unknown option"_s;
    QTest::newRow("option of another command")
            << QStringList{u"disable"_s, u"bob"_s, u"--json"_s} << u"does not take --json"_s;
    QTest::newRow("list with argument") << QStringList{u"list"_s, u"x"_s} << u"takes no arguments"_s;
    QTest::newRow("value missing") << QStringList{u"list"_s, u"--database"_s} << u"needs a value"_s;
    QTest::newRow("option twice")
            << QStringList{u"--database"_s, u"a"_s, u"--database"_s, u"b"_s, u"list"_s} << u"twice"_s;
    QTest::newRow("flag with value") << QStringList{u"list"_s, u"--json=yes"_s} << u"unknown option"_s;
    QTest::newRow("invalid username") << QStringList{u"add"_s, u"bad name"_s} << u"invalid username"_s;
    QTest::newRow("import without file") << QStringList{u"import"_s} << u"FILE.json"_s;
}

void TestUserAdmin::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, complaint);
    const Outcome outcome = run(arguments + QStringList{u"--database=%1"_s.arg(m_db)},
                                {u"long enough password"_s});
    QCOMPARE(outcome.code, int(UserAdminCommand::UsageError));
    QVERIFY2(outcome.err.contains(complaint), qPrintable(outcome.err));
    QVERIFY(outcome.out.isEmpty());
    QVERIFY2(!QFile::exists(m_db), "a usage error touched the database");
}

void TestUserAdmin::help()
{
    for (const QStringList &arguments : {QStringList{u"--help"_s}, QStringList{u"-h"_s},
                                         QStringList{u"help"_s}, QStringList{u"add"_s, u"--help"_s}}) {
        const Outcome outcome = run(arguments);
        QCOMPARE(outcome.code, 0);
        QVERIFY(outcome.out.startsWith(u"Usage: agentdesk users"));
        for (const QString &command : {u"add"_s, u"disable"_s, u"enable"_s, u"passwd"_s, u"delete"_s,
                                       u"list"_s, u"import"_s})
            QVERIFY2(outcome.out.contains(u"  "_s + command + u' '), qPrintable(command));
    }
}

void TestUserAdmin::lifecycle()
{
    const QStringList db{u"--database"_s, m_db};
    Outcome o = run(db + QStringList{u"add"_s, u"alice"_s}, {u"alice's password"_s});
    QVERIFY2(o.code == 0, qPrintable(o.err));
    QVERIFY(o.out.contains(u"added user alice"));
    o = run(QStringList{u"add"_s, u"bob"_s, u"--full-name"_s, u"Bob B. Builder"_s,
                        u"--email=bob@example.com"_s} + db,
            {u"bob's password!"_s});
    QVERIFY2(o.code == 0, qPrintable(o.err));
    o = run(db + QStringList{u"add"_s, u"Alice"_s}, {u"whatever password"_s});
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(u"duplicate username"), qPrintable(o.err));

    {
        UserStore store;
        QVERIFY(store.open(m_db).ok());
        PasswordHasher hasher;
        const auto alice = store.findByUsername(u"alice"_s);
        QVERIFY(hasher.verify(u"alice's password"_s, store.passwordHash(alice->id).value()));
        const auto bob = store.findByUsername(u"bob"_s);
        QCOMPARE(bob->fullName, u"Bob B. Builder"_s);
        QCOMPARE(bob->email, u"bob@example.com"_s);
    }

    o = run(db + QStringList{u"disable"_s, u"bob"_s});
    QCOMPARE(o.code, 0);
    o = run(db + QStringList{u"list"_s});
    QCOMPARE(o.code, 0);
    const QStringList lines = o.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(u"ID"));
    QVERIFY(lines[0].contains(u"FULL NAME") && lines[0].contains(u"CREATED"));
    QVERIFY(lines[1].contains(u"alice") && lines[1].contains(u" no "));
    QVERIFY(lines[2].contains(u"Bob B. Builder") && lines[2].contains(u" yes "));
    QVERIFY2(!o.out.contains(u'$'), "a hash was printed");

    o = run(db + QStringList{u"list"_s, u"--json"_s});
    QCOMPARE(o.code, 0);
    const QJsonArray users = QJsonDocument::fromJson(o.out.toUtf8()).array();
    QCOMPARE(users.size(), 2);
    const QJsonObject bob = users.at(1).toObject();
    QStringList keys = bob.keys();
    QCOMPARE(keys, (QStringList{u"created_at"_s, u"disabled"_s, u"email"_s, u"full_name"_s, u"id"_s,
                                u"username"_s}));
    QCOMPARE(bob.value(u"disabled").toBool(), true);
    QCOMPARE(bob.value(u"email").toString(), u"bob@example.com"_s);

    QCOMPARE(run(db + QStringList{u"enable"_s, u"bob"_s}).code, 0);
    o = run(db + QStringList{u"list"_s, u"--json"_s});
    QCOMPARE(QJsonDocument::fromJson(o.out.toUtf8()).array().at(1).toObject().value(u"disabled").toBool(),
             false);

    o = run(db + QStringList{u"passwd"_s, u"alice"_s}, {u"alice's new password"_s});
    QVERIFY2(o.code == 0, qPrintable(o.err));
    {
        UserStore store;
        QVERIFY(store.open(m_db).ok());
        PasswordHasher hasher;
        const QString hash = store.passwordHash(store.findByUsername(u"alice"_s)->id).value();
        QVERIFY(hasher.verify(u"alice's new password"_s, hash));
        QVERIFY(!hasher.verify(u"alice's password"_s, hash));
    }

    QCOMPARE(run(db + QStringList{u"delete"_s, u"bob"_s}).code, 0);
    o = run(db + QStringList{u"delete"_s, u"bob"_s});
    QCOMPARE(o.code, 1);
    QVERIFY(o.err.contains(u"unknown user"));
    for (const QString &command : {u"disable"_s, u"enable"_s, u"passwd"_s}) {
        o = run(db + QStringList{command, u"nobody"_s}, {u"some long password"_s});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(u"unknown user"), qPrintable(command + u": "_s + o.err));
    }
}

void TestUserAdmin::passwordRefusals_data()
{
    QTest::addColumn<QStringList>("passwords");
    QTest::addColumn<QString>("complaint");
    QTest::newRow("too short") << QStringList{u"short"_s} << u"at least 8"_s;
    QTest::newRow("too long") << QStringList{QString(512, u'x')} << u"511 bytes"_s;
    QTest::newRow("none") << QStringList() << u"no password"_s;
}

void TestUserAdmin::passwordRefusals()
{
    QFETCH(QStringList, passwords);
    QFETCH(QString, complaint);
    const Outcome o = run({u"--database"_s, m_db, u"add"_s, u"alice"_s}, passwords);
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(complaint), qPrintable(o.err));
    UserStore store;
    QVERIFY(store.open(m_db).ok());
    QCOMPARE(store.count().value(), 0);
}

void TestUserAdmin::missingDatabaseIsNotCreated_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("list") << QStringList{u"list"_s};
    QTest::newRow("disable") << QStringList{u"disable"_s, u"alice"_s};
    QTest::newRow("delete") << QStringList{u"delete"_s, u"alice"_s};
    QTest::newRow("passwd") << QStringList{u"passwd"_s, u"alice"_s};
}

void TestUserAdmin::missingDatabaseIsNotCreated()
{
    QFETCH(QStringList, arguments);
    const Outcome o = run(QStringList{u"--database"_s, m_db} + arguments, {u"long enough password"_s});
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(u"there is no user database"), qPrintable(o.err));
    QVERIFY(!QFile::exists(m_db));
}

void TestUserAdmin::databaseFromConfigFile()
{
    const QString configured = m_dir->filePath(u"from-config/users.sqlite"_s);
    const QString config = writeFile(u"agentdesk.conf"_s,
                                     "[storage]\ndatabase=" + configured.toUtf8() + "\n");
    Outcome o = run({u"--config"_s, config, u"add"_s, u"alice"_s}, {u"long enough password"_s});
    QVERIFY2(o.code == 0, qPrintable(o.err));
    QVERIFY(QFile::exists(configured));
    o = run({u"list"_s, u"--config"_s, config});
    QVERIFY(o.out.contains(u"alice"));
    o = run({u"--config"_s, m_dir->filePath(u"missing.conf"_s), u"list"_s});
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(u"missing.conf"), qPrintable(o.err));
}

void TestUserAdmin::importUpstreamUsers()
{
    PasswordHasher hasher;
    const QString aliceHash = hasher.hash(u"wonderland!"_s).value();
    const QJsonObject db{
            {u"johndoe"_s, QJsonObject{{u"username"_s, u"johndoe"_s}, {u"full_name"_s, u"John Doe"_s},
                                       {u"email"_s, u"johndoe@example.com"_s},
                                       {u"hashed_password"_s, JohnDoeHash}, {u"disabled"_s, false}}},
            {u"alice"_s, QJsonObject{{u"username"_s, u"alice"_s}, {u"full_name"_s, QJsonValue::Null},
                                     {u"email"_s, QJsonValue::Null}, {u"hashed_password"_s, aliceHash},
                                     {u"disabled"_s, true}}},
    };
    const QString file = writeFile(u"fake_users_db.json"_s, QJsonDocument(db).toJson());
    Outcome o = run({u"--database"_s, m_db, u"import"_s, file});
    QVERIFY2(o.code == 0, qPrintable(o.err));
    QVERIFY2(o.out.contains(u"added johndoe") && o.out.contains(u"added alice"), qPrintable(o.out));
    QVERIFY2(!o.out.contains(u'$') && !o.err.contains(u'$'), "a hash was printed");

    {
        UserStore store;
        QVERIFY(store.open(m_db).ok());
        const auto john = store.findByUsername(u"johndoe"_s);
        QVERIFY(john.ok());
        QCOMPARE(john->fullName, u"John Doe"_s);
        QCOMPARE(john->email, u"johndoe@example.com"_s);
        QCOMPARE(john->disabled, false);
        QCOMPARE(store.passwordHash(john->id).value(), JohnDoeHash); // kept as is
        QVERIFY(hasher.verify(u"secret"_s, store.passwordHash(john->id).value()));
        QCOMPARE(store.findByUsername(u"alice"_s)->disabled, true);
    }

    o = run({u"--database"_s, m_db, u"import"_s, file});
    QCOMPARE(o.code, 0);
    QVERIFY2(o.out.contains(u"skipped johndoe: already exists") && o.out.contains(u"skipped alice"),
             qPrintable(o.out));
    QVERIFY(!o.out.contains(u"added"));
}

void TestUserAdmin::importRefusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("complaint");
    const QByteArray good = R"("ok": {"username": "ok", "hashed_password": ")" + JohnDoeHash.toLatin1()
            + R"(", "disabled": false})";
    QTest::newRow("not JSON") << QByteArray("{\"johndoe\": ") << u"not valid JSON"_s;
    QTest::newRow("empty file") << QByteArray() << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << u"JSON object"_s;
    QTest::newRow("entry not an object") << "{" + good + R"(, "x": 1})" << u"must be an object"_s;
    QTest::newRow("username differs from key")
            << "{" + good + R"(, "x": {"username": "y", "hashed_password": ")" + JohnDoeHash.toLatin1() + R"("}})"
            << u"equal to the key"_s;
    QTest::newRow("missing hash") << "{" + good + R"(, "x": {"username": "x"}})" << u"hashed_password"_s;
    QTest::newRow("md5 hash")
            << "{" + good + R"(, "x": {"username": "x", "hashed_password": "$1$saltsalt$qjXMvbEw8oaL.CzflDugX/"}})"
            << u"hashed_password"_s;
    QTest::newRow("plain password") << "{" + good + R"(, "x": {"username": "x", "hashed_password": "secret"}})"
                                    << u"hashed_password"_s;
    QTest::newRow("disabled a string")
            << "{" + good + R"(, "x": {"username": "x", "hashed_password": ")" + JohnDoeHash.toLatin1()
                    + R"(", "disabled": "yes"}})"
            << u"disabled"_s;
    QTest::newRow("full_name a number")
            << "{" + good + R"(, "x": {"username": "x", "hashed_password": ")" + JohnDoeHash.toLatin1()
                    + R"(", "full_name": 7}})"
            << u"full_name"_s;
    QTest::newRow("invalid username")
            << "{" + good + R"(, "a b": {"username": "a b", "hashed_password": ")" + JohnDoeHash.toLatin1()
                    + R"("}})"
            << u"invalid username"_s;
}

void TestUserAdmin::importRefusesBadFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, complaint);
    QVERIFY(run({u"--database"_s, m_db, u"add"_s, u"existing"_s}, {u"long enough password"_s}).code == 0);
    const QString file = writeFile(u"bad.json"_s, content);
    const Outcome o = run({u"--database"_s, m_db, u"import"_s, file});
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(complaint), qPrintable(o.err));
    QVERIFY2(o.err.contains(u"nothing was imported"), qPrintable(o.err));
    QVERIFY(!o.out.contains(u"added"));
    UserStore store;
    QVERIFY(store.open(m_db).ok());
    QCOMPARE(store.count().value(), 1); // the good entry next to the bad one was not added either
}

void TestUserAdmin::processAddWithStdinPassword_data()
{
    addBinaryRows();
}

void TestUserAdmin::processAddWithStdinPassword()
{
    QFETCH(QString, binary);
    if (realBinaryNotReady())
        QSKIP("the agentdesk binary does not route `users` to runUserAdminCommand yet");
    const QString password = u"carol's stdin password"_s;
    Outcome o = runProcess({u"--database"_s, m_db, u"add"_s, u"carol"_s, u"--password-stdin"_s,
                            u"--full-name"_s, u"Carol C"_s},
                           password.toUtf8() + "\n");
    QVERIFY2(o.code == 0, qPrintable(o.err));
    QVERIFY(o.out.contains(u"added user carol"));
    // Without the flag, a stdin that is not a terminal is read the same way;
    // a CRLF line end is not part of the password.
    o = runProcess({u"--database"_s, m_db, u"add"_s, u"dave"_s}, "dave's piped password\r\n");
    QVERIFY2(o.code == 0, qPrintable(o.err));
    for (const Outcome &each : {o}) {
        QVERIFY(!each.out.contains(u"password\r"));
        QVERIFY(!each.out.contains(u"piped") && !each.err.contains(u"piped"));
    }

    UserStore store;
    QVERIFY(store.open(m_db).ok());
    PasswordHasher hasher;
    const auto carol = store.findByUsername(u"carol"_s);
    QVERIFY(carol.ok());
    QCOMPARE(carol->fullName, u"Carol C"_s);
    QVERIFY(hasher.verify(password, store.passwordHash(carol->id).value()));
    const auto dave = store.findByUsername(u"dave"_s);
    QVERIFY(hasher.verify(u"dave's piped password"_s, store.passwordHash(dave->id).value()));

    o = runProcess({u"--database"_s, m_db, u"list"_s, u"--json"_s}, {});
    QCOMPARE(o.code, 0);
    QCOMPARE(QJsonDocument::fromJson(o.out.toUtf8()).array().size(), 2);
    QVERIFY(!o.out.contains(u'$'));
}

void TestUserAdmin::processPasswdWithStdinPassword_data()
{
    addBinaryRows();
}

void TestUserAdmin::processPasswdWithStdinPassword()
{
    QFETCH(QString, binary);
    if (realBinaryNotReady())
        QSKIP("the agentdesk binary does not route `users` to runUserAdminCommand yet");
    Outcome o = runProcess({u"--database"_s, m_db, u"add"_s, u"erin"_s, u"--password-stdin"_s},
                           "erin's first password\n");
    QVERIFY2(o.code == 0, qPrintable(o.err));
    o = runProcess({u"--database"_s, m_db, u"passwd"_s, u"erin"_s, u"--password-stdin"_s},
                   "erin's second password\n");
    QVERIFY2(o.code == 0, qPrintable(o.err));
    UserStore store;
    QVERIFY(store.open(m_db).ok());
    PasswordHasher hasher;
    const QString hash = store.passwordHash(store.findByUsername(u"erin"_s)->id).value();
    QVERIFY(hasher.verify(u"erin's second password"_s, hash));
    QVERIFY(!hasher.verify(u"erin's first password"_s, hash));
}

void TestUserAdmin::processRefusals_data()
{
    addBinaryRows();
}

void TestUserAdmin::processRefusals()
{
    QFETCH(QString, binary);
    if (realBinaryNotReady())
        QSKIP("the agentdesk binary does not route `users` to runUserAdminCommand yet");
    const QStringList add{u"--database"_s, m_db, u"add"_s, u"frank"_s, u"--password-stdin"_s};
    Outcome o = runProcess(add, {});
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(u"no password on standard input"), qPrintable(o.err));
    o = runProcess(add, "short\n");
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(u"at least 8"), qPrintable(o.err));
    QVERIFY(!o.err.contains(u"short\n"));
    o = runProcess(add, "\xff\xfe not UTF-8 at all\n");
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(u"UTF-8"), qPrintable(o.err));
    o = runProcess({u"--database"_s, m_db, u"list"_s}, {}); // nothing created by the refusals above
    QCOMPARE(o.code, 0);
    QVERIFY(!o.out.contains(u"frank"));

    o = runProcess({u"frobnicate"_s}, {});
    QCOMPARE(o.code, 2);
    QVERIFY(o.err.contains(u"unknown command"));
    QVERIFY(o.out.isEmpty());
    o = runProcess({u"--database"_s, m_db, u"disable"_s, u"nobody"_s}, {});
    QCOMPARE(o.code, 1);
    QVERIFY(o.err.contains(u"unknown user"));
}

void TestUserAdmin::terminalPasswordIsNotEchoed_data()
{
    QTest::addColumn<QString>("repeat");
    QTest::addColumn<int>("code");
    QTest::newRow("same twice") << u"terminal password 1"_s << 0;
    QTest::newRow("mismatch") << u"terminal password 2"_s << 1;
}

void TestUserAdmin::terminalPasswordIsNotEchoed()
{
    QFETCH(QString, repeat);
    QFETCH(int, code);
    // util-linux `script` gives the command a real terminal, so the termios
    // path runs as it does for a person typing.
    const QString script = QStandardPaths::findExecutable(u"script"_s);
    const QString driver = qEnvironmentVariable("AGENTDESK_USERADMIN_DRIVER");
    if (script.isEmpty())
        QSKIP("util-linux `script` is not installed");
    QVERIFY(QFileInfo(driver).isExecutable());
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(script, {u"-qec"_s, u"'%1' --database '%2' add tina"_s.arg(driver, m_db), u"/dev/null"_s});
    QVERIFY(process.waitForStarted());
    QByteArray seen;
    const auto waitFor = [&](const QByteArray &text) {
        return QTest::qWaitFor([&] {
            process.waitForReadyRead(100);
            seen += process.readAll();
            return seen.contains(text);
        }, 20000);
    };
    QVERIFY2(waitFor("New password for tina: "), seen.constData());
    process.write("terminal password 1\n");
    QVERIFY2(waitFor("Repeat the password: "), seen.constData());
    process.write(repeat.toUtf8() + "\n");
    QVERIFY(process.waitForFinished(20000));
    seen += process.readAll();
    QVERIFY2(!seen.contains("terminal password"), seen.constData());
    QCOMPARE(process.exitCode(), code);

    UserStore store;
    QVERIFY(store.open(m_db).ok());
    const auto tina = store.findByUsername(u"tina"_s);
    QCOMPARE(tina.ok(), code == 0);
    if (tina.ok())
        QVERIFY(PasswordHasher().verify(u"terminal password 1"_s, store.passwordHash(tina->id).value()));
    else
        QVERIFY2(seen.contains("do not match"), seen.constData());
}

QTEST_GUILESS_MAIN(TestUserAdmin)
#include "tst_useradmin.moc"
