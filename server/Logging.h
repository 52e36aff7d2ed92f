#pragma once

#include <QLoggingCategory>

// One category per area (STYLE.md). None of them ever carries a password,
// a token, an Authorization header or a /token body.
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcWebSocket)
Q_DECLARE_LOGGING_CATEGORY(lcRuns)
Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace agentdesk {

// Qt 6.4's own qt.httpserver category prints whole requests, headers and
// all, at debug level. This filter keeps it off whatever QT_LOGGING_RULES
// says, so an Authorization header can never reach a log.
void installSecretSafeLogFilter();

} // namespace agentdesk
