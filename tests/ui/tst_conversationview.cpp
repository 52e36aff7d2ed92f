// The conversation view: Markdown bodies with code in monospace, text that
// can be selected and copied, every kind of entry drawn its own way, cards
// that fold, a palette that is respected, the newest entry followed, and the
// "working…" state of a run that asks nothing.
#include "DarkPalette.h"
#include "widgets/AskDialog.h"
#include "widgets/ConversationDelegate.h"
#include "widgets/ConversationModel.h"
#include "widgets/ConversationView.h"
#include "widgets/RunTab.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonObject>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>

using namespace agentdesk;
using namespace Qt::StringLiterals;
using agentdesk::test::darkPalette;

namespace {

QJsonObject longArguments()
{
    QJsonObject object;
    for (int i = 0; i < 12; ++i)
        object.insert(u"key%1"_s.arg(i, 2, 10, QChar(u'0')), i);
    return object;
}

} // namespace

class TestConversationView : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void markdownIsRenderedAndCodeIsMonospace();
    void rawHtmlIsShownAsText();
    void textCanBeSelected();
    void copyMessageWithShortcutAndMenu();
    void kindsAreDrawnDistinctly();
    void answersSitOnTheRight();
    void callCardsFold();
    void errorLongTextOnDemand();
    void darkPaletteIsRespected();
    void followsTheNewestEntryUnlessScrolledUp();
    void layoutCacheStaysBounded();
    void workingStateWhileNothingIsAsked();

private:
    std::unique_ptr<ConversationModel> m_model;
    std::unique_ptr<ConversationView> m_view;
    QImage render();
    QColor fillOf(int row);
};

void TestConversationView::init()
{
    m_view.reset();
    m_model = std::make_unique<ConversationModel>();
    m_view = std::make_unique<ConversationView>();
    m_view->setModel(m_model.get());
    m_view->resize(800, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

QImage TestConversationView::render()
{
    m_view->doItemsLayout();
    QImage image(m_view->viewport()->size(), QImage::Format_ARGB32);
    m_view->viewport()->render(&image);
    return image;
}

QColor TestConversationView::fillOf(int row)
{
    const QModelIndex index = m_model->index(row);
    m_view->scrollTo(index, QAbstractItemView::PositionAtTop);
    const QImage image = render();
    QStyleOptionViewItem option;
    option.initFrom(m_view->viewport());
    option.widget = m_view.get();
    option.rect = m_view->visualRect(index);
    const QRect frame = m_view->conversationDelegate()->frameRect(option, index);
    // Just inside the frame's top-left corner, below the border, left of the text.
    return image.pixelColor(frame.left() + 5, frame.top() + frame.height() / 2);
}

void TestConversationView::markdownIsRenderedAndCodeIsMonospace()
{
    m_model->addMessage(Message::textMessage(u"Teacher"_s, u"Student"_s,
                                             u"A **bold** claim and `x = 1`.\n\n```\nprint(42)\n```"_s));
    m_view->setCurrentIndex(m_model->index(0));
    m_view->selectTextOfCurrent();
    auto *selector = m_view->findChild<QTextBrowser *>(u"messageTextSelector"_s);
    QVERIFY(selector);
    QTextDocument *doc = selector->document();
    const QString text = doc->toPlainText();
    QVERIFY2(!text.contains(u"**"_s), qPrintable(text)); // rendered, not shown raw
    QVERIFY(text.contains(u"print(42)"_s));
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    bool boldSeen = false, inlineCodeMono = false, blockCodeMono = false;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.text() == u"bold" && f.charFormat().fontWeight() >= QFont::Bold)
                boldSeen = true;
            if (f.text().contains(u"x = 1"_s) && f.charFormat().fontFamilies().toStringList().contains(mono))
                inlineCodeMono = true;
            if (f.text().contains(u"print(42)"_s) && f.charFormat().fontFamilies().toStringList().contains(mono))
                blockCodeMono = true;
        }
    }
    QVERIFY(boldSeen);
    QVERIFY(inlineCodeMono);
    QVERIFY(blockCodeMono);
}

void TestConversationView::rawHtmlIsShownAsText()
{
    m_model->addMessage(Message::textMessage(u"Mallory"_s, u"User"_s,
                                             u"<img src=\"file:///etc/passwd\"> and <b>loud</b>"_s));
    m_view->setCurrentIndex(m_model->index(0));
    m_view->selectTextOfCurrent();
    auto *selector = m_view->findChild<QTextBrowser *>(u"messageTextSelector"_s);
    QVERIFY(selector);
    const QString html = selector->document()->toHtml();
    QVERIFY(!html.contains(u"<img"_s));
    QVERIFY(selector->document()->toPlainText().contains(u"<b>loud</b>"_s));
}

void TestConversationView::textCanBeSelected()
{
    m_model->addMessage(Message::textMessage(u"A"_s, u"B"_s, u"Select part of this sentence."_s));
    m_view->doItemsLayout();
    const QRect rect = m_view->visualRect(m_model->index(0));
    // A double click, as a user makes it: press, release, press, double-click.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, rect.center());
    auto *selector = m_view->findChild<QTextBrowser *>(u"messageTextSelector"_s);
    QVERIFY(selector);
    QVERIFY(selector->isVisible());
    QVERIFY(selector->isReadOnly());
    QVERIFY(selector->textInteractionFlags() & Qt::TextSelectableByMouse);
    QTextCursor cursor(selector->document());
    cursor.setPosition(7);
    cursor.setPosition(11, QTextCursor::KeepAnchor);
    selector->setTextCursor(cursor);
    selector->copy();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"part"_s);
    // Editing leaves the model alone.
    QTest::keyClick(selector, Qt::Key_Escape);
    QCOMPARE(m_model->index(0).data(ConversationModel::TextRole).toString(), u"Select part of this sentence."_s);
}

void TestConversationView::copyMessageWithShortcutAndMenu()
{
    m_model->addMessage(Message::textMessage(u"Student"_s, u"Teacher"_s, u"first words"_s));
    m_model->addMessage(Message::textMessage(u"Teacher"_s, u"Student"_s, u"second words"_s));
    QGuiApplication::clipboard()->clear();
    m_view->setFocus();
    m_view->setCurrentIndex(m_model->index(1));
    QTest::keySequence(m_view.get(), QKeySequence::Copy);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(copied.contains(u"second words"_s), qPrintable(copied));
    QVERIFY(copied.contains(u"Teacher → Student"_s));
    QVERIFY(!copied.contains(u"first words"_s));

    // The context menu offers the same, and copying the whole conversation.
    QGuiApplication::clipboard()->clear();
    bool sawMenu = false;
    QTimer::singleShot(100, this, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        sawMenu = true;
        QStringList names;
        for (QAction *action : menu->actions())
            names.append(action->objectName());
        QVERIFY(names.contains(u"copyMessageAction"_s));
        QVERIFY(names.contains(u"copyAllAction"_s));
        QVERIFY(names.contains(u"selectTextAction"_s));
        for (QAction *action : menu->actions()) {
            if (action->objectName() == u"copyMessageAction")
                menu->setActiveAction(action);
        }
        QTest::keyClick(menu, Qt::Key_Return);
    });
    const QRect first = m_view->visualRect(m_model->index(0));
    QContextMenuEvent event(QContextMenuEvent::Mouse, first.center(), m_view->viewport()->mapToGlobal(first.center()));
    QApplication::sendEvent(m_view->viewport(), &event);
    QVERIFY(sawMenu);
    QTRY_VERIFY(QGuiApplication::clipboard()->text().contains(u"first words"_s));
}

void TestConversationView::kindsAreDrawnDistinctly()
{
    m_model->addMessage(Message::textMessage(u"Student"_s, u"Teacher"_s, u"a turn"_s));           // Normal
    m_model->addMessage(Message::suggestedFunctionCall(u"A"_s, u"B"_s, u"f"_s, u"c1"_s, {}));     // Call
    m_model->addMessage(Message::textInput(u"Workflow"_s, u"User"_s, u"Name?"_s, {}));            // Question
    m_model->addAnswer(u"q"_s, u"Ada"_s, false);                                                   // Answer
    m_model->addMessage(Message::error(u"Workflow"_s, u"User"_s, u"Broken"_s, {}));               // Error
    m_model->addMessage(Message::workflowCompleted(u"Workflow"_s, u"User"_s, u"Done"_s));         // Result
    m_model->addMessage(Message::keepAlive(u"Workflow"_s, u"User"_s));                            // Muted
    m_view->resize(800, 1400);
    QList<QRgb> fills;
    for (int row = 0; row < m_model->rowCount(); ++row)
        fills.append(fillOf(row).rgb());
    // Six kinds with a background of their own, all different; muted has none.
    const QRgb base = m_view->palette().color(QPalette::Base).rgb();
    for (int row = 0; row < 6; ++row) {
        QVERIFY2(fills.at(row) != base, qPrintable(u"row %1 has no background"_s.arg(row)));
        for (int other = row + 1; other < 6; ++other)
            QVERIFY2(fills.at(row) != fills.at(other), qPrintable(u"rows %1 and %2 look alike"_s.arg(row).arg(other)));
    }
    QCOMPARE(fills.at(6), base);
}

void TestConversationView::answersSitOnTheRight()
{
    m_model->addMessage(Message::textMessage(u"Student"_s, u"Teacher"_s, u"hello"_s));
    m_model->addAnswer(u"q"_s, u"Ada"_s, false);
    m_model->addMessage(Message::functionCallExecution(u"A"_s, u"B"_s, u"f"_s, {}, 1));
    m_view->doItemsLayout();
    QStyleOptionViewItem option;
    option.initFrom(m_view->viewport());
    option.widget = m_view.get();
    const auto frame = [&](int row) {
        option.rect = m_view->visualRect(m_model->index(row));
        return m_view->conversationDelegate()->frameRect(option, m_model->index(row));
    };
    const int width = m_view->viewport()->width();
    QVERIFY(frame(0).left() < 20 && frame(0).right() < width / 2);  // a bubble, on the left
    QVERIFY(frame(1).left() > width / 2 && frame(1).right() > width - 20); // the user's, on the right
    QVERIFY(frame(2).left() < 20 && frame(2).right() > width - 20); // a card, full width
}

void TestConversationView::callCardsFold()
{
    m_model->addMessage(Message::suggestedFunctionCall(u"A"_s, u"B"_s, u"short"_s, u"c1"_s, {{u"x"_s, 1}}));
    m_model->addMessage(Message::suggestedFunctionCall(u"A"_s, u"B"_s, u"long"_s, u"c2"_s, longArguments()));
    QVERIFY(m_model->index(0).data(ConversationModel::ExpandedRole).toBool()); // short JSON: open
    QVERIFY(!m_model->index(1).data(ConversationModel::ExpandedRole).toBool()); // long: folded
    m_view->doItemsLayout();
    const QModelIndex index = m_model->index(1);
    const int folded = m_view->visualRect(index).height();

    QStyleOptionViewItem option;
    option.initFrom(m_view->viewport());
    option.widget = m_view.get();
    option.rect = m_view->visualRect(index);
    const QRect toggle = m_view->conversationDelegate()->toggleRect(option, index);
    QVERIFY(!toggle.isEmpty());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, toggle.center());
    QVERIFY(index.data(ConversationModel::ExpandedRole).toBool());
    QTRY_VERIFY(m_view->visualRect(index).height() > folded + 100); // twelve lines of JSON
    // The keyboard folds it again.
    m_view->setFocus();
    m_view->setCurrentIndex(index);
    QTest::keyClick(m_view.get(), Qt::Key_Space);
    QVERIFY(!index.data(ConversationModel::ExpandedRole).toBool());
    QTRY_COMPARE(m_view->visualRect(index).height(), folded);
}

void TestConversationView::errorLongTextOnDemand()
{
    m_model->addMessage(Message::error(u"Workflow"_s, u"User"_s, u"Broken"_s, u"Traceback line one\nline two"_s));
    const QModelIndex index = m_model->index(0);
    QVERIFY(index.data(ConversationModel::CollapsibleRole).toBool());
    QVERIFY(!index.data(ConversationModel::ExpandedRole).toBool());
    m_view->setCurrentIndex(index);
    m_view->selectTextOfCurrent();
    auto *selector = m_view->findChild<QTextBrowser *>(u"messageTextSelector"_s);
    QVERIFY(selector);
    QVERIFY(selector->document()->toPlainText().contains(u"Error: Broken"_s));
    QVERIFY(!selector->document()->toPlainText().contains(u"Traceback"_s));
    QTest::keyClick(selector, Qt::Key_Escape);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(!m_view->findChild<QTextBrowser *>(u"messageTextSelector"_s));
    m_view->toggleCurrentDetails();
    m_view->selectTextOfCurrent();
    selector = m_view->findChild<QTextBrowser *>(u"messageTextSelector"_s);
    QVERIFY(selector);
    QTRY_VERIFY(selector->document()->toPlainText().contains(u"Traceback line one"_s));
}

void TestConversationView::darkPaletteIsRespected()
{
    m_view->setPalette(darkPalette());
    m_model->addMessage(Message::textMessage(u"Student"_s, u"Teacher"_s, u"in the dark"_s));
    m_model->addMessage(Message::error(u"Workflow"_s, u"User"_s, u"Broken"_s, {}));
    m_model->addMessage(Message::workflowCompleted(u"Workflow"_s, u"User"_s, u"Done"_s));
    for (int row = 0; row < 3; ++row) {
        const QColor fill = fillOf(row);
        QVERIFY2(fill.lightnessF() < 0.3, qPrintable(u"row %1 is light: %2"_s.arg(row).arg(fill.name())));
    }
    // And light text on it somewhere in the bubble.
    const QImage image = render();
    bool lightText = false;
    const QRect rect = m_view->visualRect(m_model->index(0));
    for (int y = rect.top(); y < rect.bottom() && !lightText; ++y) {
        for (int x = rect.left(); x < rect.left() + 200 && !lightText; ++x)
            lightText = image.pixelColor(x, y).lightnessF() > 0.75;
    }
    QVERIFY(lightText);
}

void TestConversationView::followsTheNewestEntryUnlessScrolledUp()
{
    QList<Message> many;
    for (int i = 0; i < 200; ++i)
        many.append(Message::textMessage(u"A"_s, u"B"_s, u"message %1"_s.arg(i)));
    m_model->addMessages(many);
    QScrollBar *bar = m_view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
    m_model->addMessage(Message::textMessage(u"A"_s, u"B"_s, u"newest"_s));
    QTRY_VERIFY(bar->value() == bar->maximum());
    QVERIFY(m_view->isFollowing());

    bar->setValue(bar->maximum() / 2);
    const int reading = bar->value();
    QVERIFY(!m_view->isFollowing());
    m_model->addMessage(Message::textMessage(u"A"_s, u"B"_s, u"while reading"_s));
    QTest::qWait(50);
    QCOMPARE(bar->value(), reading);
}

void TestConversationView::layoutCacheStaysBounded()
{
    QList<Message> many;
    for (int i = 0; i < 3000; ++i)
        many.append(Message::textMessage(u"A"_s, u"B"_s, u"**message** %1"_s.arg(i)));
    m_model->addMessages(many);
    m_view->doItemsLayout();
    render();
    QVERIFY(m_view->conversationDelegate()->cachedDocuments() <= 400);
    QCOMPARE(m_view->toPlainText().count(u"message"_s), 3000);
}

void TestConversationView::workingStateWhileNothingIsAsked()
{
    RunTab tab(u"showcase"_s, u"t1"_s);
    tab.resize(600, 400);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    tab.setState(RunTab::State::Connecting, u"Connecting…"_s);
    QVERIFY(tab.isWorkingShown());
    tab.setState(RunTab::State::Running, u"Running…"_s);
    auto *working = tab.findChild<QWidget *>(u"workingIndicator"_s);
    QVERIFY(working->isVisible());

    tab.askQuestion(Message::textInput(u"Workflow"_s, u"User"_s, u"Name?"_s, {}));
    QVERIFY(!working->isVisible()); // the user is asked: not "working"
    QVERIFY(tab.title().endsWith(u"?"_s));
    AskDialog *ask = tab.openQuestions().value(0);
    QVERIFY(ask);
    QTest::mouseClick(ask->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    QTRY_VERIFY(working->isVisible());

    tab.setState(RunTab::State::Finished, u"Workflow completed."_s);
    QVERIFY(!working->isVisible());
    QVERIFY(tab.title().endsWith(u"✓"_s));
}

QTEST_MAIN(TestConversationView)
#include "tst_conversationview.moc"
