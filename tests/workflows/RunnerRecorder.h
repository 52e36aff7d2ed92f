#pragma once

#include "WorkflowRunner.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

// Everything a runner emitted, in order, for tests at the runner level.
class RunnerRecorder : public QObject
{
public:
    explicit RunnerRecorder(agentdesk::WorkflowRunner *runner)
    {
        connect(runner, &agentdesk::WorkflowRunner::messageReady, this,
                [this](const agentdesk::Message &message) { messages.append(message); });
        connect(runner, &agentdesk::WorkflowRunner::finished, this, [this](const QJsonValue &value) {
            ++ends;
            result = value;
        });
        connect(runner, &agentdesk::WorkflowRunner::failed, this,
                [this](const QString &shortText, const std::optional<QString> &longText) {
                    ++ends;
                    failure = shortText;
                    failureDetail = longText.value_or(QString());
                });
    }

    bool ended() const { return ends > 0; }
    bool asking() const { return !messages.isEmpty() && messages.last().isAsking(); }

    QList<agentdesk::Message> messages;
    int ends = 0;
    std::optional<QJsonValue> result;
    std::optional<QString> failure;
    QString failureDetail;
};
