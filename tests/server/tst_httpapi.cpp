// The HTTP routes against a real server on loopback: status matrices, the
// check chain, /token, initiate, discovery, openapi.json, and a port of
// upstream's tests/docs_src/user_guide/adapters/security/test_secure_adapter.py.

#include "RunTable.h"
#include "TestServer.h"
#include "WebSocketClient.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace agentdesk;
using namespace agentdesk::test;
using namespace Qt::StringLiterals;

namespace {
const QString kPassword = u"correct horse battery"_s;
const QRegularExpression kDashedUuid(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);

QByteArray initiateBody(const QString &workflow, const QJsonValue &userId = QJsonValue::Null,
                        const QJsonObject &params = {{u"message"_s, u"Hello"_s}})
{
    return QJsonDocument(QJsonObject{{u"workflow_name"_s, workflow},
                                     {u"workflow_uuid"_s, u"1234"_s},
                                     {u"user_id"_s, userId},
                                     {u"params"_s, params}})
            .toJson(QJsonDocument::Compact);
}
} // namespace

class TestHttpApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    User m_alice;
    QString m_aliceToken;
    QString m_carolToken; // carol is disabled after logging in

    QByteArray authorizationFor(const QString &kind) const
    {
        if (kind == u"none")
            return {};
        if (kind == u"valid")
            return "Bearer " + m_aliceToken.toUtf8();
        if (kind == u"disabled")
            return "Bearer " + m_carolToken.toUtf8();
        if (kind == u"garbage")
            return "Bearer not-a-token";
        if (kind == u"basic")
            return "Basic YWxpY2U6c2VjcmV0";
        if (kind == u"empty-bearer")
            return "Bearer ";
        return kind.toUtf8();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->startError()));
        const auto alice = m_server->addUser(u"alice"_s, kPassword);
        QVERIFY(alice);
        m_alice = *alice;
        QVERIFY(m_server->addUser(u"carol"_s, kPassword));
        m_aliceToken = m_server->login(u"alice"_s, kPassword);
        QVERIFY(!m_aliceToken.isEmpty());
        m_carolToken = m_server->login(u"carol"_s, kPassword);
        QVERIFY(!m_carolToken.isEmpty());
        QVERIFY(m_server->setDisabled(u"carol"_s, true));
    }

    void routes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("auth");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<bool>("bearerChallenge");
        QTest::addColumn<QByteArray>("allow");

        QTest::newRow("root") << QByteArray("GET") << u"/"_s << u"none"_s << 200 << QString() << false << QByteArray();
        QTest::newRow("openapi") << QByteArray("GET") << u"/openapi.json"_s << u"none"_s << 200 << QString() << false << QByteArray();
        QTest::newRow("root with a bad token is still public") << QByteArray("GET") << u"/"_s << u"garbage"_s << 200 << QString() << false << QByteArray();

        const struct { const char *name; QByteArray method; QString path; } protectedRoutes[] = {
            {"discovery", "GET", u"/fastagency/discovery"_s},
            {"initiate", "POST", u"/fastagency/initiate_workflow"_s},
        };
        for (const auto &route : protectedRoutes) {
            const int okStatus = route.method == "GET" ? 200 : 422; // initiate: no body here
            QTest::addRow("%s without Authorization", route.name) << route.method << route.path << u"none"_s << 401 << u"Not authenticated"_s << true << QByteArray();
            QTest::addRow("%s with Basic", route.name) << route.method << route.path << u"basic"_s << 401 << u"Not authenticated"_s << true << QByteArray();
            QTest::addRow("%s with an empty bearer", route.name) << route.method << route.path << u"empty-bearer"_s << 401 << u"Could not validate credentials"_s << true << QByteArray();
            QTest::addRow("%s with a garbage token", route.name) << route.method << route.path << u"garbage"_s << 401 << u"Could not validate credentials"_s << true << QByteArray();
            QTest::addRow("%s with a disabled user's token", route.name) << route.method << route.path << u"disabled"_s << 400 << u"Inactive user"_s << false << QByteArray();
            QTest::addRow("%s with a valid token", route.name) << route.method << route.path << u"valid"_s << okStatus << QString() << false << QByteArray();
        }

        QTest::newRow("discovery by POST") << QByteArray("POST") << u"/fastagency/discovery"_s << u"valid"_s << 405 << u"Method Not Allowed"_s << false << QByteArray("GET");
        QTest::newRow("discovery by POST, no token: 405 first") << QByteArray("POST") << u"/fastagency/discovery"_s << u"none"_s << 405 << u"Method Not Allowed"_s << false << QByteArray("GET");
        QTest::newRow("initiate by GET") << QByteArray("GET") << u"/fastagency/initiate_workflow"_s << u"valid"_s << 405 << u"Method Not Allowed"_s << false << QByteArray("POST");
        QTest::newRow("token by GET") << QByteArray("GET") << u"/token"_s << u"none"_s << 405 << u"Method Not Allowed"_s << false << QByteArray("POST");
        QTest::newRow("root by DELETE") << QByteArray("DELETE") << u"/"_s << u"none"_s << 405 << u"Method Not Allowed"_s << false << QByteArray("GET");
        QTest::newRow("openapi by PUT") << QByteArray("PUT") << u"/openapi.json"_s << u"none"_s << 405 << u"Method Not Allowed"_s << false << QByteArray("GET");
        QTest::newRow("unknown path") << QByteArray("GET") << u"/nope"_s << u"none"_s << 404 << u"Not Found"_s << false << QByteArray();
        QTest::newRow("unknown path with token") << QByteArray("GET") << u"/fastagency/nope"_s << u"valid"_s << 404 << u"Not Found"_s << false << QByteArray();
        QTest::newRow("trailing slash") << QByteArray("GET") << u"/fastagency/discovery/"_s << u"valid"_s << 404 << u"Not Found"_s << false << QByteArray();
        QTest::newRow("ws without upgrade") << QByteArray("GET") << u"/fastagency/ws"_s << u"valid"_s << 404 << u"Not Found"_s << false << QByteArray();
    }

    void routes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, auth);
        QFETCH(int, status);
        QFETCH(QString, detail);
        QFETCH(bool, bearerChallenge);
        QFETCH(QByteArray, allow);

        QList<QPair<QByteArray, QByteArray>> headers;
        const QByteArray authorization = authorizationFor(auth);
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const HttpResult result = m_server->request(method, path, {}, headers);
        QCOMPARE(result.status, status);
        QCOMPARE(result.header("content-type"), QByteArray("application/json"));
        if (!detail.isEmpty())
            QCOMPARE(result.detail(), detail);
        QCOMPARE(result.header("www-authenticate"), bearerChallenge ? QByteArray("Bearer") : QByteArray());
        QCOMPARE(result.header("allow"), allow);
    }

    void headHasNoBody()
    {
        const HttpResult result = m_server->request("HEAD", u"/"_s, {}, {});
        QCOMPARE(result.status, 405);
        QVERIFY(result.body.isEmpty());
        // and the connection is still usable
        QCOMPARE(m_server->get(u"/"_s).status, 200);
    }

    void rootAndDiscoveryListTheWorkflows()
    {
        const HttpResult root = m_server->get(u"/"_s);
        QCOMPARE(root.status, 200);
        const QJsonObject workflows = root.object().value(u"Workflows").toObject();
        QVERIFY(workflows.contains(u"showcase"));
        QCOMPARE(workflows.value(u"showcase").toString(),
                 u"Every message type, for trying the client; needs no network"_s);

        const HttpResult discovery = m_server->get(u"/fastagency/discovery"_s, m_aliceToken);
        QCOMPARE(discovery.status, 200);
        QVERIFY(discovery.json().isArray());
        const QJsonArray list = discovery.json().array();
        QCOMPARE(list.size(), workflows.size());
        const QJsonObject first = list.first().toObject();
        QCOMPARE(first.keys(), (QStringList{u"description"_s, u"name"_s}));
        QCOMPARE(first.value(u"name").toString(), u"showcase"_s);
    }

    // ---- /token --------------------------------------------------------

    void tokenIssued()
    {
        const HttpResult result = m_server->tokenRequest(u"alice"_s, kPassword);
        QCOMPARE(result.status, 200);
        const QJsonObject body = result.object();
        QCOMPARE(body.keys(), (QStringList{u"access_token"_s, u"token_type"_s}));
        QCOMPARE(body.value(u"token_type").toString(), u"bearer"_s);
        QVERIFY(!body.value(u"access_token").toString().isEmpty());
        QCOMPARE(result.header("cache-control"), QByteArray("no-store"));
        QCOMPARE(m_server->get(u"/fastagency/discovery"_s, body.value(u"access_token").toString()).status, 200);
    }

    void tokenRefused_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("missing"); // fields reported missing (422)

        const QByteArray form = "application/x-www-form-urlencoded";
        QTest::newRow("wrong password") << form << QByteArray("username=alice&password=wrong-password") << 401 << QStringList();
        QTest::newRow("unknown user") << form << QByteArray("username=mallory&password=correct+horse+battery") << 401 << QStringList();
        QTest::newRow("password is case-sensitive") << form << QByteArray("username=alice&password=CORRECT+HORSE+BATTERY") << 401 << QStringList();
        QTest::newRow("invalid UTF-8 password") << form << QByteArray("username=alice&password=%FF%FE%80") << 401 << QStringList();
        QTest::newRow("invalid UTF-8 raw bytes") << form << QByteArray("username=\xff\xfe&password=\x80\x81") << 401 << QStringList();
        QTest::newRow("empty body") << form << QByteArray() << 422 << QStringList{u"username"_s, u"password"_s};
        QTest::newRow("no password") << form << QByteArray("username=alice") << 422 << QStringList{u"password"_s};
        QTest::newRow("empty password") << form << QByteArray("username=alice&password=") << 422 << QStringList{u"password"_s};
        QTest::newRow("truncated") << form << QByteArray("username=ali") << 422 << QStringList{u"password"_s};
        QTest::newRow("JSON instead of a form") << QByteArray("application/json") << QByteArray("{\"username\":\"alice\",\"password\":\"correct horse battery\"}") << 422 << QStringList{u"username"_s, u"password"_s};
        QTest::newRow("text/plain") << QByteArray("text/plain") << QByteArray("username=alice&password=correct+horse+battery") << 422 << QStringList{u"username"_s, u"password"_s};
        QTest::newRow("garbage") << form << QByteArray("&&&===%%%\x00\x01", 11) << 422 << QStringList{u"username"_s, u"password"_s};
    }

    void tokenRefused()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QStringList, missing);

        const HttpResult result = m_server->post(u"/token"_s, body, contentType);
        QCOMPARE(result.status, status);
        if (status == 401) {
            QCOMPARE(result.detail(), u"Incorrect username or password"_s);
            QCOMPARE(result.header("www-authenticate"), QByteArray("Bearer"));
            return;
        }
        const QJsonArray detail = result.object().value(u"detail").toArray();
        QStringList reported;
        for (const QJsonValue &error : detail) {
            const QJsonObject e = error.toObject();
            QCOMPARE(e.value(u"type").toString(), u"missing"_s);
            QCOMPARE(e.value(u"msg").toString(), u"Field required"_s);
            QCOMPARE(e.value(u"loc").toArray().first().toString(), u"body"_s);
            reported.append(e.value(u"loc").toArray().last().toString());
        }
        QCOMPARE(reported, missing);
    }

    void tokenGrantTypeMustBePassword()
    {
        const HttpResult result = m_server->post(
                u"/token"_s, "grant_type=client_credentials&username=alice&password=correct+horse+battery",
                "application/x-www-form-urlencoded");
        QCOMPARE(result.status, 422);
        const QJsonObject error = result.object().value(u"detail").toArray().first().toObject();
        QCOMPARE(error.value(u"type").toString(), u"string_pattern_mismatch"_s);
        QCOMPARE(error.value(u"loc").toArray(), (QJsonArray{u"body"_s, u"grant_type"_s}));
    }

    void tokenFormDecoding()
    {
        // '+' is a space, %XX escapes are UTF-8, content-type parameters are fine.
        const QString password = u"pa+ss wörd & = ✓"_s;
        QVERIFY(m_server->addUser(u"dave"_s, password));
        const QByteArray body = "username=dave&password=" + QUrl::toPercentEncoding(password).replace("%20", "+");
        const HttpResult result = m_server->post(u"/token"_s, body, "application/x-www-form-urlencoded; charset=utf-8");
        QCOMPARE(result.status, 200);
    }

    // ---- initiate ------------------------------------------------------

    void initiateCreatesARunOwnedByTheUser()
    {
        const qsizetype before = m_server->server().runs().size();
        const HttpResult result = m_server->post(u"/fastagency/initiate_workflow"_s,
                                                 initiateBody(u"showcase"_s, u"someone-else"_s),
                                                 "application/json", m_aliceToken);
        QCOMPARE(result.status, 200);
        const QJsonObject body = result.object();
        QCOMPARE(body.keys(), (QStringList{u"name"_s, u"params"_s, u"user_id"_s, u"workflow_uuid"_s}));
        QCOMPARE(body.value(u"user_id").toString(), m_alice.id); // the server decides, not the body
        QCOMPARE(body.value(u"name").toString(), u"showcase"_s);
        QCOMPARE(body.value(u"params").toObject(), (QJsonObject{{u"message"_s, u"Hello"_s}}));
        const QString uuid = body.value(u"workflow_uuid").toString();
        QVERIFY2(kDashedUuid.match(uuid).hasMatch(), qPrintable(uuid));
        QVERIFY(uuid != u"1234"_s);

        QCOMPARE(m_server->server().runs().size(), before + 1);
        Run *run = m_server->server().runs().find(QString(uuid).remove(u'-'));
        QVERIFY(run);
        QCOMPARE(run->ownerId(), m_alice.id);
        QCOMPARE(run->state(), Run::State::Initiated);

        // Every initiate is a new run.
        const HttpResult again = m_server->post(u"/fastagency/initiate_workflow"_s, initiateBody(u"showcase"_s),
                                                "application/json", m_aliceToken);
        QVERIFY(again.object().value(u"workflow_uuid").toString() != uuid);
    }

    void initiateUnknownWorkflow()
    {
        const HttpResult result = m_server->post(u"/fastagency/initiate_workflow"_s,
                                                 initiateBody(u"no_such_workflow"_s), "application/json",
                                                 m_aliceToken);
        QCOMPARE(result.status, 404);
        QVERIFY(result.detail().contains(u"no_such_workflow"_s));
    }

    void initiateValidation_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("firstType");
        QTest::addColumn<QJsonArray>("firstLoc");

        const QByteArray json = "application/json";
        QTest::newRow("empty body") << json << QByteArray() << u"missing"_s << QJsonArray{u"body"_s};
        QTest::newRow("whitespace body") << json << QByteArray("  \n") << u"missing"_s << QJsonArray{u"body"_s};
        QTest::newRow("truncated JSON") << json << QByteArray("{\"workflow_name\": \"showcase\", \"workf") << u"json_invalid"_s << QJsonArray();
        QTest::newRow("not JSON") << json << QByteArray("hello") << u"json_invalid"_s << QJsonArray();
        QTest::newRow("invalid UTF-8 in a string") << json << QByteArray("{\"workflow_name\": \"\xff\xfe\", \"workflow_uuid\": \"x\", \"user_id\": null, \"params\": {}}") << u"json_invalid"_s << QJsonArray();
        QTest::newRow("array") << json << QByteArray("[1, 2]") << u"model_attributes_type"_s << QJsonArray{u"body"_s};
        QTest::newRow("missing fields") << json << QByteArray("{}") << u"missing"_s << QJsonArray{u"body"_s, u"workflow_name"_s};
        QTest::newRow("wrong types") << json << QByteArray("{\"workflow_name\": 5, \"workflow_uuid\": \"x\", \"user_id\": null, \"params\": {}}") << u"string_type"_s << QJsonArray{u"body"_s, u"workflow_name"_s};
        QTest::newRow("params not an object") << json << QByteArray("{\"workflow_name\": \"showcase\", \"workflow_uuid\": \"x\", \"user_id\": null, \"params\": [1]}") << u"dict_type"_s << QJsonArray{u"body"_s, u"params"_s};
        QTest::newRow("text/plain") << QByteArray("text/plain") << initiateBody(u"showcase"_s) << u"model_attributes_type"_s << QJsonArray{u"body"_s};
        QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded") << QByteArray("workflow_name=showcase") << u"model_attributes_type"_s << QJsonArray{u"body"_s};
    }

    void initiateValidation()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, firstType);
        QFETCH(QJsonArray, firstLoc);

        const qsizetype runsBefore = m_server->server().runs().size();
        const HttpResult result = m_server->post(u"/fastagency/initiate_workflow"_s, body, contentType, m_aliceToken);
        QCOMPARE(result.status, 422);
        const QJsonArray detail = result.object().value(u"detail").toArray();
        QVERIFY(!detail.isEmpty());
        const QJsonObject first = detail.first().toObject();
        QCOMPARE(first.value(u"type").toString(), firstType);
        QVERIFY(first.value(u"msg").isString());
        if (!firstLoc.isEmpty())
            QCOMPARE(first.value(u"loc").toArray(), firstLoc);
        QCOMPARE(m_server->server().runs().size(), runsBefore);
    }

    void initiateJsonVariantContentType()
    {
        const HttpResult result = m_server->post(u"/fastagency/initiate_workflow"_s, initiateBody(u"showcase"_s),
                                                 "application/vnd.api+json; charset=utf-8", m_aliceToken);
        QCOMPARE(result.status, 200);
    }

    // ---- openapi.json --------------------------------------------------

    void openApiDocument()
    {
        const HttpResult result = m_server->get(u"/openapi.json"_s);
        QCOMPARE(result.status, 200);
        const QJsonObject doc = result.object();
        QVERIFY(doc.value(u"openapi").toString().startsWith(u"3.1"_s));
        QVERIFY(!doc.value(u"info").toObject().value(u"title").toString().isEmpty());

        const QJsonObject scheme = doc.value(u"components").toObject().value(u"securitySchemes").toObject()
                                           .value(u"OAuth2PasswordBearer").toObject();
        QCOMPARE(scheme, (QJsonObject{{u"type"_s, u"oauth2"_s},
                                      {u"flows"_s, QJsonObject{{u"password"_s, QJsonObject{{u"scopes"_s, QJsonObject{}},
                                                                                           {u"tokenUrl"_s, u"token"_s}}}}}}));

        const QJsonObject paths = doc.value(u"paths").toObject();
        const struct { QString path; QString method; bool secured; } expected[] = {
            {u"/token"_s, u"post"_s, false},
            {u"/"_s, u"get"_s, false},
            {u"/fastagency/discovery"_s, u"get"_s, true},
            {u"/fastagency/initiate_workflow"_s, u"post"_s, true},
            {u"/fastagency/ws"_s, u"get"_s, true},
            {u"/openapi.json"_s, u"get"_s, false},
        };
        QCOMPARE(paths.size(), qsizetype(std::size(expected)));
        for (const auto &e : expected) {
            const QJsonObject operation = paths.value(e.path).toObject().value(e.method).toObject();
            QVERIFY2(!operation.isEmpty(), qPrintable(e.path));
            QVERIFY2(operation.contains(u"responses"), qPrintable(e.path));
            const QJsonArray security = operation.value(u"security").toArray();
            QCOMPARE(!security.isEmpty(), e.secured);
            if (e.secured)
                QVERIFY(security.first().toObject().contains(u"OAuth2PasswordBearer"));
        }
        const QJsonObject tokenBody = paths.value(u"/token").toObject().value(u"post").toObject()
                                              .value(u"requestBody").toObject().value(u"content").toObject();
        QVERIFY(tokenBody.contains(u"application/x-www-form-urlencoded"));

        // Every $ref points at a schema that exists.
        const QJsonObject schemas = doc.value(u"components").toObject().value(u"schemas").toObject();
        const QByteArray text = result.body;
        static const QRegularExpression refPattern(u"\"\\$ref\":\"#/components/schemas/([^\"]+)\""_s);
        auto it = refPattern.globalMatch(QString::fromUtf8(text));
        int refs = 0;
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            QVERIFY2(schemas.contains(name), qPrintable(name));
            ++refs;
        }
        QVERIFY(refs >= 8);
    }

    // ---- upstream's test_secure_adapter.py, ported ---------------------

    void upstream_secure_unauthorized()
    {
        QCOMPARE(m_server->post(u"/fastagency/initiate_workflow"_s, {}, {}).status, 401);
        QCOMPARE(m_server->get(u"/fastagency/discovery"_s).status, 401);
    }

    void upstream_secure_unauthorized_websocket()
    {
        WebSocketClient ws;
        QVERIFY(!ws.open(m_server->webSocketUrl(), QString()));
        QVERIFY2(ws.errorString().contains(u"401"_s), qPrintable(ws.errorString()));
    }

    void upstream_secure_authorized()
    {
        const HttpResult initiated = m_server->post(u"/fastagency/initiate_workflow"_s, initiateBody(u"showcase"_s),
                                                    "application/json", m_aliceToken);
        QCOMPARE(initiated.status, 200);
        QCOMPARE(m_server->get(u"/fastagency/discovery"_s, m_aliceToken).status, 200);
    }

    void upstream_secure_authorized_websocket()
    {
        // Upstream sends a made-up workflow_uuid; ours must come from initiate.
        const QJsonObject payload = m_server->initiate(m_aliceToken, u"showcase"_s, {{u"message"_s, u"Hello"_s}});
        QVERIFY(!payload.isEmpty());
        WebSocketClient ws;
        QVERIFY2(ws.open(m_server->webSocketUrl(), m_aliceToken), qPrintable(ws.errorString()));
        ws.sendJson(payload);
        QVERIFY(ws.waitForMessages(1));
        const QJsonObject first = ws.messages().first();
        QCOMPARE(first.value(u"type").toString(), u"workflow_started"_s);
        QCOMPARE(first.value(u"sender").toString(), u"Workflow"_s);
        QCOMPARE(first.value(u"recipient").toString(), u"User"_s);
        QCOMPARE(first.value(u"auto_reply").toBool(true), false);
        QCOMPARE(first.value(u"workflow_uuid").toString(),
                 payload.value(u"workflow_uuid").toString().remove(u'-'));
        QCOMPARE(first.value(u"content").toObject(),
                 (QJsonObject{{u"name"_s, u"showcase"_s},
                              {u"description"_s, u"Every message type, for trying the client; needs no network"_s},
                              {u"params"_s, QJsonObject{{u"message"_s, u"Hello"_s}}}}));
        QCOMPARE(first.keys(), (QStringList{u"auto_reply"_s, u"content"_s, u"recipient"_s, u"sender"_s,
                                            u"type"_s, u"uuid"_s, u"workflow_uuid"_s}));
    }
};

QTEST_GUILESS_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
