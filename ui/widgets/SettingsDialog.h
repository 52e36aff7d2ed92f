#pragma once

#include <QDialog>

class QCheckBox;
class QSpinBox;

namespace agentdesk {

// The preferences of AppSettings. OK saves them and emits applied().
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // Shows what is saved now.
    void load();
    void accept() override;

signals:
    void applied();

private:
    QCheckBox *m_notifications;
    QCheckBox *m_history;
    QSpinBox *m_fontSize;
};

} // namespace agentdesk
