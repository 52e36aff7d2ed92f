#include "ClientLogging.h"

Q_LOGGING_CATEGORY(lcClientNetwork, "agentdesk.client.network", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientKeychain, "agentdesk.client.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientUi, "agentdesk.client.ui", QtInfoMsg)
