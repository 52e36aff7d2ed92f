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

namespace agentdesk {

class AskDialog;
class ConversationModel;
class ConversationView;

// The workflows, the conversation of the current run, and the questions it
// asks. It knows nothing of the network: it shows what the controller gives
// it and says what the user wants through signals.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ConversationModel *conversation() const { return m_model; }

    void setSignedIn(const QString &username, const QString &server);
    void setWorkflows(const QList<WorkflowInfo> &workflows);
    QString selectedWorkflow() const;
    // A run is in progress: Start is disabled, Stop enabled.
    void setRunning(bool running, const QString &status = {});
    bool isRunning() const { return m_running; }

    // A problem the user must see: a banner over the conversation and the status bar.
    void showError(const QString &error);
    // Something worth knowing that is not an error (keychain missing...).
    void showInfo(const QString &info);
    void clearBanner();
    QString bannerText() const;

    // Opens a non-modal dialog for an asking message.
    void askQuestion(const Message &question);
    // Closes the open questions without answering (the run is over).
    void closeQuestions();
    QList<AskDialog *> openQuestions() const;

signals:
    void startRequested(const QString &workflowName);
    void stopRequested();
    void refreshRequested();
    void logoutRequested();
    void answerGiven(const QString &questionUuid, const QString &text, bool secret, bool cancelled);
    void closing();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateSelection();
    void updateActions();
    void setBanner(const QString &text, bool error);

    ConversationModel *m_model;
    ConversationView *m_view;
    QListWidget *m_workflows;
    QLabel *m_description;
    QLabel *m_banner;
    QLabel *m_runStatus;
    QLabel *m_userLabel;
    QPushButton *m_start;
    QPushButton *m_stop;
    QAction *m_startAction;
    QAction *m_stopAction;
    QAction *m_refreshAction;
    QAction *m_logoutAction;
    QList<QPointer<AskDialog>> m_questions;
    bool m_running = false;
};

} // namespace agentdesk
