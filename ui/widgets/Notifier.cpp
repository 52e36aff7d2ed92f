#include "Notifier.h"

#include "ClientLogging.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QIcon>
#include <QSystemTrayIcon>
#include <QWidget>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

// The Desktop Notifications Specification, version 1.2.
const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;
const QString kInterface = u"org.freedesktop.Notifications"_s;
const QString kDesktopEntry = u"io.github.agentdesk.Agentdesk"_s;
const QString kDefaultAction = u"default"_s;
constexpr int kCallTimeoutMs = 5000;

} // namespace

Notifier::Notifier(QObject *parent) : QObject(parent) {}

Notifier::~Notifier()
{
    delete m_tray;
}

bool Notifier::notify(QWidget *window, const QString &title, const QString &text)
{
    // The user is looking at one of our windows (the main one or a dialog).
    if (!m_enabled || !window || (QApplication::activeWindow() && !window->isMinimized()))
        return false;
    m_window = window;
    // The task bar entry asks for attention whatever else happens.
    QApplication::alert(window);

    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        fallBack(title, text);
        return true;
    }
    if (!m_listening) {
        // Signals of the service for every client: onActionInvoked keeps ours.
        bus.connect(kService, kPath, kInterface, u"ActionInvoked"_s, this, SLOT(onActionInvoked(uint, QString)));
        bus.connect(kService, kPath, kInterface, u"NotificationClosed"_s, this,
                    SLOT(onNotificationClosed(uint, uint)));
        m_listening = true;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"Notify"_s);
    const QVariantMap hints{{u"desktop-entry"_s, kDesktopEntry},
                            {u"category"_s, u"im.received"_s},
                            {u"urgency"_s, QVariant::fromValue(uchar(1))}};
    // The body may be read as markup: a workflow's prompt is text, never markup.
    call << u"Agentdesk"_s << m_shown << kDesktopEntry << title << text.toHtmlEscaped()
         << QStringList{kDefaultAction, tr("Show")} << hints << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, title, text](QDBusPendingCallWatcher *finished) { onNotifyReply(finished, title, text); });
    return true;
}

void Notifier::onNotifyReply(QDBusPendingCallWatcher *watcher, const QString &title, const QString &text)
{
    watcher->deleteLater();
    const QDBusPendingReply<uint> reply = *watcher;
    if (reply.isError()) {
        qCInfo(lcClientUi).noquote() << "no desktop notification:" << reply.error().message();
        fallBack(title, text);
        return;
    }
    m_shown = reply.value();
    emit notified(title, text, Method::DesktopNotification);
}

void Notifier::fallBack(const QString &title, const QString &text)
{
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QIcon(u":/agentdesk/icons/agentdesk.svg"_s));
            m_tray->setToolTip(u"Agentdesk"_s);
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, &Notifier::bringUp);
        }
        m_tray->show();
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 10000);
        emit notified(title, text, Method::TrayMessage);
        return;
    }
    emit notified(title, text, Method::Alert);
}

void Notifier::onActionInvoked(uint id, const QString &action)
{
    if (id == 0 || id != m_shown || action != kDefaultAction)
        return;
    bringUp();
}

void Notifier::onNotificationClosed(uint id, uint /*reason*/)
{
    if (id == m_shown)
        m_shown = 0;
}

void Notifier::withdraw()
{
    if (m_tray)
        m_tray->hide();
    if (m_shown == 0)
        return;
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"CloseNotification"_s);
    call << std::exchange(m_shown, 0u);
    QDBusConnection::sessionBus().asyncCall(call, kCallTimeoutMs);
}

void Notifier::bringUp()
{
    if (m_window) {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    }
    emit activated();
}

} // namespace agentdesk
