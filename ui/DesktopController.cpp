#include "DesktopController.h"

#include "AppSettings.h"
#include "ClientLogging.h"
#include "RunSession.h"
#include "ServerProfiles.h"
#include "api/RunConnection.h"
#include "keychain/TokenStore.h"
#include "widgets/CertificateDialog.h"
#include "widgets/ConversationModel.h"
#include "widgets/ConversationView.h"
#include "widgets/FirstAccountDialog.h"
#include "widgets/HistoryDialog.h"
#include "widgets/LoginDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/Notifier.h"
#include "widgets/RunTab.h"
#include "widgets/ServerDialog.h"
#include "widgets/SettingsDialog.h"

#include <QSettings>
#include <QTimer>
#include <QUuid>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {
const QString kEmbeddedId = u"embedded"_s;
constexpr std::chrono::milliseconds kSavedCheckPatience{800};
} // namespace

DesktopController::DesktopController(DesktopOptions options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_client(new ServerClient(this)),
      m_tokens(new TokenStore(m_options.keychainService, this)),
      m_history(m_options.historyRoot.isEmpty() ? HistoryStore::defaultRoot() : m_options.historyRoot)
{
    if (auto url = ServerClient::normalizeServerUrl(m_options.defaultServerUrl.toString()))
        m_options.defaultServerUrl = *url;

    connect(m_client, &ServerClient::loggedIn, this, &DesktopController::onLoggedIn);
    connect(m_client, &ServerClient::loginFailed, this, &DesktopController::onLoginFailed);
    connect(m_client, &ServerClient::workflowsReceived, this, &DesktopController::onWorkflows);
    connect(m_client, &ServerClient::initiatedFor, this, &DesktopController::onInitiated);
    connect(m_client, &ServerClient::initiateFailedFor, this, &DesktopController::onInitiateFailed);
    connect(m_client, &ServerClient::requestFailed, this, &DesktopController::onRequestFailed);
    connect(m_client, &ServerClient::authenticationExpired, this,
            &DesktopController::onAuthenticationExpired);
    connect(m_client, &ServerClient::certificateRejected, this,
            [this](const QUrl &url, const QList<QSslError> &errors, const QList<QSslCertificate> &chain) {
                QWidget *owner = m_login && m_login->isVisible() ? static_cast<QWidget *>(m_login)
                                                                   : static_cast<QWidget *>(m_mainWindow);
                auto *dialog = new CertificateDialog(url, errors, chain, owner);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &CertificateDialog::trusted, this, [this](const QUrl &trustedUrl) {
                    if (m_login && m_login->isVisible())
                        m_login->showNotice(tr("You trusted the certificate of %1. Sign in again.")
                                                    .arg(trustedUrl.host()));
                });
                dialog->open();
            });

    connect(m_tokens, &TokenStore::tokenRead, this, &DesktopController::onTokenRead);
    connect(m_tokens, &TokenStore::tokenMissing, this, &DesktopController::onTokenMissing);
    connect(m_tokens, &TokenStore::keychainUnavailable, this,
            &DesktopController::onKeychainUnavailable);
    connect(m_tokens, &TokenStore::removeFailed, this, [this](const QString &, const QString &reason) {
        if (m_mainWindow)
            m_mainWindow->showError(tr("The saved sign-in could not be removed from the keychain: %1")
                                            .arg(reason));
    });

}

DesktopController::~DesktopController()
{
    qDeleteAll(std::exchange(m_sessions, {}));
    m_client->abortAll();
    delete m_historyDialog;
    delete m_settingsDialog;
    delete m_mainWindow;
    delete m_login;
    delete m_firstAccount;
}

QString DesktopController::serverSettingsKey()
{
    return u"session/server"_s;
}

QString DesktopController::usernameSettingsKey()
{
    return u"session/username"_s;
}

QString DesktopController::geometrySettingsKey()
{
    return u"window/geometry"_s;
}

QString DesktopController::serverId(const QUrl &server) const
{
    return server == m_options.defaultServerUrl ? kEmbeddedId : server.toString();
}

QUrl DesktopController::serverFromId(const QString &id) const
{
    if (id.isEmpty() || id == kEmbeddedId)
        return m_options.defaultServerUrl;
    return ServerClient::normalizeServerUrl(id).value_or(m_options.defaultServerUrl);
}

QString DesktopController::keychainKey(const QUrl &server, const QString &username) const
{
    return TokenStore::keyFor(serverId(server), username);
}

void DesktopController::quitWithoutAsking()
{
    qCInfo(lcClientUi) << "quitting without asking";
    if (m_mainWindow)
        m_mainWindow->closeWithoutAsking(); // saves the geometry, ends the sessions
    for (QWidget *dialog : std::initializer_list<QWidget *>{m_login, m_firstAccount, m_historyDialog,
                                                            m_settingsDialog, m_serverDialog}) {
        if (dialog)
            dialog->hide();
    }
    emit quitRequested();
}

void DesktopController::start()
{
    if (m_options.needsFirstAccount && m_options.needsFirstAccount())
        showFirstAccount();
    else
        trySavedSession();
}

void DesktopController::showFirstAccount()
{
    m_phase = Phase::FirstAccount;
    if (!m_firstAccount) {
        m_firstAccount = new FirstAccountDialog(m_options.createFirstAccount);
        connect(m_firstAccount, &FirstAccountDialog::accountCreated, this,
                [this](const QString &username, const QString &password) {
                    // Sign in with what was just typed: no second prompt.
                    showLogin(tr("Account “%1” created. Signing in…").arg(username));
                    m_login->setServerUrl(m_options.defaultServerUrl);
                    m_login->setUsername(username);
                    onLoginRequested(m_options.defaultServerUrl, username, password);
                    m_login->setBusy(true);
                });
        connect(m_firstAccount, &QDialog::rejected, this, [this] {
            if (m_phase == Phase::FirstAccount)
                emit quitRequested();
        });
    }
    m_firstAccount->show();
    m_firstAccount->raise();
}

void DesktopController::trySavedSession()
{
    const QSettings settings;
    const QString username = settings.value(usernameSettingsKey()).toString();
    if (username.isEmpty()) {
        showLogin();
        return;
    }
    trySavedProfile(settings.value(serverSettingsKey()).toString(), username);
    // A locked keychain may wait for its password prompt, a remote server
    // may be slow: if the check takes a while, show the login dialog so the
    // user sees something and may sign in by hand meanwhile.
    QTimer::singleShot(kSavedCheckPatience, this, [this] {
        if (m_phase == Phase::CheckingSaved || m_phase == Phase::ValidatingSaved)
            presentLogin(tr("Checking your saved sign-in…"), {});
    });
}

void DesktopController::trySavedProfile(const QString &server, const QString &username)
{
    m_phase = Phase::CheckingSaved;
    m_server = serverFromId(server);
    m_username = username;
    m_savedKey = keychainKey(m_server, username);
    qCInfo(lcClientUi) << "looking for a saved sign-in";
    m_tokens->readToken(m_savedKey);
}

void DesktopController::forgetProfile(const QString &server, const QString &username)
{
    const QUrl url = serverFromId(server);
    m_tokens->removeToken(keychainKey(url, username));
    ServerProfiles::forget({serverId(url), username});
    if (m_login)
        m_login->setProfiles(loginProfiles());
}

void DesktopController::switchAccount()
{
    if (m_phase != Phase::SignedIn)
        return;
    // The current account keeps its keychain entry: choosing it again
    // later signs in without the password.
    m_previous = Previous{m_server, m_username, m_key, m_client->token()};
    m_client->abortAll();
    showLogin(tr("Choose a saved account or sign in to another server."));
}

QList<LoginDialog::Profile> DesktopController::loginProfiles() const
{
    QList<LoginDialog::Profile> out;
    for (const ServerProfile &profile : ServerProfiles::load()) {
        const QUrl url = serverFromId(profile.server);
        const QString where = profile.server == kEmbeddedId ? tr("this computer") : ServerClient::displayString(url);
        out.append({tr("%1 on %2").arg(profile.username, where), profile.server, url, profile.username});
    }
    return out;
}

void DesktopController::onTokenRead(const QString &key, const QString &token)
{
    if (m_phase != Phase::CheckingSaved || key != m_savedKey)
        return;
    m_phase = Phase::ValidatingSaved;
    m_key = key;
    m_client->setBaseUrl(m_server);
    m_client->setToken(token);
    // The token is valid if the server accepts it for discovery.
    m_client->fetchWorkflows();
}

void DesktopController::onTokenMissing(const QString &key)
{
    if (m_phase != Phase::CheckingSaved || key != m_savedKey)
        return;
    showLogin();
}

void DesktopController::showLogin(const QString &notice, const QString &error)
{
    m_phase = Phase::LoggingIn;
    presentLogin(notice, error);
}

void DesktopController::presentLogin(const QString &notice, const QString &error)
{
    if (!m_login) {
        m_login = new LoginDialog(m_options.defaultServerUrl);
        connect(m_login, &LoginDialog::loginRequested, this, &DesktopController::onLoginRequested);
        connect(m_login, &LoginDialog::profileChosen, this, &DesktopController::trySavedProfile);
        connect(m_login, &LoginDialog::forgetProfileRequested, this, &DesktopController::forgetProfile);
        connect(m_login, &QDialog::rejected, this, [this] {
            m_client->abortAll();
            if (auto previous = std::exchange(m_previous, std::nullopt)) {
                // Switching was cancelled: back to the account we were in.
                m_server = previous->server;
                m_username = previous->username;
                m_key = previous->key;
                m_client->setBaseUrl(m_server);
                m_client->setToken(previous->token);
                m_phase = Phase::SignedIn;
                return;
            }
            if (m_phase != Phase::SignedIn) {
                if (m_mainWindow)
                    m_mainWindow->closeWithoutAsking();
                emit quitRequested();
            }
        });
    }
    const QSettings settings;
    const QString savedServer = settings.value(serverSettingsKey()).toString();
    m_login->setServerUrl(m_server.isEmpty() ? serverFromId(savedServer) : m_server);
    const QString username = m_username.isEmpty() ? settings.value(usernameSettingsKey()).toString()
                                                  : m_username;
    m_login->setUsername(username);
    m_login->setProfiles(loginProfiles());
    m_login->clearPassword();
    m_login->setBusy(false);
    m_login->showNotice(notice);
    m_login->showError(error);
    m_login->show();
    m_login->raise();
    m_login->activateWindow();
}

void DesktopController::onLoginRequested(const QUrl &server, const QString &username,
                                         const QString &password)
{
    m_phase = Phase::LoggingIn;
    m_client->abortAll();
    m_client->clearToken();
    m_client->setBaseUrl(server);
    m_server = m_client->baseUrl();
    m_username = username;
    m_client->login(username, password);
}

void DesktopController::onLoggedIn(const QString &token)
{
    if (m_phase != Phase::LoggingIn)
        return;
    m_client->setToken(token);
    m_key = keychainKey(m_server, m_username);
    m_tokens->writeToken(m_key, token);
    QSettings settings;
    settings.setValue(serverSettingsKey(), serverId(m_server));
    settings.setValue(usernameSettingsKey(), m_username);
    ServerProfiles::remember({serverId(m_server), m_username});
    m_previous.reset();
    if (m_login) {
        m_login->clearPassword();
        m_login->setBusy(false);
        m_login->hide();
    }
    m_phase = Phase::SignedIn;
    showMainWindow();
    m_client->fetchWorkflows();
    resumeWaitingRuns(token);
}

void DesktopController::resumeWaitingRuns(const QString &token)
{
    for (RunSession *session : std::as_const(m_sessions)) {
        RunConnection *connection = session->connection();
        if (connection->state() != RunConnection::State::AwaitingSignIn)
            continue;
        if (session->server == m_server && session->username == m_username) {
            connection->resume(token);
            continue;
        }
        // A run belongs to the account that started it.
        connection->stop();
        if (session->tab) {
            const QString text = tr("Not continued: you signed in as another account.");
            session->tab->conversation()->addNotice(text, true);
            session->tab->setState(RunTab::State::Failed, text);
        }
    }
}

void DesktopController::onLoginFailed(const QString &error)
{
    if (m_phase != Phase::LoggingIn || !m_login)
        return;
    m_login->setBusy(false);
    m_login->showError(error);
    m_login->show();
}

void DesktopController::showMainWindow()
{
    if (!m_mainWindow) {
        m_mainWindow = new MainWindow;
        connect(m_mainWindow, &MainWindow::startRequested, this, &DesktopController::startWorkflow);
        connect(m_mainWindow, &MainWindow::stopRequested, this, &DesktopController::stopRun);
        connect(m_mainWindow, &MainWindow::runClosed, this, &DesktopController::endSession);
        connect(m_mainWindow, &MainWindow::refreshRequested, m_client, &ServerClient::fetchWorkflows);
        connect(m_mainWindow, &MainWindow::logoutRequested, this, &DesktopController::logout);
        connect(m_mainWindow, &MainWindow::switchAccountRequested, this, &DesktopController::switchAccount);
        connect(m_mainWindow, &MainWindow::answerGiven, this, &DesktopController::onAnswer);
        connect(m_mainWindow, &MainWindow::historyRequested, this, &DesktopController::showHistory);
        connect(m_mainWindow, &MainWindow::settingsRequested, this, &DesktopController::showSettings);
        connect(m_mainWindow, &MainWindow::serverRequested, this, &DesktopController::showServer);
        connect(m_mainWindow, &MainWindow::closing, this, [this] {
            saveGeometry();
            qDeleteAll(std::exchange(m_sessions, {}));
            if (m_historyDialog)
                m_historyDialog->close();
            if (m_serverDialog)
                m_serverDialog->close();
        });
        // Only the desktop app embeds a server to administer.
        m_mainWindow->action(u"serverAction"_s)->setVisible(m_options.embeddedServer != nullptr);
        applySettings();
    }
    if (!m_geometryRestored) {
        m_geometryRestored = true;
        const QByteArray geometry = QSettings().value(geometrySettingsKey()).toByteArray();
        if (!geometry.isEmpty())
            m_mainWindow->restoreGeometry(geometry);
    }
    m_mainWindow->setSignedIn(m_username, ServerClient::displayString(m_server));
    m_mainWindow->clearBanner();
    if (!m_keychainNotice.isEmpty())
        m_mainWindow->showInfo(m_keychainNotice);
    m_mainWindow->show();
    m_mainWindow->raise();
    if (m_login && m_login->isVisible() && !m_login->isBusy())
        m_login->hide(); // shown while a saved sign-in was being checked
    emit signedIn(m_username);
}

void DesktopController::saveGeometry()
{
    if (m_mainWindow)
        QSettings().setValue(geometrySettingsKey(), m_mainWindow->saveGeometry());
}

void DesktopController::onWorkflows(const QList<WorkflowInfo> &workflows)
{
    if (m_phase == Phase::ValidatingSaved) {
        m_phase = Phase::SignedIn;
        m_previous.reset();
        QSettings settings;
        settings.setValue(serverSettingsKey(), serverId(m_server));
        settings.setValue(usernameSettingsKey(), m_username);
        ServerProfiles::remember({serverId(m_server), m_username});
        if (m_login && m_login->isVisible())
            m_login->hide();
        showMainWindow();
    }
    if (m_phase != Phase::SignedIn || !m_mainWindow)
        return;
    m_mainWindow->setWorkflows(workflows);
}

void DesktopController::onRequestFailed(ServerClient::Operation operation, const QString &error)
{
    if (m_phase == Phase::ValidatingSaved) {
        // The server is unreachable or broken; the token may still be good, so keep it.
        showLogin({}, error);
        return;
    }
    if (m_phase != Phase::SignedIn || !m_mainWindow)
        return;
    Q_UNUSED(operation); // an initiate's own tab hears of it in onInitiateFailed
    m_mainWindow->showError(error);
}

void DesktopController::onAuthenticationExpired(const QString &detail)
{
    if (m_phase != Phase::SignedIn && m_phase != Phase::ValidatingSaved)
        return;
    const bool wasSaved = m_phase == Phase::ValidatingSaved;
    qCInfo(lcClientUi) << "the server no longer accepts the token";
    // Runs whose socket is open go on (the token was checked at their
    // handshake) and every conversation stays on screen; only the starts
    // still waiting for an HTTP answer are lost with the token.
    for (RunSession *session : std::as_const(m_sessions)) {
        if (session->tab && session->tab->state() == RunTab::State::Starting) {
            session->tab->conversation()->addNotice(tr("Not started: the session ended."), true);
            session->tab->setState(RunTab::State::Failed, tr("Not started: sign in again, then start it again."));
        }
    }
    m_client->abortAll();
    m_client->clearToken();
    if (!m_key.isEmpty())
        m_tokens->removeToken(m_key);
    m_key.clear();
    if (m_mainWindow && !wasSaved) {
        m_mainWindow->showError(tr("Your session has ended (%1). Sign in again to continue.").arg(detail));
    }
    showLogin(wasSaved ? tr("Your saved sign-in is no longer valid. Sign in again.")
                       : tr("Your session has ended. Sign in again to continue."));
}

void DesktopController::onKeychainUnavailable(const QString &reason)
{
    m_keychainNotice = tr("No keychain is available (%1). Your sign-in is kept in memory for this "
                          "session only: you will be asked to sign in again next time.")
                               .arg(reason);
    if (m_mainWindow && m_mainWindow->isVisible() && m_mainWindow->bannerText().isEmpty())
        m_mainWindow->showInfo(m_keychainNotice);
}

void DesktopController::startWorkflow(const QString &name)
{
    if (m_phase != Phase::SignedIn || !m_mainWindow)
        return;
    const QString tag = QUuid::createUuid().toString(QUuid::Id128);
    auto *session = new RunSession(tag, name, this);
    session->server = m_server;
    session->username = m_username;
    m_sessions.insert(tag, session);
    RunTab *tab = m_mainWindow->addRun(name, tag);
    session->tab = tab;
    if (AppSettings::keepHistory()) {
        session->recorder = new ConversationRecorder(m_history, historyServer(), m_username, name,
                                                     tab->conversation(), session);
        if (!session->recorder->error().isEmpty())
            tab->conversation()->addNotice(session->recorder->error(), true);
    }

    RunConnection *connection = session->connection();
    connect(connection, &RunConnection::messageArrived, session,
            [this, session](const Message &message) { onRunMessage(session, message); });
    connect(connection, &RunConnection::finished, session, [session] {
        if (!session->tab)
            return;
        // workflow_completed always comes last, after an error too.
        if (session->workflowError.isEmpty())
            session->tab->setState(RunTab::State::Finished, tr("Workflow completed."));
        else
            session->tab->setState(RunTab::State::Failed,
                                   tr("The workflow ended with an error: %1").arg(session->workflowError));
    });
    connect(connection, &RunConnection::failed, session,
            [this, session](const QString &error) { onRunFailed(session, error); });
    connect(connection, &RunConnection::authenticationRefused, session, [this, session](const QString &error) {
        if (session->tab) {
            const bool waits = session->connection()->state() == RunConnection::State::AwaitingSignIn;
            session->tab->conversation()->addNotice(error, true);
            session->tab->setState(waits ? RunTab::State::Connecting : RunTab::State::Failed,
                                   waits ? tr("Waiting for you to sign in again…") : error);
        }
        onAuthenticationExpired(error);
    });
    connect(connection, &RunConnection::retrying, session,
            [session](int attempt, int attempts, std::chrono::milliseconds delay, const QString &reason) {
                if (!session->tab)
                    return;
                const QString text = tr("%1 Trying again in %2 s (attempt %3 of %4)…")
                                             .arg(reason)
                                             .arg(qMax<qint64>(1, delay.count() / 1000))
                                             .arg(attempt)
                                             .arg(attempts);
                session->tab->conversation()->addNotice(text, false);
                session->tab->setState(RunTab::State::Connecting, text);
            });
    connect(connection, &RunConnection::reconnecting, session,
            [session](int attempt, int attempts, std::chrono::milliseconds delay, const QString &reason) {
                if (!session->tab)
                    return;
                const QString text = tr("Connection lost — reconnecting in %1 s (attempt %2 of %3)…")
                                             .arg((delay.count() + 999) / 1000)
                                             .arg(attempt)
                                             .arg(attempts);
                session->tab->conversation()->addNotice(text + u' ' + reason, false);
                session->tab->setState(RunTab::State::Connecting, text);
            });
    connect(connection, &RunConnection::reconnected, session, [session] {
        if (!session->tab)
            return;
        session->tab->conversation()->addNotice(tr("Reconnected."), false);
        session->tab->setState(RunTab::State::Running, tr("Reconnected"));
    });
    connect(connection, &RunConnection::connected, session, [session] {
        if (session->tab)
            session->tab->setState(RunTab::State::Running, tr("Running…"));
    });

    m_mainWindow->clearBanner();
    tab->conversation()->addNotice(tr("Starting “%1”…").arg(name), false);
    tab->setState(RunTab::State::Starting, tr("Starting “%1”…").arg(name));
    m_client->initiateWorkflow(name, {}, tag);
}

void DesktopController::onInitiated(const QString &tag, const InitiatePayload &payload)
{
    RunSession *session = m_sessions.value(tag);
    if (m_phase != Phase::SignedIn || !session || !session->tab)
        return;
    session->tab->setState(RunTab::State::Connecting, tr("Connecting…"));
    session->connection()->start(m_client->webSocketUrl(), m_client->token(), payload);
}

void DesktopController::onInitiateFailed(const QString &tag, const QString &error)
{
    RunSession *session = m_sessions.value(tag);
    if (!session || !session->tab)
        return;
    session->tab->conversation()->addNotice(error, true);
    session->tab->setState(RunTab::State::Failed, tr("Not started"));
}

void DesktopController::onRunMessage(RunSession *session, const Message &message)
{
    if (!session->tab)
        return;
    session->tab->conversation()->addMessage(message);
    if (message.type == MessageType::Error)
        session->workflowError = message.content.value(u"short").toString();
    if (message.isAsking())
        session->tab->askQuestion(message);
}

void DesktopController::onAnswer(const QString &tag, const QString &questionUuid, const QString &text,
                                 bool secret, bool cancelled)
{
    RunSession *session = m_sessions.value(tag);
    if (!session || !session->tab)
        return;
    ConversationModel *conversation = session->tab->conversation();
    if (session->connection()->sendAnswer(text, questionUuid))
        conversation->addAnswer(questionUuid, text, secret, cancelled);
    else
        conversation->addNotice(tr("The answer was not sent: the run is no longer connected."), true);
}

void DesktopController::onRunFailed(RunSession *session, const QString &error)
{
    if (!session->tab)
        return;
    session->tab->conversation()->addNotice(error, true);
    session->tab->setState(RunTab::State::Failed, tr("Stopped: %1").arg(error));
    if (m_mainWindow)
        m_mainWindow->showError(tr("%1: %2").arg(session->workflow(), error));
}

void DesktopController::stopRun(const QString &tag)
{
    RunSession *session = m_sessions.value(tag);
    if (!session || !session->tab || !session->tab->isRunning())
        return;
    session->connection()->stop();
    session->tab->conversation()->addNotice(tr("You stopped the run."), false);
    session->tab->setState(RunTab::State::Stopped, tr("Stopped."));
}

void DesktopController::endSession(const QString &tag)
{
    // The tab is gone: the socket closes (the server cancels the run after
    // its grace period) and the history file is complete.
    delete m_sessions.take(tag);
}

void DesktopController::stopAllRuns(const QString &reason)
{
    // The tabs stay, with their conversations: only the runs end.
    for (RunSession *session : std::as_const(m_sessions)) {
        if (!session->tab || !session->tab->isRunning())
            continue;
        session->connection()->stop();
        session->tab->conversation()->addNotice(reason, true);
        session->tab->setState(RunTab::State::Failed, reason);
    }
}

void DesktopController::showHistory()
{
    if (!m_mainWindow)
        return;
    if (!m_historyDialog) {
        m_historyDialog = new HistoryDialog(m_mainWindow);
        connect(m_historyDialog, &HistoryDialog::openRequested, this, &DesktopController::openFromHistory);
    }
    QStringList live;
    for (RunSession *session : std::as_const(m_sessions)) {
        if (session->recorder && session->tab && session->tab->isRunning())
            live.append(session->recorder->path());
    }
    m_historyDialog->setSource(m_history, historyServer(), m_username, live);
    m_historyDialog->show();
    m_historyDialog->raise();
    m_historyDialog->activateWindow();
}

void DesktopController::openFromHistory(const QString &path)
{
    if (!m_mainWindow)
        return;
    QString error;
    const auto conversation = HistoryStore::read(path, &error);
    if (!conversation) {
        m_mainWindow->showError(error);
        return;
    }
    const QString tag = u"history:"_s + path;
    if (m_mainWindow->run(tag))
        m_mainWindow->removeRun(tag); // reopened: show it as it is now
    RunTab *tab = m_mainWindow->addRun(conversation->info.workflow, tag);
    tab->conversation()->appendJson(conversation->entries);
    tab->setState(RunTab::State::ReadOnly,
                  tr("From the history: started %1, %2. Read-only.")
                          .arg(QLocale().toString(conversation->info.started, QLocale::ShortFormat),
                               ConversationInfo::statusText(conversation->info.status)));
}

void DesktopController::showSettings()
{
    if (!m_mainWindow)
        return;
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_mainWindow);
        connect(m_settingsDialog, &SettingsDialog::applied, this, &DesktopController::applySettings);
    }
    m_settingsDialog->load();
    m_settingsDialog->open();
}

ServerDialog *DesktopController::serverDialog() const
{
    return m_serverDialog;
}

void DesktopController::showServer()
{
    if (!m_mainWindow || !m_options.embeddedServer)
        return;
    if (!m_serverDialog)
        m_serverDialog = new ServerDialog(m_options.embeddedServer, m_mainWindow);
    m_serverDialog->setSignedInUser(m_server == m_options.defaultServerUrl ? m_username : QString());
    m_serverDialog->show();
    m_serverDialog->raise();
    m_serverDialog->activateWindow();
}

void DesktopController::applySettings()
{
    if (!m_mainWindow)
        return;
    m_mainWindow->notifier()->setEnabled(AppSettings::notifications());
    m_mainWindow->setConversationFontSize(AppSettings::conversationFontSize());
}

QString DesktopController::historyServer() const
{
    return serverId(m_server);
}

void DesktopController::logout()
{
    qCInfo(lcClientUi) << "signing out";
    qDeleteAll(std::exchange(m_sessions, {}));
    m_client->abortAll();
    m_client->clearToken();
    if (!m_key.isEmpty())
        m_tokens->removeToken(m_key);
    m_key.clear();
    if (m_mainWindow) {
        saveGeometry();
        for (RunTab *tab : m_mainWindow->runs())
            m_mainWindow->removeRun(tab->tag());
        if (m_historyDialog)
            m_historyDialog->close();
        m_mainWindow->setWorkflows({});
        m_mainWindow->hide();
    }
    showLogin(tr("You are signed out."));
}

MainWindow *DesktopController::mainWindow() const
{
    return m_mainWindow;
}

LoginDialog *DesktopController::loginDialog() const
{
    return m_login;
}

FirstAccountDialog *DesktopController::firstAccountDialog() const
{
    return m_firstAccount;
}

ServerClient *DesktopController::client() const
{
    return m_client;
}

TokenStore *DesktopController::tokenStore() const
{
    return m_tokens;
}

HistoryDialog *DesktopController::historyDialog() const
{
    return m_historyDialog;
}

SettingsDialog *DesktopController::settingsDialog() const
{
    return m_settingsDialog;
}

RunSession *DesktopController::session(const QString &tag) const
{
    return m_sessions.value(tag);
}

QList<RunSession *> DesktopController::sessions() const
{
    return m_sessions.values();
}

} // namespace agentdesk
