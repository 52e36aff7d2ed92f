// /fastagency/ws against a real server: the authenticated handshake (401/400
// and never upgraded), the showcase flow with raw and JSON answers, run
// ownership, unknown uuids, bad frames, the grace period of a vanished client.

#include "Message.h"
#include "RawHttpClient.h"
#include "RunTable.h"
#include "ShowcaseWorkflow.h"
#include "TestServer.h"
#include "TestWorkflows.h"
#include "WebSocketClient.h"
#include "WorkflowRegistry.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace agentdesk;
using namespace agentdesk::test;
using namespace Qt::StringLiterals;

namespace {
const QString kPassword = u"correct horse battery"_s;
constexpr int kMaxMessage = 4096;

QString hex(const QJsonObject &payload)
{
    return payload.value(u"workflow_uuid").toString().remove(u'-');
}
} // namespace

class TestWebSocketRuns : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QString m_alice;
    QString m_bob;
    QString m_carol; // disabled after login

    // Answers every question of the showcase; `json` sends InputResponseModel.
    void answerShowcase(WebSocketClient &ws, bool json, const QString &secret)
    {
        const auto answer = [&](const QJsonObject &question, const QString &text) {
            if (json)
                ws.sendJson(QJsonObject{{u"msg"_s, text}, {u"question_uuid"_s, question.value(u"uuid").toString()}});
            else
                ws.sendText(text);
        };
        auto name = ws.waitForType(u"text_input"_s);
        QVERIFY(name);
        QCOMPARE(name->value(u"content").toObject().value(u"password").toBool(), false);
        answer(*name, u"Ada"_s);
        auto password = ws.waitForType(u"text_input"_s);
        QVERIFY(password);
        QCOMPARE(password->value(u"content").toObject().value(u"password").toBool(), true);
        answer(*password, secret);
        auto colour = ws.waitForType(u"multiple_choice"_s);
        QVERIFY(colour);
        answer(*colour, u"blue"_s);
        auto toppings = ws.waitForType(u"multiple_choice"_s);
        QVERIFY(toppings);
        answer(*toppings, json ? u"[\"olives\", \"basil\"]"_s : u"basil, olives"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>([](ServerConfig &config) {
            config.maxWebSocketMessageBytes = kMaxMessage;
        });
        QVERIFY2(m_server->start(), qPrintable(m_server->startError()));
        m_server->server().workflows().add(failingWorkflow());
        m_server->server().workflows().add(waitingWorkflow());
        for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s})
            QVERIFY(m_server->addUser(name, kPassword));
        m_alice = m_server->login(u"alice"_s, kPassword);
        m_bob = m_server->login(u"bob"_s, kPassword);
        m_carol = m_server->login(u"carol"_s, kPassword);
        QVERIFY(!m_alice.isEmpty() && !m_bob.isEmpty() && !m_carol.isEmpty());
        QVERIFY(m_server->setDisabled(u"carol"_s, true));
    }

    // ---- the handshake ---------------------------------------------------

    void handshakeRefused_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("auth");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<bool>("bearerChallenge");

        QTest::newRow("no token") << QByteArray("/fastagency/ws") << u"none"_s << 401 << u"Not authenticated"_s << true;
        QTest::newRow("garbage token") << QByteArray("/fastagency/ws") << u"garbage"_s << 401 << u"Could not validate credentials"_s << true;
        QTest::newRow("disabled user") << QByteArray("/fastagency/ws") << u"carol"_s << 400 << u"Inactive user"_s << false;
        QTest::newRow("oversized token") << QByteArray("/fastagency/ws") << u"big"_s << 401 << u"Could not validate credentials"_s << true;
        QTest::newRow("valid token, other path") << QByteArray("/fastagency/wsx") << u"alice"_s << 404 << u"Not Found"_s << false;
        QTest::newRow("valid token, query is not a path") << QByteArray("/fastagency/ws/x?a=b") << u"alice"_s << 404 << u"Not Found"_s << false;
    }

    void handshakeRefused()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, auth);
        QFETCH(int, status);
        QFETCH(QString, detail);
        QFETCH(bool, bearerChallenge);

        QByteArray authorization;
        if (auth == u"garbage")
            authorization = "Bearer abc.def.ghi";
        else if (auth == u"carol")
            authorization = "Bearer " + m_carol.toUtf8();
        else if (auth == u"alice")
            authorization = "Bearer " + m_alice.toUtf8();
        else if (auth == u"big")
            authorization = "Bearer " + QByteArray(8000, 'a');

        const qsizetype socketsBefore = m_server->server().runs().size();
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.writeWebSocketHandshake(path, authorization);
        const auto response = raw.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QCOMPARE(QJsonDocument::fromJson(response->body).object().value(u"detail").toString(), detail);
        QCOMPARE(response->header("www-authenticate"), bearerChallenge ? QByteArray("Bearer") : QByteArray());
        QVERIFY(response->header("sec-websocket-accept").isEmpty());
        // Never upgraded: frames sent now go nowhere and the server hangs up.
        raw.writeFrame(0x1, "{\"workflow_uuid\": \"x\"}");
        QVERIFY(raw.waitForClosed());
        QCOMPARE(m_server->server().runs().size(), socketsBefore);

        // What a Qt client sees: no connection. Qt 6.4 names the status in
        // its error text, except 400 ("Unknown error condition").
        if (path == "/fastagency/ws") {
            WebSocketClient ws;
            QVERIFY(!ws.openWithAuthorization(m_server->webSocketUrl(), authorization));
            QVERIFY(!ws.errorString().isEmpty());
            if (status != 400)
                QVERIFY2(ws.errorString().contains(QString::number(status)), qPrintable(ws.errorString()));
        }
    }

    void handshakeAccepted()
    {
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.writeWebSocketHandshake("/fastagency/ws", "Bearer " + m_alice.toUtf8());
        const auto response = raw.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 101);
        // RFC 6455's sample key and its accept value.
        QCOMPARE(response->header("sec-websocket-accept"), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }

    void handshakeWithBrowserStyleHeaders()
    {
        // Firefox sends "Connection: keep-alive, Upgrade" and a lowercase upgrade value.
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.write("GET /fastagency/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive, Upgrade\r\n"
                  "Upgrade: WebSocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  "authorization: Bearer " + m_alice.toUtf8() + "\r\n\r\n");
        const auto response = raw.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 101);
    }

    void handshakeAcceptedAfterKeepAliveRequests()
    {
        // An HTTP request, then the upgrade, on one connection.
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto first = raw.readResponse();
        QVERIFY(first);
        QCOMPARE(first->status, 200);
        raw.writeWebSocketHandshake("/fastagency/ws", "Bearer " + m_alice.toUtf8());
        const auto upgrade = raw.readResponse();
        QVERIFY(upgrade);
        QCOMPARE(upgrade->status, 101);
        const QJsonObject payload = m_server->initiate(m_alice, u"waiting"_s);
        raw.writeFrame(0x1, QJsonDocument(payload).toJson(QJsonDocument::Compact));
        const auto started = raw.readFrame();
        QVERIFY(started);
        QCOMPARE(started->opcode, quint8(0x1));
        QCOMPARE(QJsonDocument::fromJson(started->payload).object().value(u"type").toString(), u"workflow_started"_s);
    }

    // ---- the showcase --------------------------------------------------------

    void showcaseFlow_data()
    {
        QTest::addColumn<bool>("json");
        QTest::newRow("raw text answers") << false;
        QTest::newRow("InputResponseModel answers") << true;
    }

    void showcaseFlow()
    {
        QFETCH(bool, json);
        const QString secret = u"s3cr3t-%1"_s.arg(json ? u"json"_s : u"raw"_s);
        const QJsonObject payload = m_server->initiate(m_alice, u"showcase"_s, {{u"lang"_s, u"en"_s}});
        QVERIFY(!payload.isEmpty());

        WebSocketClient ws;
        QVERIFY(ws.open(m_server->webSocketUrl(), m_alice));
        ws.sendJson(payload);
        answerShowcase(ws, json, secret);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(ws.waitForType(u"workflow_completed"_s));
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.closeCode(), int(QWebSocketProtocol::CloseCodeNormal));

        const QStringList expected{u"workflow_started"_s, u"text_message"_s, u"text_input"_s,
                                   u"text_message"_s, u"text_input"_s, u"system_message"_s,
                                   u"multiple_choice"_s, u"multiple_choice"_s,
                                   u"suggested_function_call"_s, u"function_call_execution"_s,
                                   u"keep_alive"_s, u"workflow_completed"_s};
        QCOMPARE(ws.types(), expected);

        QSet<QString> uuids;
        for (const QJsonObject &message : ws.messages()) {
            // Exactly upstream's fields, each message parses strictly, and none
            // of them carries the secret.
            QCOMPARE(message.keys(), (QStringList{u"auto_reply"_s, u"content"_s, u"recipient"_s, u"sender"_s,
                                                  u"type"_s, u"uuid"_s, u"workflow_uuid"_s}));
            QCOMPARE(message.value(u"workflow_uuid").toString(), hex(payload));
            const auto parsed = Message::fromJson(message);
            QVERIFY2(parsed, qPrintable(parsed.error()));
            QCOMPARE(parsed->content, message.value(u"content").toObject());
            const QString uuid = message.value(u"uuid").toString();
            QCOMPARE(uuid.size(), 32);
            QVERIFY(!uuids.contains(uuid));
            uuids.insert(uuid);
            QVERIFY(!QJsonDocument(message).toJson().contains(secret.toUtf8()));
        }

        const QJsonObject started = ws.messages().first().value(u"content").toObject();
        QCOMPARE(started.value(u"params").toObject(), (QJsonObject{{u"lang"_s, u"en"_s}}));
        const QJsonObject nameQuestion = ws.ofType(u"text_input"_s).first().value(u"content").toObject();
        QVERIFY(!nameQuestion.value(u"suggestions").toArray().isEmpty());
        QCOMPARE(ws.ofType(u"text_message"_s).at(1).value(u"content").toObject().value(u"body").toString(),
                 u"Hello, Ada!"_s);
        const auto choices = ws.ofType(u"multiple_choice"_s);
        QCOMPARE(choices.at(0).value(u"content").toObject().value(u"single").toBool(), true);
        QCOMPARE(choices.at(1).value(u"content").toObject().value(u"single").toBool(), false);
        QVERIFY(choices.at(0).value(u"content").toObject().value(u"default").isString());
        QVERIFY(choices.at(1).value(u"content").toObject().value(u"default").isString());
        const QJsonObject call = ws.ofType(u"suggested_function_call"_s).first().value(u"content").toObject();
        QCOMPARE(call.value(u"arguments").toObject(),
                 (QJsonObject{{u"for"_s, u"Ada"_s}, {u"plate"_s, u"blue"_s},
                              {u"toppings"_s, QJsonArray{u"basil"_s, u"olives"_s}}}));
        const QJsonObject execution = ws.ofType(u"function_call_execution"_s).first().value(u"content").toObject();
        QCOMPARE(execution.value(u"call_id"), call.value(u"call_id"));
        const QString result = ws.messages().last().value(u"content").toObject().value(u"result").toString();
        QVERIFY2(result.contains(u"Ada"_s) && result.contains(u"blue"_s) && result.contains(u"basil"_s),
                 qPrintable(result));

        Run *run = m_server->server().runs().find(hex(payload));
        QVERIFY(run); // kept for the grace period
        QCOMPARE(run->state(), Run::State::Finished);
        QVERIFY(!run->isAttached());
        QCOMPARE(run->messages().size(), expected.size());
    }

    // ---- ownership and unknown runs --------------------------------------

    void anotherUsersRunIsRefused()
    {
        const QJsonObject payload = m_server->initiate(m_alice, u"showcase"_s);
        Run *run = m_server->server().runs().find(hex(payload));
        QVERIFY(run);

        WebSocketClient intruder;
        QVERIFY(intruder.open(m_server->webSocketUrl(), m_bob));
        intruder.sendJson(payload);
        QVERIFY(intruder.waitForDisconnected());
        QCOMPARE(intruder.closeCode(), int(QWebSocketProtocol::CloseCodePolicyViolated));
        QCOMPARE(intruder.types(), QStringList{u"error"_s});
        QCOMPARE(run->state(), Run::State::Initiated); // untouched
        QVERIFY(!run->isAttached());

        // The owner's run starts as if nothing happened...
        WebSocketClient owner;
        QVERIFY(owner.open(m_server->webSocketUrl(), m_alice));
        owner.sendJson(payload);
        QVERIFY(owner.waitForType(u"text_input"_s));

        // ...and an intruder during the run changes nothing either.
        WebSocketClient again;
        QVERIFY(again.open(m_server->webSocketUrl(), m_bob));
        again.sendJson(payload);
        QVERIFY(again.waitForDisconnected());
        QCOMPARE(again.closeCode(), int(QWebSocketProtocol::CloseCodePolicyViolated));
        QVERIFY(owner.isConnected());
        owner.sendText(u"Grace"_s);
        const auto greeting = owner.waitForType(u"text_message"_s);
        QVERIFY(greeting);
        QCOMPARE(greeting->value(u"content").toObject().value(u"body").toString(), u"Hello, Grace!"_s);
        QVERIFY(again.ofType(u"text_message"_s).isEmpty());
    }

    // A second socket of the owner reattaches (takes over): tst_reattach.

    void badPayload_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<int>("closeCode");

        const QString unknown = u"{\"user_id\": null, \"workflow_uuid\": \"%1\", \"name\": \"showcase\", \"params\": {}}"_s
                                        .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QTest::newRow("not JSON") << u"hello"_s << int(QWebSocketProtocol::CloseCodeDatatypeNotSupported);
        QTest::newRow("truncated JSON") << u"{\"workflow_uuid\": \"ab"_s << int(QWebSocketProtocol::CloseCodeDatatypeNotSupported);
        QTest::newRow("array") << u"[]"_s << int(QWebSocketProtocol::CloseCodeDatatypeNotSupported);
        QTest::newRow("empty object") << u"{}"_s << int(QWebSocketProtocol::CloseCodeDatatypeNotSupported);
        QTest::newRow("uuid not a uuid") << u"{\"workflow_uuid\": \"1234\", \"name\": \"showcase\"}"_s << int(QWebSocketProtocol::CloseCodeDatatypeNotSupported);
        QTest::newRow("uuid never issued") << unknown << int(QWebSocketProtocol::CloseCodePolicyViolated);
        QTest::newRow("upstream's test payload") << u"{\"user_id\": \"ac4418be-c656-4db8-ada9-b2556b5d1e02\", \"workflow_uuid\": \"a1ce322f-6fee-4cbf-9eba-49fb0f6b345c\", \"name\": \"simple_learning\", \"params\": {\"message\": \"Hello\"}}"_s << int(QWebSocketProtocol::CloseCodePolicyViolated);
        QTest::newRow("empty text") << QString() << int(QWebSocketProtocol::CloseCodeDatatypeNotSupported);
    }

    void badPayload()
    {
        QFETCH(QString, frame);
        QFETCH(int, closeCode);
        WebSocketClient ws;
        QVERIFY(ws.open(m_server->webSocketUrl(), m_alice));
        ws.sendText(frame);
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.closeCode(), closeCode);
        QCOMPARE(ws.types(), QStringList{u"error"_s});
        QVERIFY(!ws.messages().first().value(u"content").toObject().value(u"short").toString().isEmpty());
    }

    void nameMismatchIsRefused()
    {
        QJsonObject payload = m_server->initiate(m_alice, u"showcase"_s);
        payload.insert(u"name"_s, u"waiting"_s);
        WebSocketClient ws;
        QVERIFY(ws.open(m_server->webSocketUrl(), m_alice));
        ws.sendJson(payload);
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.closeCode(), int(QWebSocketProtocol::CloseCodePolicyViolated));
    }

    // ---- frames and answers ----------------------------------------------

    void binaryFramesAreRefused_data()
    {
        QTest::addColumn<bool>("afterStart");
        QTest::newRow("instead of the payload") << false;
        QTest::newRow("instead of an answer") << true;
    }

    void binaryFramesAreRefused()
    {
        QFETCH(bool, afterStart);
        WebSocketClient ws;
        QVERIFY(ws.open(m_server->webSocketUrl(), m_alice));
        if (afterStart) {
            ws.sendJson(m_server->initiate(m_alice, u"waiting"_s));
            QVERIFY(ws.waitForType(u"text_input"_s));
        }
        ws.sendBinary("\x01\x02\x03");
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.closeCode(), int(QWebSocketProtocol::CloseCodeDatatypeNotSupported));
        QCOMPARE(ws.types().last(), u"error"_s);
    }

    void answerWhenNothingWasAsked()
    {
        // A slow showcase leaves time to answer while nothing is asked.
        m_server->server().workflows().add(ShowcaseWorkflow::definition(std::chrono::milliseconds(300)));
        const QJsonObject payload = m_server->initiate(m_alice, u"showcase"_s);
        m_server->server().workflows().add(ShowcaseWorkflow::definition(std::chrono::milliseconds(0)));

        WebSocketClient ws;
        QVERIFY(ws.open(m_server->webSocketUrl(), m_alice));
        ws.sendJson(payload);
        QVERIFY(ws.waitForType(u"workflow_started"_s));
        ws.sendText(u"nobody asked"_s); // the welcome text is 300 ms away
        const auto error = ws.waitForType(u"error"_s);
        QVERIFY(error);
        QVERIFY(ws.isConnected());
        // The run goes on, and a JSON answer naming another question is refused too.
        const auto question = ws.waitForType(u"text_input"_s);
        QVERIFY(question);
        ws.sendJson(QJsonObject{{u"msg"_s, u"Mallory"_s}, {u"question_uuid"_s, QUuid::createUuid().toString()}});
        QVERIFY(ws.waitForType(u"error"_s));
        ws.sendJson(QJsonObject{{u"msg"_s, u"Alan"_s}, {u"question_uuid"_s, question->value(u"uuid").toString()}});
        const auto greeting = ws.waitForType(u"text_message"_s);
        QVERIFY(greeting);
        QCOMPARE(greeting->value(u"content").toObject().value(u"body").toString(), u"Hello, Alan!"_s);
        ws.close();
    }

    void invalidUtf8TextFrame_data()
    {
        QTest::addColumn<bool>("afterStart");
        QTest::newRow("as the payload") << false;
        QTest::newRow("as an answer") << true;
    }

    void invalidUtf8TextFrame()
    {
        QFETCH(bool, afterStart);
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.writeWebSocketHandshake("/fastagency/ws", "Bearer " + m_alice.toUtf8());
        const auto upgrade = raw.readResponse();
        QVERIFY(upgrade);
        QCOMPARE(upgrade->status, 101);
        if (afterStart) {
            raw.writeFrame(0x1, QJsonDocument(m_server->initiate(m_alice, u"waiting"_s)).toJson(QJsonDocument::Compact));
            bool asked = false;
            while (!asked) {
                const auto frame = raw.readFrame();
                QVERIFY(frame);
                asked = QJsonDocument::fromJson(frame->payload).object().value(u"type").toString() == u"text_input";
            }
        }
        raw.writeFrame(0x1, QByteArray("caf\xc3\x28 \xff\xfe", 8));
        int closeCode = -1;
        while (auto frame = raw.readFrame()) {
            if (frame->opcode == 0x8) {
                closeCode = frame->closeCode();
                break;
            }
        }
        QCOMPARE(closeCode, int(QWebSocketProtocol::CloseCodeWrongDatatype)); // 1007
        QVERIFY(raw.waitForClosed());
        QCOMPARE(m_server->get(u"/"_s).status, 200);
    }

    void oversizedMessage_data()
    {
        QTest::addColumn<bool>("fragmented");
        QTest::newRow("one frame") << false;
        QTest::newRow("fragments adding up") << true;
    }

    void oversizedMessage()
    {
        QFETCH(bool, fragmented);
        RawHttpClient raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.writeWebSocketHandshake("/fastagency/ws", "Bearer " + m_alice.toUtf8());
        QCOMPARE(raw.readResponse()->status, 101);
        if (fragmented) {
            raw.writeFrame(0x1, QByteArray(kMaxMessage / 2 + 10, 'a'), false);
            raw.writeFrame(0x0, QByteArray(kMaxMessage / 2 + 10, 'a'), true);
        } else {
            raw.writeFrame(0x1, QByteArray(kMaxMessage + 1, 'a'));
        }
        int closeCode = -1;
        while (auto frame = raw.readFrame()) {
            if (frame->opcode == 0x8) {
                closeCode = frame->closeCode();
                break;
            }
        }
        QCOMPARE(closeCode, int(QWebSocketProtocol::CloseCodeTooMuchData)); // 1009
        QCOMPARE(m_server->get(u"/"_s).status, 200);
    }

    void messageAtTheLimitIsFine()
    {
        WebSocketClient ws;
        QVERIFY(ws.open(m_server->webSocketUrl(), m_alice));
        ws.sendJson(m_server->initiate(m_alice, u"waiting"_s));
        QVERIFY(ws.waitForType(u"text_input"_s));
        ws.sendText(QString(kMaxMessage, u'x'));
        QVERIFY(ws.waitForType(u"workflow_completed"_s));
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.closeCode(), int(QWebSocketProtocol::CloseCodeNormal));
    }

    void failingWorkflowSendsErrorThenCompleted()
    {
        WebSocketClient ws;
        QVERIFY(ws.open(m_server->webSocketUrl(), m_alice));
        ws.sendJson(m_server->initiate(m_alice, u"failing"_s));
        QVERIFY(ws.waitForType(u"text_input"_s));
        ws.sendText(u"kaboom"_s);
        QVERIFY(ws.waitForDisconnected());
        QCOMPARE(ws.types(), (QStringList{u"workflow_started"_s, u"text_input"_s, u"error"_s, u"workflow_completed"_s}));
        QCOMPARE(ws.ofType(u"error"_s).first().value(u"content").toObject().value(u"short").toString(), u"boom: kaboom"_s);
        QCOMPARE(ws.closeCode(), int(QWebSocketProtocol::CloseCodeNormal));
    }

    // ---- many runs waiting at once ---------------------------------------

    void manyWaitingRuns()
    {
        constexpr int count = 50;
        std::vector<std::unique_ptr<WebSocketClient>> clients;
        for (int i = 0; i < count; ++i) {
            auto ws = std::make_unique<WebSocketClient>();
            QVERIFY(ws->open(m_server->webSocketUrl(), m_alice));
            ws->sendJson(m_server->initiate(m_alice, u"waiting"_s));
            clients.push_back(std::move(ws));
        }
        for (auto &ws : clients)
            QVERIFY(ws->waitForType(u"text_input"_s));
        for (int i = 0; i < count; ++i)
            clients[i]->sendText(QString::number(i));
        for (int i = 0; i < count; ++i) {
            QVERIFY(clients[i]->waitForDisconnected());
            QCOMPARE(clients[i]->messages().last().value(u"content").toObject().value(u"result").toString(),
                     QString::number(i));
        }
    }
};

QTEST_GUILESS_MAIN(TestWebSocketRuns)
#include "tst_websocketruns.moc"
