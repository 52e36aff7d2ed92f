#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace agentdesk {

// A new password for a user, typed twice. It only checks what the client can
// (length, both the same); the server applies its own policy on top and its
// refusal is shown here with showError().
class PasswordResetDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PasswordResetDialog(const QString &username, QWidget *parent = nullptr);

    QString password() const;
    void showError(const QString &error);
    void accept() override;

signals:
    // The two fields agree and are long enough: try this password.
    void passwordChosen(const QString &password);

private:
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QLabel *m_error;
};

} // namespace agentdesk
