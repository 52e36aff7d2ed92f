#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace agentdesk {

// Certificates the user chose to trust although TLS found errors, one per
// host and port, remembered by SHA-256 fingerprint in QSettings (a public
// fingerprint, not a secret). Nothing is ever trusted without that choice.
class CertificateTrust
{
public:
    static bool isTrusted(const QString &host, int port, const QSslCertificate &certificate);
    static void trust(const QString &host, int port, const QSslCertificate &certificate);
    static void forget(const QString &host, int port);

    static QString fingerprint(const QSslCertificate &certificate);
    // Everything a person needs to decide: the errors, then the chain.
    static QString describe(const QList<QSslError> &errors, const QList<QSslCertificate> &chain);
};

} // namespace agentdesk
