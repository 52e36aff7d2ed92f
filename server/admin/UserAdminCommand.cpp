#include "UserAdminCommand.h"

#include "PasswordHasher.h"
#include "PasswordPrompt.h"
#include "ServerConfig.h"
#include "UserStore.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cstdio>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxImportBytes = 16 * 1024 * 1024;

const QSet<QString> &valueOptions()
{
    static const QSet<QString> options{u"--config"_s, u"--database"_s, u"--full-name"_s, u"--email"_s};
    return options;
}

const QSet<QString> &flagOptions()
{
    static const QSet<QString> options{u"--password-stdin"_s, u"--json"_s, u"--help"_s, u"-h"_s};
    return options;
}

struct CommandSpec
{
    int positionals;
    QString positionalName;
    QSet<QString> options; // besides the global --config and --database
};

const QHash<QString, CommandSpec> &commands()
{
    static const QHash<QString, CommandSpec> specs{
            {u"add"_s, {1, u"USERNAME"_s, {u"--full-name"_s, u"--email"_s, u"--password-stdin"_s}}},
            {u"disable"_s, {1, u"USERNAME"_s, {}}},
            {u"enable"_s, {1, u"USERNAME"_s, {}}},
            {u"passwd"_s, {1, u"USERNAME"_s, {u"--password-stdin"_s}}},
            {u"delete"_s, {1, u"USERNAME"_s, {}}},
            {u"list"_s, {0, {}, {u"--json"_s}}},
            {u"import"_s, {1, u"FILE.json"_s, {}}},
    };
    return specs;
}

// One user of upstream's fake_users_db, checked before anything is written.
struct ImportedUser
{
    QString username;
    QString fullName;
    QString email;
    QString passwordHash;
    bool disabled = false;
};

// An optional text field of the import file: absent and null mean empty.
std::optional<QString> optionalText(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

} // namespace

struct UserAdminCommand::Invocation
{
    QString command;
    QStringList positional;
    QHash<QString, QString> values;
    QSet<QString> flags;

    QString value(const QString &option) const { return values.value(option); }
    bool has(const QString &flag) const { return flags.contains(flag); }
};

int runUserAdminCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    UserAdminCommand command(out, err, QProcessEnvironment::systemEnvironment(),
                             [&err](const QString &username, bool forceStdin) {
                                 err.flush();
                                 return PasswordPrompt::read(
                                         u"New password for %1: "_s.arg(username), forceStdin);
                             });
    const int code = command.run(arguments);
    out.flush();
    err.flush();
    return code;
}

UserAdminCommand::UserAdminCommand(QTextStream &out, QTextStream &err,
                                   QProcessEnvironment environment, PasswordSource passwords)
    : m_out(out), m_err(err), m_environment(std::move(environment)), m_passwords(std::move(passwords))
{
}

QString UserAdminCommand::usage()
{
    return uR"(Usage: agentdesk users [--config FILE] [--database PATH] COMMAND ...

Commands:
  add USERNAME [--full-name NAME] [--email EMAIL] [--password-stdin]
                          add a user; the password is asked twice on a terminal,
                          or read as one line from stdin
  disable USERNAME        refuse the user's tokens (400 "Inactive user")
  enable USERNAME         accept the user again
  passwd USERNAME [--password-stdin]
                          set a new password (ends the user's opaque tokens)
  delete USERNAME         remove the user and the user's opaque tokens
  list [--json]           show id, username, full name, email, disabled, created
  import FILE.json        add the users of a FastAgency fake_users_db file,
                          keeping their bcrypt hashes; existing users are skipped

Options:
  --config FILE           configuration file (default: AGENTDESK_CONFIG or
                          ~/.config/agentdesk/server.conf if it exists)
  --database PATH         user database (default: from the configuration)
  -h, --help              show this help

Exit codes: 0 done, 1 failed, 2 usage error.
)"_s;
}

int UserAdminCommand::usageError(const QString &message)
{
    m_err << "agentdesk users: " << message << "\n"
          << "Try 'agentdesk users --help'.\n";
    m_err.flush();
    return UsageError;
}

int UserAdminCommand::fail(const QString &message)
{
    m_err << "agentdesk users: " << message << "\n";
    m_err.flush();
    return Failure;
}

int UserAdminCommand::run(const QStringList &arguments)
{
    Invocation invocation;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString argument = arguments.at(i);
        if (optionsEnded || !argument.startsWith(u'-') || argument == u"-") {
            if (invocation.command.isEmpty())
                invocation.command = argument;
            else
                invocation.positional.append(argument);
            continue;
        }
        if (argument == u"--") {
            optionsEnded = true;
            continue;
        }
        QString inlineValue;
        bool hasInlineValue = false;
        if (const qsizetype eq = argument.indexOf(u'='); argument.startsWith(u"--") && eq > 0) {
            inlineValue = argument.mid(eq + 1);
            argument.truncate(eq);
            hasInlineValue = true;
        }
        if (valueOptions().contains(argument)) {
            if (invocation.values.contains(argument))
                return usageError(u"%1 given twice"_s.arg(argument));
            if (!hasInlineValue) {
                // "--full-name --email x" is a forgotten value, not a name;
                // --full-name=--odd still says it on purpose.
                if (i + 1 >= arguments.size() || arguments.at(i + 1).startsWith(u"--"))
                    return usageError(u"%1 needs a value"_s.arg(argument));
                inlineValue = arguments.at(++i);
            }
            invocation.values.insert(argument, inlineValue);
        } else if (flagOptions().contains(argument) && !hasInlineValue) {
            invocation.flags.insert(argument == u"-h" ? u"--help"_s : argument);
        } else {
            return usageError(u"unknown option %1"_s.arg(argument));
        }
    }

    if (invocation.has(u"--help"_s) || invocation.command == u"help") {
        m_out << usage();
        m_out.flush();
        return Ok;
    }
    if (invocation.command.isEmpty())
        return usageError(u"no command given"_s);
    const auto spec = commands().constFind(invocation.command);
    if (spec == commands().cend())
        return usageError(u"unknown command \"%1\""_s.arg(invocation.command));
    for (const QString &option : invocation.values.keys() + invocation.flags.values()) {
        if (option != u"--config" && option != u"--database" && !spec->options.contains(option))
            return usageError(u"%1 does not take %2"_s.arg(invocation.command, option));
    }
    if (invocation.positional.size() != spec->positionals) {
        return usageError(spec->positionals == 0
                                  ? u"%1 takes no arguments"_s.arg(invocation.command)
                                  : u"usage: agentdesk users %1 %2"_s.arg(invocation.command,
                                                                          spec->positionalName));
    }

    if (invocation.command == u"add")
        return add(invocation);
    if (invocation.command == u"disable")
        return setDisabled(invocation, true);
    if (invocation.command == u"enable")
        return setDisabled(invocation, false);
    if (invocation.command == u"passwd")
        return passwd(invocation);
    if (invocation.command == u"delete")
        return remove(invocation);
    if (invocation.command == u"list")
        return list(invocation);
    return import(invocation);
}

Result<QString> UserAdminCommand::databasePath(const Invocation &invocation)
{
    if (invocation.values.contains(u"--database"_s)) {
        const QString path = invocation.value(u"--database"_s);
        if (path.isEmpty())
            return Result<QString>::failure(u"--database needs a path"_s);
        return path;
    }
    const QString file = invocation.values.contains(u"--config"_s)
            ? invocation.value(u"--config"_s)
            : ServerConfig::defaultConfigFile(m_environment);
    const Result<ServerConfig> config = ServerConfig::load(file, m_environment);
    if (!config)
        return Result<QString>::failure(config.error());
    return config->databasePath;
}

int UserAdminCommand::openStore(const Invocation &invocation, bool create, UserStore &store)
{
    const Result<QString> path = databasePath(invocation);
    if (!path)
        return fail(path.error());
    // Only add and import may create a database: a mistyped --database for
    // the other commands should not leave an empty one behind.
    if (!create && !QFileInfo::exists(*path))
        return fail(u"there is no user database at %1"_s.arg(*path));
    if (const Status opened = store.open(*path); !opened)
        return fail(opened.error());
    return Ok;
}

Result<QString> UserAdminCommand::newPassword(const QString &username, bool forceStdin)
{
    Result<QString> password = m_passwords(username, forceStdin);
    if (!password)
        return password;
    if (const Status policy = PasswordHasher::checkPolicy(*password); !policy)
        return Result<QString>::failure(policy.error());
    PasswordHasher hasher;
    return hasher.hash(*password);
}

int UserAdminCommand::add(const Invocation &invocation)
{
    const QString username = invocation.positional.at(0);
    if (!UserStore::isValidUsername(username))
        return usageError(
                u"invalid username \"%1\": use 1 to 64 characters out of A-Z a-z 0-9 . _ @ + -"_s.arg(
                        username.left(80)));
    UserStore store;
    if (const int opened = openStore(invocation, true, store); opened != Ok)
        return opened;
    // Checked before the password is asked, so nobody types one for nothing.
    if (store.findByUsername(username))
        return fail(u"duplicate username: \"%1\" is taken"_s.arg(username));
    const Result<QString> hash = newPassword(username, invocation.has(u"--password-stdin"_s));
    if (!hash)
        return fail(hash.error());
    const Result<User> user = store.add(username, *hash, invocation.value(u"--full-name"_s),
                                        invocation.value(u"--email"_s));
    if (!user)
        return fail(user.error());
    m_out << "added user " << user->username << " (" << user->id << ")\n";
    m_out.flush();
    return Ok;
}

int UserAdminCommand::setDisabled(const Invocation &invocation, bool disabled)
{
    const QString username = invocation.positional.at(0);
    UserStore store;
    if (const int opened = openStore(invocation, false, store); opened != Ok)
        return opened;
    if (const Status done = store.setDisabled(username, disabled); !done)
        return fail(done.error());
    m_out << (disabled ? "disabled user " : "enabled user ") << username << "\n";
    m_out.flush();
    return Ok;
}

int UserAdminCommand::passwd(const Invocation &invocation)
{
    const QString username = invocation.positional.at(0);
    UserStore store;
    if (const int opened = openStore(invocation, false, store); opened != Ok)
        return opened;
    const Result<User> user = store.findByUsername(username);
    if (!user)
        return fail(user.error());
    const Result<QString> hash = newPassword(username, invocation.has(u"--password-stdin"_s));
    if (!hash)
        return fail(hash.error());
    const Status changed = store.changePassword(username, *hash);
    if (!changed)
        return fail(changed.error());
    m_out << "changed the password of user " << username << "\n";
    m_out.flush();
    return Ok;
}

int UserAdminCommand::remove(const Invocation &invocation)
{
    const QString username = invocation.positional.at(0);
    UserStore store;
    if (const int opened = openStore(invocation, false, store); opened != Ok)
        return opened;
    if (const Status removed = store.remove(username); !removed)
        return fail(removed.error());
    m_out << "deleted user " << username << "\n";
    m_out.flush();
    return Ok;
}

int UserAdminCommand::list(const Invocation &invocation)
{
    UserStore store;
    if (const int opened = openStore(invocation, false, store); opened != Ok)
        return opened;
    const Result<QList<User>> users = store.list();
    if (!users)
        return fail(users.error());

    // Never a hash: the store does not even hand it out with a User.
    if (invocation.has(u"--json"_s)) {
        QJsonArray array;
        for (const User &user : *users) {
            array.append(QJsonObject{{u"id"_s, user.id},
                                     {u"username"_s, user.username},
                                     {u"full_name"_s, user.fullName},
                                     {u"email"_s, user.email},
                                     {u"disabled"_s, user.disabled},
                                     {u"created_at"_s, user.createdAt.toString(Qt::ISODate)}});
        }
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        m_out.flush();
        return Ok;
    }

    QList<QStringList> rows{{u"ID"_s, u"USERNAME"_s, u"FULL NAME"_s, u"EMAIL"_s, u"DISABLED"_s,
                             u"CREATED"_s}};
    for (const User &user : *users) {
        rows.append({user.id, user.username, user.fullName, user.email,
                     user.disabled ? u"yes"_s : u"no"_s, user.createdAt.toString(Qt::ISODate)});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = qMax(widths[c], row[c].size());
    }
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row[c].leftJustified(widths[c] + 2) : row[c];
        m_out << line << "\n";
    }
    m_out.flush();
    return Ok;
}

int UserAdminCommand::import(const Invocation &invocation)
{
    const QString path = invocation.positional.at(0);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    if (file.size() > MaxImportBytes)
        return fail(u"%1 is larger than %2 bytes"_s.arg(path).arg(MaxImportBytes));
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(u"%1 is not valid JSON: %2 at offset %3; nothing was imported"_s.arg(
                path, parseError.errorString())
                            .arg(parseError.offset));
    if (!document.isObject())
        return fail(u"%1 must hold a JSON object of users keyed by username; nothing was imported"_s
                            .arg(path));

    // Every entry is checked before the store is touched, so a bad file
    // changes nothing.
    QList<ImportedUser> users;
    QStringList problems;
    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QString key = it.key();
        const auto problem = [&](const QString &what) {
            problems.append(u"user \"%1\": %2"_s.arg(key.left(80), what));
        };
        if (!it->isObject()) {
            problem(u"must be an object"_s);
            continue;
        }
        const QJsonObject entry = it->toObject();
        ImportedUser user;
        user.username = entry.value(u"username").toString();
        if (!entry.value(u"username").isString() || user.username != key) {
            problem(u"\"username\" must be a string equal to the key"_s);
            continue;
        }
        if (!UserStore::isValidUsername(user.username)) {
            problem(u"invalid username: use 1 to 64 characters out of A-Z a-z 0-9 . _ @ + -"_s);
            continue;
        }
        const auto fullName = optionalText(entry, u"full_name"_s);
        const auto email = optionalText(entry, u"email"_s);
        if (!fullName || !email) {
            problem(u"\"full_name\" and \"email\" must be strings or null"_s);
            continue;
        }
        user.fullName = *fullName;
        user.email = *email;
        const QJsonValue hash = entry.value(u"hashed_password");
        if (!hash.isString() || !PasswordHasher::isSupportedHash(hash.toString())) {
            problem(u"\"hashed_password\" must be a bcrypt ($2b$) or yescrypt ($y$) hash"_s);
            continue;
        }
        user.passwordHash = hash.toString();
        const QJsonValue disabled = entry.value(u"disabled");
        if (!disabled.isUndefined() && !disabled.isNull() && !disabled.isBool()) {
            problem(u"\"disabled\" must be true or false"_s);
            continue;
        }
        user.disabled = disabled.toBool(false);
        users.append(user);
    }
    if (!problems.isEmpty()) {
        for (const QString &problem : std::as_const(problems))
            m_err << "agentdesk users: " << path << ": " << problem << "\n";
        return fail(u"%1 has errors; nothing was imported"_s.arg(path));
    }

    UserStore store;
    if (const int opened = openStore(invocation, true, store); opened != Ok)
        return opened;
    QStringList report;
    const Status imported = store.inTransaction([&]() -> Status {
        for (const ImportedUser &user : std::as_const(users)) {
            if (store.findByUsername(user.username)) {
                report.append(u"skipped %1: already exists"_s.arg(user.username));
                continue;
            }
            const Result<User> added = store.add(user.username, user.passwordHash, user.fullName,
                                                 user.email, user.disabled);
            if (added) {
                report.append(u"added %1"_s.arg(user.username));
            } else if (added.error().startsWith(u"duplicate username")) {
                report.append(u"skipped %1: %2"_s.arg(user.username, added.error()));
            } else {
                return Status::failure(added.error());
            }
        }
        return success();
    });
    if (!imported)
        return fail(u"%1; nothing was imported"_s.arg(imported.error()));
    for (const QString &line : std::as_const(report))
        m_out << line << "\n";
    m_out.flush();
    return Ok;
}

} // namespace agentdesk
