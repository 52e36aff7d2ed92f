#include "AskDialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

AskDialog::AskDialog(const Message &question, QWidget *parent)
    : QDialog(parent), m_question(question)
{
    setObjectName(u"askDialog"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    setModal(false);
    const QString sender = question.sender.value_or(QString());
    setWindowTitle(sender.isEmpty() ? tr("Question from the workflow") : tr("Question from %1").arg(sender));
    setMinimumWidth(420);

    auto *layout = new QVBoxLayout(this);
    auto *from = new QLabel(sender.isEmpty() ? tr("The workflow asks:") : tr("%1 asks:").arg(sender.toHtmlEscaped()),
                            this);
    from->setObjectName(u"senderLabel"_s);
    from->setForegroundRole(QPalette::PlaceholderText); // muted, in any theme
    layout->addWidget(from);

    QString prompt = question.content.value(u"prompt").toString();
    if (prompt.isEmpty())
        prompt = tr("(The workflow sent no prompt.)");
    auto *promptLabel = new QLabel(prompt, this);
    promptLabel->setObjectName(u"promptLabel"_s);
    promptLabel->setTextFormat(Qt::PlainText);
    promptLabel->setWordWrap(true);
    promptLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bigger = promptLabel->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.15);
    promptLabel->setFont(bigger);
    layout->addWidget(promptLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"okButton"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Send"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AskDialog::accept);
    // Ctrl+Return sends from anywhere in the dialog (check boxes included).
    auto *send = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    send->setObjectName(u"sendShortcut"_s);
    connect(send, &QShortcut::activated, this, &AskDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AskDialog::reject);

    if (question.type == MessageType::MultipleChoice)
        buildMultipleChoice(layout);
    else
        buildTextInput(layout);

    auto *cancelNote = new QLabel(this);
    cancelNote->setObjectName(u"cancelNote"_s);
    cancelNote->setWordWrap(true);
    cancelNote->setForegroundRole(QPalette::PlaceholderText);
    cancelNote->setText(m_default.isEmpty()
                                ? tr("Cancel sends an empty answer.")
                                : tr("Cancel sends the default, “%1”.").arg(m_default.toHtmlEscaped()));
    layout->addWidget(cancelNote);
    layout->addWidget(m_buttons);
    updateOkButton();
}

void AskDialog::buildTextInput(QVBoxLayout *layout)
{
    m_secret = m_question.content.value(u"password").toBool();
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(u"answerEdit"_s);
    m_edit->setAccessibleName(m_secret ? tr("Secret answer") : tr("Answer"));
    if (m_secret) {
        m_edit->setEchoMode(QLineEdit::Password);
        m_edit->setPlaceholderText(tr("Hidden input"));
        m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
    } else {
        m_edit->setPlaceholderText(tr("Your answer"));
    }
    layout->addWidget(m_edit);
    connect(m_edit, &QLineEdit::returnPressed, this, &AskDialog::accept);

    QStringList suggestions;
    for (const QJsonValue &s : m_question.content.value(u"suggestions").toArray())
        suggestions.append(s.toString());
    // A secret is never offered as a visible suggestion.
    if (!suggestions.isEmpty() && !m_secret) {
        auto *hint = new QLabel(tr("Suggestions (click to use, double-click to send):"), this);
        layout->addWidget(hint);
        m_suggestions = new QListWidget(this);
        m_suggestions->setObjectName(u"suggestionList"_s);
        m_suggestions->setAccessibleName(tr("Suggestions"));
        m_suggestions->addItems(suggestions);
        m_suggestions->setMaximumHeight(
                qMin(160, m_suggestions->sizeHintForRow(0) * (static_cast<int>(suggestions.size()) + 1) + 6));
        layout->addWidget(m_suggestions);
        connect(m_suggestions, &QListWidget::itemClicked, this,
                [this](QListWidgetItem *item) { m_edit->setText(item->text()); });
        connect(m_suggestions, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
            m_edit->setText(item->text());
            accept();
        });
    }
    m_edit->setFocus();
}

void AskDialog::buildMultipleChoice(QVBoxLayout *layout)
{
    m_single = m_question.content.value(u"single").toBool(true);
    m_default = m_question.content.value(u"default").toString();
    m_group = new QButtonGroup(this);
    m_group->setExclusive(m_single);
    int index = 0;
    for (const QJsonValue &choice : m_question.content.value(u"choices").toArray()) {
        QAbstractButton *button = m_single ? static_cast<QAbstractButton *>(new QRadioButton(this))
                                           : new QCheckBox(this);
        // '&' would otherwise be read as a shortcut marker and vanish.
        button->setText(QString(choice.toString()).replace(u'&', u"&&"_s));
        m_choiceTexts.append(choice.toString());
        button->setObjectName(u"choiceButton_%1"_s.arg(index));
        button->setChecked(!m_default.isEmpty() && choice.toString() == m_default);
        m_group->addButton(button, index);
        m_choices.append(button);
        layout->addWidget(button);
        ++index;
    }
    if (m_choices.isEmpty()) {
        auto *none = new QLabel(tr("(The workflow offered no choices.)"), this);
        layout->addWidget(none);
    }
    connect(m_group, &QButtonGroup::buttonToggled, this, &AskDialog::updateOkButton);
    if (!m_choices.isEmpty())
        m_choices.first()->setFocus();
}

void AskDialog::updateOkButton()
{
    bool ok = true;
    // A single choice needs one; an empty multi-select is a valid answer.
    if (m_group && m_single && !m_choices.isEmpty())
        ok = m_group->checkedButton() != nullptr;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

QString AskDialog::joinChoices(const QStringList &choices)
{
    return choices.join(u", "_s);
}

QString AskDialog::currentAnswer() const
{
    if (m_edit)
        return m_edit->text();
    QStringList selected;
    for (qsizetype i = 0; i < m_choices.size(); ++i) {
        if (m_choices.at(i)->isChecked())
            selected.append(m_choiceTexts.at(i));
    }
    return m_single ? selected.value(0) : joinChoices(selected);
}

QString AskDialog::cancelAnswer() const
{
    return m_default;
}

void AskDialog::accept()
{
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    finish(currentAnswer(), false);
    QDialog::accept();
}

void AskDialog::reject()
{
    finish(cancelAnswer(), true);
    QDialog::reject();
}

void AskDialog::finish(const QString &text, bool cancelled)
{
    if (std::exchange(m_done, true))
        return;
    emit answered(m_question.uuid, text, m_secret, cancelled);
}

} // namespace agentdesk
