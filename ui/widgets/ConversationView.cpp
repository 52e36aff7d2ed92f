#include "ConversationView.h"

#include "ConversationModel.h"

#include <QScrollBar>

namespace agentdesk {

using namespace Qt::StringLiterals;

ConversationView::ConversationView(QWidget *parent) : QTextBrowser(parent)
{
    setObjectName(u"conversationView"_s);
    setOpenLinks(false);
    setUndoRedoEnabled(false);
    setPlaceholderText(tr("Choose a workflow and press Start: its conversation appears here."));
    document()->setDocumentMargin(8);
}

void ConversationView::setModel(ConversationModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    if (m_model) {
        connect(m_model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { appendRows(first, last); });
        connect(m_model, &QAbstractItemModel::modelReset, this, &ConversationView::rebuild);
        connect(m_model, &QAbstractItemModel::dataChanged, this, &ConversationView::rebuild);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ConversationView::rebuild);
    }
    rebuild();
}

void ConversationView::rebuild()
{
    clear();
    if (m_model && m_model->rowCount() > 0)
        appendRows(0, m_model->rowCount() - 1);
}

void ConversationView::appendRows(int first, int last)
{
    if (!m_model)
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool following = bar->value() >= bar->maximum() - 4;
    for (int row = first; row <= last; ++row)
        append(m_model->index(row).data(ConversationModel::HtmlRole).toString());
    if (following)
        bar->setValue(bar->maximum());
}

} // namespace agentdesk
