#include "ProcessWorkflow.h"

#include "WorkflowLogging.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kMaxStderrLine = 4096;

QString programName(const ProcessSpec &spec)
{
    return QFileInfo(spec.program).fileName();
}

} // namespace

Workflow ProcessWorkflow::definition(std::shared_ptr<const ProcessSpec> spec, QProcessEnvironment environment)
{
    const QString name = spec->name;
    const QString description = spec->description;
    return Workflow{
        name,
        description,
        [spec = std::move(spec), environment = std::move(environment)](
                const RunContext &context) -> std::unique_ptr<WorkflowRunner> {
            return std::make_unique<ProcessWorkflow>(spec, environment, context);
        },
    };
}

QStringList ProcessWorkflow::allowedVariables()
{
    return {u"PATH"_s, u"HOME"_s, u"USER"_s, u"LOGNAME"_s, u"LANG"_s, u"LANGUAGE"_s, u"LC_ALL"_s,
            u"LC_CTYPE"_s, u"LC_MESSAGES"_s, u"TZ"_s, u"TMPDIR"_s};
}

QProcessEnvironment ProcessWorkflow::childEnvironment(const ProcessSpec &spec, const QProcessEnvironment &server,
                                                      const LlmEndpoint &llm)
{
    QProcessEnvironment child;
    const QStringList names = allowedVariables() + spec.passEnvironment;
    for (const QString &name : names) {
        if (server.contains(name))
            child.insert(name, server.value(name));
    }
    if (!child.contains(u"PATH"_s))
        child.insert(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s);
    if (spec.passLlm) {
        if (llm.hasKey())
            child.insert(u"OPENAI_API_KEY"_s, llm.apiKey);
        child.insert(u"OPENAI_BASE_URL"_s, llm.baseUrl.toString());
    }
    return child;
}

ProcessWorkflow::ProcessWorkflow(std::shared_ptr<const ProcessSpec> spec, QProcessEnvironment environment,
                                 RunContext context, QObject *parent)
    : WorkflowRunner(parent),
      m_spec(std::move(spec)),
      m_environment(std::move(environment)),
      m_context(std::move(context)),
      m_process(new QProcess(this))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ProcessWorkflow::onTimeout);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ProcessWorkflow::readStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] { readStderr(false); });
    connect(m_process, &QProcess::finished, this, &ProcessWorkflow::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &ProcessWorkflow::onError);
}

ProcessWorkflow::~ProcessWorkflow()
{
    m_state = State::Done;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        killProcess();
        // Reap it here rather than leave a zombie to QProcess's destructor.
        m_process->waitForFinished(2000);
    }
}

qint64 ProcessWorkflow::processId() const
{
    return m_process->state() == QProcess::NotRunning ? 0 : m_process->processId();
}

void ProcessWorkflow::start(const QJsonObject &params)
{
    if (m_state != State::Idle)
        return;
    m_state = State::Running;
    // Launch from the event loop: every signal of ours then reaches a Run
    // that is not inside its own start().
    QTimer::singleShot(0, this, [this, params] { launch(params); });
}

void ProcessWorkflow::launch(const QJsonObject &params)
{
    if (m_state != State::Running)
        return;
    const QByteArray paramsJson = QJsonDocument(params).toJson(QJsonDocument::Compact);
    if (paramsJson.size() > kMaxParamsBytes) {
        fail(u"The workflow's parameters are too large"_s,
             u"A process workflow takes at most %1 bytes of params (they travel in AGENTDESK_PARAMS)."_s.arg(
                     kMaxParamsBytes));
        return;
    }
    QProcessEnvironment environment = m_environment;
    environment.insert(u"AGENTDESK_PARAMS"_s, QString::fromUtf8(paramsJson));
    environment.insert(u"AGENTDESK_WORKFLOW_NAME"_s, m_spec->name);
    environment.insert(u"AGENTDESK_WORKFLOW_UUID"_s, m_context.workflowUuid);
    environment.insert(u"AGENTDESK_USER_ID"_s, m_context.userId);

    m_process->setProgram(m_spec->program);
    m_process->setArguments(m_spec->arguments);
    m_process->setWorkingDirectory(m_spec->workingDirectory);
    m_process->setProcessEnvironment(environment);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    // Its own process group, so a kill reaches whatever it started too.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    if (m_spec->timeout.count() > 0)
        m_timeout.start(m_spec->timeout);
    qCInfo(lcWorkflows).noquote() << "run" << m_context.workflowUuid << "starts" << m_spec->program;
    m_process->start();
}

void ProcessWorkflow::answer(const Answer &answer)
{
    if (m_state != State::Running || !m_pendingQuestion)
        return;
    const QJsonObject line{{u"msg"_s, answer.text}, {u"question_uuid"_s, *m_pendingQuestion}};
    m_pendingQuestion.reset();
    m_process->write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
}

void ProcessWorkflow::cancel()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_timeout.stop();
    killProcess();
}

void ProcessWorkflow::killProcess()
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    const qint64 pid = m_process->processId();
    // The group exists while its leader is unreaped, so its id is still ours.
    if (pid > 0)
        ::kill(-static_cast<pid_t>(pid), SIGKILL);
    m_process->kill();
}

void ProcessWorkflow::readStdout()
{
    m_stdout += m_process->readAllStandardOutput();
    qsizetype newline;
    while (m_state == State::Running && (newline = m_stdout.indexOf('\n')) >= 0) {
        QByteArray line = m_stdout.left(newline);
        m_stdout.remove(0, newline + 1);
        handleLine(std::move(line));
    }
    if (m_state == State::Running && m_stdout.size() > kMaxLineBytes)
        protocolError(u"a line longer than %1 bytes"_s.arg(kMaxLineBytes));
}

void ProcessWorkflow::readStderr(bool flushAll)
{
    m_stderr += m_process->readAllStandardError();
    const QString tag = m_spec->name + u' ' + m_context.workflowUuid.left(8);
    auto log = [&tag](const QByteArray &line) {
        QString text = QString::fromUtf8(line).trimmed();
        if (text.size() > kMaxStderrLine)
            text = text.left(kMaxStderrLine) + u"…"_s;
        if (!text.isEmpty())
            qCInfo(lcWorkflows).noquote() << tag << "stderr:" << text;
    };
    qsizetype newline;
    while ((newline = m_stderr.indexOf('\n')) >= 0) {
        log(m_stderr.left(newline));
        m_stderr.remove(0, newline + 1);
    }
    if (flushAll || m_stderr.size() > kMaxStderrLine) {
        log(m_stderr);
        m_stderr.clear();
    }
}

void ProcessWorkflow::handleLine(QByteArray line)
{
    ++m_lineNumber;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return;
    if (m_completed) {
        qCWarning(lcWorkflows).noquote() << m_spec->name << "printed line" << m_lineNumber
                                         << "after workflow_completed; ignored";
        return;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        protocolError(parseError.error != QJsonParseError::NoError
                              ? u"not JSON (%1)"_s.arg(parseError.errorString())
                              : u"not a JSON object"_s);
        return;
    }
    QJsonObject object = document.object();
    // The server owns the ids; whatever the program wrote there is replaced.
    object.insert(u"workflow_uuid"_s, m_context.workflowUuid);
    object.insert(u"uuid"_s, newHexUuid());
    auto parsed = Message::fromJson(object);
    if (!parsed) {
        protocolError(parsed.error());
        return;
    }
    Message message = std::move(parsed).value();
    switch (message.type) {
    case MessageType::WorkflowStarted:
        protocolError(u"workflow_started is the server's to send"_s);
        return;
    case MessageType::WorkflowCompleted:
        m_completed = true;
        m_result = message.content.value(u"result");
        return;
    case MessageType::Error: {
        const QJsonValue longText = message.content.value(u"long");
        m_reportedError = std::pair{message.content.value(u"short").toString(),
                                    longText.isString() ? std::optional(longText.toString()) : std::nullopt};
        return;
    }
    default:
        break;
    }
    if (message.isAsking()) {
        if (m_pendingQuestion) {
            protocolError(u"a second question before the first was answered"_s);
            return;
        }
        m_pendingQuestion = message.uuid;
    }
    Q_EMIT messageReady(message);
}

void ProcessWorkflow::protocolError(const QString &what)
{
    qCWarning(lcWorkflows).noquote() << m_spec->name << "run" << m_context.workflowUuid << "stdout line"
                                     << m_lineNumber << "is" << what;
    killProcess();
    fail(u"The workflow program sent something that is not a message"_s,
         u"%1, line %2 of its output: %3. Each line must be one JSON message (README, \"Process workflows\")."_s
                 .arg(programName(*m_spec), QString::number(m_lineNumber), what));
}

void ProcessWorkflow::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    m_timeout.stop();
    readStderr(true);
    if (m_state != State::Running)
        return;
    readStdout();
    if (m_state == State::Running && !m_stdout.isEmpty()) {
        // A last line without its newline still counts.
        QByteArray rest = std::exchange(m_stdout, {});
        handleLine(std::move(rest));
    }
    if (m_state != State::Running)
        return;
    const QString program = programName(*m_spec);
    if (exitStatus == QProcess::CrashExit) {
        fail(u"The workflow program crashed"_s,
             u"%1 was ended by a signal. Its error output is in the server log (agentdesk.workflows)."_s.arg(program));
    } else if (m_reportedError) {
        fail(m_reportedError->first, m_reportedError->second);
    } else if (exitCode != 0) {
        fail(u"The workflow program failed"_s,
             u"%1 exited with code %2. Its error output is in the server log (agentdesk.workflows)."_s.arg(
                     program, QString::number(exitCode)));
    } else {
        m_state = State::Done;
        qCInfo(lcWorkflows).noquote() << "run" << m_context.workflowUuid << "program finished";
        Q_EMIT finished(m_result);
    }
}

void ProcessWorkflow::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_state != State::Running)
        return;
    m_timeout.stop();
    fail(u"The workflow program could not start"_s,
         u"%1: %2"_s.arg(m_spec->program, m_process->errorString()));
}

void ProcessWorkflow::onTimeout()
{
    if (m_state != State::Running)
        return;
    killProcess();
    fail(u"The workflow took too long"_s,
         u"%1 was stopped after %2 s, the time limit of workflow %3 (timeout_seconds)."_s.arg(
                 programName(*m_spec), QString::number(m_spec->timeout.count()), m_spec->name));
}

void ProcessWorkflow::fail(const QString &shortText, const std::optional<QString> &longText)
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_timeout.stop();
    qCInfo(lcWorkflows).noquote() << "run" << m_context.workflowUuid << "failed:" << shortText;
    Q_EMIT failed(shortText, longText);
}

} // namespace agentdesk
