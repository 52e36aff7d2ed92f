#pragma once

#include "history/HistoryStore.h"

#include <QDialog>

class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace agentdesk {

// The conversations kept for the current server and user: listed newest
// first, searched by their text, opened read-only in a tab, exported as
// Markdown or JSON.
class HistoryDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Format { Markdown, Json };
    Q_ENUM(Format)

    explicit HistoryDialog(QWidget *parent = nullptr);

    // Which history to show; `live` are the files of runs still going.
    void setSource(const HistoryStore &store, const QString &server, const QString &user,
                   const QStringList &live = {});
    void refresh();
    QString selectedPath() const;
    int count() const;

    // Writes the selected conversation; returns an error, empty on success.
    QString exportSelected(Format format, const QString &path) const;

signals:
    void openRequested(const QString &path);

private:
    void openSelected();
    void chooseExport(Format format);
    void updateButtons();

    HistoryStore m_store;
    QString m_server;
    QString m_user;
    QStringList m_live;
    QLineEdit *m_search;
    QTreeWidget *m_list;
    QPushButton *m_open;
    QPushButton *m_exportMarkdown;
    QPushButton *m_exportJson;
};

} // namespace agentdesk
