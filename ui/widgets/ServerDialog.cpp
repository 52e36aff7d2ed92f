#include "ServerDialog.h"

#include "FirstAccountDialog.h"
#include "PasswordResetDialog.h"
#include "ServerAdmin.h"
#include "Theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

enum Column { UsernameColumn, FullNameColumn, EmailColumn, StatusColumn, CreatedColumn, ColumnCount };

QLabel *selectableLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

ServerDialog::ServerDialog(ServerAdmin *admin, QWidget *parent) : QDialog(parent), m_admin(admin)
{
    setObjectName(u"serverDialog"_s);
    setWindowTitle(tr("Embedded server"));
    resize(720, 480);
    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"serverTabs"_s);
    layout->addWidget(m_tabs);

    // Status
    auto *status = new QWidget(m_tabs);
    auto *form = new QFormLayout(status);
    m_address = selectableLabel(status, u"addressLabel"_s);
    auto *copy = new QPushButton(tr("&Copy"), status);
    copy->setObjectName(u"copyAddressButton"_s);
    copy->setAccessibleName(tr("Copy the server address"));
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(copy);
    form->addRow(tr("Address:"), addressRow);
    m_state = selectableLabel(status, u"stateLabel"_s);
    form->addRow(tr("State:"), m_state);
    m_runs = selectableLabel(status, u"runsLabel"_s);
    form->addRow(tr("Runs:"), m_runs);
    m_database = selectableLabel(status, u"databaseLabel"_s);
    m_database->setWordWrap(true);
    form->addRow(tr("User database:"), m_database);
    auto *note = new QLabel(tr("The server listens on this computer only (loopback), on a port chosen "
                               "at each start. Other programs on this computer can reach it with the "
                               "address above and an account's password."),
                            status);
    note->setWordWrap(true);
    form->addRow(note);
    m_tabs->addTab(status, tr("&Status"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_address->text()); });

    // Users
    auto *users = new QWidget(m_tabs);
    auto *usersLayout = new QVBoxLayout(users);
    m_users = new QTableWidget(0, ColumnCount, users);
    m_users->setObjectName(u"usersTable"_s);
    m_users->setAccessibleName(tr("Users of the embedded server"));
    m_users->setHorizontalHeaderLabels({tr("Username"), tr("Full name"), tr("Email"), tr("Status"), tr("Created")});
    m_users->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_users->setSelectionMode(QAbstractItemView::SingleSelection);
    m_users->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_users->verticalHeader()->hide();
    m_users->horizontalHeader()->setStretchLastSection(true);
    usersLayout->addWidget(m_users);
    m_usersMessage = new QLabel(users);
    m_usersMessage->setObjectName(u"usersMessage"_s);
    m_usersMessage->setWordWrap(true);
    m_usersMessage->setTextFormat(Qt::PlainText);
    m_usersMessage->hide();
    usersLayout->addWidget(m_usersMessage);
    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add user…"), users);
    m_add->setObjectName(u"addUserButton"_s);
    m_toggle = new QPushButton(tr("&Disable"), users);
    m_toggle->setObjectName(u"toggleDisabledButton"_s);
    m_reset = new QPushButton(tr("&Reset password…"), users);
    m_reset->setObjectName(u"resetPasswordButton"_s);
    buttons->addWidget(m_add);
    buttons->addWidget(m_toggle);
    buttons->addWidget(m_reset);
    buttons->addStretch();
    usersLayout->addLayout(buttons);
    m_tabs->addTab(users, tr("&Users"));
    connect(m_add, &QPushButton::clicked, this, &ServerDialog::addUser);
    connect(m_toggle, &QPushButton::clicked, this, &ServerDialog::toggleDisabled);
    connect(m_reset, &QPushButton::clicked, this, &ServerDialog::resetPassword);
    connect(m_users, &QTableWidget::itemSelectionChanged, this, &ServerDialog::updateButtons);

    // Log
    m_log = new QPlainTextEdit(m_tabs);
    m_log->setObjectName(u"logView"_s);
    m_log->setAccessibleName(tr("Server log"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setMaximumBlockCount(2000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_log, tr("&Log"));

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (const QString &line : m_admin->recentLog())
        m_log->appendPlainText(line);
    connect(m_admin, &ServerAdmin::logLine, this, &ServerDialog::appendLog);
    connect(m_admin, &ServerAdmin::accountsChanged, this, &ServerDialog::refreshUsers);
    // The run count changes with every run: read it while the window is open.
    m_stateTimer.setInterval(1000);
    connect(&m_stateTimer, &QTimer::timeout, this, &ServerDialog::refreshState);
    connect(this, &QDialog::finished, &m_stateTimer, &QTimer::stop);
    refresh();
}

FirstAccountDialog *ServerDialog::newUserDialog() const
{
    return m_newUser;
}

PasswordResetDialog *ServerDialog::passwordDialog() const
{
    return m_password;
}

void ServerDialog::setSignedInUser(const QString &username)
{
    m_signedInUser = username;
    updateButtons();
}

void ServerDialog::refresh()
{
    refreshState();
    refreshUsers();
}

void ServerDialog::showEvent(QShowEvent *event)
{
    refresh();
    m_stateTimer.start();
    QDialog::showEvent(event);
}

bool ServerDialog::selectedIsDisabled() const
{
    for (QTableWidgetItem *item : m_users->selectedItems()) {
        if (item->column() == UsernameColumn)
            return item->data(Qt::UserRole).toBool();
    }
    return false;
}

void ServerDialog::refreshState()
{
    m_address->setText(m_admin->url().toString());
    m_state->setText(m_admin->isRunning() ? tr("Running") : tr("Stopped"));
    // The table keeps a run while it goes and for the grace period after its
    // client left or it ended, so a client can come back to it.
    m_runs->setText(tr("%1 (running, waiting for a client, or ended in the last moments)")
                            .arg(m_admin->runCount()));
    m_database->setText(m_admin->databasePath());
}

void ServerDialog::refreshUsers()
{
    const QString selected = selectedUser();
    const Result<QList<ServerAccount>> accounts = m_admin->accounts();
    m_users->setRowCount(0);
    if (!accounts) {
        showUsersMessage(tr("The users cannot be read: %1").arg(accounts.error()), true);
        updateButtons();
        return;
    }
    m_users->setRowCount(int(accounts->size()));
    for (int row = 0; row < accounts->size(); ++row) {
        const ServerAccount &account = accounts->at(row);
        const QString cells[ColumnCount] = {
                account.username, account.fullName, account.email,
                account.disabled ? tr("Disabled") : tr("Active"),
                QLocale().toString(account.createdAt.toLocalTime(), QLocale::ShortFormat)};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column == UsernameColumn)
                item->setData(Qt::UserRole, account.disabled);
            m_users->setItem(row, column, item);
        }
    }
    if (!m_columnsSized) { // once: later refreshes keep the widths the user sees or set
        m_users->resizeColumnsToContents();
        m_columnsSized = accounts->size() > 0;
    }
    selectUser(selected);
    updateButtons();
}

QString ServerDialog::selectedUser() const
{
    const QList<QTableWidgetItem *> items = m_users->selectedItems();
    for (QTableWidgetItem *item : items) {
        if (item->column() == UsernameColumn)
            return item->text();
    }
    return {};
}

void ServerDialog::selectUser(const QString &username)
{
    m_users->clearSelection();
    for (int row = 0; row < m_users->rowCount(); ++row) {
        if (m_users->item(row, UsernameColumn)->text() == username) {
            m_users->selectRow(row);
            return;
        }
    }
}

void ServerDialog::updateButtons()
{
    const QString user = selectedUser();
    const bool disabled = selectedIsDisabled();
    m_toggle->setText(disabled ? tr("&Enable") : tr("&Disable"));
    const bool self = !user.isEmpty() && user == m_signedInUser;
    m_toggle->setEnabled(!user.isEmpty() && !(self && !disabled));
    m_toggle->setToolTip(self ? tr("You are signed in as this user: sign in as another to disable it.") : QString());
    m_reset->setEnabled(!user.isEmpty());
}

void ServerDialog::showUsersMessage(const QString &text, bool error)
{
    m_usersMessage->setText(text);
    m_usersMessage->setStyleSheet(Theme::bannerStyle(palette(), error));
    m_usersMessage->setVisible(!text.isEmpty());
}

void ServerDialog::addUser()
{
    if (m_newUser) {
        m_newUser->raise();
        return;
    }
    const auto create = [this](const QString &username, const QString &fullName, const QString &email,
                               const QString &password) -> QString {
        const Status added = m_admin->addAccount({username, fullName, email, false, {}}, password);
        return added ? QString() : added.error();
    };
    m_newUser = new FirstAccountDialog(create, this, FirstAccountDialog::Mode::NewUser);
    m_newUser->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_newUser, &FirstAccountDialog::accountCreated, this, [this](const QString &username, const QString &) {
        refreshUsers();
        selectUser(username);
        showUsersMessage(tr("Added user %1.").arg(username), false);
    });
    m_newUser->open();
}

void ServerDialog::toggleDisabled()
{
    const QString user = selectedUser();
    if (user.isEmpty() || !m_toggle->isEnabled())
        return;
    const bool disable = !selectedIsDisabled();
    const Status done = m_admin->setDisabled(user, disable);
    if (!done) {
        showUsersMessage(tr("%1 was not changed: %2").arg(user, done.error()), true);
        return;
    }
    refreshUsers();
    selectUser(user);
    showUsersMessage(disable ? tr("Disabled user %1: the server refuses their requests and runs (400 "
                                  "\"Inactive user\"), whatever token they hold.")
                                       .arg(user)
                             : tr("Enabled user %1.").arg(user),
                     false);
}

void ServerDialog::resetPassword()
{
    const QString user = selectedUser();
    if (user.isEmpty())
        return;
    m_password = new PasswordResetDialog(user, this);
    m_password->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_password, &PasswordResetDialog::passwordChosen, this, [this, user](const QString &password) {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        const Status reset = m_admin->resetPassword(user, password);
        QApplication::restoreOverrideCursor();
        if (!reset) {
            m_password->showError(tr("The password was not changed: %1").arg(reset.error()));
            return;
        }
        m_password->done(QDialog::Accepted);
        showUsersMessage(tr("Changed the password of %1.").arg(user), false);
    });
    m_password->open();
}

void ServerDialog::appendLog(const QString &line)
{
    QScrollBar *bar = m_log->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    m_log->appendPlainText(line);
    if (atEnd)
        bar->setValue(bar->maximum());
}

} // namespace agentdesk
