#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QFile;

namespace agentdesk {

class ConversationModel;

// One conversation on disk, as the history lists it.
struct ConversationInfo
{
    enum class Status { Running, Completed, Failed, Interrupted };

    QString path;
    QString workflow;
    QString server;
    QString user;
    QDateTime started;
    Status status = Status::Interrupted;
    int entries = 0;

    static QString statusText(Status status);
};

// A conversation read back: what the history keeps of it.
struct StoredConversation
{
    ConversationInfo info;
    QList<QJsonObject> entries;
};

// The conversations of each server and user, in the app-data folder:
//   <root>/<server>/<user>/<started>-<id>.jsonl
// One JSON Lines file per run: a header line, then one line per entry,
// appended and flushed as each arrives, so a crash loses nothing already
// shown. Entries come from ConversationModel::entryJson: answers to password
// prompts are masked before they get here. Files and folders are private
// to the user (0600 / 0700).
class HistoryStore
{
public:
    explicit HistoryStore(QString root = defaultRoot());

    static QString defaultRoot();
    QString root() const { return m_root; }
    QString folderFor(const QString &server, const QString &user) const;

    // Newest first.
    QList<ConversationInfo> list(const QString &server, const QString &user) const;
    // Conversations whose text contains `text` (case-insensitive), newest first.
    QList<ConversationInfo> search(const QString &server, const QString &user, const QString &text) const;

    static std::optional<StoredConversation> read(const QString &path, QString *error = nullptr);

private:
    QString m_root;
};

// Writes one run's conversation to the history as it grows.
class ConversationRecorder : public QObject
{
    Q_OBJECT
public:
    ConversationRecorder(const HistoryStore &store, const QString &server, const QString &user,
                         const QString &workflow, ConversationModel *model, QObject *parent = nullptr);
    ~ConversationRecorder() override;

    QString path() const { return m_path; }
    // Why nothing is written, empty while it works.
    QString error() const { return m_error; }

private:
    void write(const QJsonObject &line);

    QPointer<ConversationModel> m_model;
    std::unique_ptr<QFile> m_file;
    QString m_path;
    QString m_error;
};

// Exports for people (Markdown) and for programs (JSON).
QString conversationToMarkdown(const StoredConversation &conversation);
QByteArray conversationToJson(const StoredConversation &conversation);

} // namespace agentdesk
