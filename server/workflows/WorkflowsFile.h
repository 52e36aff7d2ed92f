#pragma once

#include "AgentChatSpec.h"
#include "ProcessSpec.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <variant>

namespace agentdesk {

// One entry of the workflows file.
struct WorkflowSpec
{
    std::variant<AgentChatSpec, ProcessSpec> spec;

    const QString &name() const;
    const QString &description() const;
};

// The operator's workflows, declared without code (README, "Workflows
// file"). Strict: an unknown key, a wrong type, a missing program or a
// duplicate name refuses the whole file with the file, the entry and what is
// wrong, so the server never starts half-configured.
class WorkflowsFile
{
public:
    // Shipped in the binary: registers simple_learning as upstream's workflows.py.
    static QString defaultPath() { return QStringLiteral(":/agentdesk/workflows.json"); }

    // `environment` is the server's: PATH finds programs named without a folder.
    static Result<QList<WorkflowSpec>> load(const QString &path, const QProcessEnvironment &environment);
    // `baseDir` resolves relative programs and working directories.
    static Result<QList<WorkflowSpec>> parse(const QByteArray &json, const QString &source, const QString &baseDir,
                                             const QProcessEnvironment &environment);
};

} // namespace agentdesk
