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
    static constexpr int kSmallestFontSize = 6;
    QSpinBox *m_fontSize;
    int m_shownFontSize = 0;
};

} // namespace agentdesk
