#pragma once

#include <QObject>
#include <QPointer>

class QDBusPendingCallWatcher;
class QSystemTrayIcon;
class QWidget;

namespace agentdesk {

// Tells the user that a run needs them while the window is in the
// background: a desktop notification (the freedesktop.org Notifications
// service on the session bus: GNOME Shell, KDE Plasma, dunst, ...), else a
// system tray message where a tray exists. The window manager's attention
// hint (QApplication::alert) is raised in every case.
class Notifier : public QObject
{
    Q_OBJECT
public:
    enum class Method { None, DesktopNotification, TrayMessage, Alert };
    Q_ENUM(Method)

    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }

    // Notifies unless `window` is the active window or notifications are
    // off; false when it did not. How it notified comes with notified().
    // One at a time: a new notification replaces the one still shown.
    bool notify(QWidget *window, const QString &title, const QString &text);
    // Takes our notification off the screen (the user is back).
    void withdraw();

signals:
    void notified(const QString &title, const QString &text, agentdesk::Notifier::Method method);
    // The user clicked one of our notifications; the window was brought up.
    void activated();

private:
    Q_SLOT void onActionInvoked(uint id, const QString &action);
    Q_SLOT void onNotificationClosed(uint id, uint reason);
    void onNotifyReply(QDBusPendingCallWatcher *watcher, const QString &title, const QString &text);
    // Without a notification service: the tray, or only the attention hint.
    void fallBack(const QString &title, const QString &text);
    void bringUp();

    QPointer<QWidget> m_window;
    QPointer<QSystemTrayIcon> m_tray;
    uint m_shown = 0; // the id of our notification on screen, 0 for none
    bool m_enabled = true;
    bool m_listening = false;
};

} // namespace agentdesk
