#include "AgentChatWorkflow.h"

#include "ChatCompletionCall.h"
#include "ChatCompletionClient.h"
#include "WorkflowLogging.h"

#include <QJsonObject>
#include <QTimer>

namespace agentdesk {

using namespace Qt::StringLiterals;

Workflow AgentChatWorkflow::definition(std::shared_ptr<const AgentChatSpec> spec, ChatCompletionClient *client,
                                       LlmEndpoint endpoint)
{
    QPointer<ChatCompletionClient> guarded(client);
    const QString name = spec->name;
    const QString description = spec->description;
    return Workflow{
        name,
        description,
        [spec = std::move(spec), guarded, endpoint = std::move(endpoint)](
                const RunContext &) -> std::unique_ptr<WorkflowRunner> {
            return std::make_unique<AgentChatWorkflow>(spec, guarded.data(), endpoint);
        },
    };
}

AgentChatWorkflow::AgentChatWorkflow(std::shared_ptr<const AgentChatSpec> spec, ChatCompletionClient *client,
                                     LlmEndpoint endpoint, QObject *parent)
    : WorkflowRunner(parent), m_spec(std::move(spec)), m_client(client), m_endpoint(std::move(endpoint))
{
}

AgentChatWorkflow::~AgentChatWorkflow()
{
    cancel();
}

const AgentSpec &AgentChatWorkflow::agent(Speaker speaker) const
{
    return speaker == Initiator ? m_spec->initiator : m_spec->recipient;
}

void AgentChatWorkflow::start(const QJsonObject &)
{
    if (m_state != State::Idle)
        return;
    m_state = State::WaitingForOpening;
    // Every step leaves through the event loop: the Run may be inside its
    // own start() or submitAnswer() when we are called.
    QTimer::singleShot(0, this, [this] {
        if (m_state != State::WaitingForOpening)
            return;
        // Refuse before asking: the user should not type an answer for a
        // chat that cannot happen.
        if (!m_endpoint.hasKey()) {
            fail(u"The LLM is not configured: no API key"_s,
                 u"Set the environment variable %1 for the server and restart it "
                 "(a local service such as Ollama accepts any non-empty value)."_s
                         .arg(m_endpoint.apiKeyVariable));
            return;
        }
        Q_EMIT messageReady(Message::textInput(m_spec->questionSender, m_spec->questionRecipient,
                                               m_spec->question));
    });
}

void AgentChatWorkflow::answer(const Answer &answer)
{
    if (m_state != State::WaitingForOpening)
        return;
    m_state = State::Chatting;
    const QString opening = answer.text;
    QTimer::singleShot(0, this, [this, opening] {
        if (m_state != State::Chatting)
            return;
        m_turn = 1;
        say(Initiator, opening);
        ask(Recipient);
    });
}

void AgentChatWorkflow::cancel()
{
    m_state = State::Done;
    if (ChatCompletionCall *call = m_call.data()) {
        m_call.clear();
        call->abort();
        call->deleteLater();
    }
}

QJsonArray AgentChatWorkflow::viewOf(Speaker viewer) const
{
    QJsonArray messages;
    for (const Entry &entry : m_chat) {
        messages.append(QJsonObject{
                {u"role"_s, entry.speaker == viewer ? u"assistant"_s : u"user"_s},
                {u"content"_s, entry.text},
                {u"name"_s, agent(entry.speaker).name},
        });
    }
    return messages;
}

void AgentChatWorkflow::say(Speaker speaker, const QString &text)
{
    m_chat.append({speaker, text});
    const Speaker other = speaker == Initiator ? Recipient : Initiator;
    Q_EMIT messageReady(Message::textMessage(agent(speaker).name, agent(other).name, text));
}

void AgentChatWorkflow::ask(Speaker speaker)
{
    QJsonArray messages{QJsonObject{{u"role"_s, u"system"_s}, {u"content"_s, agent(speaker).systemMessage}}};
    for (const QJsonValue &message : viewOf(speaker))
        messages.append(message);
    request(messages, [this, speaker](const QString &content) { onCompletion(speaker, content); });
}

void AgentChatWorkflow::onCompletion(Speaker speaker, const QString &content)
{
    if (m_state != State::Chatting)
        return;
    say(speaker, content);
    if (speaker == Initiator) {
        ask(Recipient);
        return;
    }
    if (m_turn >= m_spec->maxTurns) {
        summarise();
        return;
    }
    ++m_turn;
    ask(Initiator);
}

void AgentChatWorkflow::summarise()
{
    m_state = State::Summarising;
    switch (m_spec->summary) {
    case SummaryMethod::None:
        m_state = State::Done;
        Q_EMIT finished(QJsonValue::Null);
        return;
    case SummaryMethod::LastMessage: {
        QString last = m_chat.isEmpty() ? QString() : m_chat.last().text;
        last.remove(u"TERMINATE"_s);
        m_state = State::Done;
        Q_EMIT finished(last);
        return;
    }
    case SummaryMethod::ReflectionWithLlm: {
        // As AG2: the recipient's view of the chat, no agent system message,
        // then the summary prompt.
        QJsonArray messages = viewOf(Recipient);
        messages.append(QJsonObject{{u"role"_s, m_spec->summaryRole}, {u"content"_s, m_spec->summaryPrompt}});
        request(messages, [this](const QString &summary) {
            if (m_state != State::Summarising)
                return;
            m_state = State::Done;
            Q_EMIT finished(summary);
        });
        return;
    }
    }
}

void AgentChatWorkflow::request(const QJsonArray &messages, std::function<void(const QString &)> onSuccess)
{
    if (!m_client) {
        fail(u"Cannot reach the LLM service"_s, u"The server is shutting down."_s);
        return;
    }
    ChatCompletionRequest request;
    request.endpoint = m_endpoint;
    request.model = m_spec->llm.model;
    request.temperature = m_spec->llm.temperature;
    request.messages = messages;
    ChatCompletionCall *call = m_client->complete(request, this);
    m_call = call;
    connect(call, &ChatCompletionCall::succeeded, this,
            [this, call, onSuccess = std::move(onSuccess)](const QString &content) {
                if (m_call == call)
                    m_call.clear();
                call->deleteLater();
                onSuccess(content);
            });
    connect(call, &ChatCompletionCall::failed, this, [this, call](const QString &shortText, const QString &longText) {
        if (m_call == call)
            m_call.clear();
        call->deleteLater();
        fail(shortText, longText);
    });
}

void AgentChatWorkflow::fail(const QString &shortText, const QString &longText)
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    qCInfo(lcWorkflows).noquote() << m_spec->name << "failed:" << shortText;
    Q_EMIT failed(shortText, longText);
}

} // namespace agentdesk
