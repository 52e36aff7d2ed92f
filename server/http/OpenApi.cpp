#include "OpenApi.h"

#include <QJsonArray>

namespace agentdesk::OpenApi {

using namespace Qt::StringLiterals;

namespace {

QJsonObject ref(const QString &schema)
{
    return QJsonObject{{u"$ref"_s, QString(u"#/components/schemas/"_s + schema)}};
}

QJsonObject jsonContent(const QJsonObject &schema)
{
    return QJsonObject{{u"application/json"_s, QJsonObject{{u"schema"_s, schema}}}};
}

QJsonObject response(const QString &description, const QJsonObject &schema = {})
{
    QJsonObject r{{u"description"_s, description}};
    if (!schema.isEmpty())
        r.insert(u"content"_s, jsonContent(schema));
    return r;
}

QJsonObject validationResponse()
{
    return response(u"Validation Error"_s, ref(u"HTTPValidationError"_s));
}

QJsonObject authResponses(QJsonObject responses)
{
    responses.insert(u"400"_s, response(u"Inactive user"_s, ref(u"HTTPError"_s)));
    responses.insert(u"401"_s, response(u"Not authenticated, or the token is not valid "
                                        "(with WWW-Authenticate: Bearer)"_s,
                                        ref(u"HTTPError"_s)));
    return responses;
}

QJsonArray bearer()
{
    return QJsonArray{QJsonObject{{u"OAuth2PasswordBearer"_s, QJsonArray{}}}};
}

QJsonObject stringProperty(const QString &title)
{
    return QJsonObject{{u"type"_s, u"string"_s}, {u"title"_s, title}};
}

QJsonObject nullableString(const QString &title, const QString &format = {})
{
    QJsonObject s{{u"type"_s, u"string"_s}};
    if (!format.isEmpty())
        s.insert(u"format"_s, format);
    return QJsonObject{{u"anyOf"_s, QJsonArray{s, QJsonObject{{u"type"_s, u"null"_s}}}},
                       {u"title"_s, title}};
}

QJsonObject objectProperty(const QString &title)
{
    return QJsonObject{{u"type"_s, u"object"_s}, {u"title"_s, title}};
}

QJsonObject schemas()
{
    return QJsonObject{
        {u"Body_login_token_post"_s,
         QJsonObject{
                 {u"type"_s, u"object"_s},
                 {u"title"_s, u"Body_login_token_post"_s},
                 {u"required"_s, QJsonArray{u"username"_s, u"password"_s}},
                 {u"properties"_s,
                  QJsonObject{
                          {u"grant_type"_s,
                           QJsonObject{{u"anyOf"_s,
                                        QJsonArray{QJsonObject{{u"type"_s, u"string"_s},
                                                               {u"pattern"_s, u"^password$"_s}},
                                                   QJsonObject{{u"type"_s, u"null"_s}}}},
                                       {u"title"_s, u"Grant Type"_s}}},
                          {u"username"_s, stringProperty(u"Username"_s)},
                          {u"password"_s, QJsonObject{{u"type"_s, u"string"_s},
                                                      {u"format"_s, u"password"_s},
                                                      {u"title"_s, u"Password"_s}}},
                          {u"scope"_s, QJsonObject{{u"type"_s, u"string"_s},
                                                   {u"title"_s, u"Scope"_s},
                                                   {u"default"_s, u""_s}}},
                          {u"client_id"_s, nullableString(u"Client Id"_s)},
                          {u"client_secret"_s, nullableString(u"Client Secret"_s, u"password"_s)},
                  }}}},
        {u"Token"_s,
         QJsonObject{{u"type"_s, u"object"_s},
                     {u"title"_s, u"Token"_s},
                     {u"required"_s, QJsonArray{u"access_token"_s, u"token_type"_s}},
                     {u"properties"_s, QJsonObject{{u"access_token"_s, stringProperty(u"Access Token"_s)},
                                                   {u"token_type"_s, stringProperty(u"Token Type"_s)}}}}},
        {u"WorkflowInfo"_s,
         QJsonObject{{u"type"_s, u"object"_s},
                     {u"title"_s, u"WorkflowInfo"_s},
                     {u"required"_s, QJsonArray{u"name"_s, u"description"_s}},
                     {u"properties"_s, QJsonObject{{u"name"_s, stringProperty(u"Name"_s)},
                                                   {u"description"_s, stringProperty(u"Description"_s)}}}}},
        {u"InititateChatModel"_s,
         QJsonObject{{u"type"_s, u"object"_s},
                     {u"title"_s, u"InititateChatModel"_s},
                     {u"required"_s, QJsonArray{u"workflow_name"_s, u"workflow_uuid"_s, u"user_id"_s,
                                                u"params"_s}},
                     {u"properties"_s,
                      QJsonObject{{u"workflow_name"_s, stringProperty(u"Workflow Name"_s)},
                                  {u"workflow_uuid"_s, stringProperty(u"Workflow Uuid"_s)},
                                  {u"user_id"_s, nullableString(u"User Id"_s)},
                                  {u"params"_s, objectProperty(u"Params"_s)}}}}},
        {u"InitiateWorkflowModel"_s,
         QJsonObject{{u"type"_s, u"object"_s},
                     {u"title"_s, u"InitiateWorkflowModel"_s},
                     {u"required"_s, QJsonArray{u"user_id"_s, u"workflow_uuid"_s, u"params"_s, u"name"_s}},
                     {u"properties"_s,
                      QJsonObject{{u"user_id"_s, nullableString(u"User Id"_s, u"uuid"_s)},
                                  {u"workflow_uuid"_s, QJsonObject{{u"type"_s, u"string"_s},
                                                                   {u"format"_s, u"uuid"_s},
                                                                   {u"title"_s, u"Workflow Uuid"_s}}},
                                  {u"params"_s, objectProperty(u"Params"_s)},
                                  {u"name"_s, stringProperty(u"Name"_s)}}}}},
        {u"HTTPError"_s,
         QJsonObject{{u"type"_s, u"object"_s},
                     {u"title"_s, u"HTTPError"_s},
                     {u"required"_s, QJsonArray{u"detail"_s}},
                     {u"properties"_s, QJsonObject{{u"detail"_s, stringProperty(u"Detail"_s)}}}}},
        {u"ValidationError"_s,
         QJsonObject{
                 {u"type"_s, u"object"_s},
                 {u"title"_s, u"ValidationError"_s},
                 {u"required"_s, QJsonArray{u"loc"_s, u"msg"_s, u"type"_s}},
                 {u"properties"_s,
                  QJsonObject{{u"loc"_s,
                               QJsonObject{{u"type"_s, u"array"_s},
                                           {u"title"_s, u"Location"_s},
                                           {u"items"_s, QJsonObject{{u"anyOf"_s,
                                                                     QJsonArray{QJsonObject{{u"type"_s, u"string"_s}},
                                                                                QJsonObject{{u"type"_s, u"integer"_s}}}}}}}},
                              {u"msg"_s, stringProperty(u"Message"_s)},
                              {u"type"_s, stringProperty(u"Error Type"_s)}}}}},
        {u"HTTPValidationError"_s,
         QJsonObject{{u"type"_s, u"object"_s},
                     {u"title"_s, u"HTTPValidationError"_s},
                     {u"properties"_s,
                      QJsonObject{{u"detail"_s, QJsonObject{{u"type"_s, u"array"_s},
                                                            {u"title"_s, u"Detail"_s},
                                                            {u"items"_s, ref(u"ValidationError"_s)}}}}}}},
    };
}

} // namespace

QJsonObject document()
{
    const QJsonObject paths{
        {u"/token"_s,
         QJsonObject{{u"post"_s,
                      QJsonObject{{u"summary"_s, u"Login"_s},
                                  {u"operationId"_s, u"login_token_post"_s},
                                  {u"requestBody"_s,
                                   QJsonObject{{u"required"_s, true},
                                               {u"content"_s,
                                                QJsonObject{{u"application/x-www-form-urlencoded"_s,
                                                             QJsonObject{{u"schema"_s, ref(u"Body_login_token_post"_s)}}}}}}},
                                  {u"responses"_s,
                                   QJsonObject{{u"200"_s, response(u"Successful Response"_s, ref(u"Token"_s))},
                                               {u"401"_s, response(u"Incorrect username or password"_s,
                                                                   ref(u"HTTPError"_s))},
                                               {u"422"_s, validationResponse()}}}}}}},
        {u"/"_s,
         QJsonObject{{u"get"_s,
                      QJsonObject{{u"summary"_s, u"Read Root"_s},
                                  {u"operationId"_s, u"read_root__get"_s},
                                  {u"responses"_s,
                                   QJsonObject{{u"200"_s,
                                                response(u"Successful Response"_s,
                                                         QJsonObject{{u"type"_s, u"object"_s},
                                                                     {u"title"_s, u"Response Read Root  Get"_s}})}}}}}}},
        {u"/fastagency/discovery"_s,
         QJsonObject{{u"get"_s,
                      QJsonObject{{u"summary"_s, u"Discovery"_s},
                                  {u"operationId"_s, u"discovery_fastagency_discovery_get"_s},
                                  {u"security"_s, bearer()},
                                  {u"responses"_s,
                                   authResponses(QJsonObject{
                                           {u"200"_s, response(u"Successful Response"_s,
                                                               QJsonObject{{u"type"_s, u"array"_s},
                                                                           {u"title"_s, u"Response Discovery Fastagency Discovery Get"_s},
                                                                           {u"items"_s, ref(u"WorkflowInfo"_s)}})}})}}}}},
        {u"/fastagency/initiate_workflow"_s,
         QJsonObject{{u"post"_s,
                      QJsonObject{{u"summary"_s, u"Initiate Handler"_s},
                                  {u"operationId"_s, u"initiate_handler_fastagency_initiate_workflow_post"_s},
                                  {u"security"_s, bearer()},
                                  {u"requestBody"_s,
                                   QJsonObject{{u"required"_s, true},
                                               {u"content"_s, jsonContent(ref(u"InititateChatModel"_s))}}},
                                  {u"responses"_s,
                                   authResponses(QJsonObject{
                                           {u"200"_s, response(u"Successful Response"_s,
                                                               ref(u"InitiateWorkflowModel"_s))},
                                           {u"404"_s, response(u"Unknown workflow"_s, ref(u"HTTPError"_s))},
                                           {u"413"_s, response(u"Request body or params too large"_s,
                                                               ref(u"HTTPError"_s))},
                                           {u"422"_s, validationResponse()},
                                           {u"429"_s, response(u"Too many workflow runs (per user or in all)"_s,
                                                               ref(u"HTTPError"_s))}})}}}}},
        {u"/fastagency/ws"_s,
         QJsonObject{{u"get"_s,
                      QJsonObject{{u"summary"_s, u"Run a workflow (WebSocket)"_s},
                                  {u"operationId"_s, u"websocket_fastagency_ws"_s},
                                  {u"description"_s,
                                   u"WebSocket upgrade. The first text frame is the JSON initiate_workflow "
                                   "returned; the server then sends the run's messages, one JSON text frame "
                                   "each, and reads the answer to each text_input or multiple_choice as the "
                                   "next text frame. A handshake without a valid token is refused with 401 "
                                   "(400 for an inactive user) and never upgraded."_s},
                                  {u"security"_s, bearer()},
                                  {u"responses"_s,
                                   authResponses(QJsonObject{{u"101"_s, response(u"Switching Protocols"_s)}})}}}}},
        {u"/openapi.json"_s,
         QJsonObject{{u"get"_s,
                      QJsonObject{{u"summary"_s, u"This document"_s},
                                  {u"operationId"_s, u"openapi_openapi_json_get"_s},
                                  {u"responses"_s,
                                   QJsonObject{{u"200"_s, response(u"Successful Response"_s,
                                                                   QJsonObject{{u"type"_s, u"object"_s}})}}}}}}},
    };

    return QJsonObject{
        {u"openapi"_s, u"3.1.0"_s},
        {u"info"_s, QJsonObject{{u"title"_s, u"Agentdesk"_s},
                                {u"version"_s, QStringLiteral(AGENTDESK_VERSION)},
                                {u"description"_s, u"FastAgency's secured FastAPIAdapter protocol"_s}}},
        {u"paths"_s, paths},
        {u"components"_s,
         QJsonObject{{u"schemas"_s, schemas()},
                     {u"securitySchemes"_s,
                      QJsonObject{{u"OAuth2PasswordBearer"_s,
                                   QJsonObject{{u"type"_s, u"oauth2"_s},
                                               {u"flows"_s,
                                                QJsonObject{{u"password"_s,
                                                             QJsonObject{{u"scopes"_s, QJsonObject{}},
                                                                         {u"tokenUrl"_s, u"token"_s}}}}}}}}}}},
    };
}

} // namespace agentdesk::OpenApi
