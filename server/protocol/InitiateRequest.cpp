#include "InitiateRequest.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

QJsonObject validationError(const QString &type, const QJsonArray &loc, const QString &msg,
                            const QJsonValue &input)
{
    return QJsonObject{{u"type"_s, type}, {u"loc"_s, loc}, {u"msg"_s, msg}, {u"input"_s, input}};
}

QJsonArray bodyLoc(const QString &field)
{
    return QJsonArray{u"body"_s, field};
}

} // namespace

QJsonObject InitiateRequest::toJson() const
{
    return QJsonObject{
        {u"workflow_name"_s, workflowName},
        {u"workflow_uuid"_s, workflowUuid},
        {u"user_id"_s, userId ? QJsonValue(*userId) : QJsonValue(QJsonValue::Null)},
        {u"params"_s, params},
    };
}

std::variant<InitiateRequest, QJsonArray> InitiateRequest::fromBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QJsonArray{validationError(u"missing"_s, QJsonArray{u"body"_s}, u"Field required"_s,
                                          QJsonValue::Null)};

    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        QJsonObject e = validationError(u"json_invalid"_s, QJsonArray{u"body"_s, error.offset},
                                        u"JSON decode error"_s, QJsonObject{});
        e.insert(u"ctx"_s, QJsonObject{{u"error"_s, error.errorString()}});
        return QJsonArray{e};
    }
    if (!document.isObject())
        return QJsonArray{validationError(
                u"model_attributes_type"_s, QJsonArray{u"body"_s},
                u"Input should be a valid dictionary or object to extract fields from"_s,
                document.isArray() ? QJsonValue(document.array()) : QJsonValue::Null)};

    const QJsonObject object = document.object();
    QJsonArray errors;
    InitiateRequest request;

    const auto requireString = [&](const QString &field, QString *out) {
        const QJsonValue value = object.value(field);
        if (value.isUndefined())
            errors.append(validationError(u"missing"_s, bodyLoc(field), u"Field required"_s, object));
        else if (!value.isString())
            errors.append(validationError(u"string_type"_s, bodyLoc(field),
                                          u"Input should be a valid string"_s, value));
        else
            *out = value.toString();
    };
    requireString(u"workflow_name"_s, &request.workflowName);
    requireString(u"workflow_uuid"_s, &request.workflowUuid);

    // Optional[str] without a default: required, but may be null.
    const QJsonValue userId = object.value(u"user_id");
    if (userId.isUndefined())
        errors.append(validationError(u"missing"_s, bodyLoc(u"user_id"_s), u"Field required"_s, object));
    else if (userId.isString())
        request.userId = userId.toString();
    else if (!userId.isNull())
        errors.append(validationError(u"string_type"_s, bodyLoc(u"user_id"_s),
                                      u"Input should be a valid string"_s, userId));

    const QJsonValue params = object.value(u"params");
    if (params.isUndefined())
        errors.append(validationError(u"missing"_s, bodyLoc(u"params"_s), u"Field required"_s, object));
    else if (!params.isObject())
        errors.append(validationError(u"dict_type"_s, bodyLoc(u"params"_s),
                                      u"Input should be a valid dictionary"_s, params));
    else
        request.params = params.toObject();

    if (!errors.isEmpty())
        return errors;
    return request;
}

} // namespace agentdesk
