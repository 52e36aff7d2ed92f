#pragma once

#include "ChatCompletionRequest.h"
#include "LlmPolicy.h"

#include <QObject>

class QNetworkAccessManager;

namespace agentdesk {

class ChatCompletionCall;

// The one QNetworkAccessManager every LLM call goes through. Calls are
// asynchronous: a thousand runs waiting for completions hold no thread of
// their own (Qt's HTTP backend uses one thread per manager, whatever the
// number of requests).
class ChatCompletionClient : public QObject
{
    Q_OBJECT
public:
    explicit ChatCompletionClient(LlmPolicy policy = {}, QObject *parent = nullptr);
    ~ChatCompletionClient() override;

    const LlmPolicy &policy() const { return m_policy; }

    // Starts a call owned by `owner` (deleting the owner aborts it). The call
    // emits exactly one of succeeded() or failed(), always from the event
    // loop, never from inside this function.
    ChatCompletionCall *complete(const ChatCompletionRequest &request, QObject *owner);

private:
    LlmPolicy m_policy;
    QNetworkAccessManager *m_network;
};

} // namespace agentdesk
