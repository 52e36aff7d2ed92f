#pragma once

#include <QString>
#include <QUrl>

namespace agentdesk {

// Where an OpenAI-compatible Chat Completions service lives and how to
// authenticate to it. `apiKeyVariable` is only for telling the operator
// which variable to set when the key is missing.
struct LlmEndpoint
{
    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.openai.com/v1")); }

    QUrl baseUrl = defaultBaseUrl();
    QString apiKey; // never logged, never shown
    QString apiKeyVariable = QStringLiteral("OPENAI_API_KEY");

    bool hasKey() const { return !apiKey.isEmpty(); }
    // <base>/chat/completions, whatever slashes the base URL ends with.
    QUrl completionsUrl() const
    {
        QUrl url = baseUrl;
        QString path = url.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + QStringLiteral("/chat/completions"));
        return url;
    }
    // The URL as it may appear in logs and error texts: no user info, no query.
    QString displayUrl() const
    {
        return completionsUrl().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    }
};

} // namespace agentdesk
