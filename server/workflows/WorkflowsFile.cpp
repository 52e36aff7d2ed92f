#include "WorkflowsFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

#include <cmath>

namespace agentdesk {

using namespace Qt::StringLiterals;

const QString &WorkflowSpec::name() const
{
    return std::visit([](const auto &s) -> const QString & { return s.name; }, spec);
}

const QString &WorkflowSpec::description() const
{
    return std::visit([](const auto &s) -> const QString & { return s.description; }, spec);
}

namespace {

constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;

// Reads the fields of one JSON object, remembering the first problem. Every
// key read is marked; whatever is left at the end is an unknown key (a typo
// the operator should hear about, not a setting silently ignored).
class Fields
{
public:
    explicit Fields(QJsonObject object) : m_object(std::move(object)) {}

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void fail(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }

    bool has(const QString &key) const { return m_object.contains(key); }

    QJsonValue take(const QString &key)
    {
        m_seen.insert(key);
        return m_object.value(key);
    }

    QString string(const QString &key, bool required, const QString &fallback = {})
    {
        const QJsonValue value = take(key);
        if (value.isUndefined()) {
            if (required)
                fail(u"\"%1\" is missing"_s.arg(key));
            return fallback;
        }
        if (!value.isString() || value.toString().trimmed().isEmpty()) {
            fail(u"\"%1\" must be a non-empty string"_s.arg(key));
            return fallback;
        }
        return value.toString();
    }

    qint64 integer(const QString &key, qint64 fallback, qint64 min, qint64 max)
    {
        const QJsonValue value = take(key);
        if (value.isUndefined())
            return fallback;
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::floor(number) != number || number < double(min) || number > double(max)) {
            fail(u"\"%1\" must be a whole number from %2 to %3"_s.arg(key, QString::number(min),
                                                                     QString::number(max)));
            return fallback;
        }
        return qint64(number);
    }

    bool boolean(const QString &key, bool fallback)
    {
        const QJsonValue value = take(key);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool()) {
            fail(u"\"%1\" must be true or false"_s.arg(key));
            return fallback;
        }
        return value.toBool();
    }

    QStringList strings(const QString &key)
    {
        const QJsonValue value = take(key);
        if (value.isUndefined())
            return {};
        QStringList list;
        const QJsonArray array = value.toArray();
        bool good = value.isArray();
        for (const QJsonValue &item : array) {
            good = good && item.isString();
            list.append(item.toString());
        }
        if (!good)
            fail(u"\"%1\" must be an array of strings"_s.arg(key));
        return list;
    }

    // Call last: refuses keys nobody read.
    void refuseUnknownKeys()
    {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            if (!m_seen.contains(it.key())) {
                fail(u"unknown key \"%1\""_s.arg(it.key()));
                return;
            }
        }
    }

private:
    QJsonObject m_object;
    QSet<QString> m_seen;
    QString m_error;
};

// AG2 refuses agent names outside this pattern, and so does OpenAI's "name" field.
bool isValidAgentName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

bool isValidVariableName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    return pattern.match(name).hasMatch();
}

std::optional<AgentSpec> readAgent(const QJsonValue &value, const QString &where, QString &error)
{
    if (!value.isObject()) {
        error = where + u" must be an object with \"name\" and \"system_message\""_s;
        return std::nullopt;
    }
    Fields fields(value.toObject());
    AgentSpec agent;
    agent.name = fields.string(u"name"_s, true);
    // AG2's default system message.
    agent.systemMessage = fields.string(u"system_message"_s, false, u"You are a helpful AI Assistant."_s);
    fields.refuseUnknownKeys();
    if (fields.ok() && !isValidAgentName(agent.name))
        fields.fail(u"name \"%1\" may hold only letters, digits, '_' and '-' (at most 64)"_s.arg(agent.name));
    if (!fields.ok()) {
        error = where + u": "_s + fields.error();
        return std::nullopt;
    }
    return agent;
}

void readLlm(Fields &entry, LlmModelSpec &llm)
{
    const QJsonValue value = entry.take(u"llm"_s);
    if (value.isUndefined())
        return;
    if (!value.isObject()) {
        entry.fail(u"\"llm\" must be an object"_s);
        return;
    }
    Fields fields(value.toObject());
    llm.model = fields.string(u"model"_s, false, llm.model);
    const QJsonValue temperature = fields.take(u"temperature"_s);
    if (!temperature.isUndefined()) {
        if (!temperature.isDouble() || temperature.toDouble() < 0.0 || temperature.toDouble() > 2.0)
            fields.fail(u"\"temperature\" must be a number from 0 to 2"_s);
        else
            llm.temperature = temperature.toDouble();
    }
    if (fields.has(u"base_url"_s)) {
        const QUrl url(fields.string(u"base_url"_s, true), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            fields.fail(u"\"base_url\" must be an http or https URL"_s);
        else
            llm.baseUrl = url;
    }
    if (fields.has(u"api_key_env"_s)) {
        const QString variable = fields.string(u"api_key_env"_s, true);
        if (!isValidVariableName(variable))
            fields.fail(u"\"api_key_env\" must be an environment variable name"_s);
        else
            llm.apiKeyVariable = variable;
    }
    fields.refuseUnknownKeys();
    if (!fields.ok())
        entry.fail(u"llm: "_s + fields.error());
}

void readAgentChat(Fields &fields, AgentChatSpec &chat)
{
    const QJsonValue question = fields.take(u"question"_s);
    if (question.isString() && !question.toString().trimmed().isEmpty()) {
        chat.question = question.toString();
    } else if (question.isObject()) {
        Fields q(question.toObject());
        chat.question = q.string(u"prompt"_s, true);
        chat.questionSender = q.string(u"sender"_s, false, chat.questionSender);
        chat.questionRecipient = q.string(u"recipient"_s, false, chat.questionRecipient);
        q.refuseUnknownKeys();
        if (!q.ok())
            fields.fail(u"question: "_s + q.error());
    } else {
        fields.fail(u"\"question\" must be the opening question (a string, or an object with \"prompt\", "
                    "\"sender\", \"recipient\")"_s);
    }

    const QJsonValue agents = fields.take(u"agents"_s);
    if (!agents.isArray() || agents.toArray().size() != 2) {
        fields.fail(u"\"agents\" must list exactly two agents: the one who opens the chat, then the one it talks to"_s);
    } else {
        QString error;
        const auto initiator = readAgent(agents.toArray().at(0), u"agents[0]"_s, error);
        const auto recipient = initiator ? readAgent(agents.toArray().at(1), u"agents[1]"_s, error) : std::nullopt;
        if (!initiator || !recipient)
            fields.fail(error);
        else if (initiator->name == recipient->name)
            fields.fail(u"the two agents need different names"_s);
        else {
            chat.initiator = *initiator;
            chat.recipient = *recipient;
        }
    }

    chat.maxTurns = int(fields.integer(u"max_turns"_s, chat.maxTurns, 1, 100));
    const QJsonValue summary = fields.take(u"summary_method"_s);
    if (summary.isNull() || summary.toString() == u"none")
        chat.summary = SummaryMethod::None;
    else if (summary.isUndefined() || summary.toString() == u"last_msg")
        chat.summary = SummaryMethod::LastMessage;
    else if (summary.toString() == u"reflection_with_llm")
        chat.summary = SummaryMethod::ReflectionWithLlm;
    else
        fields.fail(u"\"summary_method\" must be \"reflection_with_llm\", \"last_msg\" or \"none\""_s);
    chat.summaryPrompt = fields.string(u"summary_prompt"_s, false, chat.summaryPrompt);
    chat.summaryRole = fields.string(u"summary_role"_s, false, chat.summaryRole);
    if (chat.summaryRole != u"system" && chat.summaryRole != u"user")
        fields.fail(u"\"summary_role\" must be \"system\" or \"user\""_s);
    readLlm(fields, chat.llm);
}

QString findProgram(const QString &name, const QString &baseDir, const QProcessEnvironment &environment,
                    QString &error)
{
    QString path;
    if (name.contains(u'/')) {
        path = QDir::cleanPath(QDir(baseDir).absoluteFilePath(name));
    } else {
        const QStringList searchPath =
                environment.value(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s).split(u':', Qt::SkipEmptyParts);
        path = QStandardPaths::findExecutable(name, searchPath);
        if (path.isEmpty()) {
            error = u"program \"%1\" is not in the server's PATH"_s.arg(name);
            return {};
        }
    }
    const QFileInfo info(path);
    if (!info.isFile() || !info.isExecutable()) {
        error = u"program %1 does not exist or is not executable"_s.arg(path);
        return {};
    }
    return info.absoluteFilePath();
}

void readProcess(Fields &fields, ProcessSpec &process, const QString &baseDir, const QProcessEnvironment &environment)
{
    const QStringList command = fields.strings(u"command"_s);
    if (command.isEmpty() || command.first().trimmed().isEmpty()) {
        fields.fail(u"\"command\" must be the program and its arguments, as an array of strings (no shell)"_s);
        return;
    }
    QString error;
    process.program = findProgram(command.first(), baseDir, environment, error);
    if (!error.isEmpty())
        fields.fail(error);
    process.arguments = command.mid(1);

    process.workingDirectory = baseDir;
    if (fields.has(u"working_directory"_s))
        process.workingDirectory = QDir(baseDir).absoluteFilePath(fields.string(u"working_directory"_s, true));
    if (fields.ok() && !QFileInfo(process.workingDirectory).isDir())
        fields.fail(u"working directory %1 does not exist"_s.arg(process.workingDirectory));

    process.timeout = std::chrono::seconds(fields.integer(u"timeout_seconds"_s, process.timeout.count(), 1,
                                                          7 * 24 * 3600));
    process.passEnvironment = fields.strings(u"environment"_s);
    for (const QString &name : std::as_const(process.passEnvironment)) {
        if (!isValidVariableName(name))
            fields.fail(u"\"environment\" lists \"%1\", which is not a variable name"_s.arg(name));
        else if (name.startsWith(u"OPENAI_"_s) || name.startsWith(u"AGENTDESK_"_s))
            fields.fail(u"\"environment\" may not list %1: use \"llm_access\" for the LLM settings; "
                        "AGENTDESK_* are the server's own"_s.arg(name));
    }
    process.passLlm = fields.boolean(u"llm_access"_s, false);
}

} // namespace

Result<QList<WorkflowSpec>> WorkflowsFile::load(const QString &path, const QProcessEnvironment &environment)
{
    using R = Result<QList<WorkflowSpec>>;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return R::failure(u"workflows file %1: cannot be read (%2)"_s.arg(path, file.errorString()));
    if (file.size() > kMaxFileBytes)
        return R::failure(u"workflows file %1: larger than %2 bytes"_s.arg(path, QString::number(kMaxFileBytes)));
    const QFileInfo info(path);
    return parse(file.readAll(), path, info.absolutePath(), environment);
}

Result<QList<WorkflowSpec>> WorkflowsFile::parse(const QByteArray &json, const QString &source, const QString &baseDir,
                                                 const QProcessEnvironment &environment)
{
    using R = Result<QList<WorkflowSpec>>;
    const QString file = u"workflows file %1"_s.arg(source);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return R::failure(u"%1: not valid JSON at offset %2: %3"_s.arg(file, QString::number(parseError.offset),
                                                                       parseError.errorString()));
    if (!document.isObject())
        return R::failure(u"%1: must be a JSON object with a \"workflows\" array"_s.arg(file));
    Fields top(document.object());
    const QJsonValue workflows = top.take(u"workflows"_s);
    top.take(u"$comment"_s);
    top.refuseUnknownKeys();
    if (!top.ok())
        return R::failure(u"%1: %2"_s.arg(file, top.error()));
    if (!workflows.isArray())
        return R::failure(u"%1: \"workflows\" must be an array"_s.arg(file));

    QList<WorkflowSpec> specs;
    QSet<QString> names;
    const QJsonArray entries = workflows.toArray();
    // An empty list is a mistake more often than a wish: it would silently
    // drop simple_learning, which the default file declares.
    if (entries.isEmpty())
        return R::failure(u"%1: \"workflows\" declares no workflow; declare at least one, or leave "
                          "workflows/file unset for the built-in simple_learning"_s.arg(file));
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject object = entries.at(i).toObject();
        QString where = u"workflows[%1]"_s.arg(i);
        if (object.value(u"name").isString())
            where += u" (\"%1\")"_s.arg(object.value(u"name").toString());
        if (!entries.at(i).isObject())
            return R::failure(u"%1: %2: must be an object"_s.arg(file, where));

        Fields fields(object);
        const QString name = fields.string(u"name"_s, true);
        const QString description = fields.string(u"description"_s, true);
        const QString type = fields.string(u"type"_s, true);
        fields.take(u"$comment"_s);
        if (fields.ok() && (name.size() > 200 || name.contains(QRegularExpression(u"[\\x00-\\x1f/]"_s))))
            fields.fail(u"\"name\" must be at most 200 characters, without control characters or '/'"_s);
        if (fields.ok() && names.contains(name))
            fields.fail(u"the name \"%1\" is used twice"_s.arg(name));

        WorkflowSpec spec;
        if (!fields.ok()) {
            // Reported below.
        } else if (type == u"agent_chat") {
            AgentChatSpec chat;
            chat.name = name;
            chat.description = description;
            readAgentChat(fields, chat);
            spec.spec = std::move(chat);
        } else if (type == u"process") {
            ProcessSpec process;
            process.name = name;
            process.description = description;
            readProcess(fields, process, baseDir, environment);
            spec.spec = std::move(process);
        } else {
            fields.fail(u"\"type\" must be \"agent_chat\" or \"process\""_s);
        }
        if (fields.ok())
            fields.refuseUnknownKeys();
        if (!fields.ok())
            return R::failure(u"%1: %2: %3"_s.arg(file, where, fields.error()));
        names.insert(name);
        specs.append(std::move(spec));
    }
    return specs;
}

} // namespace agentdesk
