// The Chat Completions client against the stand-in service: the request it
// sends, and every failure of issue 3 point 3 with its short and long text.

#include "ChatCompletionCall.h"
#include "ChatCompletionClient.h"
#include "FakeLlmServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace agentdesk;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kKey = u"sk-test-0123456789abcdef"_s;

QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_log.append(message);
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

class tst_ChatCompletionClient : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        bool ok = false;
        QString content;
        QString shortText;
        QString longText;
        qint64 elapsedMs = 0;
    };

    ChatCompletionRequest request(const QUrl &baseUrl, const QString &key = kKey) const
    {
        ChatCompletionRequest r;
        r.endpoint.baseUrl = baseUrl;
        r.endpoint.apiKey = key;
        r.model = u"gpt-4o-mini"_s;
        r.temperature = 0.8;
        r.messages = QJsonArray{QJsonObject{{u"role"_s, u"system"_s}, {u"content"_s, u"You are a math teacher."_s}},
                                QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, u"Algebra"_s}}};
        return r;
    }

    Outcome run(ChatCompletionClient &client, const ChatCompletionRequest &r, int timeoutMs = 15000)
    {
        QObject owner;
        QElapsedTimer elapsed;
        elapsed.start();
        ChatCompletionCall *call = client.complete(r, &owner);
        QSignalSpy ok(call, &ChatCompletionCall::succeeded);
        QSignalSpy failed(call, &ChatCompletionCall::failed);
        // Nothing is emitted from inside complete().
        [&] { QCOMPARE(ok.size() + failed.size(), 0); }();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(ok.size() + failed.size() > 0, timeoutMs); }();
        Outcome outcome;
        outcome.elapsedMs = elapsed.elapsed();
        if (!ok.isEmpty()) {
            outcome.ok = true;
            outcome.content = ok.first().first().toString();
        } else if (!failed.isEmpty()) {
            outcome.shortText = failed.first().at(0).toString();
            outcome.longText = failed.first().at(1).toString();
        }
        QTest::qWait(50); // exactly one signal
        [&] { QCOMPARE(ok.size() + failed.size(), 1); }();
        return outcome;
    }

    LlmPolicy fastPolicy() const
    {
        LlmPolicy policy;
        policy.timeout = 5s;
        policy.maxRetries = 3;
        policy.initialBackoff = 10ms;
        policy.maxRetryWait = 5s;
        return policy;
    }

private Q_SLOTS:
    void initTestCase()
    {
        g_previous = qInstallMessageHandler(captureLog);
        QLoggingCategory::setFilterRules(u"agentdesk.*.debug=true"_s);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previous);
        // The key never reached a log line, whatever happened above.
        for (const QString &line : std::as_const(g_log))
            QVERIFY2(!line.contains(kKey), qPrintable(line));
    }

    void sendsTheChatCompletionsRequest()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.enqueue(FakeLlmServer::completion(u"Let us start with equations."_s));
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(outcome.ok);
        QCOMPARE(outcome.content, u"Let us start with equations."_s);

        QCOMPARE(llm.requests().size(), 1);
        const FakeLlmServer::Request &got = llm.requests().first();
        QCOMPARE(got.method, "POST"_ba);
        QCOMPARE(got.path, "/v1/chat/completions"_ba);
        QCOMPARE(got.header("authorization"), "Bearer "_ba + kKey.toUtf8());
        QCOMPARE(got.header("content-type"), "application/json"_ba);
        QCOMPARE(got.json.value(u"model").toString(), u"gpt-4o-mini"_s);
        QCOMPARE(got.json.value(u"temperature").toDouble(), 0.8);
        QCOMPARE(got.messages(), request(llm.baseUrl()).messages);
    }

    void baseUrlWithTrailingSlash()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        ChatCompletionClient client(fastPolicy());
        QUrl base = llm.baseUrl();
        base.setPath(u"/v1/"_s);
        QVERIFY(run(client, request(base)).ok);
        QCOMPARE(llm.requests().first().path, "/v1/chat/completions"_ba);
    }

    void noKeyNamesTheVariable()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl(), QString()));
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.shortText.contains(u"no API key"_s), qPrintable(outcome.shortText));
        QVERIFY2(outcome.longText.contains(u"OPENAI_API_KEY"_s), qPrintable(outcome.longText));
        QCOMPARE(llm.requests().size(), 0);
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(QUrl(u"http://127.0.0.1:%1/v1"_s.arg(port))));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.shortText, u"Cannot reach the LLM service"_s);
        QVERIFY2(outcome.longText.contains(u"refused"_s), qPrintable(outcome.longText));
        QVERIFY2(outcome.longText.contains(u"OPENAI_BASE_URL"_s), qPrintable(outcome.longText));
    }

    void timeout()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        FakeLlmServer::Reply hang;
        hang.hang = true;
        llm.enqueue(hang);
        LlmPolicy policy = fastPolicy();
        policy.timeout = 400ms;
        ChatCompletionClient client(policy);
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.shortText, u"The LLM did not answer in time"_s);
        QVERIFY2(outcome.longText.contains(u"0.4 s"_s), qPrintable(outcome.longText));
        QVERIFY(outcome.elapsedMs >= 350 && outcome.elapsedMs < 5000);
        QCOMPARE(llm.requests().size(), 1); // a timeout is not retried
    }

    void refusedKey_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
    }

    void refusedKey()
    {
        QFETCH(int, status);
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        // Services echo (part of) the key; it must not come back to the user.
        llm.enqueue(FakeLlmServer::error(status, u"Incorrect API key provided: %1."_s.arg(kKey)));
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.shortText, u"The LLM service refused the API key"_s);
        QVERIFY2(outcome.longText.contains(u"HTTP %1"_s.arg(status)), qPrintable(outcome.longText));
        QVERIFY2(outcome.longText.contains(u"Incorrect API key provided"_s), qPrintable(outcome.longText));
        QVERIFY2(outcome.longText.contains(u"OPENAI_API_KEY"_s), qPrintable(outcome.longText));
        QVERIFY2(!outcome.longText.contains(kKey), qPrintable(outcome.longText));
        QCOMPARE(llm.requests().size(), 1); // not retried
    }

    void rateLimitedHonoursRetryAfter()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.enqueue(FakeLlmServer::error(429, u"Rate limit reached"_s, {{"Retry-After"_ba, "1"_ba}}));
        llm.enqueue(FakeLlmServer::completion(u"at last"_s));
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(outcome.ok);
        QCOMPARE(outcome.content, u"at last"_s);
        QCOMPARE(llm.requests().size(), 2);
        QVERIFY2(outcome.elapsedMs >= 950, qPrintable(QString::number(outcome.elapsedMs)));
    }

    void retryAfterLongerThanWeWaitFailsAtOnce()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.enqueue(FakeLlmServer::error(429, u"Rate limit reached"_s, {{"Retry-After"_ba, "3600"_ba}}));
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.shortText, u"The LLM service is rate limiting requests"_s);
        QVERIFY2(outcome.longText.contains(u"3600 s"_s), qPrintable(outcome.longText));
        QVERIFY(outcome.elapsedMs < 3000);
        QCOMPARE(llm.requests().size(), 1);
    }

    void serverErrorThenSuccess()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.enqueue(FakeLlmServer::error(500, u"The server had an error"_s));
        llm.enqueue(FakeLlmServer::raw(502, "<html>Bad gateway</html>"_ba));
        llm.enqueue(FakeLlmServer::completion(u"fine now"_s));
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(outcome.ok);
        QCOMPARE(llm.requests().size(), 3);
    }

    void serverErrorsExhaustRetries()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.setHandler([](const FakeLlmServer::Request &, int) {
            return FakeLlmServer::error(503, u"The engine is currently overloaded"_s);
        });
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.shortText, u"The LLM service failed"_s);
        QVERIFY2(outcome.longText.contains(u"HTTP 503"_s), qPrintable(outcome.longText));
        QVERIFY2(outcome.longText.contains(u"overloaded"_s), qPrintable(outcome.longText));
        QVERIFY2(outcome.longText.contains(u"after 4 attempts"_s), qPrintable(outcome.longText));
        QCOMPARE(llm.requests().size(), 4); // the first try and maxRetries = 3 more
    }

    void otherClientErrorIsNotRetried()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.enqueue(FakeLlmServer::error(404, u"The model `gpt-9` does not exist"_s));
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.shortText, u"The LLM service refused the request"_s);
        QVERIFY2(outcome.longText.contains(u"does not exist"_s), qPrintable(outcome.longText));
        QCOMPARE(llm.requests().size(), 1);
    }

    void badCompletion_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("shortText");
        QTest::addColumn<QString>("detail");
        const QString malformed = u"The LLM sent a malformed answer"_s;
        const QString empty = u"The LLM sent an empty answer"_s;
        QTest::newRow("not json") << "Internal stuff"_ba << malformed << u"not JSON"_s;
        QTest::newRow("array") << "[1,2]"_ba << malformed << u"not a JSON object"_s;
        QTest::newRow("no choices") << "{\"id\":\"x\"}"_ba << malformed << u"choices"_s;
        QTest::newRow("empty choices") << "{\"choices\":[]}"_ba << malformed << u"choices"_s;
        QTest::newRow("no message") << "{\"choices\":[{\"index\":0}]}"_ba << malformed << u"message"_s;
        QTest::newRow("number content") << "{\"choices\":[{\"message\":{\"content\":42}}]}"_ba << malformed
                                        << u"not text"_s;
        QTest::newRow("null content")
                << "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":\"stop\"}]}"_ba
                << empty << u"finish_reason: stop"_s;
        QTest::newRow("empty content")
                << "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"  \"},\"finish_reason\":\"length\"}]}"_ba
                << empty << u"finish_reason: length"_s;
        QTest::newRow("empty body") << QByteArray() << malformed << u"not JSON"_s;
    }

    void badCompletion()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, shortText);
        QFETCH(QString, detail);
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        llm.enqueue(FakeLlmServer::raw(200, body));
        ChatCompletionClient client(fastPolicy());
        const Outcome outcome = run(client, request(llm.baseUrl()));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.shortText, shortText);
        QVERIFY2(outcome.longText.contains(detail), qPrintable(outcome.longText));
        QVERIFY2(outcome.longText.contains(u"/v1/chat/completions"_s), qPrintable(outcome.longText));
    }

    void contentPartsAreJoined()
    {
        const auto parsed = ChatCompletionCall::parseCompletion(
                "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}}]}"_ba);
        QCOMPARE(parsed.content.value_or(QString()), u"ab"_s);
    }

    void retryAfterParsing()
    {
        const QDateTime now = QDateTime::fromString(u"2024-05-01T10:00:00Z"_s, Qt::ISODate);
        QCOMPARE(ChatCompletionCall::retryAfter("2"_ba, {}, now), std::optional(2000ms));
        QCOMPARE(ChatCompletionCall::retryAfter("2"_ba, "1500"_ba, now), std::optional(1500ms));
        QCOMPARE(ChatCompletionCall::retryAfter("Wed, 01 May 2024 10:00:30 GMT"_ba, {}, now), std::optional(30000ms));
        QCOMPARE(ChatCompletionCall::retryAfter("Wed, 01 May 2024 09:00:00 GMT"_ba, {}, now), std::optional(0ms));
        QCOMPARE(ChatCompletionCall::retryAfter("soon"_ba, {}, now), std::nullopt);
        QCOMPARE(ChatCompletionCall::retryAfter({}, {}, now), std::nullopt);
        QCOMPARE(ChatCompletionCall::retryAfter("-5"_ba, {}, now), std::nullopt);
    }

    void deletingTheOwnerAbortsSilently()
    {
        FakeLlmServer llm;
        QVERIFY(llm.listen());
        FakeLlmServer::Reply slow = FakeLlmServer::completion(u"too late"_s);
        slow.delayMs = 300;
        llm.enqueue(slow);
        ChatCompletionClient client(fastPolicy());
        auto owner = std::make_unique<QObject>();
        ChatCompletionCall *call = client.complete(request(llm.baseUrl()), owner.get());
        int emitted = 0;
        connect(call, &ChatCompletionCall::succeeded, this, [&] { ++emitted; });
        connect(call, &ChatCompletionCall::failed, this, [&] { ++emitted; });
        QTRY_COMPARE(llm.requests().size(), 1);
        owner.reset();
        QTest::qWait(600);
        QCOMPARE(emitted, 0);
    }
};

QTEST_GUILESS_MAIN(tst_ChatCompletionClient)
#include "tst_chatcompletionclient.moc"
