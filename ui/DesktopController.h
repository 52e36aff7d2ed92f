#pragma once

#include "InitiatePayload.h"
#include "Message.h"
#include "api/ServerClient.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace agentdesk {

class FirstAccountDialog;
class LoginDialog;
class MainWindow;
class RunConnection;
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

    MainWindow *mainWindow() const;
    LoginDialog *loginDialog() const;
    FirstAccountDialog *firstAccountDialog() const;
    ServerClient *client() const;
    TokenStore *tokenStore() const;
    RunConnection *run() const;

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
    void showLogin(const QString &notice = {}, const QString &error = {});
    // Shows the dialog without changing the phase.
    void presentLogin(const QString &notice, const QString &error);
    void onLoginRequested(const QUrl &server, const QString &username, const QString &password);
    void onLoggedIn(const QString &token);
    void onLoginFailed(const QString &error);
    void onWorkflows(const QList<WorkflowInfo> &workflows);
    void onRequestFailed(ServerClient::Operation operation, const QString &error);
    void onAuthenticationExpired(const QString &detail);
    void onTokenRead(const QString &key, const QString &token);
    void onTokenMissing(const QString &key);
    void onKeychainUnavailable(const QString &reason);
    void startWorkflow(const QString &name);
    void onInitiated(const InitiatePayload &payload);
    void onRunMessage(const Message &message);
    void onAnswer(const QString &questionUuid, const QString &text, bool secret, bool cancelled);
    void onRunFinished();
    void onRunFailed(const QString &error);
    void stopRun();
    void logout();
    void showMainWindow();
    void saveGeometry();
    QString serverId(const QUrl &server) const;
    QUrl serverFromId(const QString &id) const;

    DesktopOptions m_options;
    ServerClient *m_client;
    TokenStore *m_tokens;
    RunConnection *m_run;
    QPointer<MainWindow> m_mainWindow;
    QPointer<LoginDialog> m_login;
    QPointer<FirstAccountDialog> m_firstAccount;
    Phase m_phase = Phase::Idle;
    QUrl m_server;
    QString m_username;
    QString m_key;       // keychain key of the current session
    QString m_savedKey;  // the key being read at start
    QString m_keychainNotice;
    bool m_geometryRestored = false;
};

} // namespace agentdesk
