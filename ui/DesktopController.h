#pragma once

#include "InitiatePayload.h"
#include "Message.h"
#include "api/ServerClient.h"
#include "history/HistoryStore.h"
#include "widgets/LoginDialog.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace agentdesk {

class FirstAccountDialog;
class HistoryDialog;
class LoginDialog;
class MainWindow;
class RunSession;
class ServerAdmin;
class ServerDialog;
class SettingsDialog;
class TokenStore;

// What app/main.cpp hands the desktop client.
struct DesktopOptions
{
    // The embedded server (http://127.0.0.1:<port>/): the login default.
    QUrl defaultServerUrl;
    // True when the embedded server has no users yet (first run).
    std::function<bool()> needsFirstAccount;
    // Creates a user through the server library; returns an error, empty on success.
    std::function<QString(const QString &username, const QString &fullName, const QString &email,
                          const QString &password)>
            createFirstAccount;
    // The keychain service name; tests use their own.
    QString keychainService = QStringLiteral("agentdesk");
    // Where conversations are kept; empty: HistoryStore::defaultRoot().
    QString historyRoot;
    // The embedded server's administration (address, state, users, log);
    // null when there is none to administer. Not owned.
    ServerAdmin *embeddedServer = nullptr;
};

// The desktop client's flow: first account, saved sign-in, login, the main
// window, runs and their questions, expiry and logout. It owns the network
// objects and the windows and wires one to the other.
class DesktopController : public QObject
{
    Q_OBJECT
public:
    explicit DesktopController(DesktopOptions options, QObject *parent = nullptr);
    ~DesktopController() override;

    // Shows the first window: the first-account dialog, or the main window
    // when a saved token still works, or the login dialog.
    void start();
    // The session ends from outside (SIGTERM, logging out of the desktop):
    // close every window without asking, keep what is kept on a normal
    // close (geometry, history), then emit quitRequested.
    void quitWithoutAsking();

    MainWindow *mainWindow() const;
    LoginDialog *loginDialog() const;
    FirstAccountDialog *firstAccountDialog() const;
    ServerClient *client() const;
    TokenStore *tokenStore() const;
    HistoryDialog *historyDialog() const;
    SettingsDialog *settingsDialog() const;
    ServerDialog *serverDialog() const;
    // The runs going on or shown, by tag (RunTab::tag()).
    RunSession *session(const QString &tag) const;
    QList<RunSession *> sessions() const;
    const HistoryStore &history() const { return m_history; }
    // The history folder's name for the current server and user.
    QString historyServer() const;
    QString historyUser() const { return m_username; }

    // Settings keys (QSettings; never a secret).
    static QString serverSettingsKey();
    static QString usernameSettingsKey();
    static QString geometrySettingsKey();
    // The keychain key of a server and user. The embedded server listens on
    // a new port each start, so it is named "embedded", not by its URL.
    QString keychainKey(const QUrl &server, const QString &username) const;

signals:
    // The user declined to sign in or create the first account: nothing to show.
    void quitRequested();
    // The main window shows a signed-in session (after login or a saved token).
    void signedIn(const QString &username);

private:
    enum class Phase { Idle, FirstAccount, CheckingSaved, ValidatingSaved, LoggingIn, SignedIn };

    void showFirstAccount();
    void trySavedSession();
    // Signs in with the keychain entry of a saved profile, if it still works.
    void trySavedProfile(const QString &server, const QString &username);
    void forgetProfile(const QString &server, const QString &username);
    // Back to the login dialog, keeping this account's saved sign-in.
    void switchAccount();
    void showLogin(const QString &notice = {}, const QString &error = {});
    // Shows the dialog without changing the phase.
    void presentLogin(const QString &notice, const QString &error);
    void onLoginRequested(const QUrl &server, const QString &username, const QString &password);
    void onLoggedIn(const QString &token);
    // Runs whose reconnect waited for a new sign-in go on (same account) or end.
    void resumeWaitingRuns(const QString &token);
    void onLoginFailed(const QString &error);
    void onWorkflows(const QList<WorkflowInfo> &workflows);
    void onRequestFailed(ServerClient::Operation operation, const QString &error);
    void onAuthenticationExpired(const QString &detail);
    void onTokenRead(const QString &key, const QString &token);
    void onTokenMissing(const QString &key);
    void onKeychainUnavailable(const QString &reason);
    void startWorkflow(const QString &name);
    void onInitiated(const QString &tag, const InitiatePayload &payload);
    void onInitiateFailed(const QString &tag, const QString &error);
    void onRunMessage(RunSession *session, const Message &message);
    void onAnswer(const QString &tag, const QString &questionUuid, const QString &text, bool secret,
                  bool cancelled);
    void onRunFailed(RunSession *session, const QString &error);
    void stopRun(const QString &tag);
    void endSession(const QString &tag);
    void stopAllRuns(const QString &reason);
    void showHistory();
    void openFromHistory(const QString &path);
    void showSettings();
    void showServer();
    void applySettings();
    void logout();
    void showMainWindow();
    QList<LoginDialog::Profile> loginProfiles() const;
    void saveGeometry();
    QString serverId(const QUrl &server) const;
    QUrl serverFromId(const QString &id) const;

    DesktopOptions m_options;
    ServerClient *m_client;
    TokenStore *m_tokens;
    HistoryStore m_history;
    QHash<QString, RunSession *> m_sessions;
    QPointer<MainWindow> m_mainWindow;
    QPointer<HistoryDialog> m_historyDialog;
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<ServerDialog> m_serverDialog;
    QPointer<LoginDialog> m_login;
    QPointer<FirstAccountDialog> m_firstAccount;
    Phase m_phase = Phase::Idle;
    QUrl m_server;
    QString m_username;
    QString m_key;       // keychain key of the current session
    QString m_savedKey;  // the key being read at start
    QString m_keychainNotice;
    // While switching: the session to return to if the login is cancelled.
    struct Previous
    {
        QUrl server;
        QString username;
        QString key;
        QString token;
    };
    std::optional<Previous> m_previous;
    bool m_geometryRestored = false;
};

} // namespace agentdesk
