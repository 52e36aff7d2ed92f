#pragma once

#include <QString>

namespace agentdesk {

// The user's preferences (QSettings; never a secret), read where they apply.
namespace AppSettings {

// Notify when a question arrives while the window is in the background.
bool notifications();
void setNotifications(bool on);
// Keep conversations in the history folder.
bool keepHistory();
void setKeepHistory(bool on);
// The conversation's font size in points; 0 follows the system.
int conversationFontSize();
void setConversationFontSize(int points);

} // namespace AppSettings

} // namespace agentdesk
