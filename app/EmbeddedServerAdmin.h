#pragma once

#include "ServerAdmin.h"

namespace agentdesk {

class LogBuffer;
class Server;

// ServerAdmin over the Server the desktop app embeds: the one place where
// the client library and the server library meet, besides main().
class EmbeddedServerAdmin : public ServerAdmin
{
    Q_OBJECT
public:
    EmbeddedServerAdmin(Server &server, const LogBuffer *log, QObject *parent = nullptr);

    QUrl url() const override;
    bool isRunning() const override;
    qsizetype runCount() const override;
    QString databasePath() const override;

    Result<QList<ServerAccount>> accounts() const override;
    Status setDisabled(const QString &username, bool disabled) override;
    Status addAccount(const ServerAccount &account, const QString &password) override;
    Status resetPassword(const QString &username, const QString &password) override;

    QStringList recentLog() const override;

private:
    Server &m_server;
    const LogBuffer *m_log;
};

} // namespace agentdesk
