#pragma once

#include <QListView>
#include <QPointer>

class QAction;
class QTimer;

namespace agentdesk {

class ConversationDelegate;
class ConversationModel;

// A run's transcript: one drawn row per entry (ConversationDelegate), not a
// widget per message, so ten thousand entries open at once and scroll
// smoothly. It follows the newest entry unless the user scrolled up to read.
// Messages are copied whole (Ctrl+C, context menu); double-click or F2 opens
// a read-only text selector over one message to copy part of it.
class ConversationView : public QListView
{
    Q_OBJECT
public:
    explicit ConversationView(QWidget *parent = nullptr);

    void setModel(ConversationModel *model);
    ConversationModel *model() const { return m_model; }
    ConversationDelegate *conversationDelegate() const { return m_delegate; }

    // The text of every entry, one after the other (tests, accessibility).
    QString toPlainText() const;
    // The text Copy puts on the clipboard for these rows.
    QString textOf(const QModelIndexList &indexes) const;

    void copySelection();
    void copyAll();
    // Folds or unfolds the details of the current entry.
    void toggleCurrentDetails();
    // Opens the text selector on the current entry.
    void selectTextOfCurrent();
    bool isFollowing() const { return m_following; }
    // True while some rows only have estimated heights.
    bool isRefining() const;

    QAction *copyAction() const { return m_copy; }

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void followIfNeeded();
    void restartRefining();
    void refineSome();
    // Lays the rows out again, keeping the row at the top where it is
    // (or the bottom in view while following).
    void relayoutKeepingPlace();

    QPointer<ConversationModel> m_model;
    ConversationDelegate *m_delegate;
    QAction *m_copy;
    QAction *m_copyAll;
    QAction *m_toggle;
    QAction *m_selectText;
    QTimer *m_refiner;
    QTimer *m_relayout;
    int m_refineRow = -1; // the next row to measure, going up
    bool m_refinedSomething = false;
    bool m_following = true;
    bool m_followQueued = false;
};

} // namespace agentdesk
