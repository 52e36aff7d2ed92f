#pragma once

#include <QDialog>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

namespace agentdesk {

// A server's certificate that TLS refused, shown in full (every error, the
// chain, fingerprints). Trusting it is an explicit act: the default button
// is "Do not trust", and trusting remembers this certificate for this host
// and port only (CertificateTrust).
class CertificateDialog : public QDialog
{
    Q_OBJECT
public:
    CertificateDialog(const QUrl &url, const QList<QSslError> &errors, const QList<QSslCertificate> &chain,
                      QWidget *parent = nullptr);

    QString details() const;

signals:
    void trusted(const QUrl &url);

private:
    QUrl m_url;
    QSslCertificate m_certificate;
    QString m_details;
};

} // namespace agentdesk
