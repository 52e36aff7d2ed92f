#include "HistoryDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {
constexpr int kPathRole = Qt::UserRole + 1;
}

HistoryDialog::HistoryDialog(QWidget *parent) : QDialog(parent), m_store(QString())
{
    setObjectName(u"historyDialog"_s);
    setWindowTitle(tr("History"));
    setModal(false);
    resize(720, 460);

    auto *layout = new QVBoxLayout(this);
    auto *searchRow = new QHBoxLayout;
    auto *searchLabel = new QLabel(tr("&Search:"), this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"historySearch"_s);
    m_search->setAccessibleName(tr("Search the history"));
    m_search->setPlaceholderText(tr("Words from a conversation, a workflow, an agent…"));
    m_search->setClearButtonEnabled(true);
    searchLabel->setBuddy(m_search);
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(m_search, 1);
    layout->addLayout(searchRow);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"historyList"_s);
    m_list->setAccessibleName(tr("Conversations"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Started"), tr("Workflow"), tr("Status"), tr("Entries")});
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    layout->addWidget(m_list, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(u"historyOpenButton"_s);
    m_open->setAccessibleName(tr("Open the conversation read-only"));
    m_exportMarkdown = buttons->addButton(tr("Export &Markdown…"), QDialogButtonBox::ActionRole);
    m_exportMarkdown->setObjectName(u"exportMarkdownButton"_s);
    m_exportMarkdown->setAccessibleName(tr("Export as Markdown"));
    m_exportJson = buttons->addButton(tr("Export &JSON…"), QDialogButtonBox::ActionRole);
    m_exportJson->setObjectName(u"exportJsonButton"_s);
    m_exportJson->setAccessibleName(tr("Export as JSON"));
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setAccessibleName(tr("Close the history"));
    layout->addWidget(buttons);

    // Searching reads the files: wait until the typing pauses.
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &HistoryDialog::refresh);
    connect(m_list, &QTreeWidget::itemActivated, this, &HistoryDialog::openSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &HistoryDialog::updateButtons);
    connect(m_open, &QPushButton::clicked, this, &HistoryDialog::openSelected);
    connect(m_exportMarkdown, &QPushButton::clicked, this, [this] { chooseExport(Format::Markdown); });
    connect(m_exportJson, &QPushButton::clicked, this, [this] { chooseExport(Format::Json); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
}

void HistoryDialog::setSource(const HistoryStore &store, const QString &server, const QString &user,
                              const QStringList &live)
{
    m_store = store;
    m_server = server;
    m_user = user;
    m_live = live;
    setWindowTitle(tr("History of %1").arg(user));
    refresh();
}

void HistoryDialog::refresh()
{
    const QString previous = selectedPath();
    m_list->clear();
    const QList<ConversationInfo> conversations = m_store.search(m_server, m_user, m_search->text().trimmed());
    for (const ConversationInfo &info : conversations) {
        const auto status = m_live.contains(info.path) ? ConversationInfo::Status::Running : info.status;
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, QLocale().toString(info.started, QLocale::ShortFormat));
        item->setText(1, info.workflow);
        item->setText(2, ConversationInfo::statusText(status));
        item->setText(3, QLocale().toString(info.entries));
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(0, kPathRole, info.path);
        if (info.path == previous)
            m_list->setCurrentItem(item);
    }
    for (int column = 0; column < 4; ++column) {
        if (column != 1)
            m_list->resizeColumnToContents(column);
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    updateButtons();
}

QString HistoryDialog::selectedPath() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(0, kPathRole).toString() : QString();
}

int HistoryDialog::count() const
{
    return m_list->topLevelItemCount();
}

void HistoryDialog::updateButtons()
{
    const bool any = !selectedPath().isEmpty();
    m_open->setEnabled(any);
    m_exportMarkdown->setEnabled(any);
    m_exportJson->setEnabled(any);
}

void HistoryDialog::openSelected()
{
    const QString path = selectedPath();
    if (!path.isEmpty())
        emit openRequested(path);
}

void HistoryDialog::chooseExport(Format format)
{
    const QString path = selectedPath();
    if (path.isEmpty())
        return;
    const auto conversation = HistoryStore::read(path);
    const QString base = conversation ? conversation->info.workflow + u'-'
                                                + conversation->info.started.toString(u"yyyyMMdd-HHmm"_s)
                                      : u"conversation"_s;
    // Non-blocking, Qt's own dialog: the runs keep going meanwhile.
    auto *dialog = new QFileDialog(this, format == Format::Markdown ? tr("Export as Markdown") : tr("Export as JSON"),
                                   QDir::homePath() + u'/' + base
                                           + (format == Format::Markdown ? u".md"_s : u".json"_s),
                                   format == Format::Markdown ? tr("Markdown (*.md)") : tr("JSON (*.json)"));
    dialog->setObjectName(u"historyExportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &file) {
        const QString error = exportSelected(format, file);
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export failed"), error);
    });
    dialog->open();
}

QString HistoryDialog::exportSelected(Format format, const QString &path) const
{
    QString error;
    const auto conversation = HistoryStore::read(selectedPath(), &error);
    if (!conversation)
        return error;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(format == Format::Markdown ? conversationToMarkdown(*conversation).toUtf8()
                                          : conversationToJson(*conversation));
    return file.commit() ? QString() : file.errorString();
}

} // namespace agentdesk
