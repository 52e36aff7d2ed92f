#pragma once

#include "Result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace agentdesk {

class UserStore;

// `agentdesk users ...`: `arguments` is what follows "users" on the command
// line. Runs inside a QCoreApplication, prints to stdout/stderr, reads
// passwords from the terminal (no echo) or stdin. Returns the exit code:
// 0 ok, 1 failure, 2 usage error.
int runUserAdminCommand(const QStringList &arguments);

// The command line itself, with its streams, environment and password source
// given (runUserAdminCommand passes the real ones; tests pass their own).
class UserAdminCommand
{
public:
    enum ExitCode { Ok = 0, Failure = 1, UsageError = 2 };

    // Asked for a new password for `username`; `forceStdin` is --password-stdin.
    using PasswordSource = std::function<Result<QString>(const QString &username, bool forceStdin)>;

    UserAdminCommand(QTextStream &out, QTextStream &err, QProcessEnvironment environment,
                     PasswordSource passwords);

    int run(const QStringList &arguments);

    static QString usage();

private:
    struct Invocation;

    int usageError(const QString &message);
    int fail(const QString &message);
    Result<QString> databasePath(const Invocation &invocation);
    int openStore(const Invocation &invocation, bool create, UserStore &store);
    Result<QString> newPassword(const QString &username, bool forceStdin);

    int add(const Invocation &invocation);
    int setDisabled(const Invocation &invocation, bool disabled);
    int passwd(const Invocation &invocation);
    int remove(const Invocation &invocation);
    int list(const Invocation &invocation);
    int import(const Invocation &invocation);

    QTextStream &m_out;
    QTextStream &m_err;
    QProcessEnvironment m_environment;
    PasswordSource m_passwords;
};

} // namespace agentdesk
