// The conversation model and view: every message type of PROTOCOL.md is
// rendered readably, answers to secret prompts never show, markup in
// messages is shown as text.
#include "widgets/ConversationModel.h"
#include "widgets/ConversationView.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

class TestConversationModel : public QObject
{
    Q_OBJECT
private slots:
    void everyType_data();
    void everyType();
    void headerNamesSenderAndRecipient();
    void secretAnswersAreMasked();
    void cancelledAnswerIsMarked();
    void noticesAndClear();
    void markupIsEscaped();
    void viewRendersRows();
};

void TestConversationModel::everyType_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<ConversationModel::Kind>("kind");
    QTest::addColumn<QStringList>("expected"); // fragments of DisplayRole

    QTest::newRow("text_message") << Message::textMessage(u"Student"_s, u"Teacher"_s, u"What is 2+2?"_s)
                                  << ConversationModel::Kind::Normal
                                  << QStringList{u"Student → Teacher"_s, u"What is 2+2?"_s};
    QTest::newRow("suggested_function_call")
            << Message::suggestedFunctionCall(u"Assistant"_s, u"Kitchen"_s, u"bake"_s, u"call-1"_s,
                                              {{u"minutes"_s, 12}, {u"oven"_s, u"hot"_s}})
            << ConversationModel::Kind::Call
            << QStringList{u"bake()"_s, u"call-1"_s, u"\"minutes\": 12"_s, u"\"oven\": \"hot\""_s};
    QTest::newRow("function_call_execution")
            << Message::functionCallExecution(u"Kitchen"_s, u"Assistant"_s, u"bake"_s, u"call-1"_s,
                                              QJsonObject{{u"done"_s, true}})
            << ConversationModel::Kind::Call
            << QStringList{u"bake() returned"_s, u"\"done\": true"_s};
    QTest::newRow("function_call_execution scalar")
            << Message::functionCallExecution(u"Kitchen"_s, u"Assistant"_s, u"count"_s, {}, 42)
            << ConversationModel::Kind::Call << QStringList{u"count() returned"_s, u"42"_s};
    QTest::newRow("text_input")
            << Message::textInput(u"Workflow"_s, u"User"_s, u"Your name?"_s, {u"Ada"_s, u"Alan"_s})
            << ConversationModel::Kind::Question
            << QStringList{u"Your name?"_s, u"Suggestions: Ada, Alan"_s};
    QTest::newRow("text_input password")
            << Message::textInput(u"Workflow"_s, u"User"_s, u"Your secret?"_s, {}, true)
            << ConversationModel::Kind::Question << QStringList{u"Asks for a secret"_s, u"Your secret?"_s};
    QTest::newRow("multiple_choice single")
            << Message::multipleChoice(u"Workflow"_s, u"User"_s, u"Colour?"_s,
                                       {u"red"_s, u"green"_s}, u"green"_s, true)
            << ConversationModel::Kind::Question
            << QStringList{u"choose one"_s, u"Colour?"_s, u"red"_s, u"green (default)"_s};
    QTest::newRow("multiple_choice multi")
            << Message::multipleChoice(u"Workflow"_s, u"User"_s, u"Toppings?"_s,
                                       {u"cheese"_s, u"basil"_s}, std::nullopt, false)
            << ConversationModel::Kind::Question
            << QStringList{u"choose any"_s, u"cheese"_s, u"basil"_s};
    QTest::newRow("system_message")
            << Message::systemMessage(u"Workflow"_s, u"User"_s, {{u"type"_s, u"status"_s}})
            << ConversationModel::Kind::Muted
            << QStringList{u"System message"_s, u"\"type\": \"status\""_s};
    QTest::newRow("keep_alive") << Message::keepAlive(u"Workflow"_s, u"User"_s)
                                << ConversationModel::Kind::Muted << QStringList{u"keep-alive"_s};
    QTest::newRow("workflow_started")
            << Message::workflowStarted(u"Workflow"_s, u"User"_s, u"showcase"_s,
                                        u"Every message type"_s, {{u"level"_s, 3}})
            << ConversationModel::Kind::Muted
            << QStringList{u"“showcase” started"_s, u"Every message type"_s, u"\"level\": 3"_s};
    QTest::newRow("workflow_completed text")
            << Message::workflowCompleted(u"Workflow"_s, u"User"_s, u"All done."_s)
            << ConversationModel::Kind::Result << QStringList{u"Workflow completed"_s, u"All done."_s};
    QTest::newRow("workflow_completed object")
            << Message::workflowCompleted(u"Workflow"_s, u"User"_s, QJsonObject{{u"score"_s, 9}})
            << ConversationModel::Kind::Result << QStringList{u"\"score\": 9"_s};
    QTest::newRow("workflow_completed null")
            << Message::workflowCompleted(u"Workflow"_s, u"User"_s, QJsonValue::Null)
            << ConversationModel::Kind::Result << QStringList{u"(no result)"_s};
    QTest::newRow("error") << Message::error(u"Workflow"_s, u"User"_s, u"It broke"_s,
                                             u"Traceback line 1\nline 2"_s)
                           << ConversationModel::Kind::Error
                           << QStringList{u"Error: It broke"_s, u"Traceback line 1\nline 2"_s};
}

void TestConversationModel::everyType()
{
    QFETCH(Message, message);
    QFETCH(ConversationModel::Kind, kind);
    QFETCH(QStringList, expected);

    ConversationModel model;
    model.addMessage(message);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex index = model.index(0);
    QCOMPARE(index.data(ConversationModel::KindRole).value<ConversationModel::Kind>(), kind);
    QCOMPARE(index.data(ConversationModel::TypeRole).toString(), messageTypeName(message.type));
    QCOMPARE(index.data(ConversationModel::UuidRole).toString(), message.uuid);
    const QString display = index.data().toString();
    for (const QString &fragment : expected)
        QVERIFY2(display.contains(fragment), qPrintable(u"missing “%1” in:\n%2"_s.arg(fragment, display)));
    // The rendered entry carries the same text.
    const QString html = index.data(ConversationModel::HtmlRole).toString();
    QVERIFY(html.contains(u"<table"_s));
    QVERIFY(html.contains(messageTypeName(message.type)));
}

void TestConversationModel::headerNamesSenderAndRecipient()
{
    ConversationModel model;
    model.addMessage(Message::textMessage(u"Student_Agent"_s, u"Teacher_Agent"_s, u"hi"_s));
    Message anonymous = Message::textMessage(u"x"_s, u"y"_s, u"hi"_s);
    anonymous.sender.reset();
    anonymous.recipient.reset();
    model.addMessage(anonymous);
    QCOMPARE(model.index(0).data(ConversationModel::HeaderRole).toString(),
             u"Student_Agent → Teacher_Agent"_s);
    QCOMPARE(model.index(0).data(ConversationModel::SenderRole).toString(), u"Student_Agent"_s);
    QCOMPARE(model.index(0).data(ConversationModel::RecipientRole).toString(), u"Teacher_Agent"_s);
    QVERIFY(!model.index(1).data(ConversationModel::HeaderRole).toString().isEmpty());
}

void TestConversationModel::secretAnswersAreMasked()
{
    ConversationModel model;
    model.addAnswer(u"q1"_s, u"hunter2"_s, true);
    model.addAnswer(u"q2"_s, u"Ada"_s, false);
    for (int role : {int(Qt::DisplayRole), int(ConversationModel::BodyRole), int(ConversationModel::HtmlRole),
                     int(ConversationModel::DetailRole), int(Qt::ToolTipRole)})
        QVERIFY(!model.index(0).data(role).toString().contains(u"hunter2"_s));
    QCOMPARE(model.index(0).data(ConversationModel::BodyRole).toString(), u"••••••"_s);
    QCOMPARE(model.index(0).data(ConversationModel::KindRole).value<ConversationModel::Kind>(),
             ConversationModel::Kind::Answer);
    QCOMPARE(model.index(1).data(ConversationModel::BodyRole).toString(), u"Ada"_s);
}

void TestConversationModel::cancelledAnswerIsMarked()
{
    ConversationModel model;
    model.addAnswer(u"q1"_s, QString(), false, true);
    const QString body = model.index(0).data(ConversationModel::BodyRole).toString();
    QVERIFY(body.contains(u"Cancelled"_s));
    QVERIFY(body.contains(u"(empty answer)"_s));
}

void TestConversationModel::noticesAndClear()
{
    ConversationModel model;
    model.addNotice(u"The connection was lost."_s, true);
    model.addNotice(u"Starting…"_s, false);
    QCOMPARE(model.index(0).data(ConversationModel::KindRole).value<ConversationModel::Kind>(),
             ConversationModel::Kind::Error);
    QCOMPARE(model.index(1).data(ConversationModel::KindRole).value<ConversationModel::Kind>(),
             ConversationModel::Kind::Muted);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestConversationModel::markupIsEscaped()
{
    ConversationModel model;
    model.addMessage(Message::textMessage(u"<b>Mallory</b>"_s, u"User"_s,
                                          u"<img src=x onerror=alert(1)> & <a href='http://evil'>x</a>"_s));
    const QString html = model.index(0).data(ConversationModel::HtmlRole).toString();
    QVERIFY(!html.contains(u"<img"_s));
    QVERIFY(!html.contains(u"<a href"_s));
    QVERIFY(!html.contains(u"<b>Mallory"_s));
    QVERIFY(html.contains(u"&lt;img"_s));
}

void TestConversationModel::viewRendersRows()
{
    ConversationModel model;
    ConversationView view;
    view.setModel(&model);
    view.resize(600, 400);
    view.show();
    model.addMessage(Message::textMessage(u"Student"_s, u"Teacher"_s, u"first words"_s));
    model.addMessage(Message::error(u"Workflow"_s, u"User"_s, u"Broken"_s, u"long story"_s));
    model.addAnswer(u"q"_s, u"topsecret"_s, true);
    const QString text = view.toPlainText();
    QVERIFY(text.contains(u"first words"_s));
    QVERIFY(text.contains(u"Student → Teacher"_s));
    QVERIFY(text.contains(u"long story"_s));
    QVERIFY(text.contains(u"••••••"_s));
    QVERIFY(!text.contains(u"topsecret"_s));
    model.clear();
    QVERIFY(view.toPlainText().trimmed().isEmpty());
}

QTEST_MAIN(TestConversationModel)
#include "tst_conversationmodel.moc"
