#include "AboutDialog.h"

#include "history/HistoryStore.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Agentdesk"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(u":/agentdesk/icons/agentdesk.svg"_s).pixmap(64, 64));
    icon->setAccessibleName(tr("Agentdesk logo"));
    top->addWidget(icon, 0, Qt::AlignTop);
    auto *text = new QLabel(this);
    text->setObjectName(u"aboutText"_s);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setOpenExternalLinks(true);
    text->setText(tr("<h2>Agentdesk %1</h2>"
                     "<p>Run AI-agent workflows securely on a desk or a server: a desktop client "
                     "for FastAgency-style workflow servers, with a server of its own.</p>"
                     "<p>Built with Qt %2, running on Qt %3.</p>"
                     "<p>Conversations are kept in:<br><code>%4</code></p>")
                          .arg(version(), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()),
                               HistoryStore::defaultRoot().toHtmlEscaped()));
    top->addWidget(text, 1);
    layout->addLayout(top);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());
}

QString AboutDialog::version()
{
    return QStringLiteral(AGENTDESK_VERSION);
}

} // namespace agentdesk
