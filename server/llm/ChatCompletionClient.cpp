#include "ChatCompletionClient.h"

#include "ChatCompletionCall.h"

#include <QNetworkAccessManager>

namespace agentdesk {

ChatCompletionClient::ChatCompletionClient(LlmPolicy policy, QObject *parent)
    : QObject(parent), m_policy(policy), m_network(new QNetworkAccessManager(this))
{
    // Redirects of a POST carrying a bearer key are not followed.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ChatCompletionClient::~ChatCompletionClient() = default;

ChatCompletionCall *ChatCompletionClient::complete(const ChatCompletionRequest &request, QObject *owner)
{
    auto *call = new ChatCompletionCall(m_network, request, m_policy, owner);
    call->start();
    return call;
}

} // namespace agentdesk
