#include "Message.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUuid>

#include <array>
#include <utility>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

struct TypeName
{
    MessageType type;
    const char16_t *name;
};

constexpr std::array<TypeName, 10> kTypeNames{{
    {MessageType::TextMessage, u"text_message"},
    {MessageType::SuggestedFunctionCall, u"suggested_function_call"},
    {MessageType::FunctionCallExecution, u"function_call_execution"},
    {MessageType::TextInput, u"text_input"},
    {MessageType::MultipleChoice, u"multiple_choice"},
    {MessageType::SystemMessage, u"system_message"},
    {MessageType::KeepAlive, u"keep_alive"},
    {MessageType::WorkflowStarted, u"workflow_started"},
    {MessageType::WorkflowCompleted, u"workflow_completed"},
    {MessageType::Error, u"error"},
}};

enum class Kind { String, NullableString, Bool, Object, Array, StringArray, Any };

struct Field
{
    const char16_t *name;
    Kind kind;
};

// The content fields of each type and the JSON kinds they must have.
QList<Field> contentFields(MessageType type)
{
    switch (type) {
    case MessageType::TextMessage:
        return {{u"body", Kind::NullableString}};
    case MessageType::SuggestedFunctionCall:
        return {{u"function_name", Kind::String}, {u"call_id", Kind::NullableString},
                {u"arguments", Kind::Object}};
    case MessageType::FunctionCallExecution:
        return {{u"function_name", Kind::String}, {u"call_id", Kind::NullableString},
                {u"retval", Kind::Any}};
    case MessageType::TextInput:
        return {{u"prompt", Kind::NullableString}, {u"suggestions", Kind::StringArray},
                {u"password", Kind::Bool}};
    case MessageType::MultipleChoice:
        return {{u"prompt", Kind::NullableString}, {u"choices", Kind::StringArray},
                {u"default", Kind::NullableString}, {u"single", Kind::Bool}};
    case MessageType::SystemMessage:
        return {{u"message", Kind::Object}};
    case MessageType::KeepAlive:
        return {};
    case MessageType::WorkflowStarted:
        return {{u"name", Kind::String}, {u"description", Kind::String}, {u"params", Kind::Object}};
    case MessageType::WorkflowCompleted:
        return {{u"result", Kind::Any}};
    case MessageType::Error:
        return {{u"short", Kind::String}, {u"long", Kind::NullableString}};
    }
    return {};
}

// Fields that may be absent on the wire; the parser fills the default.
QJsonValue defaultFor(MessageType type, const QString &field)
{
    if (field == u"suggestions" || field == u"choices")
        return QJsonArray{};
    if (field == u"arguments" || field == u"params" || field == u"message")
        return QJsonObject{};
    if (field == u"password")
        return false;
    if (field == u"single")
        return true;
    if (type == MessageType::WorkflowStarted || field == u"function_name" || field == u"short")
        return QJsonValue::Undefined; // required
    return QJsonValue::Null;
}

bool hasKind(const QJsonValue &value, Kind kind)
{
    switch (kind) {
    case Kind::String:
        return value.isString();
    case Kind::NullableString:
        return value.isString() || value.isNull();
    case Kind::Bool:
        return value.isBool();
    case Kind::Object:
        return value.isObject();
    case Kind::Array:
        return value.isArray();
    case Kind::StringArray: {
        if (!value.isArray())
            return false;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (!item.isString())
                return false;
        }
        return true;
    }
    case Kind::Any:
        return !value.isUndefined();
    }
    return false;
}

QJsonValue optionalString(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

Message make(MessageType type, const QString &sender, const QString &recipient, QJsonObject content)
{
    Message m;
    m.type = type;
    m.uuid = newHexUuid();
    m.sender = sender;
    m.recipient = recipient;
    m.content = std::move(content);
    return m;
}

} // namespace

QString messageTypeName(MessageType type)
{
    for (const auto &entry : kTypeNames) {
        if (entry.type == type)
            return QString::fromUtf16(entry.name);
    }
    return {};
}

std::optional<MessageType> messageTypeFromName(const QString &name)
{
    for (const auto &entry : kTypeNames) {
        if (name == QStringView(entry.name))
            return entry.type;
    }
    return std::nullopt;
}

QString newHexUuid()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

bool Message::isAsking() const
{
    return type == MessageType::TextInput || type == MessageType::MultipleChoice;
}

QJsonObject Message::toJson() const
{
    return QJsonObject{
        {u"type"_s, messageTypeName(type)},
        {u"workflow_uuid"_s, workflowUuid},
        {u"uuid"_s, uuid},
        {u"sender"_s, optionalString(sender)},
        {u"recipient"_s, optionalString(recipient)},
        {u"auto_reply"_s, autoReply},
        {u"content"_s, content},
    };
}

QByteArray Message::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

Result<Message> Message::fromJsonBytes(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<Message>::failure(u"not valid JSON: "_s + error.errorString());
    if (!document.isObject())
        return Result<Message>::failure(u"a message must be a JSON object"_s);
    return fromJson(document.object());
}

Result<Message> Message::fromJson(const QJsonObject &object)
{
    using R = Result<Message>;
    const QJsonValue typeValue = object.value(u"type");
    if (!typeValue.isString())
        return R::failure(u"the message has no \"type\" string"_s);
    const auto type = messageTypeFromName(typeValue.toString());
    if (!type)
        return R::failure(u"unknown message type \"%1\""_s.arg(typeValue.toString()));

    Message m;
    m.type = *type;
    const struct
    {
        const char16_t *name;
        Kind kind;
    } envelope[] = {{u"workflow_uuid", Kind::String}, {u"uuid", Kind::String},
                    {u"sender", Kind::NullableString}, {u"recipient", Kind::NullableString}};
    for (const auto &field : envelope) {
        const QJsonValue value = object.value(QStringView(field.name));
        if (value.isUndefined() && field.kind == Kind::NullableString)
            continue;
        if (!hasKind(value, field.kind))
            return R::failure(u"field \"%1\" has the wrong type"_s.arg(QString::fromUtf16(field.name)));
    }
    m.workflowUuid = object.value(u"workflow_uuid").toString();
    m.uuid = object.value(u"uuid").toString();
    if (object.value(u"sender").isString())
        m.sender = object.value(u"sender").toString();
    if (object.value(u"recipient").isString())
        m.recipient = object.value(u"recipient").toString();
    const QJsonValue autoReply = object.value(u"auto_reply");
    if (!autoReply.isUndefined() && !autoReply.isBool())
        return R::failure(u"field \"auto_reply\" must be a boolean"_s);
    m.autoReply = autoReply.toBool(false);

    const QJsonValue contentValue = object.value(u"content");
    if (!contentValue.isUndefined() && !contentValue.isObject())
        return R::failure(u"field \"content\" must be an object"_s);
    const QJsonObject content = contentValue.toObject();
    for (const Field &field : contentFields(m.type)) {
        const QString name = QString::fromUtf16(field.name);
        QJsonValue value = content.value(name);
        if (value.isUndefined()) {
            value = defaultFor(m.type, name);
            if (value.isUndefined())
                return R::failure(u"%1 content lacks \"%2\""_s.arg(typeValue.toString(), name));
        }
        if (!hasKind(value, field.kind))
            return R::failure(u"%1 content field \"%2\" has the wrong type"_s.arg(typeValue.toString(), name));
        m.content.insert(name, value);
    }
    return m;
}

Message Message::textMessage(const QString &sender, const QString &recipient, const QString &body)
{
    return make(MessageType::TextMessage, sender, recipient, {{u"body"_s, body}});
}

Message Message::suggestedFunctionCall(const QString &sender, const QString &recipient,
                                       const QString &functionName, const QString &callId,
                                       const QJsonObject &arguments)
{
    return make(MessageType::SuggestedFunctionCall, sender, recipient,
                {{u"function_name"_s, functionName}, {u"call_id"_s, callId},
                 {u"arguments"_s, arguments}});
}

Message Message::functionCallExecution(const QString &sender, const QString &recipient,
                                       const QString &functionName, const QString &callId,
                                       const QJsonValue &retval)
{
    return make(MessageType::FunctionCallExecution, sender, recipient,
                {{u"function_name"_s, functionName}, {u"call_id"_s, callId},
                 {u"retval"_s, retval}});
}

Message Message::textInput(const QString &sender, const QString &recipient, const QString &prompt,
                           const QStringList &suggestions, bool password)
{
    return make(MessageType::TextInput, sender, recipient,
                {{u"prompt"_s, prompt}, {u"suggestions"_s, QJsonArray::fromStringList(suggestions)},
                 {u"password"_s, password}});
}

Message Message::multipleChoice(const QString &sender, const QString &recipient,
                                const QString &prompt, const QStringList &choices,
                                const std::optional<QString> &defaultChoice, bool single)
{
    return make(MessageType::MultipleChoice, sender, recipient,
                {{u"prompt"_s, prompt}, {u"choices"_s, QJsonArray::fromStringList(choices)},
                 {u"default"_s, optionalString(defaultChoice)}, {u"single"_s, single}});
}

Message Message::systemMessage(const QString &sender, const QString &recipient,
                               const QJsonObject &message)
{
    return make(MessageType::SystemMessage, sender, recipient, {{u"message"_s, message}});
}

Message Message::keepAlive(const QString &sender, const QString &recipient)
{
    return make(MessageType::KeepAlive, sender, recipient, {});
}

Message Message::workflowStarted(const QString &sender, const QString &recipient,
                                 const QString &name, const QString &description,
                                 const QJsonObject &params)
{
    return make(MessageType::WorkflowStarted, sender, recipient,
                {{u"name"_s, name}, {u"description"_s, description}, {u"params"_s, params}});
}

Message Message::workflowCompleted(const QString &sender, const QString &recipient,
                                   const QJsonValue &result)
{
    return make(MessageType::WorkflowCompleted, sender, recipient, {{u"result"_s, result}});
}

Message Message::error(const QString &sender, const QString &recipient, const QString &shortText,
                       const std::optional<QString> &longText)
{
    return make(MessageType::Error, sender, recipient,
                {{u"short"_s, shortText}, {u"long"_s, optionalString(longText)}});
}

} // namespace agentdesk
