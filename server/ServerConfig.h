#pragma once

#include "Result.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

namespace agentdesk {

enum class TokenMode { Jwt, Opaque };

// Everything the server can be told. Defaults are safe: loopback only,
// upstream's port, tokens that expire, limits on every input.
struct ServerConfig
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8008;

    QString dataDir;      // default: the platform's app-data folder
    QString databasePath; // default: <dataDir>/users.sqlite

    TokenMode tokenMode = TokenMode::Jwt;
    QByteArray jwtSecret;  // from configuration; never logged
    QString jwtSecretFile; // default: <dataDir>/jwt-secret, made 0600 on first start
    int tokenLifetimeMinutes = 30;

    qint64 maxBodyBytes = 1024 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int headerTimeoutMs = 10'000;  // first byte of a request to the end of its headers
    int requestTimeoutMs = 30'000; // first byte of a request to the end of its body
    int idleTimeoutMs = 60'000;    // a kept-alive connection with no request
    qint64 maxWebSocketMessageBytes = 1024 * 1024;
    qint64 maxParamsBytes = 64 * 1024; // initiate's params, as compact JSON (413 above)
    int runGraceSeconds = 60; // a run whose client vanished is cancelled after this
    int showcaseStepMs = 150; // pause before each showcase message (0 for benchmarks)

    // Workflows (issue 3). The LLM settings keep the names every OpenAI
    // client knows, so OPENAI_API_KEY and OPENAI_BASE_URL work unprefixed.
    QString workflowsFile; // empty: the built-in file (simple_learning)
    QString llmBaseUrl = QStringLiteral("https://api.openai.com/v1");
    QString llmApiKey; // never logged; empty means none configured
    int llmTimeoutSeconds = 120;
    int llmMaxRetries = 3;
    int maxRunsPerUser = 1000; // runs going at once; 0 = no limit
    int maxRunsTotal = 10000;

    // Fills the derived paths (dataDir, databasePath, jwtSecretFile).
    void resolvePaths();

    // Reads an INI file (when `file` is not empty it must exist), then lets
    // AGENTDESK_* variables override it. A bad value is an error naming the
    // key; so is a secret (auth/jwt_secret, llm/api_key) in a file that
    // other users can read (group-readable is fine).
    static Result<ServerConfig> load(const QString &file, const QProcessEnvironment &environment);

    // The file `load` reads when none is named: AGENTDESK_CONFIG, else
    // <config dir>/agentdesk/server.conf if it exists (not
    // agentdesk.conf: that is the desktop client's QSettings file), else none.
    static QString defaultConfigFile(const QProcessEnvironment &environment);
};

} // namespace agentdesk
