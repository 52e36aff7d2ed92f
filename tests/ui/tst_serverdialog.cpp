// The embedded server's window against a real Server on loopback: its
// address and state, its users (add, disable, enable, reset password) as the
// server's own /token sees them, and its log as the server writes it.

#include "EmbeddedServerAdmin.h"
#include "widgets/FirstAccountDialog.h"
#include "LogBuffer.h"
#include "widgets/PasswordResetDialog.h"
#include "widgets/ServerDialog.h"
#include "TestServer.h"
#include "UserStore.h"

#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace agentdesk;
using namespace agentdesk::test;
using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"correct horse battery"_s;

template <typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

void fill(QWidget *dialog, const QString &name, const QString &text)
{
    child<QLineEdit>(dialog, name)->setText(text);
}

} // namespace

class TestServerDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void statusShowsAddressStateAndRuns();
    void addedUserSignsIn();
    void addUserRefusesBadInput();
    void disableRefusesTokensAndEnableRestores();
    void cannotDisableTheSignedInUser();
    void resetPasswordChangesTheLogin();
    void resetPasswordRefusesMismatchAndShortPasswords();
    void logShowsServerLinesWithoutSecrets();
    void logBufferKeepsItsCapacity();

private:
    std::unique_ptr<LogBuffer> m_log;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<EmbeddedServerAdmin> m_admin;
    std::unique_ptr<ServerDialog> m_dialog;
};

void TestServerDialog::init()
{
    m_log = std::make_unique<LogBuffer>(500);
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->startError()));
    QVERIFY(m_server->addUser(u"alice"_s, kPassword));
    m_admin = std::make_unique<EmbeddedServerAdmin>(m_server->server(), m_log.get());
    m_dialog = std::make_unique<ServerDialog>(m_admin.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestServerDialog::cleanup()
{
    m_dialog.reset();
    m_admin.reset();
    m_server.reset();
    m_log.reset();
}

void TestServerDialog::statusShowsAddressStateAndRuns()
{
    QCOMPARE(child<QLabel>(m_dialog.get(), u"addressLabel"_s)->text(), m_server->server().url().toString());
    QCOMPARE(child<QLabel>(m_dialog.get(), u"stateLabel"_s)->text(), u"Running"_s);
    QCOMPARE(child<QLabel>(m_dialog.get(), u"databaseLabel"_s)->text(), m_server->server().users().path());
    auto *runs = child<QLabel>(m_dialog.get(), u"runsLabel"_s);
    QVERIFY2(runs->text().startsWith(u"0 "_s), qPrintable(runs->text()));

    const QString token = m_server->login(u"alice"_s, kPassword);
    QVERIFY(!token.isEmpty());
    QVERIFY(!m_server->initiate(token, u"showcase"_s).isEmpty());
    // The window reads the run count every second while it is open.
    QTRY_VERIFY2_WITH_TIMEOUT(runs->text().startsWith(u"1 "_s), qPrintable(runs->text()), 5000);
}

void TestServerDialog::addedUserSignsIn()
{
    m_dialog->tabs()->setCurrentIndex(1);
    auto *table = child<QTableWidget>(m_dialog.get(), u"usersTable"_s);
    QCOMPARE(table->rowCount(), 1);
    m_dialog->addUser();
    FirstAccountDialog *add = m_dialog->newUserDialog();
    QVERIFY(add);
    QCOMPARE(add->objectName(), u"newUserDialog"_s);
    fill(add, u"usernameEdit"_s, u"bob"_s);
    fill(add, u"fullNameEdit"_s, u"Bob Builder"_s);
    fill(add, u"emailEdit"_s, u"bob@example.org"_s);
    fill(add, u"passwordEdit"_s, kPassword);
    fill(add, u"confirmPasswordEdit"_s, kPassword);
    add->submit();
    QTRY_VERIFY(!m_dialog->newUserDialog());
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(m_dialog->selectedUser(), u"bob"_s);
    QVERIFY(!m_server->login(u"bob"_s, kPassword).isEmpty());
    const auto bob = m_server->server().users().findByUsername(u"bob"_s);
    QVERIFY(bob);
    QCOMPARE(bob->fullName, u"Bob Builder"_s);
    QCOMPARE(bob->email, u"bob@example.org"_s);
}

void TestServerDialog::addUserRefusesBadInput()
{
    m_dialog->addUser();
    FirstAccountDialog *add = m_dialog->newUserDialog();
    QVERIFY(add);
    // A name that is taken: the store refuses, the dialog says so and stays.
    fill(add, u"usernameEdit"_s, u"alice"_s);
    fill(add, u"passwordEdit"_s, kPassword);
    fill(add, u"confirmPasswordEdit"_s, kPassword);
    add->submit();
    auto *error = child<QLabel>(add, u"errorLabel"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(u"not created"_s), qPrintable(error->text()));
    QVERIFY(m_dialog->newUserDialog());
    // Too short a password never reaches the server.
    fill(add, u"usernameEdit"_s, u"carol"_s);
    fill(add, u"passwordEdit"_s, u"short"_s);
    fill(add, u"confirmPasswordEdit"_s, u"short"_s);
    add->submit();
    QVERIFY2(error->text().contains(u"at least"_s), qPrintable(error->text()));
    QVERIFY(!m_server->server().users().findByUsername(u"carol"_s));
    QCOMPARE(m_server->server().users().count().value(), 1);
}

void TestServerDialog::disableRefusesTokensAndEnableRestores()
{
    const QString token = m_server->login(u"alice"_s, kPassword);
    QCOMPARE(m_server->get(u"/fastagency/discovery"_s, token).status, 200);

    m_dialog->selectUser(u"alice"_s);
    auto *toggle = child<QPushButton>(m_dialog.get(), u"toggleDisabledButton"_s);
    QVERIFY(toggle->isEnabled());
    QCOMPARE(toggle->text(), u"&Disable"_s);
    toggle->click();
    QVERIFY(m_server->server().users().findByUsername(u"alice"_s)->disabled);
    QCOMPARE(m_server->get(u"/fastagency/discovery"_s, token).detail(), u"Inactive user"_s);
    QCOMPARE(m_dialog->selectedUser(), u"alice"_s);
    QCOMPARE(toggle->text(), u"&Enable"_s);
    auto *table = child<QTableWidget>(m_dialog.get(), u"usersTable"_s);
    QCOMPARE(table->item(0, 3)->text(), u"Disabled"_s);

    toggle->click();
    QVERIFY(!m_server->server().users().findByUsername(u"alice"_s)->disabled);
    QCOMPARE(m_server->get(u"/fastagency/discovery"_s, token).status, 200);
    QCOMPARE(table->item(0, 3)->text(), u"Active"_s);
}

void TestServerDialog::cannotDisableTheSignedInUser()
{
    m_dialog->setSignedInUser(u"alice"_s);
    m_dialog->selectUser(u"alice"_s);
    auto *toggle = child<QPushButton>(m_dialog.get(), u"toggleDisabledButton"_s);
    QVERIFY(!toggle->isEnabled());
    m_dialog->toggleDisabled();
    QVERIFY(!m_server->server().users().findByUsername(u"alice"_s)->disabled);
    // Resetting one's own password stays possible.
    QVERIFY(child<QPushButton>(m_dialog.get(), u"resetPasswordButton"_s)->isEnabled());
}

void TestServerDialog::resetPasswordChangesTheLogin()
{
    m_dialog->selectUser(u"alice"_s);
    m_dialog->resetPassword();
    PasswordResetDialog *reset = m_dialog->passwordDialog();
    QVERIFY(reset);
    const QString newPassword = u"a brand new passphrase"_s;
    fill(reset, u"passwordEdit"_s, newPassword);
    fill(reset, u"confirmPasswordEdit"_s, newPassword);
    reset->accept();
    QTRY_VERIFY(!m_dialog->passwordDialog());
    QCOMPARE(m_server->tokenRequest(u"alice"_s, kPassword).status, 401);
    QVERIFY(!m_server->login(u"alice"_s, newPassword).isEmpty());
}

void TestServerDialog::resetPasswordRefusesMismatchAndShortPasswords()
{
    m_dialog->selectUser(u"alice"_s);
    m_dialog->resetPassword();
    PasswordResetDialog *reset = m_dialog->passwordDialog();
    QVERIFY(reset);
    auto *error = child<QLabel>(reset, u"errorLabel"_s);
    fill(reset, u"passwordEdit"_s, u"one long passphrase"_s);
    fill(reset, u"confirmPasswordEdit"_s, u"another long passphrase"_s);
    reset->accept();
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), u"The two passwords differ."_s);
    fill(reset, u"passwordEdit"_s, u"short"_s);
    fill(reset, u"confirmPasswordEdit"_s, u"short"_s);
    reset->accept();
    QVERIFY2(error->text().contains(u"at least"_s), qPrintable(error->text()));
    QVERIFY(reset->isVisible());
    QVERIFY(!m_server->login(u"alice"_s, kPassword).isEmpty()); // unchanged
    // Nothing selected: nothing to reset.
    m_dialog->selectUser({});
    reset->reject();
    QTRY_VERIFY(!m_dialog->passwordDialog());
    m_dialog->resetPassword();
    QVERIFY(!m_dialog->passwordDialog());
}

void TestServerDialog::logShowsServerLinesWithoutSecrets()
{
    auto *view = child<QPlainTextEdit>(m_dialog.get(), u"logView"_s);
    const QString token = m_server->login(u"alice"_s, kPassword);
    QVERIFY(!token.isEmpty());
    QCOMPARE(m_server->get(u"/fastagency/discovery"_s, token).status, 200);
    QCOMPARE(m_server->tokenRequest(u"alice"_s, u"wrong password"_s).status, 401);
    QTRY_VERIFY2(view->toPlainText().contains(u"/fastagency/discovery"_s), qPrintable(view->toPlainText()));
    const QString text = view->toPlainText();
    QVERIFY(text.contains(u"agentdesk.http"_s));
    QVERIFY(!text.contains(token));
    QVERIFY(!text.contains(kPassword));
    QVERIFY(!text.contains(u"wrong password"_s));
    // A window opened later shows what was logged before it.
    ServerDialog later(m_admin.get());
    QVERIFY(child<QPlainTextEdit>(&later, u"logView"_s)->toPlainText().contains(u"/fastagency/discovery"_s));
}

void TestServerDialog::logBufferKeepsItsCapacity()
{
    m_dialog.reset();
    m_admin.reset();
    m_log.reset();
    LogBuffer small(3);
    QLoggingCategory category("agentdesk.test");
    for (int i = 0; i < 10; ++i)
        qCInfo(category, "line %d", i);
    QLoggingCategory other("somebody.else");
    qCWarning(other, "not ours");
    const QStringList lines = small.lines();
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.first().endsWith(u"agentdesk.test: info: line 7"_s));
    QVERIFY(lines.last().endsWith(u"agentdesk.test: info: line 9"_s));
    QCoreApplication::processEvents(); // the lines above are announced, queued
    QSignalSpy added(&small, &LogBuffer::lineAdded);
    std::unique_ptr<QThread> worker(QThread::create([&category] { qCWarning(category, "from a worker"); }));
    worker->start();
    QVERIFY(worker->wait(5000));
    QTRY_COMPARE(added.size(), 1);
    QVERIFY(added.first().first().toString().endsWith(u"agentdesk.test: warning: from a worker"_s));
}

QTEST_MAIN(TestServerDialog)
#include "tst_serverdialog.moc"
