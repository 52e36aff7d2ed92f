// The history on disk: one file per run, per server and user, written entry
// by entry, read back even after a crash cut the last line, searched, and
// exported; a secret answer never reaches it.
#include "history/HistoryStore.h"
#include "widgets/ConversationModel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

class TestHistory : public QObject
{
    Q_OBJECT
private slots:
    void recordsAsEntriesArrive();
    void survivesACutLastLine();
    void keepsServersAndUsersApart();
    void searchFindsText();
    void exportsMarkdownAndJson();
};

void TestHistory::recordsAsEntriesArrive()
{
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    ConversationModel model;
    ConversationRecorder recorder(store, u"https://example.org:8008/"_s, u"ada"_s, u"showcase"_s, &model);
    QVERIFY2(recorder.error().isEmpty(), qPrintable(recorder.error()));
    model.addMessage(Message::textMessage(u"A"_s, u"B"_s, u"first"_s));
    // On disk at once, without closing the file.
    auto read = HistoryStore::read(recorder.path());
    QVERIFY(read);
    QCOMPARE(read->entries.size(), 1);
    model.addMessage(Message::textInput(u"Workflow"_s, u"User"_s, u"Secret?"_s, {}, true));
    model.addAnswer(u"q"_s, u"s3cr3t-value"_s, true);
    read = HistoryStore::read(recorder.path());
    QCOMPARE(read->entries.size(), 3);
    QCOMPARE(read->info.workflow, u"showcase"_s);
    QCOMPARE(read->info.user, u"ada"_s);
    QCOMPARE(read->info.status, ConversationInfo::Status::Interrupted);
    QFile file(recorder.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("s3cr3t-value"));

    model.addMessage(Message::workflowCompleted(u"Workflow"_s, u"User"_s, u"done"_s));
    QCOMPARE(HistoryStore::read(recorder.path())->info.status, ConversationInfo::Status::Completed);

    // A reopened conversation shows the same entries.
    ConversationModel reopened;
    QCOMPARE(reopened.appendJson(HistoryStore::read(recorder.path())->entries), 4);
    for (int row = 0; row < 4; ++row) {
        QCOMPARE(reopened.index(row).data(ConversationModel::TypeRole), model.index(row).data(ConversationModel::TypeRole));
        QCOMPARE(reopened.index(row).data(Qt::DisplayRole), model.index(row).data(Qt::DisplayRole));
    }
}

void TestHistory::survivesACutLastLine()
{
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    ConversationModel model;
    QString path;
    {
        ConversationRecorder recorder(store, u"embedded"_s, u"ada"_s, u"w"_s, &model);
        model.addMessage(Message::textMessage(u"A"_s, u"B"_s, u"kept"_s));
        path = recorder.path();
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write(R"({"type":"text_message","kind":"Nor)"); // the app died mid-line
    file.close();
    const auto read = HistoryStore::read(path);
    QVERIFY(read);
    QCOMPARE(read->entries.size(), 1);
    QCOMPARE(store.list(u"embedded"_s, u"ada"_s).size(), 1);
}

void TestHistory::keepsServersAndUsersApart()
{
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    ConversationModel model;
    ConversationRecorder a(store, u"embedded"_s, u"ada"_s, u"w"_s, &model);
    ConversationRecorder b(store, u"embedded"_s, u"alan"_s, u"w"_s, &model);
    ConversationRecorder c(store, u"http://other:8008/"_s, u"ada"_s, u"w"_s, &model);
    QCOMPARE(store.list(u"embedded"_s, u"ada"_s).size(), 1);
    QCOMPARE(store.list(u"embedded"_s, u"alan"_s).size(), 1);
    QCOMPARE(store.list(u"http://other:8008/"_s, u"ada"_s).size(), 1);
    QCOMPARE(store.list(u"http://other:8008/"_s, u"alan"_s).size(), 0);
    // A user name cannot climb out of its folder.
    QVERIFY(store.folderFor(u"embedded"_s, u"../../etc"_s).startsWith(dir.path() + u"/embedded/"_s));
    QVERIFY(!store.folderFor(u"embedded"_s, u"../../etc"_s).contains(u"/../"_s));
}

void TestHistory::searchFindsText()
{
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    ConversationModel one;
    ConversationModel two;
    ConversationRecorder a(store, u"s"_s, u"u"_s, u"maths"_s, &one);
    ConversationRecorder b(store, u"s"_s, u"u"_s, u"cooking"_s, &two);
    one.addMessage(Message::textMessage(u"Teacher"_s, u"Student"_s, u"Integrals are areas."_s));
    two.addMessage(Message::suggestedFunctionCall(u"Chef"_s, u"Oven"_s, u"bake"_s, u"c"_s, {{u"dish"_s, u"Pizza"_s}}));
    QCOMPARE(store.search(u"s"_s, u"u"_s, u"integral"_s).size(), 1);
    QCOMPARE(store.search(u"s"_s, u"u"_s, u"pizza"_s).first().workflow, u"cooking"_s); // in the JSON details
    QCOMPARE(store.search(u"s"_s, u"u"_s, u"chef"_s).size(), 1);
    QCOMPARE(store.search(u"s"_s, u"u"_s, u"maths"_s).size(), 1);
    QCOMPARE(store.search(u"s"_s, u"u"_s, u"nothing like it"_s).size(), 0);
    QCOMPARE(store.search(u"s"_s, u"u"_s, {}).size(), 2);
}

void TestHistory::exportsMarkdownAndJson()
{
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    ConversationModel model;
    ConversationRecorder recorder(store, u"embedded"_s, u"ada"_s, u"showcase"_s, &model);
    model.addMessage(Message::textMessage(u"Teacher"_s, u"Student"_s, u"**Bold** move"_s));
    model.addMessage(Message::functionCallExecution(u"A"_s, u"B"_s, u"f"_s, {}, QJsonObject{{u"code"_s, u"```"_s}}));
    model.addAnswer(u"q"_s, u"# not a heading"_s, false);
    const auto conversation = HistoryStore::read(recorder.path());
    const QString md = conversationToMarkdown(*conversation);
    QVERIFY(md.startsWith(u"# showcase\n"_s));
    QVERIFY(md.contains(u"### Teacher → Student · text_message"_s));
    QVERIFY(md.contains(u"**Bold** move"_s));        // Markdown kept as Markdown
    QVERIFY(md.contains(u"> # not a heading"_s));    // plain text quoted
    QVERIFY(md.contains(u"````\n"_s));               // a fence longer than any inside
    const QJsonObject json = QJsonDocument::fromJson(conversationToJson(*conversation)).object();
    QCOMPARE(json.value(u"entries"_s).toArray().size(), 3);
    QCOMPARE(json.value(u"user"_s).toString(), u"ada"_s);
    QCOMPARE(json.value(u"entries"_s).toArray().at(0).toObject().value(u"body"_s).toString(), u"**Bold** move"_s);
}

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
