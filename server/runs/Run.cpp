#include "Run.h"

#include "Logging.h"
#include "WorkflowRunner.h"

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {
const QString kWorkflow = u"Workflow"_s;
const QString kUser = u"User"_s;
} // namespace

Run::Run(QString hexUuid, QString ownerId, QString workflowName, QString workflowDescription,
         QJsonObject params, std::unique_ptr<WorkflowRunner> runner, QObject *parent)
    : QObject(parent),
      m_uuid(std::move(hexUuid)),
      m_ownerId(std::move(ownerId)),
      m_workflowName(std::move(workflowName)),
      m_workflowDescription(std::move(workflowDescription)),
      m_params(std::move(params)),
      m_runner(std::move(runner))
{
    connect(m_runner.get(), &WorkflowRunner::messageReady, this, &Run::onRunnerMessage);
    connect(m_runner.get(), &WorkflowRunner::finished, this, &Run::onRunnerFinished);
    connect(m_runner.get(), &WorkflowRunner::failed, this, &Run::onRunnerFailed);
}

Run::~Run()
{
    if (m_runner) {
        m_runner->disconnect(this);
        m_runner->cancel();
    }
}

void Run::start()
{
    if (m_state != State::Initiated)
        return;
    m_state = State::Running;
    qCInfo(lcRuns).noquote() << "run" << m_uuid << "of" << m_workflowName << "started";
    add(Message::workflowStarted(kWorkflow, kUser, m_workflowName, m_workflowDescription, m_params));
    if (m_state == State::Running)
        m_runner->start(m_params);
}

Status Run::submitAnswer(const Answer &answer)
{
    if (m_state == State::Running && answer.questionUuid && m_answered.contains(*answer.questionUuid)) {
        qCInfo(lcRuns).noquote() << "run" << m_uuid << "ignored a repeated answer to question"
                                 << *answer.questionUuid;
        return success();
    }
    if (m_state != State::Running || !m_pendingQuestion)
        return Status::failure(u"Nothing was asked; the answer is ignored"_s);
    if (answer.questionUuid && *answer.questionUuid != m_pendingQuestion->uuid)
        return Status::failure(u"The answer names a question that is not waiting for one"_s);
    m_answered.insert(m_pendingQuestion->uuid);
    m_pendingQuestion.reset();
    m_runner->answer(answer);
    return success();
}

void Run::cancel(const QString &reason)
{
    if (m_state == State::Finished)
        return;
    const bool wasRunning = m_state == State::Running;
    m_runner->disconnect(this);
    m_runner->cancel();
    m_pendingQuestion.reset();
    qCInfo(lcRuns).noquote() << "run" << m_uuid << "cancelled:" << reason;
    if (!wasRunning) {
        m_state = State::Finished;
        Q_EMIT finished();
        return;
    }
    add(Message::error(kWorkflow, kUser, reason));
    complete(QJsonValue::Null);
}

void Run::setAttached(bool attached)
{
    if (m_attached == attached)
        return;
    m_attached = attached;
    Q_EMIT attachedChanged(attached);
}

void Run::replaceAttachment()
{
    if (m_attached)
        Q_EMIT attachmentReplaced();
}

void Run::add(Message message)
{
    message.workflowUuid = m_uuid;
    if (message.isAsking())
        m_pendingQuestion = message;
    m_messages.append(message);
    // A copy: a slot may add more messages and move the list's storage.
    Q_EMIT messageAdded(message);
}

void Run::complete(const QJsonValue &result)
{
    m_state = State::Finished;
    m_pendingQuestion.reset();
    add(Message::workflowCompleted(kWorkflow, kUser, result));
    qCInfo(lcRuns).noquote() << "run" << m_uuid << "completed";
    Q_EMIT finished();
}

void Run::onRunnerMessage(const Message &message)
{
    if (m_state != State::Running)
        return;
    // The frame belongs to the Run: a runner cannot end the run early or
    // restart it by sending these itself.
    if (message.type == MessageType::WorkflowCompleted || message.type == MessageType::WorkflowStarted)
        return;
    add(message);
}

void Run::onRunnerFinished(const QJsonValue &result)
{
    if (m_state != State::Running)
        return;
    complete(result);
}

void Run::onRunnerFailed(const QString &shortText, const std::optional<QString> &longText)
{
    if (m_state != State::Running)
        return;
    qCInfo(lcRuns).noquote() << "run" << m_uuid << "failed";
    add(Message::error(kWorkflow, kUser, shortText, longText));
    complete(QJsonValue::Null);
}

} // namespace agentdesk
