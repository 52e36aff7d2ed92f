#pragma once

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace agentdesk {

// First run of the embedded server, which has no users and no built-in
// password: the user creates the first account here (Mode::FirstAccount);
// later, the server window adds more users with it (Mode::NewUser). The account is made
// by a callback from app/ (the ui library does not link the server); it
// returns an error text, empty on success.
class FirstAccountDialog : public QDialog
{
    Q_OBJECT
public:
    using CreateAccount = std::function<QString(const QString &username, const QString &fullName,
                                                const QString &email, const QString &password)>;

    enum class Mode { FirstAccount, NewUser };

    explicit FirstAccountDialog(CreateAccount createAccount, QWidget *parent = nullptr,
                                Mode mode = Mode::FirstAccount);

    static constexpr int kMinimumPasswordLength = 8;
    // What is wrong with a new password typed twice (too short, the two
    // differ), empty when nothing is: the client's check, before the server's.
    static QString passwordProblem(const QString &password, const QString &repeated);

    // What the Create button does: validate, call the callback, accept.
    void submit();

signals:
    // The password is handed on once so the app can sign in right away.
    void accountCreated(const QString &username, const QString &password);

private:
    void showError(const QString &error);

    CreateAccount m_createAccount;
    QLineEdit *m_username;
    QLineEdit *m_fullName;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QLabel *m_error;
    QPushButton *m_create;
};

} // namespace agentdesk
