// The main window without a server: runs in tabs of their own, closing a
// running one asks first, questions notify when the window is in the
// background, shortcuts, the About and Settings dialogs, accessible names,
// SVG icons and a dark palette.
#include "DarkPalette.h"
#include "AppSettings.h"
#include "Translations.h"
#include "widgets/AboutDialog.h"
#include "widgets/AskDialog.h"
#include "widgets/ConversationModel.h"
#include "widgets/ConversationView.h"
#include "widgets/HistoryDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/Notifier.h"
#include "widgets/RunTab.h"
#include "widgets/SettingsDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QDialogButtonBox>
#include <QStatusBar>
#include <QTest>
#include <QTranslator>

using namespace agentdesk;
using namespace Qt::StringLiterals;
using agentdesk::test::darkPalette;

namespace {

// Every control a user can reach has a name a screen reader can say.
QStringList unnamedControls(QWidget *root)
{
    QStringList missing;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(root) || w->focusPolicy() == Qt::NoFocus)
            continue;
        if (w->objectName().startsWith(u"qt_"_s) || w->inherits("QScrollBar") || w->inherits("QTabBar")
            || w->inherits("QToolButton") || w->inherits("QMenuBar") || w->inherits("QLabel"))
            continue; // Qt names these itself (tab titles, action texts, label texts)
        QString name = w->accessibleName();
        if (auto *button = qobject_cast<QAbstractButton *>(w); button && name.isEmpty())
            name = button->text();
        if (name.isEmpty())
            missing.append(QString::fromLatin1(w->metaObject()->className()) + u'#' + w->objectName());
    }
    return missing;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void eachRunHasItsOwnTab();
    void closingARunningTabAsksFirst();
    void questionNotifiesInTheBackground();
    void shortcuts();
    void aboutShowsTheVersion();
    void settingsAreSavedAndApplied();
    void controlsHaveAccessibleNames();
    void iconsAreSvgInThePaletteColour();
    void bannerFollowsTheDarkPalette();
    void germanTranslationIsCompiledIn();

private:
    std::unique_ptr<MainWindow> m_window;
    MainWindow *makeWindow();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"agentdesk-test"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    QSettings().clear();
}

MainWindow *TestMainWindow::makeWindow()
{
    m_window = std::make_unique<MainWindow>();
    m_window->setWorkflows({{u"showcase"_s, u"Every message type"_s}, {u"other"_s, u"Another"_s}});
    m_window->show();
    [&] { QVERIFY(QTest::qWaitForWindowExposed(m_window.get())); }();
    return m_window.get();
}

void TestMainWindow::eachRunHasItsOwnTab()
{
    MainWindow *window = makeWindow();
    auto *tabs = window->findChild<QTabWidget *>(u"runTabs"_s);
    RunTab *a = window->addRun(u"showcase"_s, u"a"_s);
    a->setState(RunTab::State::Running);
    a->conversation()->addMessage(Message::textMessage(u"A"_s, u"B"_s, u"only in a"_s));
    RunTab *b = window->addRun(u"other"_s, u"b"_s);
    b->setState(RunTab::State::Running);
    QCOMPARE(tabs->count(), 2);
    QCOMPARE(window->currentRun(), b);
    QCOMPARE(window->conversation(), b->conversation());
    QCOMPARE(b->conversation()->rowCount(), 0);

    // A question in a stays with a: hidden while b is in front, the tab's
    // title saying a waits for the user; shown when a is.
    QSignalSpy answers(window, &MainWindow::answerGiven);
    a->askQuestion(Message::textInput(u"Workflow"_s, u"User"_s, u"For a?"_s, {}));
    QCOMPARE(a->openQuestions().size(), 1);
    QVERIFY(b->openQuestions().isEmpty());
    QVERIFY(b->isWorkingShown());
    QVERIFY(!a->isWorkingShown());
    QVERIFY(tabs->tabText(0).endsWith(u"?"_s));
    AskDialog *ask = a->openQuestions().first();
    QVERIFY(!ask->isVisible());
    tabs->setCurrentIndex(0);
    QTRY_VERIFY(ask->isVisible());
    tabs->setCurrentIndex(1);
    QTRY_VERIFY(!ask->isVisible());
    QCOMPARE(a->openQuestions().size(), 1); // hidden, still waiting
    tabs->setCurrentIndex(0);
    QTRY_VERIFY(ask->isVisible());
    QTest::keyClicks(ask->findChild<QLineEdit *>(u"answerEdit"_s), u"yes"_s);
    QTest::mouseClick(ask->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.at(0).at(0).toString(), u"a"_s); // the tag of the tab that asked
    QCOMPARE(answers.at(0).at(2).toString(), u"yes"_s);

    // Switching tabs switches everything.
    tabs->setCurrentIndex(0);
    QCOMPARE(window->conversation(), a->conversation());
    QVERIFY(window->isRunning());
    a->setState(RunTab::State::Finished);
    QVERIFY(!window->isRunning());
    QVERIFY(window->hasRunningRuns()); // b still runs
}

void TestMainWindow::closingARunningTabAsksFirst()
{
    MainWindow *window = makeWindow();
    QSignalSpy closed(window, &MainWindow::runClosed);
    RunTab *running = window->addRun(u"showcase"_s, u"r"_s);
    running->setState(RunTab::State::Running);

    // "Keep running": nothing happens.
    window->action(u"closeRunAction"_s)->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(u"confirmCloseRun"_s)) && box->isVisible());
    QVERIFY(box->text().contains(u"showcase"_s));
    QTest::mouseClick(box->findChild<QPushButton *>(u"keepRunningButton"_s), Qt::LeftButton);
    QCOMPARE(closed.size(), 0);
    QCOMPARE(window->runs().size(), 1);

    // "Stop and close": the tab goes and the controller hears of it.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    auto *tabs = window->findChild<QTabWidget *>(u"runTabs"_s);
    emit tabs->tabCloseRequested(0);
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(u"confirmCloseRun"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmCloseButton"_s), Qt::LeftButton);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), u"r"_s);
    QVERIFY(window->runs().isEmpty());

    // A finished run closes without a question.
    RunTab *done = window->addRun(u"showcase"_s, u"d"_s);
    done->setState(RunTab::State::Finished);
    window->action(u"closeRunAction"_s)->trigger();
    QCOMPARE(closed.size(), 2);
    QVERIFY(!window->findChild<QMessageBox *>(u"confirmCloseRun"_s) || !window->findChild<QMessageBox *>(u"confirmCloseRun"_s)->isVisible());
}

void TestMainWindow::questionNotifiesInTheBackground()
{
    MainWindow *window = makeWindow();
    QSignalSpy notified(window->notifier(), &Notifier::notified);
    RunTab *tab = window->addRun(u"showcase"_s, u"n"_s);
    tab->setState(RunTab::State::Running);

    // In front: no notification.
    QApplication::setActiveWindow(window);
    QTRY_VERIFY(window->isActiveWindow());
    tab->askQuestion(Message::textInput(u"Teacher"_s, u"User"_s, u"Ready?"_s, {}));
    QCOMPARE(notified.size(), 0);
    tab->closeQuestions();

    // In the background: one, naming who asks and what.
    QApplication::setActiveWindow(nullptr);
    QTRY_VERIFY(!QApplication::activeWindow());
    tab->askQuestion(Message::textInput(u"Teacher"_s, u"User"_s, u"Still there?"_s, {}));
    QTRY_COMPARE(notified.size(), 1);
    QVERIFY(notified.at(0).at(0).toString().contains(u"Teacher"_s));
    QCOMPARE(notified.at(0).at(1).toString(), u"Still there?"_s);
    // No session bus here (tests/ui/CMakeLists.txt) and offscreen no system
    // tray: the window asks for attention instead (tst_notifications has the
    // desktop notifications).
    QCOMPARE(notified.at(0).at(2).value<Notifier::Method>(), Notifier::Method::Alert);
    tab->closeQuestions();

    // Turned off in the settings: none.
    window->notifier()->setEnabled(false);
    QApplication::setActiveWindow(nullptr);
    tab->askQuestion(Message::textInput(u"Teacher"_s, u"User"_s, u"Hello?"_s, {}));
    QCOMPARE(notified.size(), 1);
}

void TestMainWindow::shortcuts()
{
    MainWindow *window = makeWindow();
    QApplication::setActiveWindow(window);
    QTRY_VERIFY(window->isActiveWindow());
    QSignalSpy start(window, &MainWindow::startRequested);
    QTest::keySequence(window, QKeySequence(Qt::CTRL | Qt::Key_N));
    QCOMPARE(start.size(), 1);
    QCOMPARE(start.at(0).at(0).toString(), u"showcase"_s);

    window->addRun(u"one"_s, u"1"_s)->setState(RunTab::State::Finished);
    window->addRun(u"two"_s, u"2"_s)->setState(RunTab::State::Finished);
    window->addRun(u"three"_s, u"3"_s)->setState(RunTab::State::Finished);
    auto *tabs = window->findChild<QTabWidget *>(u"runTabs"_s);
    QCOMPARE(tabs->currentIndex(), 2);
    QTest::keySequence(window, QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QCOMPARE(tabs->currentIndex(), 0); // wraps around
    QTest::keySequence(window, QKeySequence(Qt::CTRL | Qt::Key_Tab));
    QCOMPARE(tabs->currentIndex(), 1);
    QTest::keySequence(window, QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    QCOMPARE(tabs->currentIndex(), 0);
    QTest::keySequence(window, QKeySequence(Qt::CTRL | Qt::Key_W));
    QCOMPARE(tabs->count(), 2);

    // Ctrl+Return sends an answer from a multiple choice (no line edit there).
    RunTab *tab = window->currentRun();
    tab->setState(RunTab::State::Running);
    QSignalSpy answers(window, &MainWindow::answerGiven);
    tab->askQuestion(Message::multipleChoice(u"Workflow"_s, u"User"_s, u"Pick"_s, {u"a"_s, u"b"_s}, u"b"_s, true));
    AskDialog *ask = tab->openQuestions().first();
    QApplication::setActiveWindow(ask);
    QTest::keySequence(ask, QKeySequence(Qt::CTRL | Qt::Key_Return));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.at(0).at(2).toString(), u"b"_s);
}

void TestMainWindow::aboutShowsTheVersion()
{
    MainWindow *window = makeWindow();
    window->action(u"aboutAction"_s)->trigger();
    AboutDialog *about = nullptr;
    QTRY_VERIFY((about = window->findChild<AboutDialog *>()) && about->isVisible());
    const QString text = about->findChild<QLabel *>(u"aboutText"_s)->text();
    QVERIFY(text.contains(QStringLiteral(AGENTDESK_VERSION)));
    QVERIFY(text.contains(QString::fromLatin1(qVersion())));
    about->close();
}

void TestMainWindow::settingsAreSavedAndApplied()
{
    SettingsDialog dialog;
    auto *notifications = dialog.findChild<QCheckBox *>(u"notificationsCheck"_s);
    auto *history = dialog.findChild<QCheckBox *>(u"historyCheck"_s);
    auto *font = dialog.findChild<QSpinBox *>(u"fontSizeSpin"_s);
    QVERIFY(notifications->isChecked());
    QVERIFY(history->isChecked());
    QCOMPARE(font->value(), 0);
    QSignalSpy applied(&dialog, &SettingsDialog::applied);
    dialog.show();
    QTest::mouseClick(notifications, Qt::LeftButton, {}, QPoint(6, notifications->height() / 2));
    // Up from "System default" starts at the system's size, not at 1 pt;
    // down below 6 pt goes back to the default.
    font->stepUp();
    QCOMPARE(font->value(), qMax(6, dialog.font().pointSize()));
    font->setValue(6);
    font->stepDown();
    QCOMPARE(font->value(), 0);
    font->setValue(15);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"settingsOkButton"_s), Qt::LeftButton);
    QCOMPARE(applied.size(), 1);
    QCOMPARE(AppSettings::notifications(), false);
    QCOMPARE(AppSettings::keepHistory(), true);
    QCOMPARE(AppSettings::conversationFontSize(), 15);

    MainWindow *window = makeWindow();
    RunTab *tab = window->addRun(u"showcase"_s, u"f"_s);
    window->setConversationFontSize(15);
    QCOMPARE(tab->view()->font().pointSize(), 15);
    RunTab *later = window->addRun(u"showcase"_s, u"g"_s);
    QCOMPARE(later->view()->font().pointSize(), 15);
}

void TestMainWindow::controlsHaveAccessibleNames()
{
    MainWindow *window = makeWindow();
    RunTab *tab = window->addRun(u"showcase"_s, u"x"_s);
    tab->setState(RunTab::State::Running);
    QStringList missing = unnamedControls(window);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));

    tab->askQuestion(Message::textInput(u"Workflow"_s, u"User"_s, u"Name?"_s, {u"Ada"_s}));
    missing = unnamedControls(tab->openQuestions().first());
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
    tab->closeQuestions();

    HistoryDialog history;
    history.show();
    missing = unnamedControls(&history);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));

    SettingsDialog settings;
    settings.show();
    missing = unnamedControls(&settings);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
}

void TestMainWindow::iconsAreSvgInThePaletteColour()
{
    MainWindow *window = makeWindow();
    const QIcon icon = window->action(u"startAction"_s)->icon();
    QVERIFY(!icon.isNull());
    QVERIFY(icon.availableSizes().size() >= 4); // several sizes from one SVG
    QVERIFY(!QIcon(u":/agentdesk/icons/agentdesk.svg"_s).isNull());
    const auto darkest = [](const QIcon &i) {
        const QImage image = i.pixmap(32, 32).toImage();
        qreal lightness = 1;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (image.pixelColor(x, y).alpha() > 200)
                    lightness = qMin(lightness, image.pixelColor(x, y).lightnessF());
        return lightness;
    };
    QVERIFY(darkest(icon) < 0.3); // light theme: dark glyphs
    window->setPalette(darkPalette());
    QVERIFY(darkest(window->action(u"startAction"_s)->icon()) > 0.7); // dark theme: light glyphs
}

void TestMainWindow::bannerFollowsTheDarkPalette()
{
    MainWindow *window = makeWindow();
    window->setPalette(darkPalette());
    window->showError(u"Something broke"_s);
    auto *banner = window->findChild<QLabel *>(u"bannerLabel"_s);
    QVERIFY(banner->isVisible());
    const QImage image = banner->grab().toImage();
    const QColor middle = image.pixelColor(image.width() - 4, image.height() / 2);
    QVERIFY2(middle.lightnessF() < 0.35, qPrintable(middle.name()));
}

void TestMainWindow::germanTranslationIsCompiledIn()
{
    QVERIFY(installTranslations(qApp, QLocale(QLocale::German, QLocale::Germany)));
    MainWindow *window = makeWindow();
    QCOMPARE(window->action(u"startAction"_s)->text(), u"&Neuer Lauf"_s);
    QCOMPARE(window->findChild<QPushButton *>(u"startButton"_s)->text(), u"Starten"_s);
    // Qt's own strings too (qt6-translations-l10n): a standard button.
    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), u"Abbrechen"_s);
    m_window.reset();
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    QVERIFY(!installTranslations(qApp, QLocale(QLocale::Japanese, QLocale::Japan)));
    // English plurals, for English and for a language we have no catalogue of.
    window = makeWindow();
    window->setWorkflows({{u"a"_s, u"A"_s}, {u"b"_s, u"B"_s}});
    QVERIFY2(window->statusBar()->currentMessage().contains(u"2 workflows available"_s),
             qPrintable(window->statusBar()->currentMessage()));
    window->setWorkflows({{u"a"_s, u"A"_s}});
    QVERIFY2(window->statusBar()->currentMessage().contains(u"1 workflow available"_s),
             qPrintable(window->statusBar()->currentMessage()));
    m_window.reset();
    for (QTranslator *translator : qApp->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    QVERIFY(!installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    QCOMPARE(QCoreApplication::translate("agentdesk::MainWindow", "%n workflow(s) available", nullptr, 3),
             u"3 workflows available"_s);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
