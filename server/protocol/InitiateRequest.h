#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <variant>

namespace agentdesk {

// The body of POST /fastagency/initiate_workflow (upstream's InititateChatModel).
struct InitiateRequest
{
    QString workflowName;
    QString workflowUuid;
    std::optional<QString> userId; // ignored: the server decides user_id
    QJsonObject params;

    QJsonObject toJson() const;

    // The request, or the `detail` list of a FastAPI 422 answer (pydantic v2
    // shape: type, loc, msg, input) saying what is wrong with the body.
    static std::variant<InitiateRequest, QJsonArray> fromBody(const QByteArray &body);
};

} // namespace agentdesk
