#pragma once

#include "ChatCompletionRequest.h"
#include "LlmPolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace agentdesk {

// One completion, with its retries. Emits exactly one of succeeded() or
// failed() from the event loop; abort() (or deleting it) stops it silently.
// The failure texts are for the user: what went wrong in a few words, then
// the details an operator needs (status, URL, the service's own message),
// never the API key.
class ChatCompletionCall : public QObject
{
    Q_OBJECT
public:
    ChatCompletionCall(QNetworkAccessManager *network, ChatCompletionRequest request, LlmPolicy policy,
                       QObject *parent = nullptr);
    ~ChatCompletionCall() override;

    void start();
    void abort();
    int attempts() const { return m_attempts; }

    // How long a Retry-After (or OpenAI's retry-after-ms) header asks to wait:
    // delay-seconds or an HTTP date. Nothing when absent or unreadable.
    static std::optional<std::chrono::milliseconds> retryAfter(const QByteArray &retryAfterHeader,
                                                               const QByteArray &retryAfterMsHeader,
                                                               const QDateTime &now);
    // The text of choices[0].message.content, or why there is none.
    struct Parsed
    {
        std::optional<QString> content;
        QString shortText;
        QString longText;
    };
    static Parsed parseCompletion(const QByteArray &body);

Q_SIGNALS:
    void succeeded(const QString &content);
    void failed(const QString &shortText, const QString &longText);

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void handleHttpStatus(int status, const QByteArray &body, QNetworkReply *reply);
    void retryOrFail(const QString &shortText, const QString &longText,
                     std::optional<std::chrono::milliseconds> askedWait);
    void succeed(const QString &content);
    void fail(const QString &shortText, const QString &longText);
    void dropReply();
    // The service's own error message from a JSON error body, key redacted, bounded.
    QString serviceMessage(const QByteArray &body) const;
    QString redact(QString text) const;

    QPointer<QNetworkAccessManager> m_network;
    ChatCompletionRequest m_request;
    LlmPolicy m_policy;
    QByteArray m_body;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QTimer m_retryTimer;
    QElapsedTimer m_elapsed;
    int m_attempts = 0;
    bool m_done = false;
};

} // namespace agentdesk
