#pragma once

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace agentdesk {

class FirstAccountDialog;
class PasswordResetDialog;
class ServerAdmin;

// The embedded server's window: its address and state, its users (add,
// disable or enable, reset a password) and its log as it is written.
class ServerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ServerDialog(ServerAdmin *admin, QWidget *parent = nullptr);

    // The account signed in now on the embedded server, if any: it cannot
    // disable itself from here (the window would lock its own user out).
    void setSignedInUser(const QString &username);

    QTabWidget *tabs() const { return m_tabs; }
    // The user the Users tab has selected, empty when none.
    QString selectedUser() const;
    void selectUser(const QString &username);

    // The buttons' actions (tests call them; the dialogs they open are
    // newUserDialog() and passwordDialog()).
    void addUser();
    void toggleDisabled();
    void resetPassword();
    FirstAccountDialog *newUserDialog() const;
    PasswordResetDialog *passwordDialog() const;

    // Re-reads the state and the users.
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    bool selectedIsDisabled() const;
    void refreshState();
    void refreshUsers();
    void updateButtons();
    void showUsersMessage(const QString &text, bool error);
    void appendLog(const QString &line);

    ServerAdmin *m_admin;
    QString m_signedInUser;
    QTabWidget *m_tabs;
    QLabel *m_address;
    QLabel *m_state;
    QLabel *m_runs;
    QLabel *m_database;
    QTableWidget *m_users;
    QPushButton *m_add;
    QPushButton *m_toggle;
    QPushButton *m_reset;
    QLabel *m_usersMessage;
    QPlainTextEdit *m_log;
    QTimer m_stateTimer;
    bool m_columnsSized = false;
    QPointer<FirstAccountDialog> m_newUser;
    QPointer<PasswordResetDialog> m_password;
};

} // namespace agentdesk
