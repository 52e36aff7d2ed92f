#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace agentdesk {

// What initiate_workflow answers and what the client sends back as the first
// WebSocket frame (upstream's InitiateWorkflowModel).
struct InitiatePayload
{
    std::optional<QString> userId; // UUID text, as sent
    QString workflowUuid;          // UUID text, 8-4-4-4-12 or hex
    QString name;
    QJsonObject params;

    QJsonObject toJson() const;
    static Result<InitiatePayload> fromJson(const QByteArray &json);
};

// A UUID's text in either form, as the canonical hex (no dashes) messages use;
// nullopt when it is not a UUID.
std::optional<QString> canonicalHexUuid(const QString &text);

} // namespace agentdesk
