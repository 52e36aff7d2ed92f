#include "CertificateTrust.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

QString keyFor(const QString &host, int port)
{
    // QSettings keys must not hold '/' or ':' unescaped.
    return u"trustedCertificates/"_s + QString::fromLatin1(QUrl::toPercentEncoding(host + u':' + QString::number(port)));
}

QString names(const QSslCertificate &certificate, QSslCertificate::SubjectInfo info, bool subject)
{
    const QStringList values = subject ? certificate.subjectInfo(info) : certificate.issuerInfo(info);
    return values.join(u", "_s);
}

} // namespace

QString CertificateTrust::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')).toUpper();
}

bool CertificateTrust::isTrusted(const QString &host, int port, const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return false;
    return QSettings().value(keyFor(host, port)).toString() == fingerprint(certificate);
}

void CertificateTrust::trust(const QString &host, int port, const QSslCertificate &certificate)
{
    QSettings().setValue(keyFor(host, port), fingerprint(certificate));
}

void CertificateTrust::forget(const QString &host, int port)
{
    QSettings().remove(keyFor(host, port));
}

QString CertificateTrust::describe(const QList<QSslError> &errors, const QList<QSslCertificate> &chain)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("agentdesk::CertificateTrust", text); };
    QStringList lines;
    lines.append(tr("Problems found:"));
    for (const QSslError &error : errors)
        lines.append(u"  • "_s + error.errorString());
    int index = 0;
    for (const QSslCertificate &certificate : chain) {
        lines.append(QString());
        lines.append(index == 0 ? tr("Server certificate:") : tr("Issued by:"));
        lines.append(u"  "_s + tr("Subject:") + u' ' + names(certificate, QSslCertificate::CommonName, true)
                     + u" (" + names(certificate, QSslCertificate::Organization, true) + u')');
        const QStringList alternatives = certificate.subjectAlternativeNames().values();
        if (!alternatives.isEmpty())
            lines.append(u"  "_s + tr("Also valid for:") + u' ' + alternatives.join(u", "_s));
        lines.append(u"  "_s + tr("Issuer:") + u' ' + names(certificate, QSslCertificate::CommonName, false)
                     + u" (" + names(certificate, QSslCertificate::Organization, false) + u')');
        lines.append(u"  "_s + tr("Valid from:") + u' ' + certificate.effectiveDate().toString(Qt::ISODate)
                     + u"  " + tr("until:") + u' ' + certificate.expiryDate().toString(Qt::ISODate));
        lines.append(u"  "_s + tr("Serial number:") + u' ' + QString::fromLatin1(certificate.serialNumber()));
        lines.append(u"  "_s + tr("SHA-256 fingerprint:") + u' ' + fingerprint(certificate));
        ++index;
    }
    return lines.join(u'\n');
}

} // namespace agentdesk
