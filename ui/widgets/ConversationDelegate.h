#pragma once

#include <QCache>
#include <QHash>
#include <QStyledItemDelegate>
#include <QTextDocument>

namespace agentdesk {

// Draws one conversation entry: agent turns and questions as chat bubbles
// under "sender → recipient", the user's answers as bubbles on the right,
// function calls and errors as cards whose details fold, system messages
// muted, the final result highlighted. Colours come from the view's palette
// (blended with a hue where a kind needs one), so a dark theme stays dark.
//
// Speed: a long conversation must open at once. A row off screen is first
// given an estimated height (from its text length: no parsing, no layout);
// rows are measured exactly when painted, and the view refines the others
// in idle time (refine()). Exact heights are cached per entry and width;
// documents (Markdown parsed and laid out) only for the rows on screen and
// their neighbours.
class ConversationDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ConversationDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The read-only text selector: a QTextBrowser with the entry's text.
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *, QAbstractItemModel *, const QModelIndex &) const override {}
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

    // Where the "details" fold of a card is drawn (empty when it has none).
    QRect toggleRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // The rectangle of the bubble or card inside the row.
    QRect frameRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    // Measures a row exactly if it only has an estimate; true when its
    // height changed (the view must lay out again).
    bool refine(const QStyleOptionViewItem &option, const QModelIndex &index);
    bool isExact(const QModelIndex &index, int width) const;

    // Forget cached layouts: of one entry (its data changed) or of all
    // (font, palette or model reset).
    void forget(int entryId);
    void forgetAll();

    int cachedDocuments() const { return m_documents.size(); }

signals:
    // A painted row turned out taller or shorter than estimated.
    void heightsRefined();

private:
    struct Geometry
    {
        QRect frame;   // bubble or card
        QRect header;  // sender → recipient line
        QRect toggle;  // details fold, may be empty
        QRect text;    // where the document is drawn
    };
    struct Cached
    {
        int width = -1;
        int height = 0;
        int textWidth = 0; // the bubble shrinks to its text
        bool exact = false;
    };

    QTextDocument *document(const QModelIndex &index, int textWidth, const QFont &font) const;
    void buildDocument(QTextDocument *document, const QModelIndex &index, const QFont &font) const;
    Cached &measure(const QStyleOptionViewItem &option, const QModelIndex &index, bool exact = true) const;
    void estimate(Cached &cached, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    Geometry geometry(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static int viewWidth(const QStyleOptionViewItem &option);
    static int maxTextWidth(const QStyleOptionViewItem &option, int kind);

    mutable QHash<int, Cached> m_sizes;
    mutable QCache<qint64, QTextDocument> m_documents;
    mutable bool m_refinePending = false;
};

} // namespace agentdesk
