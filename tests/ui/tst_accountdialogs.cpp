// LoginDialog and FirstAccountDialog on their own: validation inline,
// asynchronous hand-off through signals, nothing blocking.
#include "widgets/FirstAccountDialog.h"
#include "widgets/LoginDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace agentdesk;
using namespace Qt::StringLiterals;

class TestAccountDialogs : public QObject
{
    Q_OBJECT
private slots:
    void loginDefaultsToTheEmbeddedServer();
    void loginValidatesBeforeAsking();
    void loginIsAsynchronous();
    void returnInThePasswordSignsInAndNeverCancels();
    void focusStartsWhereTypingStarts();
    void firstAccountChecksItsFields_data();
    void firstAccountChecksItsFields();
    void firstAccountHandsOverNonNullFields();
    void firstAccountShowsTheServersRefusal();
};

void TestAccountDialogs::loginDefaultsToTheEmbeddedServer()
{
    LoginDialog dialog(QUrl(u"http://127.0.0.1:4321/"_s));
    auto *server = dialog.findChild<QLineEdit *>(u"serverUrlEdit"_s);
    QCOMPARE(server->text(), u"http://127.0.0.1:4321"_s);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"passwordEdit"_s)->echoMode(), QLineEdit::Password);
    server->setText(u"https://remote.example"_s);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"embeddedServerButton"_s), Qt::LeftButton);
    QCOMPARE(server->text(), u"http://127.0.0.1:4321"_s);
}

void TestAccountDialogs::loginValidatesBeforeAsking()
{
    LoginDialog dialog(QUrl(u"http://127.0.0.1:4321/"_s));
    dialog.show();
    QSignalSpy requested(&dialog, &LoginDialog::loginRequested);
    auto *error = dialog.findChild<QLabel *>(u"errorLabel"_s);
    auto *login = dialog.findChild<QPushButton *>(u"loginButton"_s);

    QTest::mouseClick(login, Qt::LeftButton);
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(u"username"_s));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"usernameEdit"_s), u"alice"_s);
    QTest::mouseClick(login, Qt::LeftButton);
    QVERIFY(error->text().contains(u"password"_s));
    auto *server = dialog.findChild<QLineEdit *>(u"serverUrlEdit"_s);
    server->clear();
    QTest::keyClicks(server, u"gopher://x"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"passwordEdit"_s), u"pw"_s);
    QTest::mouseClick(login, Qt::LeftButton);
    QVERIFY(error->text().contains(u"not a server address"_s));
    QCOMPARE(requested.size(), 0);
}

void TestAccountDialogs::loginIsAsynchronous()
{
    LoginDialog dialog(QUrl(u"http://127.0.0.1:4321/"_s));
    dialog.show();
    QSignalSpy requested(&dialog, &LoginDialog::loginRequested);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"usernameEdit"_s), u" alice "_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"passwordEdit"_s), u"p w+&="_s);
    QTest::keyClick(dialog.findChild<QLineEdit *>(u"passwordEdit"_s), Qt::Key_Return);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toUrl(), QUrl(u"http://127.0.0.1:4321/"_s));
    QCOMPARE(requested.at(0).at(1).toString(), u"alice"_s);
    QCOMPARE(requested.at(0).at(2).toString(), u"p w+&="_s); // passwords are not trimmed
    // Busy until the controller answers; a second submit is ignored.
    QVERIFY(dialog.isBusy());
    QVERIFY(!dialog.findChild<QPushButton *>(u"loginButton"_s)->isEnabled());
    dialog.submit();
    QCOMPARE(requested.size(), 1);
    dialog.setBusy(false);
    dialog.showError(u"Signing in failed: Incorrect username or password"_s);
    QVERIFY(dialog.findChild<QLabel *>(u"errorLabel"_s)->isVisible());
    QVERIFY(dialog.isVisible());
}

void TestAccountDialogs::returnInThePasswordSignsInAndNeverCancels()
{
    // Found under Xvfb: Return signed in, the busy fields lost the focus to
    // Cancel, and the same key press then cancelled the dialog (and quit).
    LoginDialog dialog(QUrl(u"http://127.0.0.1:4321/"_s));
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QSignalSpy requested(&dialog, &LoginDialog::loginRequested);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    connect(&dialog, &LoginDialog::loginRequested, &dialog, [&dialog] { dialog.setBusy(true); });
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"usernameEdit"_s), u"ada"_s);
    auto *password = dialog.findChild<QLineEdit *>(u"passwordEdit"_s);
    password->setFocus();
    QTest::keyClicks(password, u"secret words"_s);
    QTest::keyClick(password, Qt::Key_Return);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(rejected.size(), 0);
    QVERIFY(dialog.isVisible());
    // Return again while busy: still nothing cancels.
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &dialog, Qt::Key_Return);
    QCOMPARE(rejected.size(), 0);
    QCOMPARE(requested.size(), 1);
}

// Found under Xvfb: a fresh dialog put the cursor in the password field
// with the username still empty.
void TestAccountDialogs::focusStartsWhereTypingStarts()
{
    LoginDialog dialog(QUrl(u"http://127.0.0.1:4321/"_s));
    dialog.setBusy(false); // what the controller does before showing it
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QTRY_COMPARE(QApplication::focusWidget(), dialog.findChild<QLineEdit *>(u"usernameEdit"_s));
    dialog.setUsername(u"ada"_s);
    dialog.setBusy(false);
    QTRY_COMPARE(QApplication::focusWidget(), dialog.findChild<QLineEdit *>(u"passwordEdit"_s));
}

void TestAccountDialogs::firstAccountChecksItsFields_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("confirm");
    QTest::addColumn<QString>("error");
    QTest::newRow("no username") << u""_s << u""_s << u"long enough"_s << u"long enough"_s << u"username"_s;
    QTest::newRow("bad username") << u"a b"_s << u""_s << u"long enough"_s << u"long enough"_s << u"username"_s;
    QTest::newRow("bad email") << u"ada"_s << u"not-an-email"_s << u"long enough"_s << u"long enough"_s
                               << u"email"_s;
    QTest::newRow("short password") << u"ada"_s << u""_s << u"short"_s << u"short"_s << u"8 characters"_s;
    QTest::newRow("mismatch") << u"ada"_s << u""_s << u"long enough"_s << u"long enougH"_s << u"differ"_s;
}

void TestAccountDialogs::firstAccountChecksItsFields()
{
    QFETCH(QString, username);
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, confirm);
    QFETCH(QString, error);
    int calls = 0;
    FirstAccountDialog dialog([&](auto &&...) {
        ++calls;
        return QString();
    });
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"usernameEdit"_s), username);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"emailEdit"_s), email);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"passwordEdit"_s), password);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"confirmPasswordEdit"_s), confirm);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"createButton"_s), Qt::LeftButton);
    auto *label = dialog.findChild<QLabel *>(u"errorLabel"_s);
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(error), qPrintable(label->text()));
    QCOMPARE(calls, 0);
    QVERIFY(dialog.isVisible());
}

void TestAccountDialogs::firstAccountHandsOverNonNullFields()
{
    QStringList got;
    bool nullSeen = false;
    FirstAccountDialog dialog([&](const QString &u, const QString &f, const QString &e, const QString &p) {
        got = {u, f, e, p};
        nullSeen = u.isNull() || f.isNull() || e.isNull() || p.isNull();
        return QString();
    });
    dialog.show();
    QSignalSpy created(&dialog, &FirstAccountDialog::accountCreated);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"usernameEdit"_s), u"ada"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"passwordEdit"_s), u"long enough"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"confirmPasswordEdit"_s), u"long enough"_s);
    QTest::keyClick(dialog.findChild<QLineEdit *>(u"confirmPasswordEdit"_s), Qt::Key_Return);
    QCOMPARE(got, (QStringList{u"ada"_s, QString(), QString(), u"long enough"_s}));
    QVERIFY(!nullSeen); // optional fields arrive as empty strings, never null
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.at(0).at(0).toString(), u"ada"_s);
    QVERIFY(!dialog.isVisible());
    // The password fields are cleared once handed over.
    QVERIFY(dialog.findChild<QLineEdit *>(u"passwordEdit"_s)->text().isEmpty());
}

void TestAccountDialogs::firstAccountShowsTheServersRefusal()
{
    FirstAccountDialog dialog([](auto &&...) { return u"that username is taken"_s; });
    dialog.show();
    QSignalSpy created(&dialog, &FirstAccountDialog::accountCreated);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"usernameEdit"_s), u"ada"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"passwordEdit"_s), u"long enough"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"confirmPasswordEdit"_s), u"long enough"_s);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"createButton"_s), Qt::LeftButton);
    QVERIFY(dialog.findChild<QLabel *>(u"errorLabel"_s)->text().contains(u"that username is taken"_s));
    QCOMPARE(created.size(), 0);
    QVERIFY(dialog.isVisible());
}

QTEST_MAIN(TestAccountDialogs)
#include "tst_accountdialogs.moc"
