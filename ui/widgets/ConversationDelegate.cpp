#include "ConversationDelegate.h"

#include "ConversationModel.h"
#include "Theme.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QToolTip>

namespace agentdesk {

using namespace Qt::StringLiterals;
using Kind = ConversationModel::Kind;

namespace {

constexpr int kSideMargin = 10;  // between the view's edge and a frame
constexpr int kRowMargin = 4;    // above and below each frame
constexpr int kPadding = 10;     // inside a frame
constexpr int kHeaderGap = 4;    // between the header and the text
constexpr int kStripe = 4;       // the coloured edge of an error card
constexpr int kBubbleIndent = 48; // bubbles leave room on the other side
constexpr int kMaxDocuments = 400;

// An agent's message may carry Markdown, raw HTML or image references: it
// is shown, never allowed to load anything (local files included).
class InertDocument : public QTextDocument
{
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int, const QUrl &) override { return {}; }
};

bool isBubble(Kind kind)
{
    return kind == Kind::Normal || kind == Kind::Question || kind == Kind::Answer;
}

Kind kindOf(const QModelIndex &index)
{
    return index.data(ConversationModel::KindRole).value<Kind>();
}

QFont headerFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(base.pointSizeF() * 0.9);
    return font;
}

QFont mutedFont(const QFont &base)
{
    QFont font = base;
    font.setItalic(true);
    font.setPointSizeF(base.pointSizeF() * 0.92);
    return font;
}

QString toggleText(const QModelIndex &index)
{
    const bool expanded = index.data(ConversationModel::ExpandedRole).toBool();
    if (expanded)
        return ConversationDelegate::tr("▾ Hide details");
    const int lines = static_cast<int>(index.data(ConversationModel::DetailRole).toString().count(u'\n')) + 1;
    return kindOf(index) == Kind::Error ? ConversationDelegate::tr("▸ Show the full error (%n line(s))", nullptr, lines)
                                        : ConversationDelegate::tr("▸ Show details (%n line(s))", nullptr, lines);
}

QString headerText(const QModelIndex &index)
{
    QString header = index.data(ConversationModel::HeaderRole).toString();
    if (kindOf(index) == Kind::Answer)
        header = ConversationDelegate::tr("You answered");
    return header;
}

QString timeText(const QModelIndex &index)
{
    const QDateTime time = index.data(ConversationModel::TimeRole).toDateTime();
    return time.isValid() ? QLocale().toString(time.time(), QLocale::ShortFormat) : QString();
}

// Markdown marks code as fixed-pitch without naming a font; name one, so
// code spans and blocks really are monospace on every platform.
void useMonospaceForCode(QTextDocument *document, const QFont &font)
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const bool codeBlock = block.blockFormat().hasProperty(QTextFormat::BlockCodeFence)
                               || block.blockFormat().nonBreakableLines();
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!codeBlock && !fragment.charFormat().fontFixedPitch())
                continue;
            QTextCursor cursor(document);
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            QTextCharFormat format;
            format.setFontFamilies({mono.family()});
            format.setFontFixedPitch(true);
            format.setFontPointSize(font.pointSizeF() * 0.95);
            cursor.mergeCharFormat(format);
        }
    }
}

} // namespace

ConversationDelegate::ConversationDelegate(QObject *parent)
    : QStyledItemDelegate(parent), m_documents(kMaxDocuments)
{
}

int ConversationDelegate::maxTextWidth(const QStyleOptionViewItem &option, int kindValue)
{
    const auto kind = static_cast<Kind>(kindValue);
    int frameWidth = viewWidth(option) - 2 * kSideMargin;
    // Bubbles take at most four fifths of the width, as in a chat app.
    if (isBubble(kind))
        frameWidth = qMax(120, qMin(frameWidth - kBubbleIndent, qMax(360, frameWidth * 4 / 5)));
    return frameWidth - 2 * kPadding - (kind == Kind::Error ? kStripe : 0);
}

int ConversationDelegate::viewWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return qMax(160, view->viewport()->width());
    return qMax(160, option.rect.width());
}

void ConversationDelegate::forget(int entryId)
{
    m_sizes.remove(entryId);
    const auto keys = m_documents.keys();
    for (qint64 key : keys) {
        if ((key >> 20) == entryId)
            m_documents.remove(key);
    }
}

void ConversationDelegate::forgetAll()
{
    m_sizes.clear();
    m_documents.clear();
}

void ConversationDelegate::buildDocument(QTextDocument *document, const QModelIndex &index,
                                         const QFont &font) const
{
    const Kind kind = kindOf(index);
    document->setUndoRedoEnabled(false);
    document->setDocumentMargin(0);
    document->setDefaultFont(kind == Kind::Muted ? mutedFont(font) : font);
    const QString title = index.data(ConversationModel::TitleRole).toString();
    const QString body = index.data(ConversationModel::TextRole).toString();
    const bool markdown = index.data(ConversationModel::MarkdownRole).toBool();
    const QString detail = index.data(ConversationModel::DetailRole).toString();
    const bool showDetail = !detail.isEmpty() && index.data(ConversationModel::ExpandedRole).toBool();

    if (markdown && !body.isEmpty()) {
        // GitHub's dialect, minus raw HTML: an agent's text is never markup.
        document->setMarkdown(body, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub
                                                                    | QTextDocument::MarkdownNoHTML));
        useMonospaceForCode(document, font);
    } else {
        document->setPlainText(body);
    }
    QTextCursor cursor(document);
    if (!title.isEmpty()) {
        QTextCharFormat bold;
        bold.setFontWeight(QFont::Bold);
        if (kind == Kind::Result || kind == Kind::Error)
            bold.setFontPointSize(font.pointSizeF() * 1.1);
        cursor.movePosition(QTextCursor::Start);
        if (!body.isEmpty()) {
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
            cursor.movePosition(QTextCursor::Start);
        }
        cursor.setBlockFormat(QTextBlockFormat());
        cursor.insertText(title, bold);
    }
    if (showDetail) {
        cursor.movePosition(QTextCursor::End);
        QTextBlockFormat block;
        block.setTopMargin(document->isEmpty() ? 0 : 6);
        // JSON and tracebacks in monospace; a question's choices as text.
        QTextCharFormat mono;
        if (kind != Kind::Question) {
            mono.setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            mono.setFontPointSize(font.pointSizeF() * 0.95);
        }
        if (!document->isEmpty())
            cursor.insertBlock(block, mono);
        else
            cursor.setBlockFormat(block);
        const QStringList lines = detail.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                cursor.insertBlock(QTextBlockFormat(), mono);
            cursor.insertText(lines.at(i), mono);
        }
    }
}

QTextDocument *ConversationDelegate::document(const QModelIndex &index, int textWidth,
                                              const QFont &font) const
{
    const int id = index.data(ConversationModel::IdRole).toInt();
    const qint64 key = (qint64(id) << 20) | qint64(textWidth & 0xfffff);
    if (QTextDocument *cached = m_documents.object(key))
        return cached;
    auto *doc = new InertDocument;
    buildDocument(doc, index, font);
    doc->setTextWidth(textWidth);
    m_documents.insert(key, doc);
    return doc;
}

ConversationDelegate::Cached &ConversationDelegate::measure(const QStyleOptionViewItem &option,
                                                            const QModelIndex &index, bool exact) const
{
    const int id = index.data(ConversationModel::IdRole).toInt();
    const int width = viewWidth(option);
    Cached &cached = m_sizes[id];
    if (cached.width == width && (cached.exact || !exact))
        return cached;
    if (!exact) {
        estimate(cached, option, index);
        return cached;
    }

    const Kind kind = kindOf(index);
    const QFont font = option.font;
    const int maxText = maxTextWidth(option, int(kind));
    QTextDocument *doc = document(index, maxText, font);
    const QFontMetrics headerMetrics(headerFont(font));
    int textWidth = maxText;
    if (isBubble(kind)) {
        int needed = qCeil(doc->idealWidth()) + 2;
        needed = qMax(needed, headerMetrics.horizontalAdvance(headerText(index) + u"    "_s
                                                             + timeText(index)));
        textWidth = qMin(maxText, needed);
    }
    const bool empty = doc->isEmpty();
    const int docHeight = empty ? 0 : qCeil(doc->size().height());
    const int before = cached.width == width ? cached.height : -1;
    cached.width = width;
    cached.exact = true;
    cached.textWidth = textWidth;
    cached.height = 2 * kRowMargin + 2 * kPadding + headerMetrics.height()
                    + (empty ? 0 : kHeaderGap + docHeight);
    if (kind == Kind::Muted)
        cached.height -= kPadding; // no frame: less air
    if (before >= 0 && before != cached.height && !m_refinePending) {
        // Painting found an estimate wrong: lay out again, later, once.
        m_refinePending = true;
        QMetaObject::invokeMethod(
                const_cast<ConversationDelegate *>(this),
                [this] {
                    m_refinePending = false;
                    emit const_cast<ConversationDelegate *>(this)->heightsRefined();
                },
                Qt::QueuedConnection);
    }
    return cached;
}

void ConversationDelegate::estimate(Cached &cached, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    // Lines of wrapped text from character counts: close enough to place
    // the row, and free of any parsing or layout.
    const Kind kind = kindOf(index);
    const QFontMetrics metrics(option.font);
    const QFontMetrics headerMetrics(headerFont(option.font));
    const int maxText = maxTextWidth(option, int(kind));
    const int perLine = qMax(8, maxText / qMax(1, metrics.averageCharWidth()));
    int lines = 0;
    int longest = 0;
    const auto count = [&](const QString &text) {
        if (text.isEmpty())
            return;
        for (QStringView line : QStringView(text).split(u'\n')) {
            lines += qMax<qsizetype>(1, (line.size() + perLine - 1) / perLine);
            longest = qMax(longest, int(line.size()));
        }
    };
    count(index.data(ConversationModel::TitleRole).toString());
    count(index.data(ConversationModel::TextRole).toString());
    if (index.data(ConversationModel::ExpandedRole).toBool())
        count(index.data(ConversationModel::DetailRole).toString());
    const int textHeight = lines * metrics.lineSpacing() + (lines > 0 ? 4 : 0);
    cached.width = viewWidth(option);
    cached.exact = false;
    cached.textWidth = isBubble(kind) ? qMin(maxText, qMax(longest * metrics.averageCharWidth(),
                                                               headerMetrics.horizontalAdvance(headerText(index)) + 60))
                                      : maxText;
    cached.height = 2 * kRowMargin + 2 * kPadding + headerMetrics.height()
                    + (lines > 0 ? kHeaderGap + textHeight : 0) - (kind == Kind::Muted ? kPadding : 0);
}

bool ConversationDelegate::refine(const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const int id = index.data(ConversationModel::IdRole).toInt();
    const auto it = m_sizes.constFind(id);
    const int width = viewWidth(option);
    if (it != m_sizes.constEnd() && it->width == width && it->exact)
        return false;
    const int before = (it != m_sizes.constEnd() && it->width == width) ? it->height : -1;
    const bool pending = m_refinePending;
    m_refinePending = true; // the caller lays out once for many rows
    const int after = measure(option, index, true).height;
    m_refinePending = pending;
    return before != after;
}

bool ConversationDelegate::isExact(const QModelIndex &index, int width) const
{
    const auto it = m_sizes.constFind(index.data(ConversationModel::IdRole).toInt());
    return it != m_sizes.constEnd() && it->width == width && it->exact;
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Cached &cached = measure(option, index, false);
    return {viewWidth(option), cached.height};
}

ConversationDelegate::Geometry ConversationDelegate::geometry(const QStyleOptionViewItem &option,
                                                             const QModelIndex &index) const
{
    const Cached &cached = measure(option, index);
    const Kind kind = kindOf(index);
    const QRect row = option.rect;
    const int stripe = kind == Kind::Error ? kStripe : 0;
    Geometry g;
    int frameWidth = row.width() - 2 * kSideMargin;
    if (isBubble(kind))
        frameWidth = cached.textWidth + 2 * kPadding;
    const int left = kind == Kind::Answer ? row.right() - kSideMargin - frameWidth + 1 : row.left() + kSideMargin;
    g.frame = QRect(left, row.top() + kRowMargin, frameWidth, row.height() - 2 * kRowMargin);
    const int pad = kind == Kind::Muted ? kPadding / 2 : kPadding;
    const QFontMetrics headerMetrics(headerFont(option.font));
    g.header = QRect(g.frame.left() + kPadding + stripe, g.frame.top() + pad,
                     g.frame.width() - 2 * kPadding - stripe, headerMetrics.height());
    if (index.data(ConversationModel::CollapsibleRole).toBool()) {
        const int w = headerMetrics.horizontalAdvance(toggleText(index)) + 8;
        g.toggle = QRect(g.header.right() - w + 1, g.header.top(), w, g.header.height());
    }
    g.text = QRect(g.header.left(), g.header.bottom() + 1 + kHeaderGap, cached.textWidth,
                   g.frame.bottom() - g.header.bottom() - kHeaderGap - pad);
    return g;
}

QRect ConversationDelegate::toggleRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return geometry(option, index).toggle;
}

QRect ConversationDelegate::frameRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return geometry(option, index).frame;
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const Kind kind = kindOf(index);
    const Geometry g = geometry(option, index);
    const Cached &cached = measure(option, index);
    const QPalette &pal = option.palette;
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    const QColor highlight = pal.color(QPalette::Highlight);
    const bool selected = option.state & QStyle::State_Selected;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    QColor fill;
    QColor border;
    qreal borderWidth = 1;
    QColor headerColour = Theme::mix(text, base, 0.35);
    const QString sender = index.data(ConversationModel::SenderRole).toString();
    switch (kind) {
    case Kind::Normal: {
        const QColor hue = Theme::hueFor(sender);
        fill = Theme::mix(base, hue, 0.10);
        border = Theme::mix(base, hue, 0.35);
        headerColour = Theme::readable(hue, base);
        break;
    }
    case Kind::Question:
        fill = Theme::mix(base, highlight, 0.12);
        border = highlight;
        borderWidth = 1.5;
        headerColour = Theme::readable(highlight, base);
        break;
    case Kind::Answer:
        fill = Theme::mix(base, highlight, 0.28);
        border = Theme::mix(base, highlight, 0.5);
        break;
    case Kind::Call:
        fill = Theme::mix(base, text, 0.04);
        border = Theme::mix(base, text, 0.22);
        break;
    case Kind::Error:
        fill = Theme::mix(base, Theme::errorHue(), 0.14);
        border = Theme::mix(base, Theme::errorHue(), 0.7);
        headerColour = Theme::readable(Theme::errorHue(), base);
        break;
    case Kind::Result:
        fill = Theme::mix(base, Theme::successHue(), 0.16);
        border = Theme::mix(base, Theme::successHue(), 0.8);
        borderWidth = 2;
        headerColour = Theme::readable(Theme::successHue(), base);
        break;
    case Kind::Muted:
        break;
    }
    if (selected) {
        border = highlight;
        borderWidth = 2;
        if (kind == Kind::Muted) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(Theme::mix(base, highlight, 0.15));
            painter->drawRoundedRect(QRectF(g.frame).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        }
    }
    if (fill.isValid()) {
        const qreal radius = isBubble(kind) ? 12 : 6;
        painter->setPen(QPen(border, borderWidth));
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(g.frame).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
        if (kind == Kind::Error) {
            QPainterPath clip;
            clip.addRoundedRect(QRectF(g.frame), radius, radius);
            painter->setClipPath(clip);
            painter->fillRect(QRect(g.frame.left(), g.frame.top(), kStripe, g.frame.height()),
                              Theme::mix(base, Theme::errorHue(), 0.85));
            painter->setClipping(false);
        }
    }

    // Header: who speaks to whom, when; the fold of a card on the right.
    const QFont hf = headerFont(option.font);
    painter->setFont(hf);
    const QFontMetrics hm(hf);
    const QString time = timeText(index);
    int headerRight = g.header.right();
    if (!g.toggle.isEmpty()) {
        painter->setPen(pal.color(QPalette::Link));
        painter->drawText(g.toggle, Qt::AlignRight | Qt::AlignVCenter, toggleText(index));
        headerRight = g.toggle.left() - 8;
    }
    if (!time.isEmpty()) { // left of the fold, where a card has one
        painter->setPen(Theme::mix(text, base, 0.5));
        QFont small = option.font;
        small.setPointSizeF(option.font.pointSizeF() * 0.85);
        painter->setFont(small);
        const int w = QFontMetrics(small).horizontalAdvance(time);
        painter->drawText(QRect(headerRight - w + 1, g.header.top(), w, g.header.height()),
                          Qt::AlignRight | Qt::AlignVCenter, time);
        painter->setFont(hf);
        headerRight -= w + 8;
    }
    QString header = headerText(index);
    if (kind == Kind::Muted || kind == Kind::Call)
        header += u"  ·  "_s + index.data(ConversationModel::TypeRole).toString();
    painter->setPen(kind == Kind::Muted ? pal.color(QPalette::PlaceholderText) : headerColour);
    const QRect headerArea(g.header.left(), g.header.top(), qMax(0, headerRight - g.header.left()),
                           g.header.height());
    painter->drawText(headerArea, Qt::AlignLeft | Qt::AlignVCenter,
                      hm.elidedText(header, Qt::ElideRight, headerArea.width()));

    // The text itself, laid out once and reused while it stays on screen.
    QTextDocument *doc = document(index, maxTextWidth(option, int(kind)), option.font);
    if (!doc->isEmpty()) {
        painter->translate(g.text.topLeft());
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = pal;
        context.palette.setColor(QPalette::Text, kind == Kind::Muted ? pal.color(QPalette::PlaceholderText) : text);
        context.clip = QRectF(0, 0, cached.textWidth, g.text.height());
        doc->documentLayout()->draw(painter, context);
    }
    painter->restore();

    if (option.state & QStyle::State_HasFocus && selected) {
        QStyleOptionFocusRect focus;
        focus.rect = g.frame.adjusted(-2, -2, 2, 2);
        focus.palette = pal;
        focus.state = option.state;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

bool ConversationDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                       const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::MouseButtonRelease)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto *mouse = static_cast<QMouseEvent *>(event);
    if (mouse->button() != Qt::LeftButton)
        return false;
    const Geometry g = geometry(option, index);
    const QPoint pos = mouse->position().toPoint();
    if (!g.toggle.isEmpty() && g.toggle.adjusted(-4, -4, 4, 4).contains(pos)) {
        model->setData(index, !index.data(ConversationModel::ExpandedRole).toBool(),
                       ConversationModel::ExpandedRole);
        return true;
    }
    // Links open in the browser; only web and mail links, nothing local.
    if (g.text.contains(pos)) {
        QTextDocument *doc = document(index, maxTextWidth(option, int(kindOf(index))), option.font);
        const QUrl url(doc->documentLayout()->anchorAt(pos - g.text.topLeft()));
        if (url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http" || url.scheme() == u"mailto")) {
            QDesktopServices::openUrl(url);
            return true;
        }
    }
    return false;
}

bool ConversationDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                     const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QDateTime time = index.data(ConversationModel::TimeRole).toDateTime();
    QString tip = index.data(ConversationModel::TypeRole).toString();
    if (time.isValid())
        tip += u" · "_s + QLocale().toString(time, QLocale::LongFormat);
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

QWidget *ConversationDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &,
                                            const QModelIndex &) const
{
    auto *browser = new QTextBrowser(parent);
    browser->setObjectName(u"messageTextSelector"_s);
    browser->setAccessibleName(tr("Message text"));
    browser->setReadOnly(true);
    browser->setOpenLinks(false);
    browser->setFrameShape(QFrame::StyledPanel);
    browser->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return browser;
}

void ConversationDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *browser = qobject_cast<QTextBrowser *>(editor);
    if (!browser)
        return;
    auto *doc = new InertDocument(browser);
    buildDocument(doc, index, browser->font());
    doc->setDocumentMargin(4);
    browser->setDocument(doc);
    browser->selectAll();
}

void ConversationDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    const Geometry g = geometry(option, index);
    editor->setGeometry(g.frame.adjusted(2, 2, -2, -2));
}

} // namespace agentdesk
