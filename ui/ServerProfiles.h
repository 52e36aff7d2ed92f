#pragma once

#include <QList>
#include <QString>

namespace agentdesk {

// The servers and accounts signed in to before, newest first (QSettings;
// never a secret). Each has its own keychain entry, keyed by the same
// server id and user name (TokenStore::keyFor).
struct ServerProfile
{
    QString server; // "embedded" or a server URL
    QString username;

    bool operator==(const ServerProfile &other) const = default;
};

namespace ServerProfiles {

QList<ServerProfile> load();
// Puts the profile first (adding it when new).
void remember(const ServerProfile &profile);
void forget(const ServerProfile &profile);

} // namespace ServerProfiles

} // namespace agentdesk
