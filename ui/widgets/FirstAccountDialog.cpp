#include "FirstAccountDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

FirstAccountDialog::FirstAccountDialog(CreateAccount createAccount, QWidget *parent, Mode mode)
    : QDialog(parent), m_createAccount(std::move(createAccount))
{
    const bool first = mode == Mode::FirstAccount;
    setObjectName(first ? u"firstAccountDialog"_s : u"newUserDialog"_s);
    setWindowTitle(first ? tr("Welcome to Agentdesk") : tr("Add a user"));
    setMinimumWidth(460);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(first ? tr("<b>Create the first account.</b><br>The server built into Agentdesk "
                                        "has no users yet, and there is no built-in password: the account "
                                        "you create now is the one you sign in with.")
                                   : tr("<b>Add a user to the server built into Agentdesk.</b><br>"
                                        "Tell them their password yourself; they sign in with it."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    const auto addEdit = [&](const QString &name, const QString &label, bool secret) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        if (secret) {
            edit->setEchoMode(QLineEdit::Password);
            edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
        }
        form->addRow(label, edit);
        connect(edit, &QLineEdit::returnPressed, this, &FirstAccountDialog::submit);
        return edit;
    };
    m_username = addEdit(u"usernameEdit"_s, tr("&Username:"), false);
    m_fullName = addEdit(u"fullNameEdit"_s, tr("&Full name:"), false);
    m_email = addEdit(u"emailEdit"_s, tr("&Email:"), false);
    m_password = addEdit(u"passwordEdit"_s, tr("&Password:"), true);
    m_confirm = addEdit(u"confirmPasswordEdit"_s, tr("&Repeat password:"), true);
    m_password->setPlaceholderText(tr("at least %1 characters").arg(kMinimumPasswordLength));
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(u"errorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(u"QLabel { color: #82071e; background: #ffebe9; border: 1px solid #cf222e;"
                           u" border-radius: 4px; padding: 6px; }"_s);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(first ? tr("Create account") : tr("Add user"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(u"createButton"_s);
    m_create->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    layout->addWidget(buttons);
    connect(m_create, &QPushButton::clicked, this, &FirstAccountDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &FirstAccountDialog::reject);
    // Return creates the account, never cancels (see LoginDialog).
    cancel->setAutoDefault(false);
    m_username->setFocus();
}

void FirstAccountDialog::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

QString FirstAccountDialog::passwordProblem(const QString &password, const QString &repeated)
{
    if (password.size() < kMinimumPasswordLength)
        return tr("The password needs at least %1 characters.").arg(kMinimumPasswordLength);
    if (password != repeated)
        return tr("The two passwords differ.");
    return {};
}

void FirstAccountDialog::submit()
{
    const QString username = m_username->text().trimmed();
    // Never null: an empty optional field is an empty string, not SQL NULL.
    const QString fullName = m_fullName->text().trimmed().append(u""_s);
    const QString email = m_email->text().trimmed().append(u""_s);
    const QString password = m_password->text();

    static const QRegularExpression usernamePattern(u"^[A-Za-z0-9._@+-]{1,64}$"_s);
    static const QRegularExpression emailPattern(u"^[^@\\s]+@[^@\\s]+$"_s);
    QString error;
    if (!usernamePattern.match(username).hasMatch())
        error = tr("Choose a username: letters, digits and . _ @ + - only, up to 64 characters.");
    else if (!email.isEmpty() && !emailPattern.match(email).hasMatch())
        error = tr("“%1” is not an email address.").arg(email);
    else
        error = passwordProblem(password, m_confirm->text());
    if (!error.isEmpty()) {
        showError(error);
        return;
    }

    // Local and quick (one password hash): run in place, with a busy cursor.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString failure = m_createAccount ? m_createAccount(username, fullName, email, password)
                                            : tr("This build cannot create accounts.");
    QApplication::restoreOverrideCursor();
    if (!failure.isEmpty()) {
        showError(tr("The account was not created: %1").arg(failure));
        return;
    }
    showError({});
    m_password->clear();
    m_confirm->clear();
    emit accountCreated(username, password);
    accept();
}

} // namespace agentdesk
