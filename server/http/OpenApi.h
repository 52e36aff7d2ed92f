#pragma once

#include <QJsonObject>

namespace agentdesk {

// The OpenAPI 3.1 document of our routes, shaped as FastAPI publishes one
// for upstream's secured adapter (schemas, 422 answers, the OAuth2 password
// flow with tokenUrl "token" as the security scheme).
namespace OpenApi {
QJsonObject document();
}

} // namespace agentdesk
