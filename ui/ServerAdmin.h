#pragma once

#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace agentdesk {

// A user of the embedded server, as its administration window shows it.
struct ServerAccount
{
    QString username;
    QString fullName;
    QString email;
    bool disabled = false;
    QDateTime createdAt;
};

// The embedded server, seen from the desktop client: its address and state,
// its users and its log. The client library does not link the server, so
// app/ implements this over it (EmbeddedServerAdmin). The desktop user owns
// the embedded server's files, so whoever runs the app administers it.
class ServerAdmin : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QUrl url() const = 0;
    virtual bool isRunning() const = 0;
    // Runs in the server's table now (going, or waiting for their socket).
    virtual qsizetype runCount() const = 0;
    virtual QString databasePath() const = 0;

    virtual Result<QList<ServerAccount>> accounts() const = 0;
    virtual Status setDisabled(const QString &username, bool disabled) = 0;
    // Both hash one password in place (tens of milliseconds, under the
    // dialog's busy cursor) and apply the server's password policy. A new
    // password ends the user's opaque-token sessions.
    virtual Status addAccount(const ServerAccount &account, const QString &password) = 0;
    virtual Status resetPassword(const QString &username, const QString &password) = 0;

    // The server's recent log lines, oldest first; logLine() brings new ones.
    virtual QStringList recentLog() const = 0;

Q_SIGNALS:
    void accountsChanged();
    void logLine(const QString &line);
};

} // namespace agentdesk
