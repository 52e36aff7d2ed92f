#pragma once

#include <QDialog>
#include <QUrl>

class QComboBox;
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

    // The profiles signed in to before: (label, server id, URL, username).
    struct Profile
    {
        QString label;
        QString server;
        QUrl url;
        QString username;
    };
    void setProfiles(const QList<Profile> &profiles);

signals:
    void loginRequested(const QUrl &serverUrl, const QString &username, const QString &password);
    // A saved profile was chosen: its keychain entry may sign in at once.
    void profileChosen(const QString &server, const QString &username);
    // The user wants a profile and its saved sign-in gone.
    void forgetProfileRequested(const QString &server, const QString &username);

private:
    void applyPalette();
    void changeEvent(QEvent *event) override;

    QUrl m_defaultServerUrl;
    QList<Profile> m_profiles;
    QComboBox *m_profileCombo;
    QPushButton *m_forget;
    QWidget *m_profileRow;
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
