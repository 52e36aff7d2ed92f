#pragma once

#include "LlmEndpoint.h"
#include "Result.h"
#include "WorkflowsFile.h"

#include <QList>
#include <QProcessEnvironment>

#include <memory>

namespace agentdesk {

class ChatCompletionClient;
class RunLimits;
class WorkflowRegistry;
struct ServerConfig;

// Everything the server needs for the workflows of issue 3, made once at
// start-up: the workflows file read and checked, the LLM client, the run
// limits. The Server keeps it alive as long as its runs.
class ConfiguredWorkflows
{
public:
    // Reads config.workflowsFile (the built-in file when empty). A bad file
    // is an error naming the file, the entry and the problem.
    static Result<std::unique_ptr<ConfiguredWorkflows>> load(const ServerConfig &config,
                                                             const QProcessEnvironment &environment);
    ~ConfiguredWorkflows();

    // Adds the file's workflows to `registry` (a name the registry already
    // has is an error, and then nothing is added), then puts every workflow
    // of the registry, built-in ones included, under the run limits.
    Status registerInto(WorkflowRegistry &registry) const;

    const QList<WorkflowSpec> &specs() const { return m_specs; }
    const LlmEndpoint &defaultEndpoint() const { return m_endpoint; }
    ChatCompletionClient &llm() const { return *m_client; }
    RunLimits &limits() const { return *m_limits; }

private:
    ConfiguredWorkflows() = default;
    LlmEndpoint endpointFor(const LlmModelSpec &llm) const;

    QList<WorkflowSpec> m_specs;
    QString m_file;
    LlmEndpoint m_endpoint;
    QProcessEnvironment m_environment;
    std::unique_ptr<ChatCompletionClient> m_client;
    std::shared_ptr<RunLimits> m_limits;
};

} // namespace agentdesk
