#pragma once

#include <QtGlobal>

#include <chrono>

namespace agentdesk {

// How patiently the server talks to the LLM service. 429 and 5xx answers are
// retried up to `maxRetries` times, waiting what Retry-After asks for or else
// an exponential backoff; an answer asking for a wait longer than
// `maxRetryWait` fails at once instead of holding the run.
struct LlmPolicy
{
    std::chrono::milliseconds timeout{120'000}; // per attempt, request sent to answer read
    int maxRetries = 3;
    std::chrono::milliseconds initialBackoff{1'000};
    std::chrono::milliseconds maxRetryWait{60'000};
    qint64 maxResponseBytes = 8 * 1024 * 1024;
};

} // namespace agentdesk
