#include "EmbeddedServerAdmin.h"

#include "LogBuffer.h"
#include "Logging.h"
#include "PasswordHasher.h"
#include "RunTable.h"
#include "Server.h"
#include "UserStore.h"

namespace agentdesk {

EmbeddedServerAdmin::EmbeddedServerAdmin(Server &server, const LogBuffer *log, QObject *parent)
    : ServerAdmin(parent), m_server(server), m_log(log)
{
    if (m_log)
        connect(m_log, &LogBuffer::lineAdded, this, &ServerAdmin::logLine);
}

QUrl EmbeddedServerAdmin::url() const
{
    return m_server.url();
}

bool EmbeddedServerAdmin::isRunning() const
{
    return m_server.isRunning();
}

qsizetype EmbeddedServerAdmin::runCount() const
{
    return m_server.runs().size();
}

QString EmbeddedServerAdmin::databasePath() const
{
    return m_server.users().path();
}

Result<QList<ServerAccount>> EmbeddedServerAdmin::accounts() const
{
    const Result<QList<User>> users = m_server.users().list();
    if (!users)
        return Result<QList<ServerAccount>>::failure(users.error());
    QList<ServerAccount> accounts;
    accounts.reserve(users->size());
    for (const User &user : *users)
        accounts.append({user.username, user.fullName, user.email, user.disabled, user.createdAt});
    return accounts;
}

Status EmbeddedServerAdmin::setDisabled(const QString &username, bool disabled)
{
    Status done = m_server.users().setDisabled(username, disabled);
    if (done) {
        qCInfo(lcAuth).noquote() << (disabled ? "disabled user" : "enabled user") << username
                                 << "from the desktop app";
        emit accountsChanged();
    }
    return done;
}

Status EmbeddedServerAdmin::addAccount(const ServerAccount &account, const QString &password)
{
    const Result<QString> hash = m_server.hasher().hash(password);
    if (!hash)
        return Status::failure(hash.error());
    const Result<User> added = m_server.users().add(account.username, *hash, account.fullName, account.email);
    if (!added)
        return Status::failure(added.error());
    qCInfo(lcAuth).noquote() << "added user" << account.username << "from the desktop app";
    emit accountsChanged();
    return success();
}

Status EmbeddedServerAdmin::resetPassword(const QString &username, const QString &password)
{
    if (const Result<User> user = m_server.users().findByUsername(username); !user)
        return Status::failure(user.error()); // before spending a hash on nobody
    const Result<QString> hash = m_server.hasher().hash(password);
    if (!hash)
        return Status::failure(hash.error());
    const Status changed = m_server.users().changePassword(username, *hash);
    if (changed)
        qCInfo(lcAuth).noquote() << "changed the password of user" << username << "from the desktop app";
    return changed;
}

QStringList EmbeddedServerAdmin::recentLog() const
{
    return m_log ? m_log->lines() : QStringList();
}

} // namespace agentdesk
