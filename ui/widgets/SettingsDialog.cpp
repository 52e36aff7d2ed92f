#include "SettingsDialog.h"

#include "AppSettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;

    m_notifications = new QCheckBox(tr("&Notify me when a workflow asks a question while Agentdesk is in the background"), this);
    m_notifications->setObjectName(u"notificationsCheck"_s);
    m_notifications->setAccessibleName(tr("Notifications for questions"));
    form->addRow(m_notifications);

    m_history = new QCheckBox(tr("&Keep conversations in the history"), this);
    m_history->setObjectName(u"historyCheck"_s);
    m_history->setAccessibleName(tr("Keep conversations in the history"));
    m_history->setToolTip(tr("Answers to password prompts are never kept."));
    form->addRow(m_history);

    m_fontSize = new QSpinBox(this);
    m_fontSize->setObjectName(u"fontSizeSpin"_s);
    m_fontSize->setAccessibleName(tr("Conversation font size"));
    m_fontSize->setRange(0, 32);
    m_fontSize->setSpecialValueText(tr("System default"));
    m_fontSize->setSuffix(tr(" pt"));
    // 0 is "System default", 1 to 5 points are unreadable: stepping up from
    // the default starts at the system's size, stepping down below 6 goes
    // back to the default.
    connect(m_fontSize, &QSpinBox::valueChanged, this, [this](int value) {
        const int previous = std::exchange(m_shownFontSize, value);
        if (value <= 0 || value >= kSmallestFontSize)
            return;
        m_fontSize->setValue(previous == 0 ? qMax(kSmallestFontSize, font().pointSize()) : 0);
    });
    auto *fontLabel = new QLabel(tr("Conversation &font size:"), this);
    fontLabel->setBuddy(m_fontSize);
    form->addRow(fontLabel, m_fontSize);
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"settingsOkButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    load();
}

void SettingsDialog::load()
{
    m_notifications->setChecked(AppSettings::notifications());
    m_history->setChecked(AppSettings::keepHistory());
    m_fontSize->setValue(AppSettings::conversationFontSize());
}

void SettingsDialog::accept()
{
    AppSettings::setNotifications(m_notifications->isChecked());
    AppSettings::setKeepHistory(m_history->isChecked());
    AppSettings::setConversationFontSize(m_fontSize->value());
    emit applied();
    QDialog::accept();
}

} // namespace agentdesk
