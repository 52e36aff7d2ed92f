#include "RunTab.h"

#include "AskDialog.h"
#include "ConversationModel.h"
#include "ConversationView.h"

#include <QHBoxLayout>
#include <QHideEvent>
#include <QLabel>
#include <QProgressBar>
#include <QShowEvent>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

RunTab::RunTab(const QString &workflow, const QString &tag, QWidget *parent)
    : QWidget(parent), m_workflow(workflow), m_tag(tag), m_model(new ConversationModel(this))
{
    setObjectName(u"runTab"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_view = new ConversationView(this);
    m_view->setModel(m_model);
    layout->addWidget(m_view, 1);

    // The run is busy on the server and asks nothing: say so, visibly.
    m_working = new QWidget(this);
    m_working->setObjectName(u"workingIndicator"_s);
    auto *workingLayout = new QHBoxLayout(m_working);
    workingLayout->setContentsMargins(8, 0, 8, 0);
    auto *bar = new QProgressBar(m_working);
    bar->setObjectName(u"workingBar"_s);
    bar->setRange(0, 0); // busy
    bar->setTextVisible(false);
    bar->setMaximumWidth(120);
    bar->setMaximumHeight(10);
    bar->setAccessibleName(tr("Working"));
    m_workingLabel = new QLabel(tr("Working…"), m_working);
    m_workingLabel->setObjectName(u"workingLabel"_s);
    workingLayout->addWidget(bar);
    workingLayout->addWidget(m_workingLabel, 1);
    m_working->setAccessibleName(tr("The workflow is working"));
    layout->addWidget(m_working);

    m_status = new QLabel(this);
    m_status->setObjectName(u"runStatusLabel"_s);
    m_status->setContentsMargins(8, 0, 8, 4);
    m_status->setAccessibleName(tr("Run status"));
    layout->addWidget(m_status);
    updateWorking();
}

RunTab::~RunTab()
{
    closeQuestions();
}

bool RunTab::isRunning() const
{
    return m_state == State::Starting || m_state == State::Connecting || m_state == State::Running;
}

QString RunTab::statusText() const
{
    return m_status->text();
}

QString RunTab::title() const
{
    switch (m_state) {
    case State::Starting:
    case State::Connecting:
    case State::Running:
        return openQuestions().isEmpty() ? m_workflow + u" …"_s : m_workflow + u" ?"_s;
    case State::Finished:
        return m_workflow + u" ✓"_s;
    case State::Failed:
        return m_workflow + u" ✗"_s;
    case State::Stopped:
        return m_workflow + u" ■"_s;
    case State::ReadOnly:
        return tr("%1 (history)").arg(m_workflow);
    }
    return m_workflow;
}

void RunTab::setState(State state, const QString &status)
{
    m_state = state;
    m_status->setText(status);
    if (!isRunning())
        closeQuestions();
    updateWorking();
    emit stateChanged();
}

void RunTab::askQuestion(const Message &question)
{
    // Before the dialog takes the focus: was the user elsewhere?
    emit questionAsked(question);
    auto *dialog = new AskDialog(question, window());
    connect(dialog, &AskDialog::answered, this, &RunTab::answerGiven);
    connect(dialog, &QObject::destroyed, this, [this] {
        updateWorking();
        emit stateChanged();
    });
    connect(dialog, &QDialog::finished, this, [this, dialog] {
        // Answered: it deletes itself later, and tells this tab nothing more.
        m_questions.removeAll(dialog);
        dialog->disconnect(this);
        updateWorking();
        emit stateChanged();
    });
    m_questions.append(dialog);
    // A question of a tab in the background waits, hidden, until its tab
    // is shown (the tab's title marks it): no dialog over another run.
    if (isVisible()) {
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    }
    updateWorking();
    emit stateChanged();
}

void RunTab::closeQuestions()
{
    const auto questions = std::exchange(m_questions, {});
    for (const QPointer<AskDialog> &dialog : questions) {
        if (!dialog)
            continue;
        // Nothing to answer any more: close without sending.
        dialog->disconnect(this);
        dialog->close();
        dialog->deleteLater();
    }
    updateWorking();
}

QList<AskDialog *> RunTab::openQuestions() const
{
    QList<AskDialog *> open;
    for (const QPointer<AskDialog> &dialog : m_questions) {
        if (dialog)
            open.append(dialog);
    }
    return open;
}

void RunTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    for (AskDialog *dialog : openQuestions()) {
        dialog->show();
        dialog->raise();
    }
}

void RunTab::hideEvent(QHideEvent *event)
{
    // Not when the whole window is minimized (spontaneous): the window
    // manager hides and restores its dialogs with it.
    if (!event->spontaneous()) {
        for (AskDialog *dialog : openQuestions())
            dialog->hide();
    }
    QWidget::hideEvent(event);
}

bool RunTab::isWorkingShown() const
{
    return !m_working->isHidden();
}

void RunTab::updateWorking()
{
    const bool working = isRunning() && openQuestions().isEmpty();
    m_workingLabel->setText(m_state == State::Running ? tr("Working…") : tr("Connecting…"));
    m_working->setHidden(!working);
}

} // namespace agentdesk
