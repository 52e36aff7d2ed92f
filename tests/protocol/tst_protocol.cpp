#include "Answer.h"
#include "InitiatePayload.h"
#include "InitiateRequest.h"
#include "Message.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

class TestProtocol : public QObject
{
    Q_OBJECT
private slots:
    void everyTypeRoundTrips_data();
    void everyTypeRoundTrips();
    void messageCarriesExactlyUpstreamFields();
    void parseFillsDefaults();
    void badMessagesAreRefused_data();
    void badMessagesAreRefused();
    void initiateRequestAccepted();
    void initiateRequestErrors_data();
    void initiateRequestErrors();
    void initiatePayload();
    void answers_data();
    void answers();
};

void TestProtocol::everyTypeRoundTrips_data()
{
    QTest::addColumn<QByteArray>("json");
    const QList<Message> messages{
            Message::textMessage(u"a"_s, u"b"_s, u"hello"_s),
            Message::suggestedFunctionCall(u"a"_s, u"b"_s, u"f"_s, u"c1"_s, {{u"x"_s, 1}}),
            Message::functionCallExecution(u"a"_s, u"b"_s, u"f"_s, u"c1"_s, QJsonArray{1, 2}),
            Message::textInput(u"a"_s, u"b"_s, u"?"_s, {u"s1"_s}, true),
            Message::multipleChoice(u"a"_s, u"b"_s, u"?"_s, {u"x"_s, u"y"_s}, u"y"_s, false),
            Message::systemMessage(u"a"_s, u"b"_s, {{u"k"_s, u"v"_s}}),
            Message::keepAlive(u"a"_s, u"b"_s),
            Message::workflowStarted(u"a"_s, u"b"_s, u"n"_s, u"d"_s, {{u"p"_s, 1}}),
            Message::workflowCompleted(u"a"_s, u"b"_s, u"done"_s),
            Message::error(u"a"_s, u"b"_s, u"short"_s, u"long"_s),
    };
    for (const Message &m : messages)
        QTest::newRow(qPrintable(messageTypeName(m.type))) << m.toJsonBytes();
}

void TestProtocol::everyTypeRoundTrips()
{
    QFETCH(QByteArray, json);
    const auto parsed = Message::fromJsonBytes(json);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
    QCOMPARE(parsed->toJsonBytes(), json);
}

void TestProtocol::messageCarriesExactlyUpstreamFields()
{
    Message m = Message::textInput(u"Workflow"_s, u"User"_s, u"Name?"_s);
    m.workflowUuid = newHexUuid();
    const QJsonObject o = m.toJson();
    QStringList keys = o.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"auto_reply"_s, u"content"_s, u"recipient"_s, u"sender"_s,
                                u"type"_s, u"uuid"_s, u"workflow_uuid"_s}));
    QStringList contentKeys = o.value(u"content").toObject().keys();
    contentKeys.sort();
    QCOMPARE(contentKeys, (QStringList{u"password"_s, u"prompt"_s, u"suggestions"_s}));
    QCOMPARE(m.uuid.size(), 32);
    QVERIFY(m.isAsking());
    QVERIFY(!Message::textMessage(u"a"_s, u"b"_s, u"c"_s).isAsking());
}

void TestProtocol::parseFillsDefaults()
{
    const auto parsed = Message::fromJsonBytes(
            R"({"type":"multiple_choice","workflow_uuid":"w","uuid":"u","content":{"prompt":"p"}})");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->content.value(u"single").toBool(), true);
    QCOMPARE(parsed->content.value(u"choices").toArray().size(), 0);
    QVERIFY(parsed->content.value(u"default").isNull());
    QVERIFY(!parsed->sender.has_value());
}

void TestProtocol::badMessagesAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"type":"text_message","uuid":)");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no type") << QByteArray(R"({"uuid":"u","workflow_uuid":"w"})");
    QTest::newRow("unknown type") << QByteArray(R"({"type":"nope","uuid":"u","workflow_uuid":"w"})");
    QTest::newRow("uuid number") << QByteArray(R"({"type":"keep_alive","uuid":1,"workflow_uuid":"w"})");
    QTest::newRow("content string")
            << QByteArray(R"({"type":"text_message","uuid":"u","workflow_uuid":"w","content":"x"})");
    QTest::newRow("suggestions not strings") << QByteArray(
            R"({"type":"text_input","uuid":"u","workflow_uuid":"w","content":{"suggestions":[1]}})");
    QTest::newRow("error without short")
            << QByteArray(R"({"type":"error","uuid":"u","workflow_uuid":"w","content":{}})");
    QTest::newRow("started without name") << QByteArray(
            R"({"type":"workflow_started","uuid":"u","workflow_uuid":"w","content":{"description":"d"}})");
    QTest::newRow("auto_reply string") << QByteArray(
            R"({"type":"keep_alive","uuid":"u","workflow_uuid":"w","auto_reply":"yes"})");
    QTest::newRow("invalid utf8") << QByteArray("{\"type\":\"text_message\xff\xfe\"}");
}

void TestProtocol::badMessagesAreRefused()
{
    QFETCH(QByteArray, json);
    const auto parsed = Message::fromJsonBytes(json);
    QVERIFY(!parsed.ok());
    QVERIFY(!parsed.error().isEmpty());
}

void TestProtocol::initiateRequestAccepted()
{
    const auto result = InitiateRequest::fromBody(
            R"({"workflow_name":"simple_learning","workflow_uuid":"1234","user_id":null,"params":{"message":"Hello"}})");
    QVERIFY(std::holds_alternative<InitiateRequest>(result));
    const auto &request = std::get<InitiateRequest>(result);
    QCOMPARE(request.workflowName, u"simple_learning"_s);
    QCOMPARE(request.params.value(u"message").toString(), u"Hello"_s);
    QVERIFY(!request.userId);
}

void TestProtocol::initiateRequestErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("firstType");
    QTest::addColumn<QString>("firstLoc");
    QTest::newRow("empty") << QByteArray() << u"missing"_s << u"body"_s;
    QTest::newRow("truncated") << QByteArray(R"({"workflow_name":)") << u"json_invalid"_s << u"body"_s;
    QTest::newRow("array") << QByteArray("[1]") << u"model_attributes_type"_s << u"body"_s;
    QTest::newRow("missing name") << QByteArray(R"({"workflow_uuid":"1","user_id":null,"params":{}})")
                                  << u"missing"_s << u"body.workflow_name"_s;
    QTest::newRow("name number") << QByteArray(R"({"workflow_name":1,"workflow_uuid":"1","user_id":null,"params":{}})")
                                 << u"string_type"_s << u"body.workflow_name"_s;
    QTest::newRow("params list") << QByteArray(R"({"workflow_name":"a","workflow_uuid":"1","user_id":null,"params":[]})")
                                 << u"dict_type"_s << u"body.params"_s;
    QTest::newRow("user_id missing") << QByteArray(R"({"workflow_name":"a","workflow_uuid":"1","params":{}})")
                                     << u"missing"_s << u"body.user_id"_s;
}

void TestProtocol::initiateRequestErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, firstType);
    QFETCH(QString, firstLoc);
    const auto result = InitiateRequest::fromBody(body);
    QVERIFY(std::holds_alternative<QJsonArray>(result));
    const QJsonObject first = std::get<QJsonArray>(result).first().toObject();
    QCOMPARE(first.value(u"type").toString(), firstType);
    QStringList loc;
    for (const QJsonValue &part : first.value(u"loc").toArray())
        if (part.isString())
            loc << part.toString();
    QCOMPARE(loc.join(u'.'), firstLoc);
    QVERIFY(!first.value(u"msg").toString().isEmpty());
}

void TestProtocol::initiatePayload()
{
    const auto ok = InitiatePayload::fromJson(
            R"({"user_id":"ac4418be-c656-4db8-ada9-b2556b5d1e02","workflow_uuid":"a1ce322f-6fee-4cbf-9eba-49fb0f6b345c","name":"simple_learning","params":{"message":"Hello"}})");
    QVERIFY2(ok.ok(), qPrintable(ok.error()));
    QCOMPARE(canonicalHexUuid(ok->workflowUuid).value(), u"a1ce322f6fee4cbf9eba49fb0f6b345c"_s);
    QCOMPARE(canonicalHexUuid(u"a1ce322f6fee4cbf9eba49fb0f6b345c"_s).value(), u"a1ce322f6fee4cbf9eba49fb0f6b345c"_s);
    QVERIFY(!canonicalHexUuid(u"1234"_s));
    QVERIFY(!InitiatePayload::fromJson(R"({"workflow_uuid":"1234","name":"x"})").ok());
    QVERIFY(!InitiatePayload::fromJson(R"({"workflow_uuid":"a1ce322f-6fee-4cbf-9eba-49fb0f6b345c"})").ok());
    QVERIFY(!InitiatePayload::fromJson("not json").ok());
    QVERIFY(!InitiatePayload::fromJson(R"({"workflow_uuid":"a1ce322f-6fee-4cbf-9eba-49fb0f6b345c","name":"x","params":3})").ok());
}

void TestProtocol::answers_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("question");
    QTest::newRow("raw") << u"algebra"_s << u"algebra"_s << QString();
    QTest::newRow("raw brace") << u"{not json"_s << u"{not json"_s << QString();
    QTest::newRow("json without msg") << uR"({"x":1})"_s << uR"({"x":1})"_s << QString();
    QTest::newRow("input response") << uR"({"msg":"geometry","question_uuid":"a1ce322f-6fee-4cbf-9eba-49fb0f6b345c"})"_s
                                    << u"geometry"_s << u"a1ce322f6fee4cbf9eba49fb0f6b345c"_s;
    QTest::newRow("msg only") << uR"({"msg":"x"})"_s << u"x"_s << QString();
}

void TestProtocol::answers()
{
    QFETCH(QString, frame);
    QFETCH(QString, text);
    QFETCH(QString, question);
    const Answer answer = Answer::fromFrame(frame);
    QCOMPARE(answer.text, text);
    QCOMPARE(answer.questionUuid.value_or(QString()), question);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
