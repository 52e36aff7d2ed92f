#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace agentdesk {

// Tells the user that a run needs them while the window is in the
// background: a desktop notification through the system tray where one
// exists, otherwise the window manager's attention hint (QApplication::alert).
class Notifier : public QObject
{
    Q_OBJECT
public:
    enum class Method { None, TrayMessage, Alert };
    Q_ENUM(Method)

    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }

    // Notifies unless `window` is the active window; returns how.
    Method notify(QWidget *window, const QString &title, const QString &text);

signals:
    void notified(const QString &title, const QString &text, agentdesk::Notifier::Method method);

private:
    QPointer<QSystemTrayIcon> m_tray;
    bool m_enabled = true;
};

} // namespace agentdesk
