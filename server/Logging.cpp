#include "Logging.h"

#include <cstring>

Q_LOGGING_CATEGORY(lcHttp, "agentdesk.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "agentdesk.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWebSocket, "agentdesk.websocket", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRuns, "agentdesk.runs", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "agentdesk.server", QtInfoMsg)

namespace agentdesk {

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

void secretSafeFilter(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    const char *name = category->categoryName();
    if (std::strncmp(name, "qt.httpserver", 13) == 0 || std::strncmp(name, "qt.websockets", 13) == 0)
        category->setEnabled(QtDebugMsg, false);
}

} // namespace

void installSecretSafeLogFilter()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    previousFilter = QLoggingCategory::installFilter(secretSafeFilter);
}

} // namespace agentdesk
