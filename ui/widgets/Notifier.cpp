#include "Notifier.h"

#include <QApplication>
#include <QIcon>
#include <QSystemTrayIcon>
#include <QWidget>

namespace agentdesk {

using namespace Qt::StringLiterals;

Notifier::Notifier(QObject *parent) : QObject(parent) {}

Notifier::~Notifier()
{
    delete m_tray;
}

Notifier::Method Notifier::notify(QWidget *window, const QString &title, const QString &text)
{
    // The user is looking at one of our windows (the main one or a dialog).
    if (!m_enabled || !window || (QApplication::activeWindow() && !window->isMinimized()))
        return Method::None;
    Method method = Method::Alert;
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QIcon(u":/agentdesk/icons/agentdesk.svg"_s));
            m_tray->setToolTip(u"Agentdesk"_s);
            connect(m_tray, &QSystemTrayIcon::messageClicked, window, [window] {
                window->showNormal();
                window->raise();
                window->activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 10000);
        method = Method::TrayMessage;
    }
    // The task bar entry asks for attention in both cases.
    QApplication::alert(window);
    emit notified(title, text, method);
    return method;
}

} // namespace agentdesk
