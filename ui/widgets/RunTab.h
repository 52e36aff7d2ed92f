#pragma once

#include "Message.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace agentdesk {

class AskDialog;
class ConversationModel;
class ConversationView;

// One run in its own tab: its conversation, its state, its open question.
// Several tabs run at once and never share any of it. A tab may also show a
// conversation from the history, read-only.
class RunTab : public QWidget
{
    Q_OBJECT
public:
    enum class State { Starting, Connecting, Running, Finished, Failed, Stopped, ReadOnly };
    Q_ENUM(State)

    RunTab(const QString &workflow, const QString &tag, QWidget *parent = nullptr);
    ~RunTab() override;

    QString workflow() const { return m_workflow; }
    // The controller's name for this run (its session).
    QString tag() const { return m_tag; }
    ConversationModel *conversation() const { return m_model; }
    ConversationView *view() const { return m_view; }

    void setState(State state, const QString &status = {});
    State state() const { return m_state; }
    bool isRunning() const;
    QString statusText() const;
    // The tab's label: the workflow and a mark for its state.
    QString title() const;

    // Opens a non-modal dialog for an asking message, shown while the tab is.
    void askQuestion(const Message &question);
    // Closes the open questions without answering (the run is over).
    void closeQuestions();
    // The questions not answered yet (hidden while the tab is in the background).
    QList<AskDialog *> openQuestions() const;
    // "Working…" shows while the run runs and nothing is asked.
    bool isWorkingShown() const;

signals:
    void answerGiven(const QString &questionUuid, const QString &text, bool secret, bool cancelled);
    void stateChanged();
    // A question arrived (MainWindow decides whether to notify).
    void questionAsked(const agentdesk::Message &question);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateWorking();

    QString m_workflow;
    QString m_tag;
    ConversationModel *m_model;
    ConversationView *m_view;
    QWidget *m_working;
    QLabel *m_workingLabel;
    QLabel *m_status;
    State m_state = State::Starting;
    QList<QPointer<AskDialog>> m_questions;
};

} // namespace agentdesk
