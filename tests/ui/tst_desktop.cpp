// The desktop client end to end, against a real embedded Server on a
// loopback port: first account, login through the LoginDialog, the
// showcase workflow answered dialog by dialog, saved tokens in a real
// keychain (run through tests/support/with-keyring.sh), and the network
// failures: server down, connection dropped mid-run, 401 mid-session.
#include "DesktopController.h"
#include "EmbeddedServerAdmin.h"
#include "PasswordHasher.h"
#include "RunTable.h"
#include "TcpRelay.h"
#include "TestServer.h"
#include "TestWorkflows.h"
#include "WorkflowRegistry.h"
#include "UserStore.h"
#include "keychain/TokenStore.h"
#include "widgets/AskDialog.h"
#include "widgets/ConversationModel.h"
#include "widgets/ConversationView.h"
#include "widgets/FirstAccountDialog.h"
#include "widgets/HistoryDialog.h"
#include "widgets/LoginDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/RunTab.h"
#include "widgets/ServerDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QComboBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

const QString kKeychainService = u"agentdesk-test"_s;
const QString kPassword = u"correct horse battery"_s;

using TestServer = agentdesk::test::TestServer;

using agentdesk::test::TcpRelay;

// The relay as a server URL for the login dialog.
QUrl serverUrlOf(const TcpRelay &relay)
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(relay.port()));
}

QStringList types(const ConversationModel *model)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(model->index(row).data(ConversationModel::TypeRole).toString());
    return out;
}

QString transcript(const ConversationModel *model)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        out.append(index.data().toString());
        out.append(index.data(ConversationModel::HtmlRole).toString());
    }
    return out.join(u'\n');
}

} // namespace

class TestDesktop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void firstRunCreatesTheAccountAndSignsIn();
    void loginAndRunTheShowcase();
    void wrongPasswordIsShownInline();
    void serverDownIsAClearMessage();
    void connectionDroppedMidRun();
    void expiredSessionBringsTheLoginBack();
    void savedTokenSkipsTheLogin();
    void refusedSavedTokenBringsTheLoginBack();
    void severalRunsAtOnce();
    void expiredTokenKeepsTheConversationAndTheRun();
    void tokenExpiredDuringADropResumesAfterSignIn();
    void historyKeepsRunsWithoutSecrets();
    void windowGeometryIsRemembered();
    void profilesHaveTheirOwnKeychainEntries();
    void embeddedServerWindowFromTheMenu();
    void quitFromOutsideNeverAsks();
    void runEndingInAnErrorIsNotASuccess();

private:
    DesktopController *makeController(bool firstAccount = false);
    void login(DesktopController *controller, const QString &username, const QString &password,
               const QUrl &server = {});
    MainWindow *waitForMainWindow(DesktopController *controller);
    // A new user, a controller, signed in on the test server: its main window.
    MainWindow *signIn(const QString &username);
    AskDialog *waitForQuestion(MainWindow *window);
    void startShowcase(MainWindow *window);
    // Answers the showcase's four questions of the current tab, typing `secret`.
    void answerShowcase(MainWindow *window, const QString &secret);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<QTemporaryDir> m_history;
    std::unique_ptr<EmbeddedServerAdmin> m_admin;
    std::unique_ptr<DesktopController> m_controller;
};

void TestDesktop::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"agentdesk-test"_s);
    QCoreApplication::setApplicationName(u"tst_desktop"_s);
}

void TestDesktop::init()
{
    QSettings().clear();
    m_history = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
}

void TestDesktop::cleanup()
{
    m_controller.reset();
    m_admin.reset();
    m_server.reset();
    m_history.reset();
    QSettings().clear();
}

DesktopController *TestDesktop::makeController(bool firstAccount)
{
    DesktopOptions options;
    options.defaultServerUrl = m_server->url();
    options.keychainService = kKeychainService;
    options.historyRoot = m_history->path();
    TestServer *server = m_server.get();
    options.needsFirstAccount = [server, firstAccount] {
        return firstAccount && server->server().users().count().value() == 0;
    };
    // What app/ does: the embedded server's administration adds the user.
    m_admin = std::make_unique<EmbeddedServerAdmin>(server->server(), nullptr);
    options.embeddedServer = m_admin.get();
    options.createFirstAccount = [admin = m_admin.get()](const QString &username, const QString &fullName,
                                                         const QString &email, const QString &password) {
        const Status added = admin->addAccount({username, fullName, email, false, {}}, password);
        return added ? QString() : added.error();
    };
    m_controller = std::make_unique<DesktopController>(options);
    return m_controller.get();
}

void TestDesktop::login(DesktopController *controller, const QString &username,
                        const QString &password, const QUrl &server)
{
    QTRY_VERIFY(controller->loginDialog() && controller->loginDialog()->isVisible());
    LoginDialog *dialog = controller->loginDialog();
    if (server.isValid()) {
        auto *edit = dialog->findChild<QLineEdit *>(u"serverUrlEdit"_s);
        edit->clear();
        QTest::keyClicks(edit, server.toString());
    }
    auto *user = dialog->findChild<QLineEdit *>(u"usernameEdit"_s);
    user->clear();
    QTest::keyClicks(user, username);
    auto *pass = dialog->findChild<QLineEdit *>(u"passwordEdit"_s);
    pass->clear();
    QTest::keyClicks(pass, password);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"loginButton"_s), Qt::LeftButton);
}

MainWindow *TestDesktop::waitForMainWindow(DesktopController *controller)
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(controller->mainWindow() && controller->mainWindow()->isVisible(), 15000); }();
    MainWindow *window = controller->mainWindow();
    if (!window)
        return nullptr;
    [&] { QTRY_VERIFY(window->findChild<QListWidget *>(u"workflowList"_s)->count() > 0); }();
    return window;
}

MainWindow *TestDesktop::signIn(const QString &username)
{
    if (!m_server->addUser(username, kPassword))
        return nullptr;
    DesktopController *controller = makeController();
    controller->start();
    login(controller, username, kPassword);
    return waitForMainWindow(controller);
}

AskDialog *TestDesktop::waitForQuestion(MainWindow *window)
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(!window->openQuestions().isEmpty(), 10000); }();
    const auto open = window->openQuestions();
    return open.isEmpty() ? nullptr : open.first();
}

void TestDesktop::startShowcase(MainWindow *window)
{
    auto *list = window->findChild<QListWidget *>(u"workflowList"_s);
    const auto items = list->findItems(u"showcase"_s, Qt::MatchStartsWith);
    QVERIFY(!items.isEmpty());
    list->setCurrentItem(items.first());
    QVERIFY(window->findChild<QLabel *>(u"descriptionLabel"_s)->text().contains(u"Every message type"_s));
    auto *start = window->findChild<QPushButton *>(u"startButton"_s);
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
}

void TestDesktop::firstRunCreatesTheAccountAndSignsIn()
{
    DesktopController *controller = makeController(true);
    controller->start();
    QTRY_VERIFY(controller->firstAccountDialog() && controller->firstAccountDialog()->isVisible());
    FirstAccountDialog *dialog = controller->firstAccountDialog();
    QVERIFY(!controller->loginDialog() || !controller->loginDialog()->isVisible());

    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"usernameEdit"_s), u"ada"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"fullNameEdit"_s), u"Ada Lovelace"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"emailEdit"_s), u"ada@example.org"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"passwordEdit"_s), kPassword);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"confirmPasswordEdit"_s), u"something else"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"createButton"_s), Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(u"errorLabel"_s);
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(u"differ"_s));
    QCOMPARE(m_server->server().users().count().value(), 0);

    auto *confirm = dialog->findChild<QLineEdit *>(u"confirmPasswordEdit"_s);
    confirm->clear();
    QTest::keyClicks(confirm, kPassword);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"createButton"_s), Qt::LeftButton);
    QCOMPARE(m_server->server().users().count().value(), 1);
    QVERIFY(!dialog->isVisible());

    MainWindow *window = waitForMainWindow(controller);
    QVERIFY(window);
    QVERIFY(window->findChild<QLabel *>(u"userLabel"_s)->text().contains(u"ada"_s));
    QVERIFY(!controller->loginDialog()->isVisible());
}

void TestDesktop::loginAndRunTheShowcase()
{
    MainWindow *window = signIn(u"grace"_s);
    QVERIFY(window);
    DesktopController *controller = m_controller.get();

    // Settings remember the server and user, never the token.
    const QString token = controller->client()->token();
    QVERIFY(!token.isEmpty());
    QSettings settings;
    settings.sync();
    QCOMPARE(settings.value(DesktopController::usernameSettingsKey()).toString(), u"grace"_s);
    QFile settingsFile(settings.fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    const QByteArray stored = settingsFile.readAll();
    QVERIFY(!stored.contains(token.toUtf8()));
    QVERIFY(!stored.contains(kPassword.toUtf8()));

    startShowcase(window);

    // 1. text_input with suggestions: one click on a suggestion.
    AskDialog *ask = waitForQuestion(window);
    QVERIFY(ask);
    auto *suggestions = ask->findChild<QListWidget *>(u"suggestionList"_s);
    QVERIFY(suggestions);
    const auto grace = suggestions->findItems(u"Grace"_s, Qt::MatchExactly);
    QCOMPARE(grace.size(), 1);
    QTest::mouseClick(suggestions->viewport(), Qt::LeftButton, {},
                      suggestions->visualItemRect(grace.first()).center());
    QCOMPARE(ask->findChild<QLineEdit *>(u"answerEdit"_s)->text(), u"Grace"_s);
    QString asked = ask->questionUuid(); // a new dialog may reuse the old one's address
    QTest::mouseClick(ask->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);

    // 2. The password prompt: masked.
    QTRY_VERIFY(!window->openQuestions().isEmpty() && window->openQuestions().first()->questionUuid() != asked);
    ask = window->openQuestions().first();
    QVERIFY(ask->isSecret());
    auto *secret = ask->findChild<QLineEdit *>(u"answerEdit"_s);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QTest::keyClicks(secret, u"hunter2-secret"_s);
    asked = ask->questionUuid();
    QTest::keyClick(secret, Qt::Key_Return);

    // 3. Single choice, default preselected; pick another.
    QTRY_VERIFY(!window->openQuestions().isEmpty() && window->openQuestions().first()->questionUuid() != asked);
    ask = window->openQuestions().first();
    const auto radios = ask->findChildren<QRadioButton *>();
    QCOMPARE(radios.size(), 3);
    QRadioButton *blue = nullptr;
    for (QRadioButton *radio : radios) {
        if (radio->text() == u"green")
            QVERIFY(radio->isChecked());
        if (radio->text() == u"blue")
            blue = radio;
    }
    QVERIFY(blue);
    QTest::mouseClick(blue, Qt::LeftButton, {}, QPoint(6, blue->height() / 2));
    asked = ask->questionUuid();
    QTest::mouseClick(ask->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);

    // 4. Multiple choice with check boxes, default checked; add one.
    QTRY_VERIFY(!window->openQuestions().isEmpty() && window->openQuestions().first()->questionUuid() != asked);
    ask = window->openQuestions().first();
    const auto boxes = ask->findChildren<QCheckBox *>();
    QCOMPARE(boxes.size(), 4);
    for (QCheckBox *box : boxes) {
        QCOMPARE(box->isChecked(), box->text() == u"cheese");
        if (box->text() == u"basil")
            QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(6, box->height() / 2));
    }
    QTest::mouseClick(ask->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);

    // The run completes, and the window says so.
    ConversationModel *model = window->conversation();
    QTRY_VERIFY_WITH_TIMEOUT(types(model).contains(u"workflow_completed"_s), 10000);
    QTRY_VERIFY(window->findChild<QLabel *>(u"runStatusLabel"_s)->text().contains(u"completed"_s));
    QVERIFY(window->findChild<QPushButton *>(u"startButton"_s)->isEnabled());
    QVERIFY(window->openQuestions().isEmpty());

    const QStringList seen = types(model);
    for (const QString &type : {u"workflow_started"_s, u"text_message"_s, u"text_input"_s,
                                u"multiple_choice"_s, u"system_message"_s, u"suggested_function_call"_s,
                                u"function_call_execution"_s, u"keep_alive"_s, u"workflow_completed"_s,
                                u"answer"_s})
        QVERIFY2(seen.contains(type), qPrintable(type));
    QCOMPARE(seen.count(u"answer"_s), 4);

    const QString all = transcript(model);
    QVERIFY(all.contains(u"Hello, Grace!"_s));
    QVERIFY(all.contains(u"Grace got a pizza with cheese, basil on a blue plate and kept a secret."_s));
    QVERIFY(all.contains(u"make_pizza"_s));
    QVERIFY(all.contains(u"••••••"_s));
    QVERIFY(!all.contains(u"hunter2"_s));
    const QString shown = window->findChild<ConversationView *>(u"conversationView"_s)->toPlainText();
    QVERIFY(shown.contains(u"Workflow completed"_s));
    QVERIFY(!shown.contains(u"hunter2"_s));
    QCOMPARE(window->bannerText().contains(u"lost"_s), false);
}

void TestDesktop::wrongPasswordIsShownInline()
{
    QVERIFY(m_server->addUser(u"alan"_s, kPassword));
    DesktopController *controller = makeController();
    controller->start();
    login(controller, u"alan"_s, u"wrong password"_s);
    LoginDialog *dialog = controller->loginDialog();
    auto *error = dialog->findChild<QLabel *>(u"errorLabel"_s);
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"Incorrect username or password"_s), qPrintable(error->text()));
    QVERIFY(!dialog->isBusy());
    QVERIFY(dialog->isVisible());
    QVERIFY(!controller->mainWindow());

    // And then the right one.
    login(controller, u"alan"_s, kPassword);
    QVERIFY(waitForMainWindow(controller));
}

void TestDesktop::serverDownIsAClearMessage()
{
    // A port that nobody listens on any more.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QUrl down(u"http://127.0.0.1:%1"_s.arg(probe.serverPort()));
    probe.close();

    DesktopController *controller = makeController();
    controller->start();
    login(controller, u"anyone"_s, kPassword, down);
    LoginDialog *dialog = controller->loginDialog();
    QVERIFY(dialog->isBusy()); // asynchronous: the dialog waits, the loop runs
    auto *error = dialog->findChild<QLabel *>(u"errorLabel"_s);
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"refused the connection"_s), qPrintable(error->text()));
    QVERIFY(error->text().contains(down.toString()));
    QVERIFY(!dialog->isBusy());

    // Garbage in the URL field is refused before any request.
    auto *edit = dialog->findChild<QLineEdit *>(u"serverUrlEdit"_s);
    edit->clear();
    QTest::keyClicks(edit, u"ftp://nowhere"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"loginButton"_s), Qt::LeftButton);
    QVERIFY(error->text().contains(u"not a server address"_s));
    QVERIFY(!dialog->isBusy());
}

void TestDesktop::connectionDroppedMidRun()
{
    QVERIFY(m_server->addUser(u"linus"_s, kPassword));
    TcpRelay relay(m_server->url().port());
    QVERIFY(relay.listen());
    DesktopController *controller = makeController();
    controller->start();
    login(controller, u"linus"_s, kPassword, serverUrlOf(relay));
    MainWindow *window = waitForMainWindow(controller);
    QVERIFY(window);
    startShowcase(window);
    AskDialog *ask = waitForQuestion(window);
    QVERIFY(ask);
    RunTab *tab = window->currentRun();
    QVERIFY(tab);
    const int rows = tab->conversation()->rowCount();

    relay.cut();
    // Said in the status line and the conversation; the run and its question stay.
    const QString lost = u"Connection lost — reconnecting in 1 s (attempt 1 of 6)…"_s;
    QTRY_COMPARE_WITH_TIMEOUT(tab->statusText(), lost, 5000);
    QVERIFY(transcript(tab->conversation()).contains(lost));
    QVERIFY(tab->isRunning());
    QCOMPARE(window->openQuestions().size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(tab->statusText(), u"Reconnected"_s, 10000);
    QTest::qWait(200); // the replay, all of it already shown
    QCOMPARE(tab->conversation()->rowCount(), rows + 2); // the two notices, nothing twice
    QVERIFY(transcript(tab->conversation()).contains(u"Reconnected."_s));
    QCOMPARE(window->openQuestions().size(), 1);
    QVERIFY(!window->bannerText().contains(u"lost"_s));

    // The question asked before the drop is answered, and the run goes on.
    answerShowcase(window, u"s3cret"_s);
    QCOMPARE(types(tab->conversation()).count(u"workflow_completed"_s), 1);
}

void TestDesktop::expiredSessionBringsTheLoginBack()
{
    MainWindow *window = signIn(u"barbara"_s);
    QVERIFY(window);
    DesktopController *controller = m_controller.get();

    // The account disappears: its token no longer validates (401).
    QVERIFY(m_server->server().users().remove(u"barbara"_s).ok());
    window->findChild<QAction *>(u"refreshAction"_s)->trigger();
    QTRY_VERIFY(controller->loginDialog()->isVisible());
    QVERIFY(controller->loginDialog()->findChild<QLabel *>(u"noticeLabel"_s)->text().contains(u"session has ended"_s));
    QVERIFY(window->bannerText().contains(u"Sign in again"_s));
    QVERIFY(!controller->client()->hasToken());

    // Starting a workflow with the dead token is refused the same way.
    QVERIFY(m_server->addUser(u"barbara"_s, kPassword));
    login(controller, u"barbara"_s, kPassword);
    QTRY_VERIFY(!controller->loginDialog()->isVisible());
    QTRY_VERIFY(window->findChild<QListWidget *>(u"workflowList"_s)->count() > 0);
    QVERIFY(m_server->server().users().remove(u"barbara"_s).ok());
    startShowcase(window);
    QTRY_VERIFY(controller->loginDialog()->isVisible());
    QVERIFY(!window->isRunning());
}

void TestDesktop::savedTokenSkipsTheLogin()
{
    if (!qEnvironmentVariableIsSet("AGENTDESK_REAL_KEYRING"))
        QSKIP("needs a keychain: run through tests/support/with-keyring.sh (ctest does)");
    QVERIFY(m_server->addUser(u"hedy"_s, kPassword));
    {
        DesktopController *first = makeController();
        QSignalSpy written(first->tokenStore(), &TokenStore::tokenWritten);
        first->start();
        login(first, u"hedy"_s, kPassword);
        QVERIFY(waitForMainWindow(first));
        QTRY_COMPARE(written.size(), 1);
        QCOMPARE(written.at(0).at(1).toBool(), true); // in the keychain
        QCOMPARE(written.at(0).at(0).toString(), TokenStore::keyFor(u"embedded"_s, u"hedy"_s));
        m_controller.reset();
    }

    // The next start: no dialog, straight to the window.
    DesktopController *second = makeController();
    second->start();
    MainWindow *window = waitForMainWindow(second);
    QVERIFY(window);
    QVERIFY(!second->loginDialog() || !second->loginDialog()->isVisible());

    // Logout removes the entry: the start after that asks again.
    QSignalSpy removed(second->tokenStore(), &TokenStore::tokenRemoved);
    window->findChild<QAction *>(u"logoutAction"_s)->trigger();
    QTRY_COMPARE(removed.size(), 1);
    QVERIFY(!window->isVisible());
    QVERIFY(second->loginDialog()->isVisible());
    QCOMPARE(second->loginDialog()->username(), u"hedy"_s);

    TokenStore check(kKeychainService);
    QSignalSpy missing(&check, &TokenStore::tokenMissing);
    check.readToken(TokenStore::keyFor(u"embedded"_s, u"hedy"_s));
    QTRY_COMPARE(missing.size(), 1);
}

void TestDesktop::refusedSavedTokenBringsTheLoginBack()
{
    if (!qEnvironmentVariableIsSet("AGENTDESK_REAL_KEYRING"))
        QSKIP("needs a keychain: run through tests/support/with-keyring.sh (ctest does)");
    QVERIFY(m_server->addUser(u"katherine"_s, kPassword));
    const QString key = TokenStore::keyFor(u"embedded"_s, u"katherine"_s);
    {
        TokenStore store(kKeychainService);
        QSignalSpy written(&store, &TokenStore::tokenWritten);
        store.writeToken(key, u"not-a-valid-token"_s);
        QTRY_COMPARE(written.size(), 1);
    }
    QSettings settings;
    settings.setValue(DesktopController::serverSettingsKey(), u"embedded"_s);
    settings.setValue(DesktopController::usernameSettingsKey(), u"katherine"_s);
    settings.sync();

    DesktopController *controller = makeController();
    QSignalSpy removed(controller->tokenStore(), &TokenStore::tokenRemoved);
    controller->start();
    QTRY_VERIFY(controller->loginDialog() && controller->loginDialog()->isVisible());
    QVERIFY(controller->loginDialog()->findChild<QLabel *>(u"noticeLabel"_s)->text().contains(u"no longer valid"_s));
    QCOMPARE(controller->loginDialog()->username(), u"katherine"_s);
    QTRY_COMPARE(removed.size(), 1);
    QVERIFY(!controller->mainWindow());

    login(controller, u"katherine"_s, kPassword);
    QVERIFY(waitForMainWindow(controller));
}

void TestDesktop::answerShowcase(MainWindow *window, const QString &secret)
{
    RunTab *tab = window->currentRun();
    QVERIFY(tab);
    QString asked;
    for (int question = 0; question < 4; ++question) {
        QTRY_VERIFY_WITH_TIMEOUT(!tab->openQuestions().isEmpty() && tab->openQuestions().first()->questionUuid() != asked,
                                 10000);
        AskDialog *ask = tab->openQuestions().first();
        asked = ask->questionUuid();
        if (auto *edit = ask->findChild<QLineEdit *>(u"answerEdit"_s))
            QTest::keyClicks(edit, ask->isSecret() ? secret : u"Grace"_s);
        QTest::mouseClick(ask->findChild<QPushButton *>(u"okButton"_s), Qt::LeftButton);
    }
    QTRY_VERIFY_WITH_TIMEOUT(tab->state() == RunTab::State::Finished, 10000);
}

void TestDesktop::severalRunsAtOnce()
{
    MainWindow *window = signIn(u"ada"_s);
    QVERIFY(window);
    DesktopController *controller = m_controller.get();

    startShowcase(window);
    RunTab *first = window->currentRun();
    QTRY_VERIFY_WITH_TIMEOUT(first->openQuestions().size() == 1, 10000);
    startShowcase(window); // Start stays enabled: a second run, a second tab
    RunTab *second = window->currentRun();
    QVERIFY(second != first);
    QCOMPARE(window->runs().size(), 2);
    QCOMPARE(controller->sessions().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(second->openQuestions().size() == 1, 10000);
    QCOMPARE(first->openQuestions().size(), 1); // each waits for its own answer

    // The second run goes to its end; the first still waits, untouched.
    answerShowcase(window, u"second-secret"_s);
    QCOMPARE(first->state(), RunTab::State::Running);
    QCOMPARE(first->openQuestions().size(), 1);
    QVERIFY(!types(first->conversation()).contains(u"answer"_s));
    QCOMPARE(types(second->conversation()).count(u"answer"_s), 4);

    // Closing the running first tab asks, then stops its run only.
    auto *tabs = window->findChild<QTabWidget *>(u"runTabs"_s);
    emit tabs->tabCloseRequested(tabs->indexOf(first));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(u"confirmCloseRun"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmCloseButton"_s), Qt::LeftButton);
    QTRY_COMPARE(controller->sessions().size(), 1);
    QCOMPARE(window->runs().size(), 1);
    QCOMPARE(window->currentRun(), second);
    QVERIFY(window->openQuestions().isEmpty());
}

void TestDesktop::expiredTokenKeepsTheConversationAndTheRun()
{
    MainWindow *window = signIn(u"edsger"_s);
    QVERIFY(window);
    DesktopController *controller = m_controller.get();
    startShowcase(window);
    RunTab *tab = window->currentRun();
    QTRY_VERIFY_WITH_TIMEOUT(tab->openQuestions().size() == 1, 10000);
    const int rows = tab->conversation()->rowCount();

    // The token stops working (the account is re-created: new id, old token dead).
    QVERIFY(m_server->server().users().remove(u"edsger"_s).ok());
    QVERIFY(m_server->addUser(u"edsger"_s, kPassword));
    window->action(u"refreshAction"_s)->trigger();
    QTRY_VERIFY(controller->loginDialog()->isVisible());
    // Nothing on screen is lost: the tab, its conversation, its question, its run.
    QVERIFY(window->isVisible());
    QCOMPARE(window->currentRun(), tab);
    QVERIFY(tab->conversation()->rowCount() >= rows);
    QCOMPARE(tab->state(), RunTab::State::Running);
    QCOMPARE(tab->openQuestions().size(), 1);

    // Password again; the run goes on to its end.
    login(controller, u"edsger"_s, kPassword);
    QTRY_VERIFY(!controller->loginDialog()->isVisible());
    QVERIFY(controller->client()->hasToken());
    answerShowcase(window, u"still-secret"_s);
    QVERIFY(types(tab->conversation()).contains(u"workflow_completed"_s));
}

// Found under Xvfb: the connection dropped, the token expired meanwhile,
// and the reconnect's 401 ended the run although the server still held it.
void TestDesktop::tokenExpiredDuringADropResumesAfterSignIn()
{
    // Opaque tokens, so the session can end now as an expiry ends it.
    m_server = std::make_unique<TestServer>([](ServerConfig &config) { config.tokenMode = TokenMode::Opaque; });
    QVERIFY(m_server->start());
    const auto barbara = m_server->addUser(u"barbara"_s, kPassword);
    QVERIFY(barbara);
    TcpRelay relay(m_server->url().port());
    QVERIFY(relay.listen());
    DesktopController *controller = makeController();
    controller->start();
    login(controller, u"barbara"_s, kPassword, serverUrlOf(relay));
    MainWindow *window = waitForMainWindow(controller);
    QVERIFY(window);
    startShowcase(window);
    RunTab *tab = window->currentRun();
    QTRY_VERIFY_WITH_TIMEOUT(tab->openQuestions().size() == 1, 10000);

    relay.cut();
    QVERIFY(m_server->server().users().removeTokensOf(barbara->id));
    QTRY_VERIFY_WITH_TIMEOUT(controller->loginDialog() && controller->loginDialog()->isVisible(), 10000);
    QCOMPARE(tab->state(), RunTab::State::Connecting);
    QVERIFY2(tab->statusText().contains(u"sign in again"_s), qPrintable(tab->statusText()));
    QCOMPARE(tab->openQuestions().size(), 1);

    login(controller, u"barbara"_s, kPassword);
    QTRY_VERIFY(!controller->loginDialog()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), RunTab::State::Running, 10000);
    answerShowcase(window, u"resumed-secret"_s);
    QVERIFY(types(tab->conversation()).contains(u"workflow_completed"_s));
    QCOMPARE(types(tab->conversation()).count(u"workflow_started"_s), 1); // the replay added nothing twice
}

void TestDesktop::historyKeepsRunsWithoutSecrets()
{
    MainWindow *window = signIn(u"grace"_s);
    QVERIFY(window);
    DesktopController *controller = m_controller.get();
    const QString secret = u"pa55-do-not-keep"_s;
    startShowcase(window);

    // Written as it goes: the file holds the start before the run ends.
    QTRY_VERIFY_WITH_TIMEOUT(!window->openQuestions().isEmpty(), 10000);
    QStringList files;
    for (QDirIterator it(m_history->path(), {u"*.jsonl"_s}, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        files.append(it.next());
    QCOMPARE(files.size(), 1);
    QCOMPARE(files.first().section(u'/', -2, -2), u"grace"_s); // per user
    QCOMPARE(files.first().section(u'/', -3, -3), u"embedded"_s); // per server
    QFile file(files.first());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("workflow_started"));
    QCOMPARE(QFileInfo(files.first()).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    answerShowcase(window, secret);

    // Never the password answer, in any file, in any form.
    for (QDirIterator it(m_history->path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(f.fileName()));
        QVERIFY(!bytes.contains(kPassword.toUtf8()));
        QVERIFY(!bytes.contains(controller->client()->token().toUtf8()));
        QVERIFY(bytes.contains("Hello, Grace!"));
        QVERIFY(bytes.contains(ConversationModel::maskedText().toUtf8()));
    }

    // Listed, searchable, reopened read-only, exported.
    window->action(u"historyAction"_s)->trigger();
    HistoryDialog *history = controller->historyDialog();
    QTRY_VERIFY(history && history->isVisible());
    QCOMPARE(history->count(), 1);
    auto *search = history->findChild<QLineEdit *>(u"historySearch"_s);
    QTest::keyClicks(search, u"pizza"_s);
    QTRY_COMPARE(history->count(), 1);
    search->clear();
    QTest::keyClicks(search, u"no such words anywhere"_s);
    QTRY_COMPARE(history->count(), 0);
    QTest::keyClicks(search, QString()); // stays empty
    search->clear();
    QTRY_COMPARE(history->count(), 1);

    const int live = window->currentRun()->conversation()->rowCount();
    QTest::mouseClick(history->findChild<QPushButton *>(u"historyOpenButton"_s), Qt::LeftButton);
    RunTab *reopened = window->currentRun();
    QCOMPARE(reopened->state(), RunTab::State::ReadOnly);
    QVERIFY(!reopened->isRunning());
    QCOMPARE(reopened->conversation()->rowCount(), live);
    QVERIFY(transcript(reopened->conversation()).contains(u"Grace got a pizza"_s));
    QVERIFY(!reopened->isWorkingShown());

    const QString markdownPath = m_history->filePath(u"export.md"_s);
    const QString jsonPath = m_history->filePath(u"export.json"_s);
    QCOMPARE(history->exportSelected(HistoryDialog::Format::Markdown, markdownPath), QString());
    QCOMPARE(history->exportSelected(HistoryDialog::Format::Json, jsonPath), QString());
    QFile markdown(markdownPath);
    QVERIFY(markdown.open(QIODevice::ReadOnly));
    const QString md = QString::fromUtf8(markdown.readAll());
    QVERIFY(md.startsWith(u"# showcase"_s));
    QVERIFY(md.contains(u"Hello, Grace!"_s));
    QVERIFY(md.contains(u"```"_s)); // the function call's JSON
    QVERIFY(!md.contains(secret));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject object = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(object.value(u"workflow"_s).toString(), u"showcase"_s);
    QCOMPARE(object.value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(object.value(u"entries"_s).toArray().size(), live);

    // The export button opens a save dialog; choosing a file writes there.
    QTest::mouseClick(history->findChild<QPushButton *>(u"exportMarkdownButton"_s), Qt::LeftButton);
    QFileDialog *save = nullptr;
    QTRY_VERIFY((save = history->findChild<QFileDialog *>(u"historyExportDialog"_s)) && save->isVisible());
    const QString chosen = m_history->filePath(u"chosen.md"_s);
    save->selectFile(chosen);
    QMetaObject::invokeMethod(save, "accept"); // as the Save button does
    QTRY_VERIFY(QFile::exists(chosen));
}

void TestDesktop::windowGeometryIsRemembered()
{
    QVERIFY(m_server->addUser(u"hopper"_s, kPassword));
    {
        DesktopController *controller = makeController();
        controller->start();
        login(controller, u"hopper"_s, kPassword);
        MainWindow *window = waitForMainWindow(controller);
        QVERIFY(window);
        window->resize(777, 555);
        QTRY_COMPARE(window->size(), QSize(777, 555));
        window->close();
        m_controller.reset();
    }
    // The next start (signed in again, or straight in with a saved token).
    DesktopController *controller = makeController();
    controller->start();
    QTRY_VERIFY_WITH_TIMEOUT((controller->mainWindow() && controller->mainWindow()->isVisible())
                                     || (controller->loginDialog() && controller->loginDialog()->isVisible()),
                             10000);
    if (!controller->mainWindow() || !controller->mainWindow()->isVisible())
        login(controller, u"hopper"_s, kPassword);
    MainWindow *window = waitForMainWindow(controller);
    QVERIFY(window);
    QCOMPARE(window->size(), QSize(777, 555));
}

void TestDesktop::profilesHaveTheirOwnKeychainEntries()
{
    if (!qEnvironmentVariableIsSet("AGENTDESK_REAL_KEYRING"))
        QSKIP("needs a keychain: run through tests/support/with-keyring.sh (ctest does)");
    QVERIFY(m_server->addUser(u"ada"_s, kPassword));
    QVERIFY(m_server->addUser(u"alan"_s, kPassword));
    TcpRelay relay(m_server->url().port()); // "another server"
    QVERIFY(relay.listen());
    DesktopController *controller = makeController();
    controller->start();
    login(controller, u"ada"_s, kPassword);
    MainWindow *window = waitForMainWindow(controller);
    QVERIFY(window);

    // Switch to another server and account; the first keeps its saved sign-in.
    window->action(u"switchAccountAction"_s)->trigger();
    QTRY_VERIFY(controller->loginDialog()->isVisible());
    auto *profiles = controller->loginDialog()->findChild<QComboBox *>(u"profileCombo"_s);
    QVERIFY(profiles->isVisible());
    QCOMPARE(profiles->count(), 2); // "another…" and ada on this computer
    login(controller, u"alan"_s, kPassword, serverUrlOf(relay));
    QTRY_VERIFY(!controller->loginDialog()->isVisible());
    QTRY_VERIFY(window->findChild<QLabel *>(u"userLabel"_s)->text().contains(u"alan"_s));

    const QString adaKey = TokenStore::keyFor(u"embedded"_s, u"ada"_s);
    const QString alanKey = TokenStore::keyFor(ServerClient::normalizeServerUrl(serverUrlOf(relay).toString())->toString(), u"alan"_s);
    QVERIFY(adaKey != alanKey);
    {
        TokenStore check(kKeychainService);
        QSignalSpy read(&check, &TokenStore::tokenRead);
        check.readToken(adaKey);
        check.readToken(alanKey);
        QTRY_COMPARE(read.size(), 2);
        QVERIFY(read.at(0).at(1).toString() != read.at(1).at(1).toString());
    }

    // Back to ada by choosing her profile: no password asked.
    window->action(u"switchAccountAction"_s)->trigger();
    QTRY_VERIFY(controller->loginDialog()->isVisible());
    QCOMPARE(profiles->count(), 3);
    int adaIndex = -1;
    for (int i = 1; i < profiles->count(); ++i) {
        if (profiles->itemText(i).startsWith(u"ada "_s))
            adaIndex = i;
    }
    QVERIFY(adaIndex > 0);
    profiles->setCurrentIndex(adaIndex);
    emit profiles->activated(adaIndex);
    QTRY_VERIFY(!controller->loginDialog()->isVisible());
    QTRY_VERIFY(window->findChild<QLabel *>(u"userLabel"_s)->text().contains(u"ada"_s));
    QVERIFY(controller->loginDialog()->findChild<QLineEdit *>(u"passwordEdit"_s)->text().isEmpty());

    // Cancelling a switch goes back to the account in use.
    window->action(u"switchAccountAction"_s)->trigger();
    QTRY_VERIFY(controller->loginDialog()->isVisible());
    QSignalSpy quit(controller, &DesktopController::quitRequested);
    controller->loginDialog()->reject();
    QCOMPARE(quit.size(), 0);
    window->action(u"refreshAction"_s)->trigger();
    QTRY_VERIFY(window->findChild<QListWidget *>(u"workflowList"_s)->count() > 0);
    QVERIFY(window->isVisible());

    // Forgetting a profile removes its keychain entry.
    window->action(u"switchAccountAction"_s)->trigger();
    QTRY_VERIFY(controller->loginDialog()->isVisible());
    QSignalSpy removed(controller->tokenStore(), &TokenStore::tokenRemoved);
    for (int i = 1; i < profiles->count(); ++i) {
        if (profiles->itemText(i).startsWith(u"alan "_s))
            profiles->setCurrentIndex(i);
    }
    QTest::mouseClick(controller->loginDialog()->findChild<QPushButton *>(u"forgetProfileButton"_s), Qt::LeftButton);
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).toString(), alanKey);
    QCOMPARE(profiles->count(), 2);
}

void TestDesktop::embeddedServerWindowFromTheMenu()
{
    QVERIFY(m_server->addUser(u"alice"_s, kPassword));
    QVERIFY(m_server->addUser(u"bob"_s, kPassword));
    DesktopController *controller = makeController();
    controller->start();
    login(controller, u"alice"_s, kPassword);
    MainWindow *window = waitForMainWindow(controller);
    QVERIFY(window);
    QAction *serverAction = window->action(u"serverAction"_s);
    QVERIFY(serverAction->isVisible());
    serverAction->trigger();
    ServerDialog *dialog = controller->serverDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->findChild<QLabel *>(u"addressLabel"_s)->text(), m_server->server().url().toString());
    QCOMPARE(dialog->findChild<QTableWidget *>(u"usersTable"_s)->rowCount(), 2);
    // Signed in as alice on this server: alice cannot lock herself out, bob can be disabled.
    auto *toggle = dialog->findChild<QPushButton *>(u"toggleDisabledButton"_s);
    dialog->selectUser(u"alice"_s);
    QVERIFY(!toggle->isEnabled());
    dialog->selectUser(u"bob"_s);
    QVERIFY(toggle->isEnabled());
    toggle->click();
    QVERIFY(m_server->server().users().findByUsername(u"bob"_s)->disabled);
    // The window is one: asking again raises it.
    serverAction->trigger();
    QCOMPARE(controller->serverDialog(), dialog);
}

// SIGTERM or the desktop's logout: a run is going, and yet no question
// stops the quit; the geometry is kept as on a normal close.
void TestDesktop::quitFromOutsideNeverAsks()
{
    QVERIFY(m_server->addUser(u"ada"_s, kPassword));
    DesktopController *controller = makeController();
    QSignalSpy quit(controller, &DesktopController::quitRequested);
    controller->start();
    login(controller, u"ada"_s, kPassword);
    MainWindow *window = waitForMainWindow(controller);
    QVERIFY(window);
    startShowcase(window);
    QTRY_VERIFY_WITH_TIMEOUT(window->currentRun()->openQuestions().size() == 1, 10000);
    QVERIFY(window->hasRunningRuns());
    QSettings().remove(DesktopController::geometrySettingsKey());

    controller->quitWithoutAsking();
    QCOMPARE(quit.size(), 1);
    QVERIFY(!window->isVisible());
    const auto boxes = window->findChildren<QMessageBox *>();
    QVERIFY(std::none_of(boxes.begin(), boxes.end(), [](QMessageBox *box) { return box->isVisible(); }));
    QVERIFY(!QSettings().value(DesktopController::geometrySettingsKey()).toByteArray().isEmpty());
    QVERIFY(controller->sessions().isEmpty());
    // The server saw its client leave: the run ends rather than waiting for an answer.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server().runs().size(), qsizetype(0), 10000);
}

// Found under Xvfb: a run whose workflow failed (error, then
// workflow_completed as always) was marked as a success.
void TestDesktop::runEndingInAnErrorIsNotASuccess()
{
    m_server->server().workflows().add(agentdesk::test::failingWorkflow(u"failing"_s, false));
    MainWindow *window = signIn(u"ada"_s);
    QVERIFY(window);
    auto *list = window->findChild<QListWidget *>(u"workflowList"_s);
    QTRY_VERIFY(!list->findItems(u"failing"_s, Qt::MatchStartsWith).isEmpty());
    list->setCurrentItem(list->findItems(u"failing"_s, Qt::MatchStartsWith).first());
    QTest::mouseClick(window->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    RunTab *tab = window->currentRun();
    QVERIFY(tab);
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isRunning(), 10000);
    QVERIFY(types(tab->conversation()).contains(u"workflow_completed"_s));
    QCOMPARE(tab->state(), RunTab::State::Failed);
    QVERIFY2(tab->statusText().contains(u"ended with an error: boom"_s), qPrintable(tab->statusText()));
    QVERIFY(!tab->title().endsWith(u"✓"_s));
}

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
