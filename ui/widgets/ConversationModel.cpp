#include "ConversationModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>

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
    case IdRole:
        return entry.id;
    case TitleRole:
        return entry.title;
    case TextRole:
        return entry.body;
    case MarkdownRole:
        return entry.markdown;
    case CollapsibleRole:
        return isCollapsible(entry);
    case ExpandedRole:
        return entry.expanded || !isCollapsible(entry);
    case TimeRole:
        return entry.time;
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
    names.insert(IdRole, "entryId");
    names.insert(TitleRole, "title");
    names.insert(TextRole, "text");
    names.insert(MarkdownRole, "markdown");
    names.insert(CollapsibleRole, "collapsible");
    names.insert(ExpandedRole, "expanded");
    names.insert(TimeRole, "time");
    return names;
}

bool ConversationModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != ExpandedRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Entry &entry = m_entries[index.row()];
    if (!isCollapsible(entry) || entry.expanded == value.toBool())
        return false;
    entry.expanded = value.toBool();
    emit dataChanged(index, index, {ExpandedRole});
    return true;
}

Qt::ItemFlags ConversationModel::flags(const QModelIndex &index) const
{
    // "Editable" only so the view can open its read-only text selector.
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

bool ConversationModel::isCollapsible(const Entry &entry)
{
    return !entry.detail.isEmpty()
           && (entry.kind == Kind::Call || entry.kind == Kind::Error || entry.kind == Kind::Muted);
}

void ConversationModel::setDefaultExpansion(Entry &entry)
{
    // Short call arguments are worth seeing at once; long JSON, system
    // payloads and the long text of errors are there on demand.
    entry.expanded = entry.kind == Kind::Call && entry.detail.count(u'\n') < kAutoExpandLines;
}

void ConversationModel::addMessages(const QList<Message> &messages)
{
    if (messages.isEmpty())
        return;
    const int first = static_cast<int>(m_entries.size());
    beginInsertRows({}, first, first + static_cast<int>(messages.size()) - 1);
    const QDateTime now = QDateTime::currentDateTime();
    for (const Message &message : messages) {
        Entry entry = entryFor(message);
        entry.time = now;
        entry.id = m_nextId++;
        setDefaultExpansion(entry);
        m_entries.append(std::move(entry));
    }
    endInsertRows();
    for (int row = first; row < m_entries.size(); ++row)
        emit entryAdded(row);
}

QJsonObject ConversationModel::entryJson(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return {};
    const Entry &e = m_entries.at(row);
    QJsonObject object{{u"type"_s, e.type},
                       {u"kind"_s, QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(e.kind)))},
                       {u"time"_s, e.time.toString(Qt::ISODateWithMs)}};
    const auto put = [&object](const QString &key, const QString &value) {
        if (!value.isEmpty())
            object.insert(key, value);
    };
    put(u"sender"_s, e.sender);
    put(u"recipient"_s, e.recipient);
    put(u"title"_s, e.title);
    put(u"body"_s, e.body);
    put(u"detail"_s, e.detail);
    put(u"uuid"_s, e.uuid);
    if (e.markdown)
        object.insert(u"markdown"_s, true);
    return object;
}

int ConversationModel::appendJson(const QList<QJsonObject> &entries)
{
    QList<Entry> parsed;
    parsed.reserve(entries.size());
    const QMetaEnum kinds = QMetaEnum::fromType<Kind>();
    for (const QJsonObject &object : entries) {
        Entry e;
        e.type = object.value(u"type").toString();
        bool ok = false;
        const int kind = kinds.keyToValue(object.value(u"kind").toString().toLatin1().constData(), &ok);
        if (e.type.isEmpty() || !ok)
            continue;
        e.kind = static_cast<Kind>(kind);
        e.sender = object.value(u"sender").toString();
        e.recipient = object.value(u"recipient").toString();
        e.title = object.value(u"title").toString();
        e.body = object.value(u"body").toString();
        e.detail = object.value(u"detail").toString();
        e.uuid = object.value(u"uuid").toString();
        e.markdown = object.value(u"markdown").toBool();
        e.time = QDateTime::fromString(object.value(u"time").toString(), Qt::ISODateWithMs);
        e.id = m_nextId++;
        setDefaultExpansion(e);
        parsed.append(std::move(e));
    }
    if (parsed.isEmpty())
        return 0;
    const int first = static_cast<int>(m_entries.size());
    beginInsertRows({}, first, first + static_cast<int>(parsed.size()) - 1);
    m_entries.append(std::move(parsed));
    endInsertRows();
    return static_cast<int>(m_entries.size()) - first;
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
    entry.time = QDateTime::currentDateTime();
    entry.id = m_nextId++;
    setDefaultExpansion(entry);
    beginInsertRows({}, row, row);
    m_entries.append(std::move(entry));
    endInsertRows();
    emit entryAdded(row);
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
        e.markdown = true;
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
        else if (result.isString()) {
            e.body = result.toString();
            e.markdown = true;
        }
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
    // No colours here: whoever shows this HTML brings its own palette.
    const bool strong = entry.kind == Kind::Error || entry.kind == Kind::Result;
    QString html = u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"8\" border=\"%1\">"
                   u"<tr><td>"_s.arg(strong ? 2 : 1);
    html += u"<small>"_s + headerOf(entry).toHtmlEscaped() + u" &nbsp;·&nbsp; "_s
            + entry.type.toHtmlEscaped() + u"</small>"_s;
    if (!entry.title.isEmpty())
        html += u"<div><b>"_s + escapeLines(entry.title) + u"</b></div>"_s;
    if (!entry.body.isEmpty())
        html += (entry.kind == Kind::Muted ? u"<div><i>"_s : u"<div><span>"_s) + escapeLines(entry.body)
                + (entry.kind == Kind::Muted ? u"</i></div>"_s : u"</span></div>"_s);
    if (!entry.detail.isEmpty())
        html += u"<pre>"_s + entry.detail.toHtmlEscaped() + u"</pre>"_s;
    html += u"</td></tr></table>"_s;
    return html;
}

} // namespace agentdesk
