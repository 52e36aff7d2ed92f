#include "MainWindow.h"

#include "AskDialog.h"
#include "ConversationModel.h"
#include "ConversationView.h"

#include <QAction>
#include <QApplication>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

constexpr int kNameRole = Qt::UserRole + 1;
constexpr int kDescriptionRole = Qt::UserRole + 2;

// A workflow as two lines: its name in bold, its description below.
class WorkflowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const QRect area = opt.rect.adjusted(6, 4, -6, -4);
        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
        painter->save();
        QFont bold = opt.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(opt.palette.color(QPalette::Active, textRole));
        const QFontMetrics boldMetrics(bold);
        painter->drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextSingleLine,
                          boldMetrics.elidedText(index.data(kNameRole).toString(), Qt::ElideRight,
                                                 area.width()));
        const QRect below = area.adjusted(0, boldMetrics.height() + 2, 0, 0);
        painter->setFont(opt.font);
        QColor muted = opt.palette.color(QPalette::Active, textRole);
        if (!selected)
            muted.setAlphaF(0.7f);
        painter->setPen(muted);
        painter->drawText(below, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                          index.data(kDescriptionRole).toString());
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QFont bold = option.font;
        bold.setBold(true);
        const int width = qMax(120, (option.widget ? option.widget->width() : 260) - 24);
        const QString description = index.data(kDescriptionRole).toString();
        const int descriptionHeight =
                description.isEmpty() ? 0
                                      : QFontMetrics(option.font)
                                                .boundingRect(QRect(0, 0, width, 1000),
                                                              Qt::TextWordWrap, description)
                                                .height();
        return {width, QFontMetrics(bold).height() + descriptionHeight + 12};
    }
};

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_model(new ConversationModel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"Agentdesk"_s);
    resize(1000, 680);

    // Left: the workflows.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    auto *workflowsTitle = new QLabel(tr("<b>Workflows</b>"), left);
    leftLayout->addWidget(workflowsTitle);
    m_workflows = new QListWidget(left);
    m_workflows->setObjectName(u"workflowList"_s);
    m_workflows->setItemDelegate(new WorkflowDelegate(m_workflows));
    m_workflows->setUniformItemSizes(false);
    m_workflows->setSpacing(1);
    leftLayout->addWidget(m_workflows, 1);
    m_description = new QLabel(left);
    m_description->setObjectName(u"descriptionLabel"_s);
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setMinimumHeight(48);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    leftLayout->addWidget(m_description);
    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), left);
    m_start->setObjectName(u"startButton"_s);
    m_start->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), left);
    m_stop->setObjectName(u"stopButton"_s);
    buttons->addWidget(m_start, 1);
    buttons->addWidget(m_stop);
    leftLayout->addLayout(buttons);

    // Right: the conversation.
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    m_banner = new QLabel(right);
    m_banner->setObjectName(u"bannerLabel"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    rightLayout->addWidget(m_banner);
    m_view = new ConversationView(right);
    m_view->setModel(m_model);
    rightLayout->addWidget(m_view, 1);
    m_runStatus = new QLabel(right);
    m_runStatus->setObjectName(u"runStatusLabel"_s);
    rightLayout->addWidget(m_runStatus);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"mainSplitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 700});
    setCentralWidget(splitter);

    // Actions.
    m_startAction = new QAction(tr("&Start workflow"), this);
    m_startAction->setObjectName(u"startAction"_s);
    m_startAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_stopAction = new QAction(tr("S&top workflow"), this);
    m_stopAction->setObjectName(u"stopAction"_s);
    m_refreshAction = new QAction(tr("&Refresh workflows"), this);
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_logoutAction = new QAction(tr("Sign &out"), this);
    m_logoutAction->setObjectName(u"logoutAction"_s);
    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu *account = menuBar()->addMenu(tr("&Account"));
    account->addAction(m_logoutAction);
    account->addSeparator();
    account->addAction(quitAction);
    QMenu *workflow = menuBar()->addMenu(tr("&Workflow"));
    workflow->addAction(m_startAction);
    workflow->addAction(m_stopAction);
    workflow->addSeparator();
    workflow->addAction(m_refreshAction);

    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(u"userLabel"_s);
    statusBar()->addPermanentWidget(m_userLabel);

    const auto start = [this] {
        const QString name = selectedWorkflow();
        if (!name.isEmpty() && !m_running)
            emit startRequested(name);
    };
    connect(m_start, &QPushButton::clicked, this, start);
    connect(m_startAction, &QAction::triggered, this, start);
    connect(m_workflows, &QListWidget::itemDoubleClicked, this, start);
    connect(m_stop, &QPushButton::clicked, this, &MainWindow::stopRequested);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopRequested);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshRequested);
    connect(m_logoutAction, &QAction::triggered, this, &MainWindow::logoutRequested);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_workflows, &QListWidget::currentItemChanged, this, &MainWindow::updateSelection);

    updateSelection();
    updateActions();
}

MainWindow::~MainWindow()
{
    closeQuestions();
}

void MainWindow::setSignedIn(const QString &username, const QString &server)
{
    m_userLabel->setText(username.isEmpty() ? tr("Not signed in")
                                            : tr("Signed in as %1 on %2").arg(username, server));
}

void MainWindow::setWorkflows(const QList<WorkflowInfo> &workflows)
{
    const QString previous = selectedWorkflow();
    m_workflows->clear();
    for (const WorkflowInfo &workflow : workflows) {
        auto *item = new QListWidgetItem(m_workflows);
        item->setText(workflow.name);
        item->setData(kNameRole, workflow.name);
        item->setData(kDescriptionRole, workflow.description);
        item->setToolTip(workflow.description);
        if (workflow.name == previous)
            m_workflows->setCurrentItem(item);
    }
    if (!m_workflows->currentItem() && m_workflows->count() > 0)
        m_workflows->setCurrentRow(0);
    if (workflows.isEmpty())
        m_description->setText(tr("This server offers no workflows."));
    statusBar()->showMessage(tr("%n workflow(s) available", nullptr, static_cast<int>(workflows.size())), 5000);
    updateSelection();
}

QString MainWindow::selectedWorkflow() const
{
    const QListWidgetItem *item = m_workflows->currentItem();
    return item ? item->data(kNameRole).toString() : QString();
}

void MainWindow::setRunning(bool running, const QString &status)
{
    m_running = running;
    m_runStatus->setText(status);
    if (!running)
        closeQuestions();
    updateActions();
}

void MainWindow::showError(const QString &error)
{
    setBanner(error, true);
    statusBar()->showMessage(error, 10000);
}

void MainWindow::showInfo(const QString &info)
{
    setBanner(info, false);
}

void MainWindow::clearBanner()
{
    m_banner->clear();
    m_banner->hide();
}

QString MainWindow::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

void MainWindow::setBanner(const QString &text, bool error)
{
    m_banner->setText(text);
    m_banner->setProperty("error", error);
    m_banner->setStyleSheet(
            error ? u"QLabel { color: #82071e; background: #ffebe9; border: 1px solid #cf222e;"
                    u" border-radius: 4px; padding: 8px; }"_s
                  : u"QLabel { color: #0a3069; background: #ddf4ff; border: 1px solid #54aeff;"
                    u" border-radius: 4px; padding: 8px; }"_s);
    m_banner->setVisible(!text.isEmpty());
}

void MainWindow::askQuestion(const Message &question)
{
    auto *dialog = new AskDialog(question, this);
    connect(dialog, &AskDialog::answered, this, &MainWindow::answerGiven);
    m_questions.append(dialog);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void MainWindow::closeQuestions()
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
}

QList<AskDialog *> MainWindow::openQuestions() const
{
    QList<AskDialog *> open;
    for (const QPointer<AskDialog> &dialog : m_questions) {
        if (dialog && dialog->isVisible())
            open.append(dialog);
    }
    return open;
}

void MainWindow::updateSelection()
{
    const QListWidgetItem *item = m_workflows->currentItem();
    if (item) {
        const QString description = item->data(kDescriptionRole).toString();
        m_description->setText(description.isEmpty() ? tr("(no description)") : description);
    } else if (m_workflows->count() > 0) {
        m_description->setText(tr("Choose a workflow."));
    }
    updateActions();
}

void MainWindow::updateActions()
{
    const bool canStart = !m_running && m_workflows->currentItem() != nullptr;
    m_start->setEnabled(canStart);
    m_startAction->setEnabled(canStart);
    m_stop->setEnabled(m_running);
    m_stopAction->setEnabled(m_running);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    emit closing();
    closeQuestions();
    QMainWindow::closeEvent(event);
}

} // namespace agentdesk
