#include "ConversationModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

QString stringOr(const QJsonValue &value, const QString &fallback = {})
{
    return value.isString() ? value.toString() : fallback;
}

QString escapeLines(const QString &text)
{
    QString html = text.toHtmlEscaped();
    html.replace(u'\n', u"<br>"_s);
    return html;
}

struct Palette
{
    const char16_t *background;
    const char16_t *border;
    const char16_t *text;
};

Palette paletteFor(ConversationModel::Kind kind)
{
    switch (kind) {
    case ConversationModel::Kind::Normal:
        return {u"#ffffff", u"#d0d7de", u"#1f2328"};
    case ConversationModel::Kind::Call:
        return {u"#f6f8fa", u"#d0d7de", u"#1f2328"};
    case ConversationModel::Kind::Question:
        return {u"#ddf4ff", u"#54aeff", u"#1f2328"};
    case ConversationModel::Kind::Answer:
        return {u"#fff8c5", u"#d4a72c", u"#1f2328"};
    case ConversationModel::Kind::Muted:
        return {u"#f6f8fa", u"#eaeef2", u"#6e7781"};
    case ConversationModel::Kind::Error:
        return {u"#ffebe9", u"#cf222e", u"#82071e"};
    case ConversationModel::Kind::Result:
        return {u"#dafbe1", u"#2da44e", u"#116329"};
    }
    return {u"#ffffff", u"#d0d7de", u"#1f2328"};
}

} // namespace

QString prettyJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    // Scalars: the JSON text of a one-element array, without the brackets.
    const QString compact =
            QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return compact.mid(1, compact.size() - 2);
}

ConversationModel::ConversationModel(QObject *parent) : QAbstractListModel(parent) {}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QStringList lines{headerOf(entry)};
        for (const QString &part : {entry.title, entry.body, entry.detail}) {
            if (!part.isEmpty())
                lines.append(part);
        }
        return lines.join(u'\n');
    }
    case Qt::ToolTipRole:
        return entry.type;
    case TypeRole:
        return entry.type;
    case KindRole:
        return QVariant::fromValue(entry.kind);
    case SenderRole:
        return entry.sender;
    case RecipientRole:
        return entry.recipient;
    case HeaderRole:
        return headerOf(entry);
    case BodyRole:
        return entry.title.isEmpty() ? entry.body
                                     : (entry.body.isEmpty() ? entry.title
                                                             : entry.title + u'\n' + entry.body);
    case DetailRole:
        return entry.detail;
    case HtmlRole:
        return htmlOf(entry);
    case UuidRole:
        return entry.uuid;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TypeRole, "type");
    names.insert(KindRole, "kind");
    names.insert(SenderRole, "sender");
    names.insert(RecipientRole, "recipient");
    names.insert(HeaderRole, "header");
    names.insert(BodyRole, "body");
    names.insert(DetailRole, "detail");
    names.insert(HtmlRole, "html");
    names.insert(UuidRole, "uuid");
    return names;
}

void ConversationModel::addMessage(const Message &message)
{
    append(entryFor(message));
}

void ConversationModel::addAnswer(const QString &questionUuid, const QString &text, bool masked,
                                  bool cancelled)
{
    Entry entry;
    entry.type = u"answer"_s;
    entry.kind = Kind::Answer;
    entry.sender = tr("You");
    entry.uuid = questionUuid;
    entry.title = cancelled ? tr("Cancelled the question; sent:") : QString();
    if (masked)
        entry.body = maskedText();
    else
        entry.body = text.isEmpty() ? tr("(empty answer)") : text;
    append(std::move(entry));
}

void ConversationModel::addNotice(const QString &text, bool isError)
{
    Entry entry;
    entry.type = u"notice"_s;
    entry.kind = isError ? Kind::Error : Kind::Muted;
    entry.sender = u"Agentdesk"_s;
    entry.body = text;
    append(std::move(entry));
}

void ConversationModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

QString ConversationModel::maskedText()
{
    return u"••••••"_s;
}

void ConversationModel::append(Entry entry)
{
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(std::move(entry));
    endInsertRows();
}

ConversationModel::Entry ConversationModel::entryFor(const Message &message)
{
    const QJsonObject &c = message.content;
    Entry e;
    e.type = messageTypeName(message.type);
    e.sender = message.sender.value_or(QString());
    e.recipient = message.recipient.value_or(QString());
    e.uuid = message.uuid;

    switch (message.type) {
    case MessageType::TextMessage:
        e.body = stringOr(c.value(u"body"), tr("(empty message)"));
        break;
    case MessageType::SuggestedFunctionCall: {
        e.kind = Kind::Call;
        e.title = tr("Suggests calling %1()").arg(c.value(u"function_name").toString());
        const QString callId = stringOr(c.value(u"call_id"));
        if (!callId.isEmpty())
            e.body = tr("call id: %1").arg(callId);
        e.detail = prettyJson(c.value(u"arguments"));
        break;
    }
    case MessageType::FunctionCallExecution: {
        e.kind = Kind::Call;
        e.title = tr("%1() returned").arg(c.value(u"function_name").toString());
        const QString callId = stringOr(c.value(u"call_id"));
        if (!callId.isEmpty())
            e.body = tr("call id: %1").arg(callId);
        e.detail = prettyJson(c.value(u"retval"));
        break;
    }
    case MessageType::TextInput: {
        e.kind = Kind::Question;
        const bool password = c.value(u"password").toBool();
        e.title = password ? tr("Asks for a secret") : tr("Asks");
        e.body = stringOr(c.value(u"prompt"), tr("(no prompt)"));
        QStringList suggestions;
        for (const QJsonValue &s : c.value(u"suggestions").toArray())
            suggestions.append(s.toString());
        if (!suggestions.isEmpty() && !password)
            e.detail = tr("Suggestions: %1").arg(suggestions.join(u", "_s));
        break;
    }
    case MessageType::MultipleChoice: {
        e.kind = Kind::Question;
        const bool single = c.value(u"single").toBool(true);
        e.title = single ? tr("Asks to choose one") : tr("Asks to choose any");
        e.body = stringOr(c.value(u"prompt"), tr("(no prompt)"));
        const QString defaultChoice = stringOr(c.value(u"default"));
        QStringList lines;
        for (const QJsonValue &choice : c.value(u"choices").toArray()) {
            const QString text = choice.toString();
            lines.append((single ? u"○ "_s : u"☐ "_s) + text
                         + (text == defaultChoice ? tr(" (default)") : QString()));
        }
        e.detail = lines.join(u'\n');
        break;
    }
    case MessageType::SystemMessage:
        e.kind = Kind::Muted;
        e.title = tr("System message");
        e.detail = prettyJson(c.value(u"message"));
        break;
    case MessageType::KeepAlive:
        e.kind = Kind::Muted;
        e.body = tr("(keep-alive)");
        break;
    case MessageType::WorkflowStarted: {
        e.kind = Kind::Muted;
        e.title = tr("Workflow “%1” started").arg(c.value(u"name").toString());
        e.body = c.value(u"description").toString();
        const QJsonObject params = c.value(u"params").toObject();
        if (!params.isEmpty())
            e.detail = tr("Parameters:") + u'\n' + prettyJson(params);
        break;
    }
    case MessageType::WorkflowCompleted: {
        e.kind = Kind::Result;
        e.title = tr("Workflow completed");
        const QJsonValue result = c.value(u"result");
        if (result.isNull() || result.isUndefined())
            e.body = tr("(no result)");
        else if (result.isString())
            e.body = result.toString();
        else
            e.detail = prettyJson(result);
        break;
    }
    case MessageType::Error:
        e.kind = Kind::Error;
        e.title = tr("Error: %1").arg(c.value(u"short").toString());
        e.detail = stringOr(c.value(u"long"));
        break;
    }
    return e;
}

QString ConversationModel::headerOf(const Entry &entry)
{
    if (entry.recipient.isEmpty())
        return entry.sender.isEmpty() ? tr("(unknown sender)") : entry.sender;
    return (entry.sender.isEmpty() ? tr("(unknown)") : entry.sender) + u" → "_s + entry.recipient;
}

QString ConversationModel::htmlOf(const Entry &entry)
{
    const Palette p = paletteFor(entry.kind);
    const QString background = QString::fromUtf16(p.background);
    const QString border = QString::fromUtf16(p.border);
    const QString text = QString::fromUtf16(p.text);
    const bool muted = entry.kind == Kind::Muted;
    const bool strong = entry.kind == Kind::Error || entry.kind == Kind::Result;

    QString html = u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"8\" border=\"%1\" "
                   u"style=\"border-color:%2; border-style:solid; margin-bottom:6px;\">"
                   u"<tr><td bgcolor=\"%3\" style=\"color:%4;\">"_s.arg(strong ? 2 : 1)
                           .arg(border, background, text);
    html += u"<span style=\"color:#57606a; font-size:small;\">"_s + headerOf(entry).toHtmlEscaped()
            + u" &nbsp;·&nbsp; "_s + entry.type.toHtmlEscaped() + u"</span>"_s;
    if (!entry.title.isEmpty())
        html += u"<div style=\"font-weight:bold; %1\">"_s.arg(strong ? u"font-size:large;"_s : QString())
                + escapeLines(entry.title) + u"</div>"_s;
    if (!entry.body.isEmpty())
        html += u"<div%1>"_s.arg(muted ? u" style=\"font-style:italic;\""_s : QString())
                + escapeLines(entry.body) + u"</div>"_s;
    if (!entry.detail.isEmpty())
        html += u"<pre style=\"font-family:monospace; white-space:pre-wrap;\">"_s
                + entry.detail.toHtmlEscaped() + u"</pre>"_s;
    html += u"</td></tr></table>"_s;
    return html;
}

} // namespace agentdesk
