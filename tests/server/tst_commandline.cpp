// The real agentdesk binary's command line where no display exists: what an
// operator on a headless machine types first.

#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <sys/types.h>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void versionPrintsTheVersionOnly();
    void helpPrintsUsage();
    void noDisplayIsAClearError();
    void serverOnlyHelp();
    void badPortIsRefused();
    void sigtermQuitsTheDesktopApp();

private:
    struct Outcome
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Outcome run(const QStringList &arguments);
};

TestCommandLine::Outcome TestCommandLine::run(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("AGENTDESK_BINARY"), arguments);
    if (!process.waitForFinished(20'000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void TestCommandLine::versionPrintsTheVersionOnly()
{
    for (const QString &flag : {u"--version"_s, u"-v"_s}) {
        const Outcome outcome = run({flag});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, u"agentdesk " AGENTDESK_VERSION "\n"_s);
    }
}

void TestCommandLine::helpPrintsUsage()
{
    const Outcome outcome = run({u"--help"_s});
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY2(outcome.out.contains(u"--server-only"_s), qPrintable(outcome.out));
    QVERIFY(outcome.out.contains(u"users COMMAND"_s));
}

void TestCommandLine::noDisplayIsAClearError()
{
    const Outcome outcome = run({});
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains(u"no display"_s) && outcome.err.contains(u"--server-only"_s), qPrintable(outcome.err));
}

void TestCommandLine::serverOnlyHelp()
{
    const Outcome outcome = run({u"--server-only"_s, u"--help"_s});
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY2(outcome.out.contains(u"--port"_s) && outcome.out.contains(u"--config"_s), qPrintable(outcome.out));
}

void TestCommandLine::badPortIsRefused()
{
    const Outcome outcome = run({u"--server-only"_s, u"--port"_s, u"99999"_s});
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains(u"--port must be a number from 0 to 65535"_s), qPrintable(outcome.err));
}

// The desktop app on the offscreen platform, in a home of its own: SIGTERM
// (a logout, a shutdown) ends it at once and cleanly, whatever it shows.
void TestCommandLine::sigtermQuitsTheDesktopApp()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/agentdesk-no-bus"_s);
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(qEnvironmentVariable("AGENTDESK_BINARY"), QStringList());
    QVERIFY(process.waitForStarted(10'000));
    // Up when its embedded server listens (the first-account dialog is open then).
    QString output;
    QTRY_VERIFY_WITH_TIMEOUT((output += QString::fromUtf8(process.readAll())).contains(u"listening on"_s), 20'000);
    QCOMPARE(::kill(pid_t(process.processId()), SIGTERM), 0);
    QVERIFY2(process.waitForFinished(10'000), "still running 10 s after SIGTERM");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    output += QString::fromUtf8(process.readAll());
    QVERIFY2(output.contains(u"agentdesk.server: stopped"_s), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
