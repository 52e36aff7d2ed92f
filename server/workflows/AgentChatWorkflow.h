#pragma once

#include "AgentChatSpec.h"
#include "LlmEndpoint.h"
#include "Workflow.h"
#include "WorkflowRunner.h"

#include <QJsonArray>
#include <QList>
#include <QPointer>

#include <functional>
#include <memory>

namespace agentdesk {

class ChatCompletionCall;
class ChatCompletionClient;

// Two agents talking through an LLM, the way AG2's
// `initiator.initiate_chat(recipient, message=<the user's answer>,
// max_turns=N, summary_method=...)` runs them:
//
// - ask the user the opening question (text_input);
// - a turn is one message from the initiator followed by the recipient's
//   reply; the first initiator message is the user's answer, every later
//   message is an LLM completion; at most N turns;
// - each message goes out as a text_message from its speaker to the other;
// - each agent's request holds its own system message, its own messages as
//   "assistant" and the other's as "user" (with AG2's "name" field);
// - reflection_with_llm: the recipient's view of the chat plus the summary
//   prompt (role "system", as AG2) is sent once more; the reply is the result.
class AgentChatWorkflow : public WorkflowRunner
{
    Q_OBJECT
public:
    static Workflow definition(std::shared_ptr<const AgentChatSpec> spec, ChatCompletionClient *client,
                               LlmEndpoint endpoint);

    AgentChatWorkflow(std::shared_ptr<const AgentChatSpec> spec, ChatCompletionClient *client,
                      LlmEndpoint endpoint, QObject *parent = nullptr);
    ~AgentChatWorkflow() override;

    void start(const QJsonObject &params) override;
    void answer(const Answer &answer) override;
    void cancel() override;

    // Turns begun so far (initiator messages sent).
    int turns() const { return m_turn; }

private:
    enum class State { Idle, WaitingForOpening, Chatting, Summarising, Done };
    enum Speaker { Initiator = 0, Recipient = 1 };
    struct Entry
    {
        Speaker speaker;
        QString text;
    };

    const AgentSpec &agent(Speaker speaker) const;
    QJsonArray viewOf(Speaker viewer) const;
    void say(Speaker speaker, const QString &text);
    void ask(Speaker speaker);
    void onCompletion(Speaker speaker, const QString &content);
    void summarise();
    void request(const QJsonArray &messages, std::function<void(const QString &)> onSuccess);
    void fail(const QString &shortText, const QString &longText);

    std::shared_ptr<const AgentChatSpec> m_spec;
    QPointer<ChatCompletionClient> m_client;
    LlmEndpoint m_endpoint;
    State m_state = State::Idle;
    QList<Entry> m_chat;
    int m_turn = 0;
    QPointer<ChatCompletionCall> m_call;
};

} // namespace agentdesk
