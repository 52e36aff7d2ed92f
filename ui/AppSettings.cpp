#include "AppSettings.h"

#include <QSettings>

namespace agentdesk::AppSettings {

using namespace Qt::StringLiterals;

bool notifications()
{
    return QSettings().value(u"preferences/notifications"_s, true).toBool();
}

void setNotifications(bool on)
{
    QSettings().setValue(u"preferences/notifications"_s, on);
}

bool keepHistory()
{
    return QSettings().value(u"preferences/keepHistory"_s, true).toBool();
}

void setKeepHistory(bool on)
{
    QSettings().setValue(u"preferences/keepHistory"_s, on);
}

int conversationFontSize()
{
    return QSettings().value(u"preferences/conversationFontSize"_s, 0).toInt();
}

void setConversationFontSize(int points)
{
    QSettings().setValue(u"preferences/conversationFontSize"_s, points);
}

} // namespace agentdesk::AppSettings
