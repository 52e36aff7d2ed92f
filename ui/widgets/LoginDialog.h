#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;

namespace agentdesk {

// Server URL, username, password. It never talks to the network: it asks
// through loginRequested() and the controller answers with setBusy(false)
// and showError(), so the window stays responsive while the server works.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LoginDialog(const QUrl &defaultServerUrl, QWidget *parent = nullptr);

    void setServerUrl(const QUrl &url);
    void setUsername(const QString &username);
    QString username() const;
    void clearPassword();
    // An error about the last attempt (shown inline, in red).
    void showError(const QString &error);
    // Why the dialog is shown (session expired, signed out...).
    void showNotice(const QString &notice);
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    // What the Sign in button does: validate, then emit loginRequested.
    void submit();

signals:
    void loginRequested(const QUrl &serverUrl, const QString &username, const QString &password);

private:
    QUrl m_defaultServerUrl;
    QLineEdit *m_server;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_notice;
    QLabel *m_error;
    QLabel *m_status;
    QPushButton *m_login;
    QPushButton *m_embedded;
    bool m_busy = false;
};

} // namespace agentdesk
