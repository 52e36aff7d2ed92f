#include "ServerConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <limits>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

// One setting: its key in the file, its environment variable, and how to
// store a textual value into the config (returning an error text or empty).
struct Setting
{
    QString key;
    QString variable;
    std::function<QString(ServerConfig &, const QString &)> apply;
};


template <typename T>
std::function<QString(ServerConfig &, const QString &)> number(T ServerConfig::*member, qint64 min,
                                                              qint64 max)
{
    return [member, min, max](ServerConfig &config, const QString &text) -> QString {
        bool ok = false;
        const qint64 value = text.trimmed().toLongLong(&ok);
        if (!ok || value < min || value > max)
            return u"must be a whole number from %1 to %2"_s.arg(min).arg(max);
        config.*member = static_cast<T>(value);
        return {};
    };
}

std::function<QString(ServerConfig &, const QString &)> text(QString ServerConfig::*member)
{
    return [member](ServerConfig &config, const QString &value) -> QString {
        if (value.trimmed().isEmpty())
            return u"must not be empty"_s;
        config.*member = value.trimmed();
        return {};
    };
}

QList<Setting> settings()
{
    return {
        {u"server/host"_s, u"AGENTDESK_HOST"_s, text(&ServerConfig::host)},
        {u"server/port"_s, u"AGENTDESK_PORT"_s, number(&ServerConfig::port, 0, 65535)},
        {u"storage/data_dir"_s, u"AGENTDESK_DATA_DIR"_s, text(&ServerConfig::dataDir)},
        {u"storage/database"_s, u"AGENTDESK_DATABASE"_s, text(&ServerConfig::databasePath)},
        {u"auth/token_mode"_s, u"AGENTDESK_TOKEN_MODE"_s,
         [](ServerConfig &config, const QString &value) -> QString {
             const QString mode = value.trimmed().toLower();
             if (mode == u"jwt")
                 config.tokenMode = TokenMode::Jwt;
             else if (mode == u"opaque")
                 config.tokenMode = TokenMode::Opaque;
             else
                 return u"must be \"jwt\" or \"opaque\""_s;
             return {};
         }},
        {u"auth/jwt_secret"_s, u"AGENTDESK_JWT_SECRET"_s,
         [](ServerConfig &config, const QString &value) -> QString {
             if (value.toUtf8().size() < 32)
                 return u"must be at least 32 bytes long"_s;
             config.jwtSecret = value.toUtf8();
             return {};
         }},
        {u"auth/jwt_secret_file"_s, u"AGENTDESK_JWT_SECRET_FILE"_s, text(&ServerConfig::jwtSecretFile)},
        {u"auth/token_lifetime_minutes"_s, u"AGENTDESK_TOKEN_LIFETIME_MINUTES"_s,
         number(&ServerConfig::tokenLifetimeMinutes, 1, 60 * 24 * 365)},
        {u"limits/max_body_bytes"_s, u"AGENTDESK_MAX_BODY_BYTES"_s,
         number(&ServerConfig::maxBodyBytes, 1024, qint64(1) << 32)},
        {u"limits/max_header_bytes"_s, u"AGENTDESK_MAX_HEADER_BYTES"_s,
         number(&ServerConfig::maxHeaderBytes, 1024, 1024 * 1024)},
        {u"limits/header_timeout_ms"_s, u"AGENTDESK_HEADER_TIMEOUT_MS"_s,
         number(&ServerConfig::headerTimeoutMs, 100, 3'600'000)},
        {u"limits/request_timeout_ms"_s, u"AGENTDESK_REQUEST_TIMEOUT_MS"_s,
         number(&ServerConfig::requestTimeoutMs, 100, 3'600'000)},
        {u"limits/idle_timeout_ms"_s, u"AGENTDESK_IDLE_TIMEOUT_MS"_s,
         number(&ServerConfig::idleTimeoutMs, 100, 3'600'000)},
        {u"limits/max_websocket_message_bytes"_s, u"AGENTDESK_MAX_WEBSOCKET_MESSAGE_BYTES"_s,
         number(&ServerConfig::maxWebSocketMessageBytes, 1024, qint64(1) << 30)},
        {u"limits/max_params_bytes"_s, u"AGENTDESK_MAX_PARAMS_BYTES"_s,
         number(&ServerConfig::maxParamsBytes, 2, qint64(1) << 30)},
        {u"runs/grace_seconds"_s, u"AGENTDESK_RUN_GRACE_SECONDS"_s,
         number(&ServerConfig::runGraceSeconds, 0, 7 * 24 * 3600)},
        {u"workflows/showcase_step_ms"_s, u"AGENTDESK_SHOWCASE_STEP_MS"_s,
         number(&ServerConfig::showcaseStepMs, 0, 60'000)},
        {u"workflows/file"_s, u"AGENTDESK_WORKFLOWS_FILE"_s, text(&ServerConfig::workflowsFile)},
        {u"llm/base_url"_s, u"OPENAI_BASE_URL"_s,
         [](ServerConfig &config, const QString &value) -> QString {
             if (value.trimmed().isEmpty())
                 return {}; // unset, as far as OpenAI's clients are concerned
             const QUrl url(value.trimmed(), QUrl::StrictMode);
             if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
                 return u"must be an http or https URL"_s;
             config.llmBaseUrl = value.trimmed();
             return {};
         }},
        // An empty key is no key (the run then says which variable to set),
        // not a reason to refuse to start.
        {u"llm/api_key"_s, u"OPENAI_API_KEY"_s,
         [](ServerConfig &config, const QString &value) -> QString {
             config.llmApiKey = value.trimmed();
             return {};
         }},
        {u"llm/timeout_seconds"_s, u"AGENTDESK_LLM_TIMEOUT_SECONDS"_s,
         number(&ServerConfig::llmTimeoutSeconds, 1, 3600)},
        {u"llm/max_retries"_s, u"AGENTDESK_LLM_MAX_RETRIES"_s, number(&ServerConfig::llmMaxRetries, 0, 10)},
        {u"runs/max_per_user"_s, u"AGENTDESK_MAX_RUNS_PER_USER"_s,
         number(&ServerConfig::maxRunsPerUser, 0, 1'000'000)},
        {u"runs/max_total"_s, u"AGENTDESK_MAX_RUNS_TOTAL"_s, number(&ServerConfig::maxRunsTotal, 0, 1'000'000)},
    };
}

} // namespace

void ServerConfig::resolvePaths()
{
    if (dataDir.isEmpty()) // ~/.local/share/agentdesk, whatever the organization name says
        dataDir = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
                          .filePath(u"agentdesk"_s);
    if (databasePath.isEmpty())
        databasePath = QDir(dataDir).filePath(u"users.sqlite"_s);
    if (jwtSecretFile.isEmpty())
        jwtSecretFile = QDir(dataDir).filePath(u"jwt-secret"_s);
}

QString ServerConfig::defaultConfigFile(const QProcessEnvironment &environment)
{
    const QString named = environment.value(u"AGENTDESK_CONFIG"_s);
    if (!named.isEmpty())
        return named;
    const QString candidate =
            QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
                    .filePath(u"agentdesk/server.conf"_s);
    return QFileInfo::exists(candidate) ? candidate : QString();
}

Result<ServerConfig> ServerConfig::load(const QString &file, const QProcessEnvironment &environment)
{
    using R = Result<ServerConfig>;
    ServerConfig config;
    const QList<Setting> all = settings();

    if (!file.isEmpty()) {
        const QFileInfo info(file);
        if (!info.isFile() || !info.isReadable())
            return R::failure(u"configuration file %1 does not exist or cannot be read"_s.arg(file));
        QSettings ini(file, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError)
            return R::failure(u"configuration file %1 is not a valid INI file"_s.arg(file));
        // A secret any local user can read is no secret. The group may read
        // it: the package ships the file root:agentdesk 0640.
        if (info.permissions() & QFileDevice::ReadOther) {
            for (const QString &key : {u"auth/jwt_secret"_s, u"llm/api_key"_s}) {
                if (!ini.value(key).toString().trimmed().isEmpty())
                    return R::failure(u"configuration file %1 holds a secret (%2) but every user of "
                                      "this machine can read it; make it private: chmod o-r %1"_s
                                              .arg(file, key));
            }
        }
        // A typo must not silently leave a default in place. (QSettings
        // reads "# key=value" as a key named "# key": our files comment with
        // '#', as INI files on Linux do, so those are comments.)
        for (const QString &key : ini.allKeys()) {
            if (key.section(u'/', -1).startsWith(u'#'))
                continue;
            const bool known = std::any_of(all.begin(), all.end(),
                                           [&key](const Setting &setting) { return setting.key == key; });
            if (known)
                continue;
            const QString group = key.section(u'/', 0, 0);
            QStringList siblings;
            for (const Setting &setting : all) {
                if (setting.key.section(u'/', 0, 0) == group)
                    siblings.append(setting.key.section(u'/', 1));
            }
            const QString hint = siblings.isEmpty()
                    ? u"(see man agentdesk for the settings)"_s
                    : u"(the settings of [%1] are %2)"_s.arg(group, siblings.join(u", "_s));
            return R::failure(u"%1: unknown setting %2 %3"_s.arg(file, key, hint));
        }
        for (const Setting &setting : all) {
            if (!ini.contains(setting.key))
                continue;
            const QString error = setting.apply(config, ini.value(setting.key).toString());
            if (!error.isEmpty())
                return R::failure(u"%1: %2 %3"_s.arg(file, setting.key, error));
        }
    }
    for (const Setting &setting : all) {
        if (!environment.contains(setting.variable))
            continue;
        const QString error = setting.apply(config, environment.value(setting.variable));
        if (!error.isEmpty())
            return R::failure(u"environment variable %1 %2"_s.arg(setting.variable, error));
    }
    config.resolvePaths();
    return config;
}

} // namespace agentdesk
