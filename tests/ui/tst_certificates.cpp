// https and wss with a certificate TLS refuses (self-signed, for another
// host): the request fails with every error shown, the dialog lays the
// certificate out in full, and only an explicit "Trust" lets the same
// certificate through, for that host and port only.
#include "api/CertificateTrust.h"
#include "api/RunConnection.h"
#include "api/ServerClient.h"
#include "widgets/CertificateDialog.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

QSslConfiguration serverConfiguration()
{
    QFile cert(QFINDTESTDATA("../data/tls/selfsigned.crt"));
    QFile key(QFINDTESTDATA("../data/tls/selfsigned.key"));
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
        return {};
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(&cert, QSsl::Pem));
    configuration.setPrivateKey(QSslKey(&key, QSsl::Rsa, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

// Answers every HTTPS request with a token, as POST /token would.
class TlsTokenServer : public QObject
{
public:
    bool listen()
    {
        m_server.setSslConfiguration(serverConfiguration());
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    const QByteArray request = socket->readAll();
                    if (!request.contains("\r\n\r\n"))
                        return;
                    const QByteArray body = R"({"access_token":"tls-token","token_type":"bearer"})";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->flush();
                    socket->disconnectFromHost();
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const { return QUrl(u"https://127.0.0.1:%1/"_s.arg(m_server.serverPort())); }

private:
    QSslServer m_server;
};

} // namespace

class TestCertificates : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void untrustedCertificateIsRefusedWithEveryError();
    void dialogShowsItAllAndTrustsOnlyWhenTold();
    void trustIsForThatHostAndPortOnly();
    void wssFollowsTheSameRule();
};

void TestCertificates::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"agentdesk-test"_s);
    QCoreApplication::setApplicationName(u"tst_certificates"_s);
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QVERIFY(!serverConfiguration().localCertificate().isNull());
}

void TestCertificates::init()
{
    QSettings().clear();
}

void TestCertificates::untrustedCertificateIsRefusedWithEveryError()
{
    TlsTokenServer server;
    QVERIFY(server.listen());
    ServerClient client;
    client.setBaseUrl(server.url());
    QSignalSpy rejected(&client, &ServerClient::certificateRejected);
    QSignalSpy failed(&client, &ServerClient::loginFailed);
    QSignalSpy loggedIn(&client, &ServerClient::loggedIn);
    client.login(u"ada"_s, u"pw"_s);
    QVERIFY(failed.wait(10000));
    QCOMPARE(loggedIn.size(), 0);
    QCOMPARE(rejected.size(), 1);
    const auto errors = rejected.at(0).at(1).value<QList<QSslError>>();
    QList<QSslError::SslError> kinds;
    for (const QSslError &error : errors)
        kinds.append(error.error());
    QVERIFY(kinds.contains(QSslError::SelfSignedCertificate));
    QVERIFY(kinds.contains(QSslError::HostNameMismatch));
    QVERIFY2(failed.at(0).at(0).toString().contains(u"not trusted"_s), qPrintable(failed.at(0).at(0).toString()));
}

void TestCertificates::dialogShowsItAllAndTrustsOnlyWhenTold()
{
    TlsTokenServer server;
    QVERIFY(server.listen());
    ServerClient client;
    client.setBaseUrl(server.url());
    QSignalSpy rejected(&client, &ServerClient::certificateRejected);
    QSignalSpy loggedIn(&client, &ServerClient::loggedIn);
    client.login(u"ada"_s, u"pw"_s);
    QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 1, 10000);
    const QUrl url = rejected.at(0).at(0).toUrl();
    const auto errors = rejected.at(0).at(1).value<QList<QSslError>>();
    const auto chain = rejected.at(0).at(2).value<QList<QSslCertificate>>();
    QVERIFY(!chain.isEmpty());

    {
        CertificateDialog dialog(url, errors, chain);
        dialog.show();
        const QString shown = dialog.findChild<QPlainTextEdit *>(u"certificateDetails"_s)->toPlainText();
        for (const QSslError &error : errors)
            QVERIFY2(shown.contains(error.errorString()), qPrintable(error.errorString()));
        QVERIFY(shown.contains(CertificateTrust::fingerprint(chain.first())));
        QVERIFY(shown.contains(u"agentdesk-test.invalid"_s));
        // The safe choice is the default one.
        auto *distrust = dialog.findChild<QPushButton *>(u"distrustButton"_s);
        QVERIFY(distrust->isDefault());
        QVERIFY(!dialog.findChild<QPushButton *>(u"trustButton"_s)->isDefault());
        QTest::mouseClick(distrust, Qt::LeftButton);
    }
    QVERIFY(!CertificateTrust::isTrusted(url.host(), url.port(), chain.first()));
    client.login(u"ada"_s, u"pw"_s);
    QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 2, 10000);
    QCOMPARE(loggedIn.size(), 0);

    CertificateDialog dialog(url, errors, chain);
    QSignalSpy trusted(&dialog, &CertificateDialog::trusted);
    dialog.show();
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"trustButton"_s), Qt::LeftButton);
    QCOMPARE(trusted.size(), 1);
    QVERIFY(CertificateTrust::isTrusted(url.host(), url.port(), chain.first()));
    client.login(u"ada"_s, u"pw"_s);
    QVERIFY(loggedIn.wait(10000));
    QCOMPARE(loggedIn.at(0).at(0).toString(), u"tls-token"_s);
    QCOMPARE(rejected.size(), 2);
}

void TestCertificates::trustIsForThatHostAndPortOnly()
{
    TlsTokenServer first;
    TlsTokenServer second;
    QVERIFY(first.listen());
    QVERIFY(second.listen());
    const QSslCertificate certificate = serverConfiguration().localCertificate();
    CertificateTrust::trust(u"127.0.0.1"_s, first.url().port(), certificate);
    ServerClient client;
    QSignalSpy loggedIn(&client, &ServerClient::loggedIn);
    QSignalSpy failed(&client, &ServerClient::loginFailed);
    client.setBaseUrl(second.url());
    client.login(u"ada"_s, u"pw"_s);
    QVERIFY(failed.wait(10000));
    client.setBaseUrl(first.url());
    client.login(u"ada"_s, u"pw"_s);
    QVERIFY(loggedIn.wait(10000));
    // Another certificate on the trusted port is not trusted either.
    QVERIFY(!CertificateTrust::isTrusted(u"127.0.0.1"_s, first.url().port(), QSslCertificate()));
}

void TestCertificates::wssFollowsTheSameRule()
{
    QWebSocketServer server(u"tls"_s, QWebSocketServer::SecureMode);
    server.setSslConfiguration(serverConfiguration());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QWebSocketServer::newConnection, this, [&server] {
        while (QWebSocket *socket = server.nextPendingConnection())
            socket->setParent(&server);
    });
    const QUrl url(u"wss://127.0.0.1:%1/fastagency/ws"_s.arg(server.serverPort()));
    const InitiatePayload payload{std::nullopt, newHexUuid(), u"showcase"_s, {}};

    RunConnection refused;
    refused.setRetryPolicy(1, std::chrono::milliseconds(10));
    QSignalSpy failed(&refused, &RunConnection::failed);
    refused.start(url, u"token"_s, payload);
    QVERIFY(failed.wait(10000));
    QVERIFY2(failed.at(0).at(0).toString().contains(u"not trusted"_s), qPrintable(failed.at(0).at(0).toString()));

    CertificateTrust::trust(url.host(), url.port(), serverConfiguration().localCertificate());
    RunConnection trusted;
    QSignalSpy connected(&trusted, &RunConnection::connected);
    trusted.start(url, u"token"_s, payload);
    QVERIFY(connected.wait(10000));
    trusted.stop();
}

QTEST_MAIN(TestCertificates)
#include "tst_certificates.moc"
