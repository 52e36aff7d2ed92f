#include "RunSocket.h"

#include "Answer.h"
#include "InitiatePayload.h"
#include "Logging.h"
#include "Message.h"
#include "Run.h"
#include "RunTable.h"

namespace agentdesk {

using namespace Qt::StringLiterals;

RunSocket::RunSocket(std::unique_ptr<QWebSocket> socket, User user, RunTable &runs,
                     qint64 maxMessageBytes, int payloadTimeoutMs, QObject *parent)
    : QObject(parent), m_socket(std::move(socket)), m_user(std::move(user)), m_runs(runs)
{
    m_peer = m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
    // Oversized frames and messages make QWebSocket close with 1009 itself.
    m_socket->setMaxAllowedIncomingMessageSize(quint64(maxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(maxMessageBytes));
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &RunSocket::onText);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &RunSocket::onBinary);
    connect(m_socket.get(), &QWebSocket::aboutToClose, this, &RunSocket::onAboutToClose);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &RunSocket::onDisconnected);

    m_payloadTimer.setSingleShot(true);
    connect(&m_payloadTimer, &QTimer::timeout, this, [this] {
        refuse(QWebSocketProtocol::CloseCodePolicyViolated,
               u"The initiate payload did not arrive in time"_s);
    });
    m_payloadTimer.start(payloadTimeoutMs);
    qCInfo(lcWebSocket).noquote() << "connected:" << m_user.username << m_peer;
}

RunSocket::~RunSocket()
{
    if (m_run && m_state == State::Attached)
        m_runs.detach(m_run);
    if (m_socket)
        m_socket->disconnect(this);
}

void RunSocket::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_state == State::Closing)
        return;
    if (m_run) {
        m_run->disconnect(this);
        if (m_state == State::Attached)
            m_runs.detach(m_run);
    }
    m_state = State::Closing;
    m_payloadTimer.stop();
    m_socket->close(code, reason);
}

void RunSocket::send(const Message &message)
{
    m_socket->sendTextMessage(QString::fromUtf8(message.toJsonBytes()));
}

void RunSocket::sendError(const QString &why, const QString &workflowUuid)
{
    Message error = Message::error(u"Workflow"_s, u"User"_s, why);
    error.workflowUuid = workflowUuid;
    send(error);
}

void RunSocket::refuse(QWebSocketProtocol::CloseCode code, const QString &why,
                       const QString &workflowUuid)
{
    if (m_state == State::Closing)
        return;
    qCInfo(lcWebSocket).noquote() << "refused:" << m_user.username << m_peer << "-" << why;
    sendError(why, workflowUuid);
    close(code, why.left(120)); // a close reason must fit in a control frame
}

void RunSocket::onText(const QString &frame)
{
    switch (m_state) {
    case State::AwaitingPayload:
        attach(frame);
        return;
    case State::Attached: {
        if (!m_run || m_run->state() != Run::State::Running) {
            sendError(u"The run is over; the message is ignored"_s, m_run ? m_run->uuid() : QString());
            return;
        }
        const Status accepted = m_run->submitAnswer(Answer::fromFrame(frame));
        if (!accepted)
            sendError(accepted.error(), m_run->uuid());
        return;
    }
    case State::Closing:
        return;
    }
}

void RunSocket::onBinary(const QByteArray &)
{
    refuse(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
           u"Binary frames are not accepted; send text frames"_s, m_run ? m_run->uuid() : QString());
}

void RunSocket::attach(const QString &frame)
{
    m_payloadTimer.stop();
    const auto payload = InitiatePayload::fromJson(frame.toUtf8());
    if (!payload) {
        refuse(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
               u"The first message must be the JSON initiate_workflow returned: "_s + payload.error());
        return;
    }
    const QString uuid = canonicalHexUuid(payload->workflowUuid).value_or(QString());
    Run *run = m_runs.find(uuid);
    // One answer for "never issued" and "someone else's": a uuid's owner is
    // not revealed to other users.
    if (!run || run->ownerId() != m_user.id) {
        if (run)
            qCWarning(lcWebSocket).noquote() << "user" << m_user.username << "presented run" << uuid
                                             << "of another user";
        refuse(QWebSocketProtocol::CloseCodePolicyViolated,
               u"Unknown workflow_uuid: initiate a workflow first"_s, uuid);
        return;
    }
    if (payload->name != run->workflowName()) {
        refuse(QWebSocketProtocol::CloseCodePolicyViolated,
               u"The workflow name does not match the initiated run"_s, uuid);
        return;
    }
    if (run->state() != Run::State::Initiated) {
        reattach(run);
        return;
    }
    if (run->isAttached()) { // cannot happen: attaching starts the run
        refuse(QWebSocketProtocol::CloseCodePolicyViolated,
               u"This run has already been started"_s, uuid);
        return;
    }

    m_run = run;
    m_state = State::Attached;
    m_runs.attach(run);
    connect(run, &Run::messageAdded, this, &RunSocket::send);
    connect(run, &Run::finished, this, &RunSocket::onRunFinished);
    connect(run, &Run::attachmentReplaced, this, &RunSocket::onReplaced);
    qCInfo(lcWebSocket).noquote() << "user" << m_user.username << "attached to run" << uuid;
    run->start();
}

void RunSocket::reattach(Run *run)
{
    // The owner came back (ours; upstream has no reattach): replay what the
    // run sent so far, the pending question included, then stream it live.
    const bool takeover = run->isAttached();
    run->replaceAttachment();
    m_run = run;
    m_state = State::Attached;
    m_runs.attach(run);
    const QList<Message> replay = run->messages();
    qCInfo(lcWebSocket).noquote() << "user" << m_user.username
                                  << (takeover ? "took over run" : "reattached to run") << run->uuid()
                                  << "from" << m_peer << "- replaying" << replay.size() << "messages";
    for (const Message &message : replay)
        send(message);
    if (run->state() == Run::State::Finished) {
        close(QWebSocketProtocol::CloseCodeNormal, u"Workflow completed"_s);
        return;
    }
    connect(run, &Run::messageAdded, this, &RunSocket::send);
    connect(run, &Run::finished, this, &RunSocket::onRunFinished);
    connect(run, &Run::attachmentReplaced, this, &RunSocket::onReplaced);
}

void RunSocket::onReplaced()
{
    if (m_state != State::Attached || !m_run)
        return;
    // The run is the new socket's now: let go without detaching it.
    qCInfo(lcWebSocket).noquote() << "run" << m_run->uuid() << "was taken over; closing" << m_peer;
    m_run->disconnect(this);
    m_run = nullptr;
    m_state = State::Closing;
    m_payloadTimer.stop();
    m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"replaced by a new connection"_s);
}

void RunSocket::onRunFinished()
{
    // workflow_completed went out just before (messageAdded comes first).
    close(QWebSocketProtocol::CloseCodeNormal, u"Workflow completed"_s);
}

void RunSocket::onAboutToClose()
{
    m_closing = true;
    // While attached, only the client's close frame gets here: our own
    // closes leave the Attached state first, and Qt 6.4 emits no
    // aboutToClose for a connection that drops without a close frame (the
    // close code would read 1000 then too: it is Qt's default, not the
    // client's word).
    if (m_state != State::Attached || !m_run
        || m_socket->closeCode() != QWebSocketProtocol::CloseCodeNormal)
        return;
    Run *run = m_run;
    run->disconnect(this);
    m_run = nullptr;
    m_state = State::Closing;
    m_payloadTimer.stop();
    qCInfo(lcWebSocket).noquote() << "client of run" << run->uuid() << "closed normally: cancelling the run";
    m_runs.discard(run, u"The client closed the connection; the run was cancelled"_s);
}

void RunSocket::onDisconnected()
{
    if (m_run && m_state == State::Attached) {
        qCInfo(lcWebSocket).noquote() << "client of run" << m_run->uuid() << "vanished";
        m_runs.detach(m_run);
    }
    if (m_run)
        m_run->disconnect(this);
    m_state = State::Closing;
    m_payloadTimer.stop();
    // Without a close frame Qt still reports its default 1000: say 1006,
    // as RFC 6455 names a connection that dropped.
    if (m_closing)
        qCInfo(lcWebSocket).noquote() << "disconnected:" << m_user.username << m_peer << "close code"
                                      << int(m_socket->closeCode());
    else
        qCInfo(lcWebSocket).noquote() << "disconnected:" << m_user.username << m_peer
                                      << "without a close frame (1006)";
    Q_EMIT closed();
}

} // namespace agentdesk
