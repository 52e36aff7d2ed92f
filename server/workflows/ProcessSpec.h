#pragma once

#include <QString>
#include <QStringList>

#include <chrono>

namespace agentdesk {

// An operator's program run as a workflow (README, "Process workflows").
struct ProcessSpec
{
    QString name;
    QString description;
    QString program; // absolute, checked to be executable when the file is loaded
    QStringList arguments;
    QString workingDirectory; // absolute; default the workflows file's folder
    std::chrono::seconds timeout{3600}; // wall clock per run, answers included
    QStringList passEnvironment;       // extra variables taken from the server's environment
    bool passLlm = false;              // OPENAI_API_KEY and OPENAI_BASE_URL
};

} // namespace agentdesk
