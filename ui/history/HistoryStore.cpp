#include "HistoryStore.h"

#include "ClientLogging.h"
#include "widgets/ConversationModel.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

constexpr auto kFormat = "agentdesk-conversation";

QString folderName(const QString &text)
{
    // Any server URL or user name becomes one safe path component.
    return QString::fromLatin1(QUrl::toPercentEncoding(text.isEmpty() ? u"_"_s : text, "@"));
}

ConversationInfo::Status statusOf(const QList<QJsonObject> &entries)
{
    for (const QJsonObject &entry : entries) {
        if (entry.value(u"type").toString() == u"workflow_completed")
            return ConversationInfo::Status::Completed;
    }
    if (!entries.isEmpty() && entries.last().value(u"kind").toString() == u"Error")
        return ConversationInfo::Status::Failed;
    return ConversationInfo::Status::Interrupted;
}

} // namespace

QString ConversationInfo::statusText(Status status)
{
    switch (status) {
    case Status::Running:
        return QObject::tr("running");
    case Status::Completed:
        return QObject::tr("completed");
    case Status::Failed:
        return QObject::tr("failed");
    case Status::Interrupted:
        return QObject::tr("interrupted");
    }
    return {};
}

HistoryStore::HistoryStore(QString root) : m_root(std::move(root)) {}

QString HistoryStore::defaultRoot()
{
    // Beside the embedded server's data (ServerConfig: ~/.local/share/agentdesk),
    // not in AppDataLocation, which would nest the organization and app names.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/agentdesk/history"_s;
}

QString HistoryStore::folderFor(const QString &server, const QString &user) const
{
    return m_root + u'/' + folderName(server) + u'/' + folderName(user);
}

std::optional<StoredConversation> HistoryStore::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    StoredConversation out;
    out.info.path = path;
    bool first = true;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        // A line cut short by a crash is skipped, not fatal.
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.isEmpty())
            continue;
        if (first) {
            first = false;
            if (object.value(u"format").toString() != QLatin1String(kFormat)) {
                if (error)
                    *error = QObject::tr("%1 is not an Agentdesk conversation.").arg(path);
                return std::nullopt;
            }
            out.info.workflow = object.value(u"workflow").toString();
            out.info.server = object.value(u"server").toString();
            out.info.user = object.value(u"user").toString();
            out.info.started = QDateTime::fromString(object.value(u"started").toString(), Qt::ISODateWithMs);
            continue;
        }
        out.entries.append(object);
    }
    if (first) {
        if (error)
            *error = QObject::tr("%1 is empty.").arg(path);
        return std::nullopt;
    }
    out.info.entries = static_cast<int>(out.entries.size());
    out.info.status = statusOf(out.entries);
    return out;
}

QList<ConversationInfo> HistoryStore::list(const QString &server, const QString &user) const
{
    return search(server, user, {});
}

QList<ConversationInfo> HistoryStore::search(const QString &server, const QString &user,
                                             const QString &text) const
{
    QList<ConversationInfo> out;
    QDirIterator it(folderFor(server, user), {u"*.jsonl"_s}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        const auto conversation = read(path);
        if (!conversation)
            continue;
        if (!text.isEmpty()) {
            bool found = conversation->info.workflow.contains(text, Qt::CaseInsensitive);
            for (const QJsonObject &entry : conversation->entries) {
                if (found)
                    break;
                for (const char16_t *key : {u"body", u"title", u"detail", u"sender", u"recipient"}) {
                    if (entry.value(QStringView(key)).toString().contains(text, Qt::CaseInsensitive)) {
                        found = true;
                        break;
                    }
                }
            }
            if (!found)
                continue;
        }
        out.append(conversation->info);
    }
    std::sort(out.begin(), out.end(), [](const ConversationInfo &a, const ConversationInfo &b) {
        return a.started > b.started || (a.started == b.started && a.path > b.path);
    });
    return out;
}

ConversationRecorder::ConversationRecorder(const HistoryStore &store, const QString &server,
                                           const QString &user, const QString &workflow,
                                           ConversationModel *model, QObject *parent)
    : QObject(parent), m_model(model)
{
    const QString folder = store.folderFor(server, user);
    if (!QDir().mkpath(folder)) {
        m_error = tr("The history folder %1 cannot be created.").arg(folder);
        qCWarning(lcClientUi).noquote() << m_error;
        return;
    }
    // Private: conversations may hold anything the agents said.
    for (const QString &dir : {store.root(), QFileInfo(folder).path(), folder})
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QDateTime started = QDateTime::currentDateTime();
    m_path = folder + u'/' + started.toString(u"yyyyMMdd-HHmmss-zzz"_s) + u'-'
             + QUuid::createUuid().toString(QUuid::Id128).left(8) + u".jsonl"_s;
    m_file = std::make_unique<QFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::NewOnly)) {
        m_error = tr("The conversation cannot be saved to %1: %2").arg(m_path, m_file->errorString());
        qCWarning(lcClientUi).noquote() << m_error;
        m_file.reset();
        return;
    }
    m_file->setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    write({{u"format"_s, QLatin1String(kFormat)},
           {u"version"_s, 1},
           {u"workflow"_s, workflow},
           {u"server"_s, server},
           {u"user"_s, user},
           {u"started"_s, started.toString(Qt::ISODateWithMs)}});
    // What is already there, then each entry as it comes.
    if (model) {
        for (int row = 0; row < model->rowCount(); ++row)
            write(model->entryJson(row));
        connect(model, &ConversationModel::entryAdded, this,
                [this](int row) { write(m_model->entryJson(row)); });
    }
}

ConversationRecorder::~ConversationRecorder() = default;

void ConversationRecorder::write(const QJsonObject &line)
{
    if (!m_file)
        return;
    m_file->write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    // Into the kernel at once: a crash of the app loses nothing written.
    m_file->flush();
}

QString conversationToMarkdown(const StoredConversation &conversation)
{
    const ConversationInfo &info = conversation.info;
    QString md = u"# "_s + info.workflow + u"\n\n"_s;
    md += u"_"_s
          + QObject::tr("Started %1 on %2 as %3")
                    .arg(QLocale().toString(info.started, QLocale::LongFormat), info.server, info.user)
          + u"_\n\n"_s;
    for (const QJsonObject &entry : conversation.entries) {
        const QString sender = entry.value(u"sender").toString();
        const QString recipient = entry.value(u"recipient").toString();
        QString header = recipient.isEmpty() ? sender : sender + u" → "_s + recipient;
        const QDateTime time = QDateTime::fromString(entry.value(u"time").toString(), Qt::ISODateWithMs);
        md += u"### "_s + header + u" · "_s + entry.value(u"type").toString();
        if (time.isValid())
            md += u" · "_s + QLocale().toString(time.time(), QLocale::ShortFormat);
        md += u"\n\n"_s;
        const QString title = entry.value(u"title").toString();
        if (!title.isEmpty())
            md += u"**"_s + title + u"**\n\n"_s;
        const QString body = entry.value(u"body").toString();
        if (!body.isEmpty()) {
            if (entry.value(u"markdown").toBool()) {
                md += body + u"\n\n"_s;
            } else {
                // Plain text: quoted so stray Markdown stays as typed.
                QStringList lines = body.split(u'\n');
                for (QString &line : lines)
                    line.prepend(u"> "_s);
                md += lines.join(u'\n') + u"\n\n"_s;
            }
        }
        const QString detail = entry.value(u"detail").toString();
        if (!detail.isEmpty()) {
            QString fence = u"```"_s;
            while (detail.contains(fence))
                fence += u'`';
            md += fence + u"\n"_s + detail + u"\n"_s + fence + u"\n\n"_s;
        }
    }
    return md;
}

QByteArray conversationToJson(const StoredConversation &conversation)
{
    const ConversationInfo &info = conversation.info;
    QJsonArray entries;
    for (const QJsonObject &entry : conversation.entries)
        entries.append(entry);
    const QJsonObject object{{u"format"_s, QLatin1String(kFormat)},
                             {u"version"_s, 1},
                             {u"workflow"_s, info.workflow},
                             {u"server"_s, info.server},
                             {u"user"_s, info.user},
                             {u"started"_s, info.started.toString(Qt::ISODateWithMs)},
                             {u"status"_s, ConversationInfo::statusText(info.status)},
                             {u"entries"_s, entries}};
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

} // namespace agentdesk
