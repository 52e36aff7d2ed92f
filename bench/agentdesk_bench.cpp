// Drives a headless `agentdesk --server-only` over loopback and reports
// logins/s, authenticated discovery requests/s, and N concurrent runs of the
// built-in workflow answered by simulated clients (runs/s, answer-to-next-
// message latency p50/p99, server RSS per waiting run).

#include "InitiatePayload.h"
#include "Message.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <sys/resource.h>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

QTextStream out(stdout);

[[noreturn]] void die(const QString &message)
{
    QTextStream(stderr) << "agentdesk-bench: " << message << Qt::endl;
    std::exit(1);
}

void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        die(u"no free loopback port"_s);
    return probe.serverPort();
}

// A value from /proc/<pid>/status, in kB for memory lines.
qint64 procStatus(qint64 pid, const QByteArray &key)
{
    QFile file(u"/proc/%1/status"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(key).append(':')))
            return line.mid(key.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

void waitUntil(const std::function<bool()> &done, int timeoutMs, const QString &what)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            die(u"timed out waiting for "_s + what);
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

struct Bench
{
    QString binary;
    QUrl base;
    QNetworkAccessManager network;
    QByteArray token;
    const QByteArray username = "bench";
    const QByteArray password = "bench-password-0123";

    QNetworkRequest request(const QString &path, bool authorized) const
    {
        QNetworkRequest r(base.resolved(QUrl(path)));
        if (authorized)
            r.setRawHeader("Authorization", "Bearer " + token);
        return r;
    }

    QNetworkReply *postLogin()
    {
        QUrlQuery form;
        form.addQueryItem(u"username"_s, QString::fromUtf8(username));
        form.addQueryItem(u"password"_s, QString::fromUtf8(password));
        QNetworkRequest r = request(u"/token"_s, false);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        return network.post(r, form.query(QUrl::FullyEncoded).toUtf8());
    }

    // Keeps `concurrency` requests in flight for `durationMs`; returns the
    // rate of 200 answers per second.
    double throughput(const std::function<QNetworkReply *()> &send, int concurrency, int durationMs,
                      const QString &what)
    {
        QElapsedTimer clock;
        clock.start();
        int inFlight = 0;
        qint64 okCount = 0;
        qint64 failures = 0;
        std::function<void()> launch = [&] {
            ++inFlight;
            QNetworkReply *reply = send();
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
                reply->deleteLater();
                --inFlight;
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                    ++okCount;
                else
                    ++failures;
                if (clock.elapsed() < durationMs)
                    launch();
            });
        };
        for (int i = 0; i < concurrency; ++i)
            launch();
        waitUntil([&] { return inFlight == 0; }, durationMs + 60'000, what);
        if (failures > 0)
            die(u"%1: %2 requests failed"_s.arg(what).arg(failures));
        return double(okCount) * 1000.0 / double(clock.elapsed());
    }
};

// One simulated client: initiates, opens the socket, answers every question.
// With `holdAtFirstQuestion` it waits for release() before the first answer.
class SimulatedClient : public QObject
{
public:
    SimulatedClient(Bench &bench, std::vector<double> &latencies) : m_bench(bench), m_latencies(latencies)
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, this, &SimulatedClient::onMessage);
        QObject::connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            if (!completed)
                die(u"a run's socket closed before workflow_completed"_s);
        });
    }

    void start(const QByteArray &initiatePayload)
    {
        QNetworkRequest r(m_bench.base.resolved(QUrl(u"/fastagency/ws"_s)));
        r.setUrl(QUrl(r.url().toString().replace(u"http://"_s, u"ws://"_s)));
        r.setRawHeader("Authorization", "Bearer " + m_bench.token);
        QObject::connect(&m_socket, &QWebSocket::connected, this,
                         [this, initiatePayload] { m_socket.sendTextMessage(QString::fromUtf8(initiatePayload)); });
        m_socket.open(r);
    }

    void release()
    {
        m_held = false;
        if (m_pending)
            answer(*m_pending);
    }

    bool waiting = false;
    bool completed = false;

private:
    void onMessage(const QString &text)
    {
        if (m_answerSent.isValid()) {
            m_latencies.push_back(double(m_answerSent.nsecsElapsed()) / 1e6);
            m_answerSent.invalidate();
        }
        const auto message = Message::fromJsonBytes(text.toUtf8());
        if (!message)
            die(u"unparsable message: "_s + message.error());
        if (message->type == MessageType::Error)
            die(u"the workflow sent an error: "_s + message->content.value(u"short").toString());
        if (message->type == MessageType::WorkflowCompleted) {
            completed = true;
            m_socket.close();
            return;
        }
        if (!message->isAsking())
            return;
        if (m_held) {
            waiting = true;
            m_pending = *message;
            return;
        }
        answer(*message);
    }

    void answer(const Message &question)
    {
        m_pending.reset();
        QString text = u"bench answer"_s;
        if (question.type == MessageType::MultipleChoice) {
            const QJsonValue preset = question.content.value(u"default");
            const QJsonArray choices = question.content.value(u"choices").toArray();
            text = preset.isString() ? preset.toString() : choices.isEmpty() ? QString() : choices.first().toString();
        }
        m_answerSent.start();
        m_socket.sendTextMessage(text);
    }

    Bench &m_bench;
    std::vector<double> &m_latencies;
    QWebSocket m_socket;
    bool m_held = true;
    std::optional<Message> m_pending;
    QElapsedTimer m_answerSent;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    raiseFileLimit();
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Benchmarks a headless Agentdesk server over loopback."_s);
    parser.addHelpOption();
    const QCommandLineOption binaryOption(u"binary"_s, u"The agentdesk binary."_s, u"path"_s,
                                          QStringLiteral(AGENTDESK_DEFAULT_BINARY));
    const QCommandLineOption runsOption(u"runs"_s, u"Concurrent workflow runs (default 1000)."_s, u"n"_s, u"1000"_s);
    const QCommandLineOption durationOption(u"duration-ms"_s, u"Length of each throughput phase."_s, u"ms"_s, u"5000"_s);
    const QCommandLineOption concurrencyOption(u"concurrency"_s, u"Requests in flight (default 6)."_s, u"n"_s, u"6"_s);
    parser.addOptions({binaryOption, runsOption, durationOption, concurrencyOption});
    parser.process(app);
    const int runs = parser.value(runsOption).toInt();
    const int durationMs = parser.value(durationOption).toInt();
    const int concurrency = parser.value(concurrencyOption).toInt();
    if (runs <= 0 || durationMs <= 0 || concurrency <= 0)
        die(u"--runs, --duration-ms and --concurrency must be positive"_s);

    Bench bench;
    bench.binary = parser.value(binaryOption);
    QTemporaryDir dataDir;
    const quint16 port = freePort();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"AGENTDESK_DATA_DIR"_s, dataDir.path());
    environment.insert(u"AGENTDESK_SHOWCASE_STEP_MS"_s, u"0"_s);
    environment.insert(u"AGENTDESK_MAX_RUNS_PER_USER"_s, u"0"_s);
    environment.insert(u"AGENTDESK_MAX_RUNS_TOTAL"_s, u"0"_s);
    environment.insert(u"QT_LOGGING_RULES"_s, u"agentdesk.*.info=false"_s);

    QProcess addUser;
    addUser.setProcessEnvironment(environment);
    addUser.start(bench.binary, {u"users"_s, u"add"_s, QString::fromUtf8(bench.username), u"--password-stdin"_s});
    addUser.write(bench.password + '\n');
    addUser.closeWriteChannel();
    if (!addUser.waitForFinished(60'000) || addUser.exitCode() != 0)
        die(u"could not add the bench user: "_s + QString::fromUtf8(addUser.readAllStandardError()));

    QProcess server;
    server.setProcessEnvironment(environment);
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(bench.binary, {u"--server-only"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port)});
    if (!server.waitForStarted())
        die(u"could not start "_s + bench.binary);
    bench.base = QUrl(u"http://127.0.0.1:%1"_s.arg(port));

    // Wait until it answers.
    bool up = false;
    waitUntil([&] {
        if (up)
            return true;
        QNetworkReply *reply = bench.network.get(bench.request(u"/openapi.json"_s, false));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        up = reply->error() == QNetworkReply::NoError;
        reply->deleteLater();
        return up;
    }, 30'000, u"the server to start"_s);

    {
        QNetworkReply *reply = bench.postLogin();
        waitUntil([reply] { return reply->isFinished(); }, 30'000, u"the first login"_s);
        bench.token = QJsonDocument::fromJson(reply->readAll()).object().value(u"access_token").toString().toUtf8();
        reply->deleteLater();
        if (bench.token.isEmpty())
            die(u"the bench user cannot log in"_s);
    }

    out << "agentdesk-bench: server " << bench.binary << " on " << bench.base.toString() << Qt::endl;
    out << "cores: " << QThread::idealThreadCount() << ", requests in flight: " << concurrency
        << ", phase length: " << durationMs << " ms" << Qt::endl;

    const double logins = bench.throughput([&] { return bench.postLogin(); }, concurrency, durationMs, u"logins"_s);
    out << QString::asprintf("logins per second:                     %10.1f", logins) << Qt::endl;
    const double discovery = bench.throughput(
            [&] { return bench.network.get(bench.request(u"/fastagency/discovery"_s, true)); },
            concurrency, durationMs, u"discovery"_s);
    out << QString::asprintf("authenticated discovery per second:    %10.1f", discovery) << Qt::endl;

    // Runs: initiate all, open every socket, hold each at its first question.
    const qint64 serverPid = server.processId();
    const qint64 rssBefore = procStatus(serverPid, "VmRSS");
    std::vector<double> latencies;
    std::vector<std::unique_ptr<SimulatedClient>> clients;
    clients.reserve(size_t(runs));
    int initiated = 0;
    for (int i = 0; i < runs; ++i) {
        auto client = std::make_unique<SimulatedClient>(bench, latencies);
        SimulatedClient *raw = client.get();
        clients.push_back(std::move(client));
        QNetworkRequest r = bench.request(u"/fastagency/initiate_workflow"_s, true);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QJsonObject body{{u"workflow_name"_s, u"showcase"_s}, {u"workflow_uuid"_s, u"bench"_s},
                               {u"user_id"_s, QJsonValue::Null}, {u"params"_s, QJsonObject{}}};
        QNetworkReply *reply = bench.network.post(r, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, raw, [&initiated, raw, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                die(u"initiate failed: "_s + QString::fromUtf8(reply->readAll()));
            ++initiated;
            raw->start(reply->readAll());
        });
    }
    const auto allWaiting = [&] {
        return std::all_of(clients.begin(), clients.end(), [](const auto &c) { return c->waiting; });
    };
    waitUntil(allWaiting, 300'000, u"every run to ask its first question"_s);
    const qint64 rssWaiting = procStatus(serverPid, "VmRSS");
    const qint64 threadsWaiting = procStatus(serverPid, "Threads");
    out << "concurrent runs waiting for an answer:  " << runs << Qt::endl;
    out << QString::asprintf("server RSS per waiting run:            %10.1f KiB (%lld -> %lld KiB), %lld server threads",
                             double(rssWaiting - rssBefore) / runs, rssBefore, rssWaiting, threadsWaiting)
        << Qt::endl;

    QElapsedTimer runClock;
    runClock.start();
    for (auto &client : clients)
        client->release();
    waitUntil([&] {
        return std::all_of(clients.begin(), clients.end(), [](const auto &c) { return c->completed; });
    }, 600'000, u"every run to complete"_s);
    const double seconds = double(runClock.elapsed()) / 1000.0;
    out << QString::asprintf("runs completed per second:             %10.1f (%d runs in %.2f s)",
                             runs / seconds, runs, seconds) << Qt::endl;
    out << QString::asprintf("answer-to-next-message latency:  p50 %8.2f ms, p99 %8.2f ms (%zu answers)",
                             percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.size())
        << Qt::endl;

    clients.clear();
    server.terminate();
    if (!server.waitForFinished(10'000)) {
        server.kill();
        die(u"the server did not stop within 10 s of SIGTERM"_s);
    }
    return 0;
}
