#pragma once

#include "LlmEndpoint.h"

#include <QJsonArray>
#include <QString>

namespace agentdesk {

// One Chat Completions request: where to, which model, and the messages
// ({"role", "content"[, "name"]} objects, system message first).
struct ChatCompletionRequest
{
    LlmEndpoint endpoint;
    QString model = QStringLiteral("gpt-4o-mini");
    double temperature = 0.8;
    QJsonArray messages;
};

} // namespace agentdesk
