#pragma once

#include "Message.h"

#include <QAbstractListModel>
#include <QList>

namespace agentdesk {

// A run's transcript: the server's messages, the user's answers and the
// client's own notices, one row each. The view renders HtmlRole; tests and
// accessibility read the plain roles.
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
    };

    explicit ConversationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void addMessage(const Message &message);
    // The user's answer; `masked` answers (password prompts) are shown as dots.
    void addAnswer(const QString &questionUuid, const QString &text, bool masked, bool cancelled = false);
    // A client-side event: connection lost, run refused...
    void addNotice(const QString &text, bool isError);
    void clear();

    // The masked form of a secret answer.
    static QString maskedText();

private:
    struct Entry
    {
        QString type;
        Kind kind = Kind::Normal;
        QString sender;
        QString recipient;
        QString title;  // bold first line under the header
        QString body;   // plain text
        QString detail; // preformatted (JSON, long error text)
        QString uuid;
    };

    static Entry entryFor(const Message &message);
    static QString headerOf(const Entry &entry);
    static QString htmlOf(const Entry &entry);
    void append(Entry entry);

    QList<Entry> m_entries;
};

// JSON made readable: strings as they are, everything else indented.
QString prettyJson(const QJsonValue &value);

} // namespace agentdesk
