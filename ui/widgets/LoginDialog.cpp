#include "LoginDialog.h"

#include "Theme.h"
#include "api/ServerClient.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

LoginDialog::LoginDialog(const QUrl &defaultServerUrl, QWidget *parent)
    : QDialog(parent), m_defaultServerUrl(defaultServerUrl)
{
    setObjectName(u"loginDialog"_s);
    setWindowTitle(tr("Sign in to Agentdesk"));
    setMinimumWidth(440);

    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<b>Sign in</b> to a workflow server"), this);
    layout->addWidget(title);

    m_notice = new QLabel(this);
    m_notice->setObjectName(u"noticeLabel"_s);
    m_notice->setWordWrap(true);
    m_notice->hide();
    layout->addWidget(m_notice);

    // Servers and accounts used before, each with its own saved sign-in.
    m_profileRow = new QWidget(this);
    auto *profileLayout = new QHBoxLayout(m_profileRow);
    profileLayout->setContentsMargins(0, 0, 0, 0);
    auto *profileLabel = new QLabel(tr("Sa&ved:"), m_profileRow);
    m_profileCombo = new QComboBox(m_profileRow);
    m_profileCombo->setObjectName(u"profileCombo"_s);
    m_profileCombo->setAccessibleName(tr("Saved servers and accounts"));
    profileLabel->setBuddy(m_profileCombo);
    m_forget = new QPushButton(tr("&Forget"), m_profileRow);
    m_forget->setObjectName(u"forgetProfileButton"_s);
    m_forget->setToolTip(tr("Remove this account from the list and its saved sign-in from the keychain"));
    profileLayout->addWidget(profileLabel);
    profileLayout->addWidget(m_profileCombo, 1);
    profileLayout->addWidget(m_forget);
    m_profileRow->hide();
    layout->addWidget(m_profileRow);
    connect(m_profileCombo, &QComboBox::activated, this, [this](int index) {
        const int i = index - 1; // item 0: "another server or account"
        if (i < 0 || i >= m_profiles.size()) {
            m_username->clear();
            m_username->setFocus();
            return;
        }
        const Profile &profile = m_profiles.at(i);
        setServerUrl(profile.url);
        setUsername(profile.username);
        emit profileChosen(profile.server, profile.username);
    });
    connect(m_forget, &QPushButton::clicked, this, [this] {
        const int i = m_profileCombo->currentIndex() - 1;
        if (i >= 0 && i < m_profiles.size())
            emit forgetProfileRequested(m_profiles.at(i).server, m_profiles.at(i).username);
    });

    auto *form = new QFormLayout;
    m_server = new QLineEdit(this);
    m_server->setObjectName(u"serverUrlEdit"_s);
    m_server->setPlaceholderText(u"http://host:8008"_s);
    m_embedded = new QPushButton(tr("This computer"), this);
    m_embedded->setObjectName(u"embeddedServerButton"_s);
    m_embedded->setToolTip(tr("Use the server built into Agentdesk (%1)")
                                   .arg(ServerClient::displayString(defaultServerUrl)));
    m_embedded->setVisible(defaultServerUrl.isValid() && !defaultServerUrl.isEmpty());
    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_server, 1);
    serverRow->addWidget(m_embedded);
    // A row holding a layout gets no buddy by itself: name it, for the mnemonic.
    auto *serverLabel = new QLabel(tr("&Server:"), this);
    serverLabel->setBuddy(m_server);
    form->addRow(serverLabel, serverRow);

    m_username = new QLineEdit(this);
    m_username->setObjectName(u"usernameEdit"_s);
    m_username->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    form->addRow(tr("&Username:"), m_username);

    m_password = new QLineEdit(this);
    m_password->setObjectName(u"passwordEdit"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(u"errorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();
    layout->addWidget(m_error);

    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(this);
    m_login = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_login->setObjectName(u"loginButton"_s);
    m_login->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    layout->addWidget(buttons);

    connect(m_login, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &LoginDialog::reject);
    connect(m_embedded, &QPushButton::clicked, this, [this] { setServerUrl(m_defaultServerUrl); });
    for (QLineEdit *edit : {m_server, m_username, m_password})
        connect(edit, &QLineEdit::returnPressed, this, &LoginDialog::submit);

    // Return must only ever sign in: when the fields are disabled while
    // busy, the focus moves on, and an auto-default Cancel would take the
    // Return key and close the app.
    for (QPushButton *button : findChildren<QPushButton *>()) {
        if (button != m_login)
            button->setAutoDefault(false);
    }

    setServerUrl(defaultServerUrl);
    m_username->setFocus();
    applyPalette();
}

void LoginDialog::applyPalette()
{
    m_notice->setStyleSheet(Theme::bannerStyle(palette(), false));
    m_error->setStyleSheet(Theme::bannerStyle(palette(), true));
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QDialog::changeEvent(event);
}

void LoginDialog::setProfiles(const QList<Profile> &profiles)
{
    m_profiles = profiles;
    m_profileCombo->clear();
    m_profileCombo->addItem(tr("Another server or account…"));
    int current = 0;
    for (int i = 0; i < profiles.size(); ++i) {
        m_profileCombo->addItem(profiles.at(i).label);
        if (profiles.at(i).username == username()
            && ServerClient::displayString(profiles.at(i).url) == m_server->text().trimmed())
            current = i + 1;
    }
    m_profileCombo->setCurrentIndex(current);
    m_profileRow->setVisible(!profiles.isEmpty());
}

void LoginDialog::setServerUrl(const QUrl &url)
{
    m_server->setText(ServerClient::displayString(url));
}

void LoginDialog::setUsername(const QString &username)
{
    m_username->setText(username);
    (username.isEmpty() ? m_username : m_password)->setFocus();
}

QString LoginDialog::username() const
{
    return m_username->text().trimmed();
}

void LoginDialog::clearPassword()
{
    m_password->clear();
}

void LoginDialog::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        m_password->selectAll();
}

void LoginDialog::showNotice(const QString &notice)
{
    m_notice->setText(notice.toHtmlEscaped());
    m_notice->setVisible(!notice.isEmpty());
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w : std::initializer_list<QWidget *>{m_server, m_username, m_password, m_login, m_embedded,
                                                       m_profileCombo, m_forget})
        w->setEnabled(!busy);
    m_status->setText(busy ? tr("Signing in…") : QString());
    if (!busy)
        (username().isEmpty() ? m_username : m_password)->setFocus();
}

void LoginDialog::submit()
{
    if (m_busy)
        return;
    QString error;
    const std::optional<QUrl> server = ServerClient::normalizeServerUrl(m_server->text(), &error);
    if (!server) {
        showError(error);
        m_server->setFocus();
        return;
    }
    if (username().isEmpty()) {
        showError(tr("Enter your username."));
        m_username->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter your password."));
        m_password->setFocus();
        return;
    }
    showError({});
    setBusy(true);
    emit loginRequested(*server, username(), m_password->text());
}

} // namespace agentdesk
