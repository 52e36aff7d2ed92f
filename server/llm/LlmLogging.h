#pragma once

#include <QLoggingCategory>

// Calls to the LLM service: status, timing, retries. Never the API key,
// never a request or reply body (they carry the users' conversations).
Q_DECLARE_LOGGING_CATEGORY(lcLlm)
