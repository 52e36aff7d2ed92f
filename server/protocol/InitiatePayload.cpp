#include "InitiatePayload.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUuid>

namespace agentdesk {

using namespace Qt::StringLiterals;

std::optional<QString> canonicalHexUuid(const QString &text)
{
    QString candidate = text.trimmed();
    if (candidate.size() == 32) // hex form: QUuid wants the dashed one
        candidate = candidate.left(8) + u'-' + candidate.mid(8, 4) + u'-' + candidate.mid(12, 4)
                + u'-' + candidate.mid(16, 4) + u'-' + candidate.mid(20);
    if (candidate.size() != 36)
        return std::nullopt;
    const QUuid uuid = QUuid::fromString(candidate);
    if (uuid.isNull())
        return std::nullopt;
    return uuid.toString(QUuid::Id128);
}

QJsonObject InitiatePayload::toJson() const
{
    return QJsonObject{
        {u"user_id"_s, userId ? QJsonValue(*userId) : QJsonValue(QJsonValue::Null)},
        {u"workflow_uuid"_s, workflowUuid},
        {u"name"_s, name},
        {u"params"_s, params},
    };
}

Result<InitiatePayload> InitiatePayload::fromJson(const QByteArray &json)
{
    using R = Result<InitiatePayload>;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(u"the initiate payload is not valid JSON: "_s + error.errorString());
    if (!document.isObject())
        return R::failure(u"the initiate payload must be a JSON object"_s);
    const QJsonObject object = document.object();

    InitiatePayload payload;
    const QJsonValue userId = object.value(u"user_id");
    if (userId.isString())
        payload.userId = userId.toString();
    else if (!userId.isNull() && !userId.isUndefined())
        return R::failure(u"\"user_id\" must be a string or null"_s);

    const QJsonValue workflowUuid = object.value(u"workflow_uuid");
    if (!workflowUuid.isString() || !canonicalHexUuid(workflowUuid.toString()))
        return R::failure(u"\"workflow_uuid\" must be a UUID"_s);
    payload.workflowUuid = workflowUuid.toString();

    const QJsonValue name = object.value(u"name");
    if (!name.isString() || name.toString().isEmpty())
        return R::failure(u"\"name\" must be a workflow name"_s);
    payload.name = name.toString();

    const QJsonValue params = object.value(u"params");
    if (!params.isUndefined() && !params.isObject())
        return R::failure(u"\"params\" must be an object"_s);
    payload.params = params.toObject();
    return payload;
}

} // namespace agentdesk
