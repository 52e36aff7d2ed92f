#include "DesktopController.h"

#include "ClientLogging.h"
#include "api/RunConnection.h"
#include "keychain/TokenStore.h"
#include "widgets/ConversationModel.h"
#include "widgets/FirstAccountDialog.h"
#include "widgets/LoginDialog.h"
#include "widgets/MainWindow.h"

#include <QSettings>
#include <QTimer>

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
      m_run(new RunConnection(this))
{
    if (auto url = ServerClient::normalizeServerUrl(m_options.defaultServerUrl.toString()))
        m_options.defaultServerUrl = *url;

    connect(m_client, &ServerClient::loggedIn, this, &DesktopController::onLoggedIn);
    connect(m_client, &ServerClient::loginFailed, this, &DesktopController::onLoginFailed);
    connect(m_client, &ServerClient::workflowsReceived, this, &DesktopController::onWorkflows);
    connect(m_client, &ServerClient::workflowInitiated, this, &DesktopController::onInitiated);
    connect(m_client, &ServerClient::requestFailed, this, &DesktopController::onRequestFailed);
    connect(m_client, &ServerClient::authenticationExpired, this,
            &DesktopController::onAuthenticationExpired);

    connect(m_tokens, &TokenStore::tokenRead, this, &DesktopController::onTokenRead);
    connect(m_tokens, &TokenStore::tokenMissing, this, &DesktopController::onTokenMissing);
    connect(m_tokens, &TokenStore::keychainUnavailable, this,
            &DesktopController::onKeychainUnavailable);
    connect(m_tokens, &TokenStore::removeFailed, this, [this](const QString &, const QString &reason) {
        if (m_mainWindow)
            m_mainWindow->showError(tr("The saved sign-in could not be removed from the keychain: %1")
                                            .arg(reason));
    });

    connect(m_run, &RunConnection::messageArrived, this, &DesktopController::onRunMessage);
    connect(m_run, &RunConnection::finished, this, &DesktopController::onRunFinished);
    connect(m_run, &RunConnection::failed, this, &DesktopController::onRunFailed);
    connect(m_run, &RunConnection::authenticationRefused, this, [this](const QString &error) {
        if (m_mainWindow)
            m_mainWindow->conversation()->addNotice(error, true);
        onAuthenticationExpired(error);
    });
    connect(m_run, &RunConnection::connected, this, [this] {
        if (m_mainWindow)
            m_mainWindow->setRunning(true, tr("Running…"));
    });
}

DesktopController::~DesktopController()
{
    m_run->stop();
    m_client->abortAll();
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
    const QUrl server = serverFromId(settings.value(serverSettingsKey()).toString());
    if (username.isEmpty()) {
        showLogin();
        return;
    }
    m_phase = Phase::CheckingSaved;
    m_server = server;
    m_username = username;
    m_savedKey = keychainKey(server, username);
    qCInfo(lcClientUi) << "looking for a saved sign-in";
    m_tokens->readToken(m_savedKey);
    // A locked keychain may wait for its password prompt, a remote server
    // may be slow: if the check takes a while, show the login dialog so the
    // user sees something and may sign in by hand meanwhile.
    QTimer::singleShot(kSavedCheckPatience, this, [this] {
        if (m_phase == Phase::CheckingSaved || m_phase == Phase::ValidatingSaved)
            presentLogin(tr("Checking your saved sign-in…"), {});
    });
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
        connect(m_login, &QDialog::rejected, this, [this] {
            m_client->abortAll();
            if (m_phase != Phase::SignedIn) {
                if (m_mainWindow)
                    m_mainWindow->close();
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
    if (m_login) {
        m_login->clearPassword();
        m_login->setBusy(false);
        m_login->hide();
    }
    m_phase = Phase::SignedIn;
    showMainWindow();
    m_client->fetchWorkflows();
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
        connect(m_mainWindow, &MainWindow::refreshRequested, m_client, &ServerClient::fetchWorkflows);
        connect(m_mainWindow, &MainWindow::logoutRequested, this, &DesktopController::logout);
        connect(m_mainWindow, &MainWindow::answerGiven, this, &DesktopController::onAnswer);
        connect(m_mainWindow, &MainWindow::closing, this, [this] {
            saveGeometry();
            m_run->stop();
        });
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
    m_mainWindow->showError(error);
    if (operation == ServerClient::Operation::Initiate) {
        m_mainWindow->conversation()->addNotice(error, true);
        m_mainWindow->setRunning(false, tr("Not started"));
    }
}

void DesktopController::onAuthenticationExpired(const QString &detail)
{
    if (m_phase != Phase::SignedIn && m_phase != Phase::ValidatingSaved)
        return;
    const bool wasSaved = m_phase == Phase::ValidatingSaved;
    qCInfo(lcClientUi) << "the server no longer accepts the token";
    m_run->stop();
    m_client->abortAll();
    m_client->clearToken();
    if (!m_key.isEmpty())
        m_tokens->removeToken(m_key);
    m_key.clear();
    if (m_mainWindow && !wasSaved) {
        m_mainWindow->setRunning(false, tr("Signed out"));
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
    if (m_phase != Phase::SignedIn || !m_mainWindow || m_mainWindow->isRunning())
        return;
    m_run->stop();
    m_mainWindow->clearBanner();
    m_mainWindow->conversation()->clear();
    m_mainWindow->conversation()->addNotice(tr("Starting “%1”…").arg(name), false);
    m_mainWindow->setRunning(true, tr("Starting “%1”…").arg(name));
    m_client->initiateWorkflow(name);
}

void DesktopController::onInitiated(const InitiatePayload &payload)
{
    if (m_phase != Phase::SignedIn || !m_mainWindow)
        return;
    m_mainWindow->setRunning(true, tr("Connecting…"));
    m_run->start(m_client->webSocketUrl(), m_client->token(), payload);
}

void DesktopController::onRunMessage(const Message &message)
{
    if (!m_mainWindow)
        return;
    m_mainWindow->conversation()->addMessage(message);
    if (message.isAsking())
        m_mainWindow->askQuestion(message);
}

void DesktopController::onAnswer(const QString &questionUuid, const QString &text, bool secret,
                                 bool cancelled)
{
    if (!m_mainWindow)
        return;
    if (m_run->sendAnswer(text, questionUuid))
        m_mainWindow->conversation()->addAnswer(questionUuid, text, secret, cancelled);
    else
        m_mainWindow->conversation()->addNotice(
                tr("The answer was not sent: the run is no longer connected."), true);
}

void DesktopController::onRunFinished()
{
    if (m_mainWindow)
        m_mainWindow->setRunning(false, tr("Workflow completed."));
}

void DesktopController::onRunFailed(const QString &error)
{
    if (!m_mainWindow)
        return;
    m_mainWindow->conversation()->addNotice(error, true);
    m_mainWindow->showError(error);
    m_mainWindow->setRunning(false, tr("Stopped: %1").arg(error));
}

void DesktopController::stopRun()
{
    if (!m_mainWindow || !m_mainWindow->isRunning())
        return;
    m_run->stop();
    m_mainWindow->conversation()->addNotice(tr("You stopped the run."), false);
    m_mainWindow->setRunning(false, tr("Stopped."));
}

void DesktopController::logout()
{
    qCInfo(lcClientUi) << "signing out";
    m_run->stop();
    m_client->abortAll();
    m_client->clearToken();
    if (!m_key.isEmpty())
        m_tokens->removeToken(m_key);
    m_key.clear();
    if (m_mainWindow) {
        saveGeometry();
        m_mainWindow->setRunning(false);
        m_mainWindow->conversation()->clear();
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

RunConnection *DesktopController::run() const
{
    return m_run;
}

} // namespace agentdesk
