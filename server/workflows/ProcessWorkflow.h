#pragma once

#include "LlmEndpoint.h"
#include "ProcessSpec.h"
#include "Workflow.h"
#include "WorkflowRunner.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

#include <memory>
#include <optional>

namespace agentdesk {

// An operator's program as a workflow. The line protocol (README, "Process
// workflows"): the program gets the run's params as JSON in AGENTDESK_PARAMS,
// prints one message a line on stdout in PROTOCOL.md's shape (we fill
// workflow_uuid and uuid), reads each answer as one JSON line
// {"msg": "...", "question_uuid": "..."} on stdin, may end with a
// workflow_completed line carrying its result or an error line, and exits 0.
// Started with QProcess, never through a shell, in its own process group so
// that cancel, timeout and shutdown kill everything it started.
class ProcessWorkflow : public WorkflowRunner
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxLineBytes = 1024 * 1024;
    static constexpr qsizetype kMaxParamsBytes = 64 * 1024;

    static Workflow definition(std::shared_ptr<const ProcessSpec> spec, QProcessEnvironment environment);

    // The allow-list: what of the server's environment a program sees.
    static QStringList allowedVariables();
    static QProcessEnvironment childEnvironment(const ProcessSpec &spec, const QProcessEnvironment &server,
                                                const LlmEndpoint &llm);

    ProcessWorkflow(std::shared_ptr<const ProcessSpec> spec, QProcessEnvironment environment, RunContext context,
                    QObject *parent = nullptr);
    ~ProcessWorkflow() override;

    void start(const QJsonObject &params) override;
    void answer(const Answer &answer) override;
    void cancel() override;

    // The program's process id while it runs, else 0.
    qint64 processId() const;

private:
    enum class State { Idle, Running, Done };

    void launch(const QJsonObject &params);
    void readStdout();
    void readStderr(bool flushAll);
    void handleLine(QByteArray line);
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onError(QProcess::ProcessError error);
    void onTimeout();
    void killProcess();
    void fail(const QString &shortText, const std::optional<QString> &longText);
    void protocolError(const QString &what);

    std::shared_ptr<const ProcessSpec> m_spec;
    QProcessEnvironment m_environment;
    RunContext m_context;
    QProcess *m_process;
    QTimer m_timeout;
    State m_state = State::Idle;
    QByteArray m_stdout;
    QByteArray m_stderr;
    int m_lineNumber = 0;
    std::optional<QString> m_pendingQuestion; // uuid of the question the program waits on
    bool m_completed = false;
    QJsonValue m_result;
    std::optional<std::pair<QString, std::optional<QString>>> m_reportedError;
};

} // namespace agentdesk
