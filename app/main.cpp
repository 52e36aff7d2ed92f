// agentdesk: the desktop app with its embedded server (no arguments), the
// headless server (--server-only), or user administration (users ...).

#include "DesktopController.h"
#include "EmbeddedServerAdmin.h"
#include "LogBuffer.h"
#include "Logging.h"
#include "PasswordHasher.h"
#include "Server.h"
#include "ServerConfig.h"
#include "ShutdownSignals.h"
#include "Translations.h"
#include "UserAdminCommand.h"
#include "UserStore.h"

#include <QApplication>
#include <QIcon>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <sys/resource.h>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(u"agentdesk"_s);
    QCoreApplication::setApplicationName(u"agentdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(AGENTDESK_VERSION));
}

int fail(const QString &message)
{
    QTextStream(stderr) << "agentdesk: " << message << Qt::endl;
    return 1;
}

// The named file, else the default one, with the environment's overrides.
Result<ServerConfig> loadConfig(const QString &namedFile)
{
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString file = namedFile.isEmpty() ? ServerConfig::defaultConfigFile(environment) : namedFile;
    return ServerConfig::load(file, environment);
}

// Each connection and each run's WebSocket is a descriptor: take the hard
// limit the system grants instead of the historical soft 1024.
void raiseDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int runServerOnly(int argc, char **argv)
{
    raiseDescriptorLimit();
    QCoreApplication app(argc, argv);
    describeApplication();

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Agentdesk headless server: FastAgency's secured FastAPIAdapter protocol."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOnly(u"server-only"_s, u"Run the server without a window."_s);
    const QCommandLineOption host(u"host"_s, u"Address to listen on (default 127.0.0.1)."_s, u"host"_s);
    const QCommandLineOption port(u"port"_s, u"Port to listen on (default 8008)."_s, u"port"_s);
    const QCommandLineOption config(u"config"_s, u"Configuration file (INI)."_s, u"file"_s);
    parser.addOptions({serverOnly, host, port, config});
    parser.process(app);

    auto loaded = loadConfig(parser.value(config));
    if (!loaded)
        return fail(loaded.error());
    ServerConfig settings = std::move(loaded).value();
    if (parser.isSet(host))
        settings.host = parser.value(host);
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return fail(u"--port must be a number from 0 to 65535"_s);
        settings.port = static_cast<quint16>(value);
    }

    Server server(settings);
    const Status started = server.start();
    if (!started)
        return fail(started.error());

    ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &ShutdownSignals::shutdownRequested, &app, [&server](int signalNumber) {
        qCInfo(lcServer, "signal %d: shutting down", signalNumber);
        server.stop();
        QCoreApplication::quit();
    });
    return app.exec();
}

int runUsers(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    describeApplication();
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst(); // the program
    arguments.removeFirst(); // "users"
    return runUserAdminCommand(arguments);
}

// The desktop app: the embedded server on a free loopback port, and the
// client pointed at it (any other server can be chosen at login).
int runDesktop(int argc, char **argv)
{
    raiseDescriptorLimit();
    QApplication app(argc, argv);
    describeApplication();
    QGuiApplication::setDesktopFileName(u"io.github.agentdesk.Agentdesk"_s);
    QApplication::setWindowIcon(QIcon(u":/agentdesk/icons/agentdesk.svg"_s));
    installTranslations(&app);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Agentdesk: run AI-agent workflows securely. "
                                     "Without options, the desktop app with its embedded server."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOnly(u"server-only"_s, u"Run the server without a window (see --server-only --help)."_s);
    const QCommandLineOption config(u"config"_s, u"Configuration file (INI) of the embedded server."_s, u"file"_s);
    parser.addOptions({serverOnly, config});
    parser.process(app);

    auto loaded = loadConfig(parser.value(config));
    if (!loaded)
        return fail(loaded.error());
    ServerConfig settings = std::move(loaded).value();
    // Embedded: reachable from this machine only, on whatever port is free.
    settings.host = u"127.0.0.1"_s;
    settings.port = 0;

    LogBuffer log; // for the server window, from the first line on
    Server server(settings);
    const Status started = server.start();
    if (!started)
        return fail(u"the embedded server cannot start: "_s + started.error());

    EmbeddedServerAdmin admin(server, &log);
    DesktopOptions options;
    options.defaultServerUrl = server.url();
    options.embeddedServer = &admin;
    options.needsFirstAccount = [&server] {
        const auto count = server.users().count();
        return count.ok() && *count == 0;
    };
    options.createFirstAccount = [&admin](const QString &username, const QString &fullName,
                                          const QString &email, const QString &password) -> QString {
        const Status added = admin.addAccount({username, fullName, email, false, {}}, password);
        return added ? QString() : added.error();
    };
    DesktopController controller(std::move(options));
    QObject::connect(&controller, &DesktopController::quitRequested, &app, &QCoreApplication::quit,
                     Qt::QueuedConnection);

    ShutdownSignals shutdownSignals;
    // A signal is not a user at the window: no "quit with runs going?".
    QObject::connect(&shutdownSignals, &ShutdownSignals::shutdownRequested, &controller,
                     &DesktopController::quitWithoutAsking);

    controller.start();
    const int code = app.exec();
    server.stop();
    return code;
}

bool hasDisplay()
{
    const auto set = [](const char *name) { return !qEnvironmentVariableIsEmpty(name); };
    return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("QT_QPA_PLATFORM");
}

QString usageWithoutDisplay()
{
    return u"agentdesk %1: run AI-agent workflows securely.\n\n"
           "Usage:\n"
           "  agentdesk [--config FILE]          the desktop app with its embedded server\n"
           "  agentdesk --server-only [--host H] [--port P] [--config FILE]\n"
           "                                     the headless server (see --server-only --help)\n"
           "  agentdesk users COMMAND ...        user administration (see users --help)\n\n"
           "See man agentdesk.\n"_s.arg(QCoreApplication::applicationVersion());
}

bool hasArgument(int argc, char **argv, const char *wanted)
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], wanted) == 0)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    installSecretSafeLogFilter();
    if (argc > 1 && qstrcmp(argv[1], "users") == 0)
        return runUsers(argc, argv);
    if (hasArgument(argc, argv, "--server-only"))
        return runServerOnly(argc, argv);
    if (!hasDisplay()) {
        // QApplication would abort in its platform plugin: say what to do instead.
        QCoreApplication app(argc, argv);
        describeApplication();
        if (hasArgument(argc, argv, "--version") || hasArgument(argc, argv, "-v")) {
            QTextStream(stdout) << "agentdesk " << QCoreApplication::applicationVersion() << Qt::endl;
            return 0;
        }
        QTextStream(stdout) << usageWithoutDisplay();
        const bool askedForHelp = hasArgument(argc, argv, "--help") || hasArgument(argc, argv, "-h");
        return askedForHelp ? 0 : fail(u"no display to open the desktop app on (DISPLAY and "
                                       "WAYLAND_DISPLAY are unset); use --server-only"_s);
    }
    return runDesktop(argc, argv);
}
