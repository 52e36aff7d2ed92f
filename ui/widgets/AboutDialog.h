#pragma once

#include <QDialog>

namespace agentdesk {

// The application, its version, the Qt it runs on, and where it keeps data.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    static QString version();
};

} // namespace agentdesk
