// The question dialogs: each kind, defaults preselected, secrets masked,
// suggestions one click away, cancel answered (never a hung run), shown
// without exec() so the event loop keeps running.
#include "widgets/AskDialog.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace agentdesk;
using namespace Qt::StringLiterals;

class TestAskDialog : public QObject
{
    Q_OBJECT
private slots:
    void textInputTyped();
    void suggestionOneClickAway();
    void suggestionDoubleClickSends();
    void passwordIsMasked();
    void singleChoiceDefaultPreselected();
    void singleChoiceWithoutDefaultNeedsAPick();
    void multiChoiceDefaultAndSeveralPicks();
    void ampersandInChoices();
    void cancel_data();
    void cancel();
    void answersOnlyOnce();
    void isNotModalAndDoesNotBlock();

private:
    static QPointer<AskDialog> open(const Message &question);
};

// Where a user clicks a radio button or check box: on its indicator (the
// widget's centre may be past the end of a short label).
static void clickChoice(QAbstractButton *button)
{
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(6, button->height() / 2));
}

QPointer<AskDialog> TestAskDialog::open(const Message &question)
{
    auto *dialog = new AskDialog(question);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog))
        qWarning("dialog not exposed");
    return dialog;
}

void TestAskDialog::textInputTyped()
{
    const Message q = Message::textInput(u"Workflow"_s, u"User"_s, u"What is your name?"_s);
    QPointer<AskDialog> dialog = open(q);
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    QCOMPARE(dialog->findChild<QLabel *>(u"promptLabel"_s)->text(), u"What is your name?"_s);
    QVERIFY(!dialog->findChild<QListWidget *>(u"suggestionList"_s));
    auto *edit = dialog->findChild<QLineEdit *>(u"answerEdit"_s);
    QVERIFY(edit);
    QCOMPARE(edit->echoMode(), QLineEdit::Normal);
    QTest::keyClicks(edit, u"Ada Lovelace"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(0).toString(), q.uuid);
    QCOMPARE(answered.at(0).at(1).toString(), u"Ada Lovelace"_s);
    QCOMPARE(answered.at(0).at(2).toBool(), false); // not secret
    QCOMPARE(answered.at(0).at(3).toBool(), false); // not cancelled
    QTRY_VERIFY(!dialog); // deleted on close
}

void TestAskDialog::suggestionOneClickAway()
{
    const Message q = Message::textInput(u"Workflow"_s, u"User"_s, u"Name?"_s,
                                         {u"Ada"_s, u"Alan"_s, u"Grace"_s});
    QPointer<AskDialog> dialog = open(q);
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    auto *list = dialog->findChild<QListWidget *>(u"suggestionList"_s);
    QVERIFY(list);
    QCOMPARE(list->count(), 3);
    QListWidgetItem *grace = list->item(2);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(grace).center());
    QCOMPARE(dialog->findChild<QLineEdit *>(u"answerEdit"_s)->text(), u"Grace"_s);
    QTest::keyClick(dialog->findChild<QLineEdit *>(u"answerEdit"_s), Qt::Key_Return);
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(1).toString(), u"Grace"_s);
}

void TestAskDialog::suggestionDoubleClickSends()
{
    const Message q = Message::textInput(u"Workflow"_s, u"User"_s, u"Name?"_s, {u"Ada"_s, u"Alan"_s});
    QPointer<AskDialog> dialog = open(q);
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    auto *list = dialog->findChild<QListWidget *>(u"suggestionList"_s);
    const QPoint where = list->visualItemRect(list->item(1)).center();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, where);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, where);
    QTRY_COMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(1).toString(), u"Alan"_s);
}

void TestAskDialog::passwordIsMasked()
{
    // Suggestions on a secret prompt are not displayed.
    const Message q = Message::textInput(u"Workflow"_s, u"User"_s, u"Passphrase?"_s, {u"leak"_s}, true);
    QPointer<AskDialog> dialog = open(q);
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    QVERIFY(dialog->isSecret());
    auto *edit = dialog->findChild<QLineEdit *>(u"answerEdit"_s);
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QVERIFY(!dialog->findChild<QListWidget *>(u"suggestionList"_s));
    QTest::keyClicks(edit, u"s3cret!"_s);
    QVERIFY(edit->displayText() != u"s3cret!"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(1).toString(), u"s3cret!"_s);
    QCOMPARE(answered.at(0).at(2).toBool(), true);
}

void TestAskDialog::singleChoiceDefaultPreselected()
{
    const Message q = Message::multipleChoice(u"Workflow"_s, u"User"_s, u"Colour?"_s,
                                              {u"red"_s, u"green"_s, u"blue"_s}, u"green"_s, true);
    QPointer<AskDialog> dialog = open(q);
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    const auto radios = dialog->findChildren<QRadioButton *>();
    QCOMPARE(radios.size(), 3);
    QVERIFY(dialog->findChildren<QCheckBox *>().isEmpty());
    auto *green = dialog->findChild<QRadioButton *>(u"choiceButton_1"_s);
    QVERIFY(green->isChecked());
    QCOMPARE(dialog->currentAnswer(), u"green"_s);
    auto *blue = dialog->findChild<QRadioButton *>(u"choiceButton_2"_s);
    clickChoice(blue);
    QVERIFY(!green->isChecked());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(1).toString(), u"blue"_s);
}

void TestAskDialog::singleChoiceWithoutDefaultNeedsAPick()
{
    const Message q = Message::multipleChoice(u"Workflow"_s, u"User"_s, u"Pick"_s,
                                              {u"a"_s, u"b"_s}, std::nullopt, true);
    QPointer<AskDialog> dialog = open(q);
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    auto *ok = dialog->findChild<QPushButton *>(u"okButton"_s);
    QVERIFY(!ok->isEnabled());
    dialog->accept(); // ignored: nothing chosen
    QCOMPARE(answered.size(), 0);
    clickChoice(dialog->findChild<QRadioButton *>(u"choiceButton_0"_s));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(1).toString(), u"a"_s);
}

void TestAskDialog::multiChoiceDefaultAndSeveralPicks()
{
    const Message q = Message::multipleChoice(u"Workflow"_s, u"User"_s, u"Toppings?"_s,
                                              {u"cheese"_s, u"tomato"_s, u"basil"_s, u"olives"_s},
                                              u"cheese"_s, false);
    QPointer<AskDialog> dialog = open(q);
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    QCOMPARE(dialog->findChildren<QCheckBox *>().size(), 4);
    QVERIFY(dialog->findChildren<QRadioButton *>().isEmpty());
    QVERIFY(dialog->findChild<QCheckBox *>(u"choiceButton_0"_s)->isChecked());
    clickChoice(dialog->findChild<QCheckBox *>(u"choiceButton_2"_s));
    clickChoice(dialog->findChild<QCheckBox *>(u"choiceButton_3"_s));
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(1).toString(), u"cheese, basil, olives"_s);
}

void TestAskDialog::ampersandInChoices()
{
    const Message q = Message::multipleChoice(u"Workflow"_s, u"User"_s, u"?"_s,
                                              {u"salt & pepper"_s, u"none"_s}, u"salt & pepper"_s, true);
    QPointer<AskDialog> dialog = open(q);
    QCOMPARE(dialog->currentAnswer(), u"salt & pepper"_s);
    dialog->close();
}

void TestAskDialog::cancel_data()
{
    QTest::addColumn<Message>("question");
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("expected");

    const Message text = Message::textInput(u"Workflow"_s, u"User"_s, u"Name?"_s, {u"Ada"_s});
    const Message secret = Message::textInput(u"Workflow"_s, u"User"_s, u"Secret?"_s, {}, true);
    const Message single = Message::multipleChoice(u"Workflow"_s, u"User"_s, u"?"_s,
                                                   {u"red"_s, u"green"_s}, u"green"_s, true);
    const Message noDefault = Message::multipleChoice(u"Workflow"_s, u"User"_s, u"?"_s,
                                                      {u"red"_s, u"green"_s}, std::nullopt, true);
    const Message multi = Message::multipleChoice(u"Workflow"_s, u"User"_s, u"?"_s,
                                                  {u"a"_s, u"b"_s}, u"b"_s, false);
    for (const QString &how : {u"button"_s, u"escape"_s, u"close"_s}) {
        QTest::addRow("text %s", qPrintable(how)) << text << how << QString();
        QTest::addRow("secret %s", qPrintable(how)) << secret << how << QString();
        QTest::addRow("single %s", qPrintable(how)) << single << how << u"green"_s;
        QTest::addRow("single no default %s", qPrintable(how)) << noDefault << how << QString();
        QTest::addRow("multi %s", qPrintable(how)) << multi << how << u"b"_s;
    }
}

void TestAskDialog::cancel()
{
    QFETCH(Message, question);
    QFETCH(QString, how);
    QFETCH(QString, expected);
    QPointer<AskDialog> dialog = open(question);
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    // Typing something and then cancelling still sends the cancel answer.
    if (auto *edit = dialog->findChild<QLineEdit *>(u"answerEdit"_s))
        QTest::keyClicks(edit, u"half-typed"_s);
    if (how == u"button")
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    else if (how == u"escape")
        QTest::keyClick(dialog.data(), Qt::Key_Escape);
    else
        dialog->close();
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(1).toString(), expected);
    QCOMPARE(answered.at(0).at(3).toBool(), true);
    QTRY_VERIFY(!dialog);
}

void TestAskDialog::answersOnlyOnce()
{
    QPointer<AskDialog> dialog = open(Message::textInput(u"W"_s, u"U"_s, u"?"_s));
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    dialog->accept();
    dialog->reject();
    QCOMPARE(answered.size(), 1);
}

void TestAskDialog::isNotModalAndDoesNotBlock()
{
    QPointer<AskDialog> dialog = open(Message::textInput(u"W"_s, u"U"_s, u"?"_s));
    QVERIFY(!dialog->isModal());
    QCOMPARE(dialog->windowModality(), Qt::NonModal);
    // The event loop runs while the dialog is open: a timer fires and answers it.
    QSignalSpy answered(dialog.data(), &AskDialog::answered);
    QTimer::singleShot(0, dialog.data(), [dialog] {
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"answerEdit"_s), u"from a timer"_s);
        dialog->accept();
    });
    QTRY_COMPARE(answered.size(), 1);
    QCOMPARE(answered.at(0).at(1).toString(), u"from a timer"_s);
}

QTEST_MAIN(TestAskDialog)
#include "tst_askdialog.moc"
