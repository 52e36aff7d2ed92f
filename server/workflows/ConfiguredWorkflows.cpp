#include "ConfiguredWorkflows.h"

#include "AgentChatWorkflow.h"
#include "ChatCompletionClient.h"
#include "ProcessWorkflow.h"
#include "RunLimits.h"
#include "ServerConfig.h"
#include "WorkflowLogging.h"
#include "WorkflowRegistry.h"

namespace agentdesk {

using namespace Qt::StringLiterals;

Result<std::unique_ptr<ConfiguredWorkflows>> ConfiguredWorkflows::load(const ServerConfig &config,
                                                                       const QProcessEnvironment &environment)
{
    using R = Result<std::unique_ptr<ConfiguredWorkflows>>;
    const QString file = config.workflowsFile.isEmpty() ? WorkflowsFile::defaultPath() : config.workflowsFile;
    auto specs = WorkflowsFile::load(file, environment);
    if (!specs)
        return R::failure(specs.error());

    std::unique_ptr<ConfiguredWorkflows> workflows(new ConfiguredWorkflows);
    workflows->m_specs = std::move(specs).value();
    workflows->m_file = file;
    workflows->m_environment = environment;
    workflows->m_endpoint.baseUrl = QUrl(config.llmBaseUrl);
    workflows->m_endpoint.apiKey = config.llmApiKey;

    LlmPolicy policy;
    policy.timeout = std::chrono::seconds(config.llmTimeoutSeconds);
    policy.maxRetries = config.llmMaxRetries;
    workflows->m_client = std::make_unique<ChatCompletionClient>(policy);
    workflows->m_limits = std::make_shared<RunLimits>(config.maxRunsPerUser, config.maxRunsTotal);

    QStringList names;
    for (const WorkflowSpec &spec : workflows->m_specs)
        names.append(spec.name());
    qCInfo(lcWorkflows).noquote() << "workflows file" << file << "declares" << names.join(u", "_s)
                                  << "; LLM at" << workflows->m_endpoint.displayUrl()
                                  << (workflows->m_endpoint.hasKey() ? "with an API key" : "without an API key");
    return R(std::move(workflows));
}

ConfiguredWorkflows::~ConfiguredWorkflows() = default;

LlmEndpoint ConfiguredWorkflows::endpointFor(const LlmModelSpec &llm) const
{
    LlmEndpoint endpoint = m_endpoint;
    if (llm.baseUrl)
        endpoint.baseUrl = *llm.baseUrl;
    if (llm.apiKeyVariable) {
        endpoint.apiKeyVariable = *llm.apiKeyVariable;
        endpoint.apiKey = m_environment.value(*llm.apiKeyVariable);
    }
    return endpoint;
}

Status ConfiguredWorkflows::registerInto(WorkflowRegistry &registry) const
{
    for (qsizetype i = 0; i < m_specs.size(); ++i) {
        if (registry.find(m_specs.at(i).name()))
            return Status::failure(u"workflows file %1: workflows[%2] (\"%3\"): the name is taken by a built-in "
                                   "workflow"_s.arg(m_file, QString::number(i), m_specs.at(i).name()));
    }
    for (const WorkflowSpec &spec : m_specs) {
        if (const auto *chat = std::get_if<AgentChatSpec>(&spec.spec)) {
            registry.add(AgentChatWorkflow::definition(std::make_shared<const AgentChatSpec>(*chat), m_client.get(),
                                                       endpointFor(chat->llm)));
        } else if (const auto *process = std::get_if<ProcessSpec>(&spec.spec)) {
            registry.add(ProcessWorkflow::definition(
                    std::make_shared<const ProcessSpec>(*process),
                    ProcessWorkflow::childEnvironment(*process, m_environment, m_endpoint)));
        }
    }
    const QList<Workflow> all = registry.all();
    for (const Workflow &workflow : all)
        registry.add(RunLimits::limited(workflow, m_limits));
    return success();
}

} // namespace agentdesk
