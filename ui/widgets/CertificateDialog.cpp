#include "CertificateDialog.h"

#include "api/CertificateTrust.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace agentdesk {

using namespace Qt::StringLiterals;

CertificateDialog::CertificateDialog(const QUrl &url, const QList<QSslError> &errors,
                                     const QList<QSslCertificate> &chain, QWidget *parent)
    : QDialog(parent), m_url(url), m_certificate(chain.value(0)),
      m_details(CertificateTrust::describe(errors, chain))
{
    setObjectName(u"certificateDialog"_s);
    setWindowTitle(tr("Untrusted certificate"));
    resize(640, 460);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The secure connection to <b>%1</b> cannot be verified. Someone could be "
                                "impersonating the server. Trust this certificate only if you know it is the "
                                "server's own (compare the fingerprint with its administrator).")
                                     .arg(url.host().toHtmlEscaped() + u':' + QString::number(url.port(443))),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *details = new QPlainTextEdit(m_details, this);
    details->setObjectName(u"certificateDetails"_s);
    details->setAccessibleName(tr("Certificate details"));
    details->setReadOnly(true);
    details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(details, 1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *reject = buttons->addButton(tr("Do &not trust"), QDialogButtonBox::RejectRole);
    reject->setObjectName(u"distrustButton"_s);
    reject->setDefault(true);
    QPushButton *trust = buttons->addButton(tr("&Trust this certificate for %1").arg(url.host()),
                                            QDialogButtonBox::AcceptRole);
    trust->setObjectName(u"trustButton"_s);
    trust->setAutoDefault(false);
    trust->setEnabled(!m_certificate.isNull());
    layout->addWidget(buttons);
    connect(reject, &QPushButton::clicked, this, &QDialog::reject);
    connect(trust, &QPushButton::clicked, this, [this] {
        CertificateTrust::trust(m_url.host(), m_url.port(443), m_certificate);
        emit trusted(m_url);
        accept();
    });
}

QString CertificateDialog::details() const
{
    return m_details;
}

} // namespace agentdesk
