#include "MainWindow.h"

#include "AboutDialog.h"
#include "AskDialog.h"
#include "ConversationModel.h"
#include "ConversationView.h"
#include "Notifier.h"
#include "RunTab.h"
#include "Theme.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyledItemDelegate>
#include <QTabBar>
#include <QTabWidget>
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
    : QMainWindow(parent), m_emptyModel(new ConversationModel(this)), m_notifier(new Notifier(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"Agentdesk"_s);
    setWindowIcon(QIcon(u":/agentdesk/icons/agentdesk.svg"_s));
    resize(1100, 720);

    // Left: the workflows.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    auto *workflowsTitle = new QLabel(tr("<b>Workflows</b>"), left);
    leftLayout->addWidget(workflowsTitle);
    m_workflows = new QListWidget(left);
    m_workflows->setObjectName(u"workflowList"_s);
    m_workflows->setAccessibleName(tr("Workflows"));
    m_workflows->setItemDelegate(new WorkflowDelegate(m_workflows));
    m_workflows->setUniformItemSizes(false);
    m_workflows->setSpacing(1);
    workflowsTitle->setBuddy(m_workflows);
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
    m_start->setAccessibleName(tr("Start the workflow in a new tab"));
    m_start->setToolTip(tr("Start the selected workflow in a new tab (Ctrl+N)"));
    m_start->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), left);
    m_stop->setObjectName(u"stopButton"_s);
    m_stop->setAccessibleName(tr("Stop the current run"));
    buttons->addWidget(m_start, 1);
    buttons->addWidget(m_stop);
    leftLayout->addLayout(buttons);

    // Right: one tab per run, or a hint when there is none.
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    m_banner = new QLabel(right);
    m_banner->setObjectName(u"bannerLabel"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setAccessibleName(tr("Notice"));
    m_banner->hide();
    rightLayout->addWidget(m_banner);
    m_stack = new QStackedWidget(right);
    auto *placeholder = new QLabel(tr("Choose a workflow and press Start: its conversation opens here, "
                                      "in a tab of its own. Several runs may go on at once."),
                                   m_stack);
    placeholder->setObjectName(u"placeholderLabel"_s);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(placeholder);
    m_tabs = new QTabWidget(m_stack);
    m_tabs->setObjectName(u"runTabs"_s);
    m_tabs->setAccessibleName(tr("Runs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_stack->addWidget(m_tabs);
    rightLayout->addWidget(m_stack, 1);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"mainSplitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({280, 820});
    setCentralWidget(splitter);

    // Actions.
    QAction *newRun = makeAction(u"startAction"_s, tr("&New run"), QKeySequence::New);
    newRun->setToolTip(tr("Start the selected workflow in a new tab"));
    QAction *stop = makeAction(u"stopAction"_s, tr("S&top run"));
    QAction *closeTab = makeAction(u"closeRunAction"_s, tr("&Close tab"));
    closeTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::CTRL | Qt::Key_F4)});
    QAction *refresh = makeAction(u"refreshAction"_s, tr("&Refresh workflows"), QKeySequence::Refresh);
    QAction *history = makeAction(u"historyAction"_s, tr("&History…"), QKeySequence(Qt::CTRL | Qt::Key_H));
    QAction *settings = makeAction(u"settingsAction"_s, tr("&Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    QAction *server = makeAction(u"serverAction"_s, tr("&Embedded server…"));
    QAction *logout = makeAction(u"logoutAction"_s, tr("Sign &out"));
    QAction *switchAccount = makeAction(u"switchAccountAction"_s, tr("S&witch server or account…"));
    QAction *quit = makeAction(u"quitAction"_s, tr("&Quit"), QKeySequence::Quit);
    QAction *next = makeAction(u"nextTabAction"_s, tr("Ne&xt tab"));
    next->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    QAction *previous = makeAction(u"previousTabAction"_s, tr("Pre&vious tab"));
    previous->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
                            QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    QAction *about = makeAction(u"aboutAction"_s, tr("&About Agentdesk"));
    about->setMenuRole(QAction::AboutRole);
    for (QAction *a : {next, previous, closeTab})
        a->setShortcutContext(Qt::WindowShortcut);

    QMenu *file = menuBar()->addMenu(tr("&Agentdesk"));
    file->addAction(history);
    file->addAction(server);
    file->addAction(settings);
    file->addSeparator();
    file->addAction(switchAccount);
    file->addAction(logout);
    file->addAction(quit);
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(newRun);
    run->addAction(stop);
    run->addAction(closeTab);
    run->addSeparator();
    run->addAction(next);
    run->addAction(previous);
    run->addSeparator();
    run->addAction(refresh);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(about);

    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolBar"_s);
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(newRun);
    toolbar->addAction(stop);
    toolbar->addSeparator();
    toolbar->addAction(history);
    toolbar->addAction(settings);

    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(u"userLabel"_s);
    statusBar()->addPermanentWidget(m_userLabel);

    const auto start = [this] {
        const QString name = selectedWorkflow();
        if (!name.isEmpty())
            emit startRequested(name);
    };
    const auto stopCurrent = [this] {
        if (RunTab *tab = currentRun(); tab && tab->isRunning())
            emit stopRequested(tab->tag());
    };
    connect(m_start, &QPushButton::clicked, this, start);
    connect(newRun, &QAction::triggered, this, start);
    connect(m_workflows, &QListWidget::itemDoubleClicked, this, start);
    connect(m_stop, &QPushButton::clicked, this, stopCurrent);
    connect(stop, &QAction::triggered, this, stopCurrent);
    connect(closeTab, &QAction::triggered, this, [this] {
        if (RunTab *tab = currentRun())
            requestCloseRun(tab);
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (auto *tab = qobject_cast<RunTab *>(m_tabs->widget(index)))
            requestCloseRun(tab);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(next, &QAction::triggered, this, [this] { switchTab(1); });
    connect(previous, &QAction::triggered, this, [this] { switchTab(-1); });
    connect(refresh, &QAction::triggered, this, &MainWindow::refreshRequested);
    connect(history, &QAction::triggered, this, &MainWindow::historyRequested);
    connect(settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(server, &QAction::triggered, this, &MainWindow::serverRequested);
    connect(logout, &QAction::triggered, this, &MainWindow::logoutRequested);
    connect(switchAccount, &QAction::triggered, this, &MainWindow::switchAccountRequested);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_workflows, &QListWidget::currentItemChanged, this, &MainWindow::updateSelection);

    applyIcons();
    updateSelection();
    updateActions();
}

MainWindow::~MainWindow()
{
    closeQuestions();
}

QAction *MainWindow::makeAction(const QString &name, const QString &text, const QKeySequence &shortcut)
{
    auto *a = new QAction(text, this);
    a->setObjectName(name);
    if (!shortcut.isEmpty())
        a->setShortcut(shortcut);
    addAction(a); // shortcuts work even when the menu bar is hidden
    return a;
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::applyIcons()
{
    const QPalette pal = palette();
    const std::pair<const char16_t *, const char16_t *> icons[] = {
            {u"startAction", u"run"},       {u"stopAction", u"stop"},         {u"historyAction", u"history"},
            {u"settingsAction", u"settings"}, {u"aboutAction", u"about"},     {u"serverAction", u"server"},
            {u"refreshAction", u"refresh"}, {u"logoutAction", u"logout"}};
    for (const auto &[name, icon] : icons) {
        if (QAction *a = action(QString::fromUtf16(name)))
            a->setIcon(Theme::icon(QString::fromUtf16(icon), pal));
    }
    m_start->setIcon(Theme::icon(u"run"_s, pal));
    m_stop->setIcon(Theme::icon(u"stop"_s, pal));
    if (m_banner->isVisible())
        m_banner->setStyleSheet(Theme::bannerStyle(pal, m_bannerError));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyIcons();
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        m_notifier->withdraw(); // the user is back: the notification has done its job
    QMainWindow::changeEvent(event);
}

ConversationModel *MainWindow::conversation() const
{
    RunTab *tab = currentRun();
    return tab ? tab->conversation() : m_emptyModel;
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

RunTab *MainWindow::addRun(const QString &workflow, const QString &tag)
{
    auto *tab = new RunTab(workflow, tag, m_tabs);
    if (m_fontSize > 0) {
        QFont font = tab->view()->font();
        font.setPointSize(m_fontSize);
        tab->view()->setFont(font);
    }
    const int index = m_tabs->addTab(tab, tab->title());
    m_tabs->setTabToolTip(index, workflow);
    connect(tab, &RunTab::stateChanged, this, [this, tab] { updateTab(tab); });
    connect(tab, &RunTab::answerGiven, this,
            [this, tab](const QString &uuid, const QString &text, bool secret, bool cancelled) {
                emit answerGiven(tab->tag(), uuid, text, secret, cancelled);
            });
    connect(tab, &RunTab::questionAsked, this, [this, tab](const Message &question) {
        const QString who = question.sender.value_or(tab->workflow());
        m_notifier->notify(this, tr("%1 asks a question").arg(who),
                           question.content.value(u"prompt").toString());
    });
    m_tabs->setCurrentIndex(index);
    m_stack->setCurrentWidget(m_tabs);
    updateActions();
    return tab;
}

RunTab *MainWindow::run(const QString &tag) const
{
    for (RunTab *tab : runs()) {
        if (tab->tag() == tag)
            return tab;
    }
    return nullptr;
}

RunTab *MainWindow::currentRun() const
{
    return qobject_cast<RunTab *>(m_tabs->currentWidget());
}

QList<RunTab *> MainWindow::runs() const
{
    QList<RunTab *> out;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<RunTab *>(m_tabs->widget(i)))
            out.append(tab);
    }
    return out;
}

void MainWindow::removeRun(const QString &tag)
{
    RunTab *tab = run(tag);
    if (!tab)
        return;
    tab->closeQuestions();
    m_tabs->removeTab(m_tabs->indexOf(tab));
    tab->deleteLater();
    if (m_tabs->count() == 0)
        m_stack->setCurrentIndex(0);
    updateActions();
}

void MainWindow::requestCloseRun(RunTab *tab)
{
    if (!tab)
        return;
    const QString tag = tab->tag();
    if (!tab->isRunning()) {
        removeRun(tag);
        emit runClosed(tag);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Close a running workflow?"),
                                tr("“%1” is still running. Closing its tab stops it.").arg(tab->workflow()),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"confirmCloseRun"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *stopButton = box->addButton(tr("Stop and close"), QMessageBox::AcceptRole);
    stopButton->setObjectName(u"confirmCloseButton"_s);
    QPushButton *keep = box->addButton(tr("Keep running"), QMessageBox::RejectRole);
    keep->setObjectName(u"keepRunningButton"_s);
    box->setDefaultButton(keep);
    connect(box, &QMessageBox::finished, this, [this, box, stopButton, tag] {
        if (box->clickedButton() != stopButton)
            return;
        removeRun(tag);
        emit runClosed(tag);
    });
    box->open();
}

bool MainWindow::isRunning() const
{
    RunTab *tab = currentRun();
    return tab && tab->isRunning();
}

bool MainWindow::hasRunningRuns() const
{
    const auto all = runs();
    return std::any_of(all.begin(), all.end(), [](RunTab *tab) { return tab->isRunning(); });
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
    m_bannerError = error;
    m_banner->setText(text);
    m_banner->setProperty("error", error);
    m_banner->setStyleSheet(Theme::bannerStyle(palette(), error));
    m_banner->setVisible(!text.isEmpty());
}

QList<AskDialog *> MainWindow::openQuestions() const
{
    QList<AskDialog *> open;
    for (RunTab *tab : runs())
        open.append(tab->openQuestions());
    return open;
}

void MainWindow::closeQuestions()
{
    for (RunTab *tab : runs())
        tab->closeQuestions();
}

void MainWindow::updateTab(RunTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    m_tabs->setTabText(index, tab->title());
    m_tabs->setTabToolTip(index, tab->workflow() + u"\n"_s + tab->statusText());
    updateActions();
}

void MainWindow::switchTab(int delta)
{
    const int count = m_tabs->count();
    if (count > 1)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + delta + count) % count);
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
    const bool canStart = m_workflows->currentItem() != nullptr;
    m_start->setEnabled(canStart);
    action(u"startAction"_s)->setEnabled(canStart);
    const bool running = isRunning();
    m_stop->setEnabled(running);
    action(u"stopAction"_s)->setEnabled(running);
    action(u"closeRunAction"_s)->setEnabled(m_tabs->count() > 0);
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setConversationFontSize(int points)
{
    m_fontSize = points;
    for (RunTab *tab : runs()) {
        QFont font = QApplication::font(tab->view());
        if (points > 0)
            font.setPointSize(points);
        tab->view()->setFont(font);
    }
}

void MainWindow::closeWithoutAsking()
{
    m_forceClose = true;
    close();
    m_forceClose = false;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_forceClose && hasRunningRuns()) {
        QMessageBox box(QMessageBox::Question, tr("Quit with runs going?"),
                        tr("Some workflows are still running. Quitting stops them."), QMessageBox::Cancel, this);
        box.setObjectName(u"confirmQuit"_s);
        QPushButton *quit = box.addButton(tr("&Quit and stop them"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != quit) {
            event->ignore();
            return;
        }
    }
    emit closing();
    closeQuestions();
    QMainWindow::closeEvent(event);
}

} // namespace agentdesk
