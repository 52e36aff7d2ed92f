#include "ServerProfiles.h"

#include <QSettings>

namespace agentdesk::ServerProfiles {

using namespace Qt::StringLiterals;

namespace {

void save(const QList<ServerProfile> &profiles)
{
    QSettings settings;
    settings.remove(u"profiles"_s);
    settings.beginWriteArray(u"profiles"_s, static_cast<int>(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(u"server"_s, profiles.at(i).server);
        settings.setValue(u"username"_s, profiles.at(i).username);
    }
    settings.endArray();
}

} // namespace

QList<ServerProfile> load()
{
    QSettings settings;
    QList<ServerProfile> out;
    const int count = settings.beginReadArray(u"profiles"_s);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ServerProfile profile{settings.value(u"server"_s).toString(), settings.value(u"username"_s).toString()};
        if (!profile.server.isEmpty() && !profile.username.isEmpty())
            out.append(profile);
    }
    settings.endArray();
    return out;
}

void remember(const ServerProfile &profile)
{
    QList<ServerProfile> profiles = load();
    profiles.removeAll(profile);
    profiles.prepend(profile);
    save(profiles);
}

void forget(const ServerProfile &profile)
{
    QList<ServerProfile> profiles = load();
    profiles.removeAll(profile);
    save(profiles);
}

} // namespace agentdesk::ServerProfiles
