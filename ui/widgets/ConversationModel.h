#pragma once

#include "Message.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace agentdesk {

// A run's transcript: the server's messages, the user's answers and the
// client's own notices, one row each. The view (ConversationDelegate) draws
// from the plain roles; HtmlRole is a self-contained rendering for other
// consumers. Entries round-trip through JSON (entryJson / appendJson) for
// the history on disk; a secret answer is masked before it is ever stored.
class ConversationModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind {
        Normal,   // a message between participants
        Call,     // suggested_function_call, function_call_execution
        Question, // text_input, multiple_choice
        Answer,   // what the user sent back
        Muted,    // system_message, keep_alive, workflow_started
        Error,    // error messages and client-side failures
        Result,   // workflow_completed
    };
    Q_ENUM(Kind)

    enum Role {
        TypeRole = Qt::UserRole + 1, // QString: the wire type name ("answer"/"notice" for ours)
        KindRole,                    // Kind
        SenderRole,
        RecipientRole,
        HeaderRole, // "sender → recipient"
        BodyRole,   // plain text of the content
        DetailRole, // formatted JSON or the long error text, when there is one
        HtmlRole,   // the whole entry, rendered
        UuidRole,
        IdRole,          // int: stable within this model, for layout caches
        TitleRole,       // the bold first line, may be empty
        TextRole,        // the body alone
        MarkdownRole,    // bool: TextRole is Markdown (agent turns, results)
        CollapsibleRole, // bool: DetailRole may be hidden
        ExpandedRole,    // bool, settable: DetailRole is shown
        TimeRole,        // QDateTime the entry arrived
    };

    explicit ConversationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    void addMessage(const Message &message);
    // Many at once (one insertion): opening a long history, benchmarks.
    void addMessages(const QList<Message> &messages);
    // The user's answer; `masked` answers (password prompts) are shown as dots.
    void addAnswer(const QString &questionUuid, const QString &text, bool masked, bool cancelled = false);
    // A client-side event: connection lost, run refused...
    void addNotice(const QString &text, bool isError);
    void clear();

    // One entry as stored in the history (never a secret: answers to
    // password prompts are already masked here).
    QJsonObject entryJson(int row) const;
    // Appends entries read back from the history; returns how many were usable.
    int appendJson(const QList<QJsonObject> &entries);

    // The masked form of a secret answer.
    static QString maskedText();
    // New function-call cards start expanded when their JSON is this short.
    static constexpr int kAutoExpandLines = 8;

signals:
    // An entry was appended (by any add* call, not by appendJson).
    void entryAdded(int row);

private:
    struct Entry
    {
        QString type;
        Kind kind = Kind::Normal;
        QString sender;
        QString recipient;
        QString title;  // bold first line under the header
        QString body;   // plain text, or Markdown when `markdown`
        QString detail; // preformatted (JSON, long error text)
        QString uuid;
        QDateTime time;
        int id = 0;
        bool markdown = false;
        bool expanded = true;
    };

    static Entry entryFor(const Message &message);
    static QString headerOf(const Entry &entry);
    static QString htmlOf(const Entry &entry);
    static bool isCollapsible(const Entry &entry);
    static void setDefaultExpansion(Entry &entry);
    void append(Entry entry);

    QList<Entry> m_entries;
    int m_nextId = 1;
};

// JSON made readable: strings as they are, everything else indented.
QString prettyJson(const QJsonValue &value);

} // namespace agentdesk
