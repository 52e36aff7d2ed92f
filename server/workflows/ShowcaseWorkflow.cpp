#include "ShowcaseWorkflow.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

const QString kWorkflow = u"Workflow"_s;
const QString kUser = u"User"_s;
const QString kAssistant = u"Assistant"_s;
const QString kKitchen = u"Kitchen"_s;

const QStringList kColours{u"red"_s, u"green"_s, u"blue"_s};
const QString kDefaultColour = u"green"_s;
const QStringList kToppings{u"cheese"_s, u"tomato"_s, u"basil"_s, u"olives"_s};
const QString kDefaultTopping = u"cheese"_s;

} // namespace

Workflow ShowcaseWorkflow::definition(std::chrono::milliseconds stepDelay)
{
    return Workflow{
        QString::fromUtf16(kName),
        u"Every message type, for trying the client; needs no network"_s,
        [stepDelay](const RunContext &) -> std::unique_ptr<WorkflowRunner> {
            return std::make_unique<ShowcaseWorkflow>(stepDelay);
        },
    };
}

ShowcaseWorkflow::ShowcaseWorkflow(std::chrono::milliseconds stepDelay, QObject *parent)
    : WorkflowRunner(parent), m_stepDelay(stepDelay)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ShowcaseWorkflow::runStep);
}

void ShowcaseWorkflow::start(const QJsonObject &params)
{
    if (m_step != Step::Idle)
        return;
    m_params = params;
    m_step = Step::Welcome;
    scheduleNext();
}

void ShowcaseWorkflow::cancel()
{
    m_timer.stop();
    m_step = Step::Done;
}

bool ShowcaseWorkflow::isWaiting() const
{
    return m_step == Step::WaitName || m_step == Step::WaitSecret || m_step == Step::WaitColour
            || m_step == Step::WaitToppings;
}

void ShowcaseWorkflow::scheduleNext()
{
    // Always through the event loop, even with no delay: a signal handler
    // that answers synchronously must not re-enter the step it came from.
    m_timer.start(m_stepDelay);
}

void ShowcaseWorkflow::emitAndAdvance(const Message &message, Step next)
{
    m_step = next;
    if (!isWaiting())
        scheduleNext();
    Q_EMIT messageReady(message);
}

QStringList ShowcaseWorkflow::parseSelection(const QString &text, const QStringList &choices)
{
    QStringList picked;
    QStringList raw;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isArray()) {
        const QJsonArray array = document.array();
        for (const QJsonValue &item : array)
            raw.append(item.toString());
    } else {
        raw = text.split(u',');
    }
    for (const QString &choice : choices) {
        for (const QString &item : std::as_const(raw)) {
            if (item.trimmed().compare(choice, Qt::CaseInsensitive) == 0) {
                picked.append(choice);
                break;
            }
        }
    }
    return picked;
}

void ShowcaseWorkflow::answer(const Answer &answer)
{
    switch (m_step) {
    case Step::WaitName:
        m_name = answer.text.trimmed().left(100);
        if (m_name.isEmpty())
            m_name = u"stranger"_s;
        m_step = Step::Greet;
        break;
    case Step::WaitSecret:
        // Only the fact that one was given is kept: it is never sent back.
        m_secretGiven = !answer.text.isEmpty();
        m_step = Step::ConfirmSecret;
        break;
    case Step::WaitColour: {
        const QString given = answer.text.trimmed();
        m_colour = kDefaultColour;
        for (const QString &colour : kColours) {
            if (given.compare(colour, Qt::CaseInsensitive) == 0)
                m_colour = colour;
        }
        m_step = Step::AskToppings;
        break;
    }
    case Step::WaitToppings:
        m_toppings = parseSelection(answer.text, kToppings);
        if (m_toppings.isEmpty())
            m_toppings = QStringList{kDefaultTopping};
        m_step = Step::SuggestCall;
        break;
    default:
        return; // the Run only forwards answers to asking messages
    }
    scheduleNext();
}

void ShowcaseWorkflow::runStep()
{
    switch (m_step) {
    case Step::Welcome:
        emitAndAdvance(Message::textMessage(kWorkflow, kUser,
                                            u"Welcome to the showcase. It sends every kind of "
                                            "message once and uses your answers."_s),
                       Step::AskName);
        return;
    case Step::AskName:
        emitAndAdvance(Message::textInput(kWorkflow, kUser, u"What is your name?"_s,
                                          {u"Ada"_s, u"Alan"_s, u"Grace"_s}),
                       Step::WaitName);
        return;
    case Step::Greet:
        emitAndAdvance(Message::textMessage(kWorkflow, kUser, u"Hello, %1!"_s.arg(m_name)),
                       Step::AskSecret);
        return;
    case Step::AskSecret:
        emitAndAdvance(Message::textInput(kWorkflow, kUser,
                                          u"Type a made-up secret (it is masked and never "
                                          "shown again)"_s,
                                          {}, true),
                       Step::WaitSecret);
        return;
    case Step::ConfirmSecret:
        emitAndAdvance(Message::systemMessage(kWorkflow, kUser,
                                              QJsonObject{{u"event"_s, u"secret_received"_s},
                                                          {u"given"_s, m_secretGiven},
                                                          {u"stored"_s, false}}),
                       Step::AskColour);
        return;
    case Step::AskColour:
        emitAndAdvance(Message::multipleChoice(kWorkflow, kUser, u"Pick a plate colour"_s,
                                               kColours, kDefaultColour, true),
                       Step::WaitColour);
        return;
    case Step::AskToppings:
        emitAndAdvance(Message::multipleChoice(kWorkflow, kUser,
                                               u"Which toppings? (one or more)"_s, kToppings,
                                               kDefaultTopping, false),
                       Step::WaitToppings);
        return;
    case Step::SuggestCall:
        m_callId = u"call_"_s + newHexUuid().left(12);
        emitAndAdvance(Message::suggestedFunctionCall(
                               kAssistant, kKitchen, u"make_pizza"_s, m_callId,
                               QJsonObject{{u"for"_s, m_name},
                                           {u"plate"_s, m_colour},
                                           {u"toppings"_s, QJsonArray::fromStringList(m_toppings)}}),
                       Step::ExecuteCall);
        return;
    case Step::ExecuteCall:
        emitAndAdvance(Message::functionCallExecution(
                               kKitchen, kAssistant, u"make_pizza"_s, m_callId,
                               QJsonObject{{u"status"_s, u"served"_s},
                                           {u"description"_s,
                                            u"A pizza with %1 on a %2 plate for %3"_s.arg(
                                                    m_toppings.join(u", "_s), m_colour, m_name)}}),
                       Step::KeepAlive);
        return;
    case Step::KeepAlive:
        emitAndAdvance(Message::keepAlive(kWorkflow, kUser), Step::Finish);
        return;
    case Step::Finish:
        m_step = Step::Done;
        Q_EMIT finished(u"%1 got a pizza with %2 on a %3 plate%4."_s.arg(
                m_name, m_toppings.join(u", "_s), m_colour,
                m_secretGiven ? u" and kept a secret"_s : QString()));
        return;
    default:
        return;
    }
}

} // namespace agentdesk
