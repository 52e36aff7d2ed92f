#pragma once

#include "Message.h"
#include "api/WorkflowInfo.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace agentdesk {

class AskDialog;
class ConversationModel;
class Notifier;
class RunTab;

// The workflows on the left, one tab per run on the right, each with its
// own conversation and questions. It knows nothing of the network: it shows
// what the controller gives it and says what the user wants through signals.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // The current tab's conversation (an empty one when there is no tab).
    ConversationModel *conversation() const;

    void setSignedIn(const QString &username, const QString &server);
    void setWorkflows(const QList<WorkflowInfo> &workflows);
    QString selectedWorkflow() const;

    // A new tab for a run the controller calls `tag`; it becomes current.
    RunTab *addRun(const QString &workflow, const QString &tag);
    RunTab *run(const QString &tag) const;
    RunTab *currentRun() const;
    QList<RunTab *> runs() const;
    // Removes a tab without asking (the controller has stopped its run).
    void removeRun(const QString &tag);
    // Asks first when the run is still going; emits runClosed when it goes.
    void requestCloseRun(RunTab *tab);
    // The current tab's run is in progress.
    bool isRunning() const;
    bool hasRunningRuns() const;

    // A problem the user must see: a banner over the tabs and the status bar.
    void showError(const QString &error);
    // Something worth knowing that is not an error (keychain missing...).
    void showInfo(const QString &info);
    void clearBanner();
    QString bannerText() const;

    // The open questions of every tab.
    QList<AskDialog *> openQuestions() const;
    void closeQuestions();

    Notifier *notifier() const { return m_notifier; }
    // The conversations' font size in points; 0 follows the system.
    void setConversationFontSize(int points);
    // Closes even with runs going (the controller decided).
    void closeWithoutAsking();

    // Actions by object name, for menus elsewhere and tests.
    QAction *action(const QString &objectName) const;

signals:
    void startRequested(const QString &workflowName);
    void stopRequested(const QString &tag);
    // The tab is gone: its run must end and its session be freed.
    void runClosed(const QString &tag);
    void refreshRequested();
    void logoutRequested();
    void switchAccountRequested();
    void historyRequested();
    void settingsRequested();
    void serverRequested();
    void answerGiven(const QString &tag, const QString &questionUuid, const QString &text, bool secret,
                     bool cancelled);
    void closing();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateSelection();
    void updateActions();
    void updateTab(RunTab *tab);
    void setBanner(const QString &text, bool error);
    void applyIcons();
    void showAbout();
    void switchTab(int delta);
    QAction *makeAction(const QString &name, const QString &text, const QKeySequence &shortcut = {});

    ConversationModel *m_emptyModel;
    QTabWidget *m_tabs;
    QStackedWidget *m_stack;
    QListWidget *m_workflows;
    QLabel *m_description;
    QLabel *m_banner;
    QLabel *m_userLabel;
    QPushButton *m_start;
    QPushButton *m_stop;
    Notifier *m_notifier;
    int m_fontSize = 0;
    bool m_bannerError = false;
    bool m_forceClose = false;
};

} // namespace agentdesk
