// Desktop notifications against a real notification daemon: dunst on Xvfb
// in a private session bus (tests/support/with-notifications.sh), inspected
// with its own dunstctl.

#include "widgets/Notifier.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

QByteArray dunstctl(const QStringList &arguments)
{
    QProcess process;
    process.start(u"dunstctl"_s, arguments);
    if (!process.waitForFinished(10'000) || process.exitCode() != 0)
        qWarning() << "dunstctl" << arguments << "failed:" << process.readAllStandardError();
    return process.readAllStandardOutput().trimmed();
}

int displayed()
{
    return dunstctl({u"count"_s, u"displayed"_s}).toInt();
}

// What dunst keeps of the notifications closed so far, newest first.
QList<QJsonObject> history()
{
    QList<QJsonObject> out;
    const QJsonArray groups = QJsonDocument::fromJson(dunstctl({u"history"_s})).object().value(u"data").toArray();
    for (const QJsonValue &group : groups) {
        for (const QJsonValue &entry : group.toArray())
            out.append(entry.toObject());
    }
    return out;
}

QString field(const QJsonObject &entry, const QString &name)
{
    return entry.value(name).toObject().value(u"data").toString();
}

} // namespace

class TestNotifications : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void questionInTheBackgroundIsADesktopNotification();
    void clickingItBringsTheWindowUp();
    void promptIsTextNotMarkup();
    void aNewQuestionReplacesTheLastAndWithdrawClears();
    void nothingWhileInFrontOrTurnedOff();

private:
    void goToBackground();
    std::unique_ptr<QWidget> m_window;
};

void TestNotifications::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "run through with-notifications.sh");
}

void TestNotifications::init()
{
    dunstctl({u"close-all"_s});
    m_window = std::make_unique<QWidget>();
    m_window->setWindowTitle(u"Agentdesk"_s);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestNotifications::cleanup()
{
    dunstctl({u"close-all"_s});
    m_window.reset();
}

void TestNotifications::goToBackground()
{
    QApplication::setActiveWindow(nullptr);
    QTRY_VERIFY(!QApplication::activeWindow());
}

void TestNotifications::questionInTheBackgroundIsADesktopNotification()
{
    Notifier notifier;
    QSignalSpy notified(&notifier, &Notifier::notified);
    goToBackground();
    const qsizetype before = history().size();
    QVERIFY(notifier.notify(m_window.get(), u"Teacher_Agent asks a question"_s, u"Which subject next?"_s));
    QTRY_COMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(2).value<Notifier::Method>(), Notifier::Method::DesktopNotification);
    QTRY_COMPARE(displayed(), 1);

    dunstctl({u"close-all"_s});
    const QList<QJsonObject> shown = history();
    QCOMPARE(shown.size(), before + 1);
    QCOMPARE(field(shown.first(), u"appname"_s), u"Agentdesk"_s);
    QCOMPARE(field(shown.first(), u"summary"_s), u"Teacher_Agent asks a question"_s);
    QCOMPARE(field(shown.first(), u"body"_s), u"Which subject next?"_s);
    QCOMPARE(field(shown.first(), u"default_action_name"_s), u"default"_s);
}

void TestNotifications::clickingItBringsTheWindowUp()
{
    Notifier notifier;
    QSignalSpy notified(&notifier, &Notifier::notified);
    QSignalSpy activated(&notifier, &Notifier::activated);
    m_window->showMinimized();
    goToBackground();
    QVERIFY(notifier.notify(m_window.get(), u"Workflow asks a question"_s, u"Your name?"_s));
    QTRY_COMPARE(notified.size(), 1);
    QTRY_COMPARE(displayed(), 1);
    dunstctl({u"action"_s, u"0"_s}); // what a click does: the default action
    QTRY_COMPARE(activated.size(), 1);
    QVERIFY(!m_window->isMinimized());
    QVERIFY(m_window->isVisible());
}

void TestNotifications::promptIsTextNotMarkup()
{
    Notifier notifier;
    QSignalSpy notified(&notifier, &Notifier::notified);
    goToBackground();
    QVERIFY(notifier.notify(m_window.get(), u"Workflow asks a question"_s, u"<b>2 < 3</b> & <img src=x>"_s));
    QTRY_COMPARE(notified.size(), 1);
    QTRY_COMPARE(displayed(), 1);
    dunstctl({u"close-all"_s});
    const QList<QJsonObject> shown = history();
    QVERIFY(!shown.isEmpty());
    QCOMPARE(field(shown.first(), u"body"_s), u"&lt;b&gt;2 &lt; 3&lt;/b&gt; &amp; &lt;img src=x&gt;"_s);
}

void TestNotifications::aNewQuestionReplacesTheLastAndWithdrawClears()
{
    Notifier notifier;
    QSignalSpy notified(&notifier, &Notifier::notified);
    goToBackground();
    QVERIFY(notifier.notify(m_window.get(), u"Workflow asks a question"_s, u"First?"_s));
    QTRY_COMPARE(notified.size(), 1);
    QVERIFY(notifier.notify(m_window.get(), u"Workflow asks a question"_s, u"Second?"_s));
    QTRY_COMPARE(notified.size(), 2);
    QTest::qWait(200);
    QCOMPARE(displayed(), 1); // one Agentdesk notification, the newest
    notifier.withdraw();
    QTRY_COMPARE(displayed(), 0);
    const QList<QJsonObject> shown = history();
    QVERIFY(!shown.isEmpty());
    QCOMPARE(field(shown.first(), u"body"_s), u"Second?"_s);
}

void TestNotifications::nothingWhileInFrontOrTurnedOff()
{
    Notifier notifier;
    QSignalSpy notified(&notifier, &Notifier::notified);
    QApplication::setActiveWindow(m_window.get());
    QTRY_VERIFY(m_window->isActiveWindow());
    QVERIFY(!notifier.notify(m_window.get(), u"Workflow asks a question"_s, u"In front"_s));

    notifier.setEnabled(false);
    goToBackground();
    QVERIFY(!notifier.notify(m_window.get(), u"Workflow asks a question"_s, u"Turned off"_s));
    QTest::qWait(300);
    QCOMPARE(notified.size(), 0);
    QCOMPARE(displayed(), 0);
}

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
