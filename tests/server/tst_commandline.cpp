// The real agentdesk binary's command line where no display exists: what an
// operator on a headless machine types first.

#include <QProcess>
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

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
