#pragma once

#include <QLoggingCategory>

// The client's categories (STYLE.md: one per area). None of them ever
// carries a password, a token, an Authorization header or a request body.
Q_DECLARE_LOGGING_CATEGORY(lcClientNetwork)
Q_DECLARE_LOGGING_CATEGORY(lcClientKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcClientUi)
