#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace agentdesk {

// One AG2 ConversableAgent as the workflows file declares it.
struct AgentSpec
{
    QString name; // AG2's rule: letters, digits, '_' and '-', at most 64
    QString systemMessage;
};

// How a chat's result is made, as AG2's summary_method.
enum class SummaryMethod {
    None,              // the result is null
    LastMessage,       // "last_msg": the last message, "TERMINATE" removed
    ReflectionWithLlm, // "reflection_with_llm": the LLM summarises the chat
};

// Model settings of one workflow. The base URL and key variable default to
// the server's (OPENAI_BASE_URL, OPENAI_API_KEY).
struct LlmModelSpec
{
    QString model = QStringLiteral("gpt-4o-mini");
    double temperature = 0.8;
    std::optional<QUrl> baseUrl;
    std::optional<QString> apiKeyVariable;
};

// A two-agent chat as upstream's workflows.py runs it: ask the user an
// opening question, then `initiator.initiate_chat(recipient, message=answer,
// max_turns=maxTurns, summary_method=...)`.
struct AgentChatSpec
{
    static constexpr auto kDefaultSummaryPrompt =
            u"Summarize the takeaway from the conversation. Do not add any introductory phrases.";

    QString name;
    QString description;
    QString questionSender = QStringLiteral("Workflow");
    QString questionRecipient = QStringLiteral("User");
    QString question;
    AgentSpec initiator;
    AgentSpec recipient;
    int maxTurns = 5;
    SummaryMethod summary = SummaryMethod::LastMessage; // AG2's default
    QString summaryPrompt = QString::fromUtf16(kDefaultSummaryPrompt);
    QString summaryRole = QStringLiteral("system"); // AG2's default summary_role
    LlmModelSpec llm;
};

} // namespace agentdesk
