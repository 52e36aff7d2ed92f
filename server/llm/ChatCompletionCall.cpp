#include "ChatCompletionCall.h"

#include "LlmLogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

#include <algorithm>

namespace agentdesk {

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

const QString kMalformed = u"The LLM sent a malformed answer"_s;
const QString kEmpty = u"The LLM sent an empty answer"_s;
const QString kUnreachable = u"Cannot reach the LLM service"_s;
constexpr qsizetype kMaxServiceMessage = 500;

QString seconds(milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0, 'g', 4);
}

} // namespace

ChatCompletionCall::ChatCompletionCall(QNetworkAccessManager *network, ChatCompletionRequest request,
                                       LlmPolicy policy, QObject *parent)
    : QObject(parent), m_network(network), m_request(std::move(request)), m_policy(policy)
{
    m_timeout.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ChatCompletionCall::onTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatCompletionCall::sendAttempt);
}

ChatCompletionCall::~ChatCompletionCall()
{
    abort();
}

void ChatCompletionCall::start()
{
    if (m_done || m_attempts > 0 || m_retryTimer.isActive())
        return;
    const LlmEndpoint &endpoint = m_request.endpoint;
    QString problem;
    QString detail;
    if (!endpoint.hasKey()) {
        problem = u"The LLM is not configured: no API key"_s;
        detail = u"Set the environment variable %1 for the server and restart it "
                 "(a local service such as Ollama accepts any non-empty value)."_s
                         .arg(endpoint.apiKeyVariable);
    } else if (!endpoint.baseUrl.isValid()
               || (endpoint.baseUrl.scheme() != u"https" && endpoint.baseUrl.scheme() != u"http")) {
        problem = u"The LLM is not configured: bad base URL"_s;
        detail = u"The LLM base URL must be an http or https URL (OPENAI_BASE_URL)."_s;
    } else if (!m_network) {
        problem = kUnreachable;
        detail = u"The server is shutting down."_s;
    }
    if (!problem.isEmpty()) {
        // Never emit from inside start(): the caller may not be connected yet.
        QMetaObject::invokeMethod(this, [this, problem, detail] { fail(problem, detail); },
                                  Qt::QueuedConnection);
        return;
    }
    const QJsonObject body{
        {u"model"_s, m_request.model},
        {u"messages"_s, m_request.messages},
        {u"temperature"_s, m_request.temperature},
    };
    m_body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    sendAttempt();
}

void ChatCompletionCall::abort()
{
    m_done = true;
    m_timeout.stop();
    m_retryTimer.stop();
    dropReply();
}

void ChatCompletionCall::dropReply()
{
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply.clear();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ChatCompletionCall::sendAttempt()
{
    if (m_done)
        return;
    if (!m_network) {
        fail(kUnreachable, u"The server is shutting down."_s);
        return;
    }
    ++m_attempts;
    QNetworkRequest request(m_request.endpoint.completionsUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("agentdesk/" AGENTDESK_VERSION));
    request.setRawHeader("Accept"_ba, "application/json"_ba);
    request.setRawHeader("Authorization"_ba, "Bearer "_ba + m_request.endpoint.apiKey.toUtf8());
    // Our own timer, not setTransferTimeout: the failure text must say it was a timeout.
    request.setTransferTimeout(0);

    m_elapsed.start();
    m_reply = m_network->post(request, m_body);
    connect(m_reply, &QNetworkReply::finished, this, &ChatCompletionCall::onReplyFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received <= m_policy.maxResponseBytes)
            return;
        dropReply();
        fail(kMalformed, u"The answer from %1 is larger than %2 bytes."_s.arg(
                                 m_request.endpoint.displayUrl(), QString::number(m_policy.maxResponseBytes)));
    });
    m_timeout.start(m_policy.timeout);
}

void ChatCompletionCall::onTimeout()
{
    if (m_done)
        return;
    dropReply();
    qCWarning(lcLlm).noquote() << "no answer from" << m_request.endpoint.displayUrl() << "within"
                               << seconds(m_policy.timeout) << "s";
    fail(u"The LLM did not answer in time"_s,
         u"No answer from %1 within %2 s (attempt %3). The limit is the server setting llm/timeout_seconds."_s
                 .arg(m_request.endpoint.displayUrl(), seconds(m_policy.timeout), QString::number(m_attempts)));
}

void ChatCompletionCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || m_done)
        return;
    m_reply.clear();
    m_timeout.stop();
    reply->disconnect(this);
    reply->deleteLater();

    const QString url = m_request.endpoint.displayUrl();
    const QVariant statusValue = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (statusValue.isValid()) {
        const int status = statusValue.toInt();
        qCDebug(lcLlm).noquote() << "POST" << url << "model" << m_request.model << "->" << status << "in"
                                 << m_elapsed.elapsed() << "ms, attempt" << m_attempts;
        handleHttpStatus(status, reply->readAll(), reply);
        return;
    }

    const QString reason = redact(reply->errorString());
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        fail(kUnreachable, u"Connection refused by %1. Check that the LLM service runs and that "
                           "OPENAI_BASE_URL points to it."_s
                                   .arg(url));
        return;
    case QNetworkReply::HostNotFoundError:
        fail(kUnreachable, u"The host of %1 was not found. Check OPENAI_BASE_URL."_s.arg(url));
        return;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        retryOrFail(kUnreachable, u"%1 closed the connection: %2."_s.arg(url, reason), std::nullopt);
        return;
    default:
        fail(kUnreachable, u"%1: %2."_s.arg(url, reason));
        return;
    }
}

void ChatCompletionCall::handleHttpStatus(int status, const QByteArray &body, QNetworkReply *reply)
{
    const QString url = m_request.endpoint.displayUrl();
    if (status >= 200 && status < 300) {
        const Parsed parsed = parseCompletion(body);
        if (parsed.content)
            succeed(*parsed.content);
        else
            fail(parsed.shortText, u"%1 (from %2)"_s.arg(parsed.longText, url));
        return;
    }
    const QString message = serviceMessage(body);
    const QString said = message.isEmpty() ? QString() : u": "_s + message;
    if (status == 401 || status == 403) {
        fail(u"The LLM service refused the API key"_s,
             u"HTTP %1 from %2%3. Check the key in %4 and that it may use model %5."_s.arg(
                     QString::number(status), url, said, m_request.endpoint.apiKeyVariable,
                     m_request.model));
        return;
    }
    if (status == 429 || status >= 500) {
        const auto wait = retryAfter(reply->rawHeader("Retry-After"_ba), reply->rawHeader("retry-after-ms"_ba),
                                     QDateTime::currentDateTimeUtc());
        retryOrFail(status == 429 ? u"The LLM service is rate limiting requests"_s
                                  : u"The LLM service failed"_s,
                    u"HTTP %1 from %2%3."_s.arg(QString::number(status), url, said), wait);
        return;
    }
    if (status >= 300 && status < 400) {
        fail(u"The LLM service answered with a redirect"_s,
             u"HTTP %1 from %2 to %3. Set OPENAI_BASE_URL to the final address."_s.arg(
                     QString::number(status), url,
                     reply->header(QNetworkRequest::LocationHeader).toUrl().toString(
                             QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
        return;
    }
    fail(u"The LLM service refused the request"_s,
         u"HTTP %1 from %2 for model %3%4."_s.arg(QString::number(status), url, m_request.model, said));
}

void ChatCompletionCall::retryOrFail(const QString &shortText, const QString &longText,
                                     std::optional<milliseconds> askedWait)
{
    if (m_attempts > m_policy.maxRetries) {
        fail(shortText, u"%1 Gave up after %2 attempts."_s.arg(longText, QString::number(m_attempts)));
        return;
    }
    if (askedWait && *askedWait > m_policy.maxRetryWait) {
        fail(shortText, u"%1 The service asks to wait %2 s before retrying, longer than this server waits (%3 s)."_s
                                .arg(longText, seconds(*askedWait), seconds(m_policy.maxRetryWait)));
        return;
    }
    milliseconds wait{0};
    if (askedWait) {
        wait = *askedWait;
    } else {
        // Exponential backoff with jitter, so many runs hit by the same
        // outage do not come back in lockstep.
        const double factor = double(1 << std::min(m_attempts - 1, 16))
                * (0.75 + 0.5 * QRandomGenerator::global()->generateDouble());
        wait = std::min(milliseconds(qint64(double(m_policy.initialBackoff.count()) * factor)),
                        m_policy.maxRetryWait);
    }
    qCWarning(lcLlm).noquote() << longText << "Retrying in" << wait.count() << "ms (attempt"
                               << m_attempts + 1 << "of" << m_policy.maxRetries + 1 << ")";
    m_retryTimer.start(wait);
}

void ChatCompletionCall::succeed(const QString &content)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT succeeded(content);
}

void ChatCompletionCall::fail(const QString &shortText, const QString &longText)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_retryTimer.stop();
    qCWarning(lcLlm).noquote() << shortText << "-" << longText;
    Q_EMIT failed(shortText, longText);
}

QString ChatCompletionCall::redact(QString text) const
{
    const QString &key = m_request.endpoint.apiKey;
    if (key.size() >= 4)
        text.replace(key, u"***"_s);
    return text;
}

QString ChatCompletionCall::serviceMessage(const QByteArray &body) const
{
    QString message;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue error = object.value(u"error");
        if (error.isObject())
            message = error.toObject().value(u"message").toString();
        else if (error.isString())
            message = error.toString();
        else if (object.value(u"detail").isString())
            message = object.value(u"detail").toString();
        else if (object.value(u"message").isString())
            message = object.value(u"message").toString();
    }
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(kMaxServiceMessage * 4));
    message = redact(message.simplified());
    if (message.size() > kMaxServiceMessage)
        message = message.left(kMaxServiceMessage) + u"…"_s;
    return message;
}

std::optional<milliseconds> ChatCompletionCall::retryAfter(const QByteArray &retryAfterHeader,
                                                           const QByteArray &retryAfterMsHeader,
                                                           const QDateTime &now)
{
    bool ok = false;
    const double ms = retryAfterMsHeader.trimmed().toDouble(&ok);
    if (ok && ms >= 0 && ms < 1e12)
        return milliseconds(qint64(ms));
    const QByteArray value = retryAfterHeader.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    const qint64 delay = value.toLongLong(&ok);
    if (ok)
        return delay < 0 ? std::nullopt : std::optional(milliseconds(std::min<qint64>(delay, 1LL << 40) * 1000));
    // An HTTP date: "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(value), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return milliseconds(std::max<qint64>(0, now.msecsTo(when)));
}

ChatCompletionCall::Parsed ChatCompletionCall::parseCompletion(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return {std::nullopt, kMalformed, u"The answer is not JSON (%1)"_s.arg(error.errorString())};
    if (!document.isObject())
        return {std::nullopt, kMalformed, u"The answer is not a JSON object"_s};
    const QJsonValue choices = document.object().value(u"choices");
    if (!choices.isArray() || choices.toArray().isEmpty())
        return {std::nullopt, kMalformed, u"The answer has no \"choices\""_s};
    const QJsonObject choice = choices.toArray().first().toObject();
    const QString finishReason = choice.value(u"finish_reason").toString(u"none"_s);
    const QJsonValue messageValue = choice.value(u"message");
    if (!messageValue.isObject())
        return {std::nullopt, kMalformed, u"choices[0] has no \"message\" object"_s};
    const QJsonObject message = messageValue.toObject();
    const QJsonValue content = message.value(u"content");

    QString text;
    if (content.isString()) {
        text = content.toString();
    } else if (content.isArray()) {
        // Some services send content parts: [{"type": "text", "text": "..."}].
        for (const QJsonValue &part : content.toArray())
            text += part.toObject().value(u"text").toString();
    } else if (!content.isNull() && !content.isUndefined()) {
        return {std::nullopt, kMalformed, u"choices[0].message.content is not text"_s};
    }
    if (!text.trimmed().isEmpty())
        return {text, {}, {}};
    if (message.value(u"refusal").isString())
        return {std::nullopt, u"The LLM refused to answer"_s,
                u"The model refused: %1"_s.arg(message.value(u"refusal").toString().left(kMaxServiceMessage))};
    if (message.contains(u"tool_calls") || message.contains(u"function_call"))
        return {std::nullopt, u"The LLM asked for a tool call"_s,
                u"This workflow offers the model no tools, yet choices[0].message asks for one"_s};
    return {std::nullopt, kEmpty,
            u"choices[0].message.content is empty (finish_reason: %1)"_s.arg(finishReason)};
}

} // namespace agentdesk
