#include "ConversationView.h"

#include "ConversationDelegate.h"
#include "ConversationModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QResizeEvent>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

namespace agentdesk {

using namespace Qt::StringLiterals;

ConversationView::ConversationView(QWidget *parent)
    : QListView(parent),
      m_delegate(new ConversationDelegate(this)),
      m_refiner(new QTimer(this)),
      m_relayout(new QTimer(this))
{
    setObjectName(u"conversationView"_s);
    setAccessibleName(tr("Conversation"));
    setItemDelegate(m_delegate);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A scroll bar that comes and goes would change the width and lay
    // every entry out twice.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setUniformItemSizes(false);
    setResizeMode(QListView::Adjust);
    setLayoutMode(QListView::SinglePass);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    setWordWrap(true);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    verticalScrollBar()->setSingleStep(24);

    m_copy = new QAction(tr("&Copy message"), this);
    m_copy->setObjectName(u"copyMessageAction"_s);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copy, &QAction::triggered, this, &ConversationView::copySelection);
    addAction(m_copy);
    m_copyAll = new QAction(tr("Copy the &whole conversation"), this);
    m_copyAll->setObjectName(u"copyAllAction"_s);
    connect(m_copyAll, &QAction::triggered, this, &ConversationView::copyAll);
    m_toggle = new QAction(tr("Show or hide &details"), this);
    m_toggle->setObjectName(u"toggleDetailsAction"_s);
    m_toggle->setShortcut(QKeySequence(Qt::Key_Space));
    m_toggle->setShortcutContext(Qt::WidgetShortcut);
    connect(m_toggle, &QAction::triggered, this, &ConversationView::toggleCurrentDetails);
    addAction(m_toggle);
    m_selectText = new QAction(tr("&Select text…"), this);
    m_selectText->setObjectName(u"selectTextAction"_s);
    connect(m_selectText, &QAction::triggered, this, &ConversationView::selectTextOfCurrent);

    // Exact heights for the rows off screen, a few milliseconds at a time,
    // newest first; one relayout for many refined rows.
    m_refiner->setInterval(0);
    connect(m_refiner, &QTimer::timeout, this, &ConversationView::refineSome);
    m_relayout->setSingleShot(true);
    m_relayout->setInterval(0);
    connect(m_relayout, &QTimer::timeout, this, &ConversationView::relayoutKeepingPlace);
    connect(m_delegate, &ConversationDelegate::heightsRefined, m_relayout, qOverload<>(&QTimer::start));

    // Follow the newest entry only while the user is at the bottom.
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] { followIfNeeded(); });
}

void ConversationView::setModel(ConversationModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    m_delegate->forgetAll();
    QListView::setModel(model);
    if (m_model) {
        connect(m_model, &QAbstractItemModel::dataChanged, this, &ConversationView::onDataChanged);
        connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
            m_delegate->forgetAll();
            m_following = true;
        });
        connect(m_model, &QAbstractItemModel::modelReset, this, &ConversationView::restartRefining);
    }
    m_following = true;
    followIfNeeded();
    restartRefining();
}

bool ConversationView::isRefining() const
{
    return m_refiner->isActive() || m_relayout->isActive();
}

void ConversationView::restartRefining()
{
    m_refineRow = m_model ? m_model->rowCount() - 1 : -1;
    if (m_refineRow >= 0)
        m_refiner->start();
}

void ConversationView::refineSome()
{
    if (!m_model || m_refineRow < 0) {
        m_refiner->stop();
        return;
    }
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    QElapsedTimer slice;
    slice.start();
    m_refineRow = qMin(m_refineRow, m_model->rowCount() - 1);
    while (m_refineRow >= 0 && slice.elapsed() < 8) {
        if (m_delegate->refine(option, m_model->index(m_refineRow)))
            m_refinedSomething = true;
        --m_refineRow;
    }
    // Lay out now and then, not after every slice: a relayout costs a pass
    // over every row.
    if (m_refinedSomething && (m_refineRow < 0 || m_refineRow % 1000 < 60)) {
        m_refinedSomething = false;
        m_relayout->start();
    }
    if (m_refineRow < 0)
        m_refiner->stop();
}

void ConversationView::relayoutKeepingPlace()
{
    QScrollBar *bar = verticalScrollBar();
    if (m_following) {
        doItemsLayout();
        scrollToBottom();
        return;
    }
    const QModelIndex top = indexAt(QPoint(4, 1));
    const int offset = top.isValid() ? visualRect(top).top() : 0;
    const QPersistentModelIndex anchor(top);
    doItemsLayout();
    if (anchor.isValid()) {
        const bool following = m_following;
        bar->setValue(bar->value() + visualRect(anchor).top() - offset);
        m_following = following && bar->value() >= bar->maximum() - 4;
    }
}

QString ConversationView::textOf(const QModelIndexList &indexes) const
{
    QModelIndexList sorted = indexes;
    std::sort(sorted.begin(), sorted.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList parts;
    for (const QModelIndex &index : std::as_const(sorted))
        parts.append(index.data(Qt::DisplayRole).toString());
    return parts.join(u"\n\n"_s);
}

QString ConversationView::toPlainText() const
{
    if (!m_model)
        return {};
    QModelIndexList all;
    for (int row = 0; row < m_model->rowCount(); ++row)
        all.append(m_model->index(row));
    return textOf(all);
}

void ConversationView::copySelection()
{
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    if (rows.isEmpty() && currentIndex().isValid())
        rows.append(currentIndex());
    if (rows.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(textOf(rows));
}

void ConversationView::copyAll()
{
    QGuiApplication::clipboard()->setText(toPlainText());
}

void ConversationView::toggleCurrentDetails()
{
    const QModelIndex index = currentIndex();
    if (!m_model || !index.isValid() || !index.data(ConversationModel::CollapsibleRole).toBool())
        return;
    m_model->setData(index, !index.data(ConversationModel::ExpandedRole).toBool(),
                     ConversationModel::ExpandedRole);
}

void ConversationView::selectTextOfCurrent()
{
    if (currentIndex().isValid())
        edit(currentIndex());
}

void ConversationView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (index.isValid() && !selectionModel()->isSelected(index))
        setCurrentIndex(index);
    QMenu menu(this);
    menu.setObjectName(u"conversationMenu"_s);
    m_copy->setEnabled(index.isValid() || !selectedIndexes().isEmpty());
    menu.addAction(m_copy);
    menu.addAction(m_copyAll);
    if (index.isValid()) {
        menu.addAction(m_selectText);
        if (index.data(ConversationModel::CollapsibleRole).toBool()) {
            m_toggle->setText(index.data(ConversationModel::ExpandedRole).toBool() ? tr("Hide &details")
                                                                                   : tr("Show &details"));
            menu.addAction(m_toggle);
        }
    }
    menu.exec(event->globalPos());
}

void ConversationView::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QModelIndex index = m_model->index(row);
        m_delegate->forget(index.data(ConversationModel::IdRole).toInt());
        emit m_delegate->sizeHintChanged(index);
    }
}

void ConversationView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QListView::rowsInserted(parent, start, end);
    followIfNeeded();
    if (end - start > 8) // a history or a burst: measure it in the background
        restartRefining();
}

void ConversationView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    if (m_model) {
        for (int row = start; row <= end; ++row)
            m_delegate->forget(m_model->index(row).data(ConversationModel::IdRole).toInt());
    }
    QListView::rowsAboutToBeRemoved(parent, start, end);
}

void ConversationView::scrollContentsBy(int dx, int dy)
{
    QListView::scrollContentsBy(dx, dy);
    const QScrollBar *bar = verticalScrollBar();
    m_following = bar->value() >= bar->maximum() - 4;
}

void ConversationView::followIfNeeded()
{
    if (!m_following || m_followQueued)
        return;
    // After the layout the new rows are measured: then go to the bottom.
    m_followQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_followQueued = false;
        if (m_following) {
            scrollToBottom();
            m_following = true;
        }
    });
}

void ConversationView::resizeEvent(QResizeEvent *event)
{
    const bool following = m_following;
    QListView::resizeEvent(event);
    m_following = following;
    followIfNeeded();
    if (event->oldSize().width() != event->size().width())
        restartRefining(); // every height is an estimate again at this width
}

void ConversationView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::StyleChange) {
        m_delegate->forgetAll();
        scheduleDelayedItemsLayout();
        restartRefining();
    }
    QListView::changeEvent(event);
}

} // namespace agentdesk
