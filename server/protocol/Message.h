#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace agentdesk {

// The ten message kinds of FastAgency's IOMessage (PROTOCOL.md, "Messages").
enum class MessageType {
    TextMessage,
    SuggestedFunctionCall,
    FunctionCallExecution,
    TextInput,
    MultipleChoice,
    SystemMessage,
    KeepAlive,
    WorkflowStarted,
    WorkflowCompleted,
    Error,
};

QString messageTypeName(MessageType type);
std::optional<MessageType> messageTypeFromName(const QString &name);

// One message of a run, as it travels over the WebSocket. `content` holds the
// type-specific fields, always all of them (defaults filled in), because
// upstream's IOMessage.create() rejects unknown fields and we send exactly
// the fields it knows.
struct Message
{
    MessageType type = MessageType::TextMessage;
    QString workflowUuid; // hex, no dashes
    QString uuid;         // hex, no dashes
    std::optional<QString> sender;
    std::optional<QString> recipient;
    bool autoReply = false;
    QJsonObject content;

    // An asking message expects the client's next frame to be the answer.
    bool isAsking() const;

    QJsonObject toJson() const;
    QByteArray toJsonBytes() const;

    // Strict: the type must be known, the envelope and content fields must
    // have the right JSON types. Unknown extra fields are ignored.
    static Result<Message> fromJson(const QJsonObject &object);
    static Result<Message> fromJsonBytes(const QByteArray &json);

    // Builders: each fills the content with exactly that type's fields.
    static Message textMessage(const QString &sender, const QString &recipient, const QString &body);
    static Message suggestedFunctionCall(const QString &sender, const QString &recipient,
                                         const QString &functionName, const QString &callId,
                                         const QJsonObject &arguments);
    static Message functionCallExecution(const QString &sender, const QString &recipient,
                                         const QString &functionName, const QString &callId,
                                         const QJsonValue &retval);
    static Message textInput(const QString &sender, const QString &recipient, const QString &prompt,
                             const QStringList &suggestions = {}, bool password = false);
    static Message multipleChoice(const QString &sender, const QString &recipient,
                                  const QString &prompt, const QStringList &choices,
                                  const std::optional<QString> &defaultChoice, bool single);
    static Message systemMessage(const QString &sender, const QString &recipient,
                                 const QJsonObject &message);
    static Message keepAlive(const QString &sender, const QString &recipient);
    static Message workflowStarted(const QString &sender, const QString &recipient,
                                   const QString &name, const QString &description,
                                   const QJsonObject &params);
    static Message workflowCompleted(const QString &sender, const QString &recipient,
                                     const QJsonValue &result);
    static Message error(const QString &sender, const QString &recipient, const QString &shortText,
                         const std::optional<QString> &longText = std::nullopt);
};

// A new random UUID in the hex form messages use (32 lowercase hex digits).
QString newHexUuid();

} // namespace agentdesk
