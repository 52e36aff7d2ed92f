#include "PasswordResetDialog.h"

#include "FirstAccountDialog.h"
#include "Theme.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

PasswordResetDialog::PasswordResetDialog(const QString &username, QWidget *parent) : QDialog(parent)
{
    setObjectName(u"passwordResetDialog"_s);
    setWindowTitle(tr("Reset password"));
    setMinimumWidth(420);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A new password for <b>%1</b>. Their saved sign-ins with the old "
                                "password stop working where the server's token mode allows.")
                                     .arg(username.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    const auto addEdit = [&](const QString &name, const QString &label) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        edit->setEchoMode(QLineEdit::Password);
        edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
        edit->setAccessibleName(label);
        form->addRow(label, edit);
        return edit;
    };
    m_password = addEdit(u"passwordEdit"_s, tr("&New password:"));
    m_confirm = addEdit(u"confirmPasswordEdit"_s, tr("&Repeat password:"));
    m_password->setPlaceholderText(tr("at least %1 characters").arg(FirstAccountDialog::kMinimumPasswordLength));
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(u"errorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(Theme::bannerStyle(palette(), true));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Set password"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"setPasswordButton"_s);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &PasswordResetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PasswordResetDialog::reject);
}

QString PasswordResetDialog::password() const
{
    return m_password->text();
}

void PasswordResetDialog::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

// OK only proposes the password: the dialog closes when whoever listens to
// passwordChosen() calls done(Accepted), or stays open with their error.
void PasswordResetDialog::accept()
{
    const QString problem = FirstAccountDialog::passwordProblem(m_password->text(), m_confirm->text());
    if (!problem.isEmpty())
        showError(problem);
    else
        emit passwordChosen(m_password->text());
}

} // namespace agentdesk
