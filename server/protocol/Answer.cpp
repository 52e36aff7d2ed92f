#include "Answer.h"

#include "InitiatePayload.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace agentdesk {

using namespace Qt::StringLiterals;

Answer Answer::fromFrame(const QString &frame)
{
    Answer answer{frame, std::nullopt};
    if (!frame.startsWith(u'{'))
        return answer;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toUtf8());
    if (!document.isObject())
        return answer;
    const QJsonObject object = document.object();
    const QJsonValue msg = object.value(u"msg");
    if (!msg.isString())
        return answer;
    answer.text = msg.toString();
    const QJsonValue question = object.value(u"question_uuid");
    if (question.isString())
        answer.questionUuid = canonicalHexUuid(question.toString()).value_or(question.toString());
    return answer;
}

QString Answer::toInputResponseJson() const
{
    QJsonObject object{{u"msg"_s, text}};
    if (questionUuid)
        object.insert(u"question_uuid"_s, *questionUuid);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace agentdesk
