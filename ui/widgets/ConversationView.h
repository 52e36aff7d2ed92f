#pragma once

#include <QPointer>
#include <QTextBrowser>

namespace agentdesk {

class ConversationModel;

// Renders a ConversationModel as a selectable, scrollable transcript. It
// follows the newest entry unless the user scrolled up to read.
class ConversationView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ConversationView(QWidget *parent = nullptr);

    void setModel(ConversationModel *model);
    ConversationModel *model() const { return m_model; }

private:
    void rebuild();
    void appendRows(int first, int last);

    QPointer<ConversationModel> m_model;
};

} // namespace agentdesk
