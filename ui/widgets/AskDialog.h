#pragma once

#include "Message.h"

#include <QDialog>
#include <QList>

class QAbstractButton;
class QButtonGroup;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QVBoxLayout;

namespace agentdesk {

// The dialog for one asking message (text_input or multiple_choice). It is
// non-modal and shown with show(), never exec(): the conversation stays
// readable and scrollable while the user thinks, and the event loop keeps
// running. The answer leaves through answered(), exactly once.
//
// Cancelling (Cancel, Escape, closing the window) never leaves the run
// waiting: it answers with the question's default when it has one (a
// multiple_choice default), and with an empty text otherwise. The
// transcript marks such answers as cancelled.
class AskDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AskDialog(const Message &question, QWidget *parent = nullptr);

    QString questionUuid() const { return m_question.uuid; }
    bool isSecret() const { return m_secret; }
    // What accept() would send now.
    QString currentAnswer() const;
    // What reject() sends.
    QString cancelAnswer() const;

    // Several selected choices of a multi-select question, as one answer.
    static QString joinChoices(const QStringList &choices);

    void accept() override;
    void reject() override;

signals:
    void answered(const QString &questionUuid, const QString &text, bool secret, bool cancelled);

private:
    void buildTextInput(QVBoxLayout *layout);
    void buildMultipleChoice(QVBoxLayout *layout);
    void updateOkButton();
    void finish(const QString &text, bool cancelled);

    Message m_question;
    bool m_secret = false;
    bool m_single = true;
    bool m_done = false;
    QString m_default;
    QLineEdit *m_edit = nullptr;
    QListWidget *m_suggestions = nullptr;
    QButtonGroup *m_group = nullptr;
    QList<QAbstractButton *> m_choices;
    QStringList m_choiceTexts;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace agentdesk
