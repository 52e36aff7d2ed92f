// A benchmark program, not a test: how fast a long conversation opens and
// scrolls. It fills a ConversationView with N mixed messages on the
// offscreen platform (or any other: set QT_QPA_PLATFORM) and reports
//   - open:   model fill + layout + first paint, scrolled to the newest entry
//   - scroll: time per scroll step (one wheel notch) and for a full pass
//             from the bottom to the top, page by page, painting each page.
//
//   conversation_bench [--messages N] [--width W] [--height H]
#include "Message.h"
#include "history/HistoryStore.h"
#include "widgets/ConversationModel.h"
#include "widgets/ConversationView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QPixmap>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace agentdesk;
using namespace Qt::StringLiterals;

namespace {

QList<Message> mixedMessages(int count)
{
    QList<Message> out;
    out.reserve(count);
    const QStringList agents{u"Student_Agent"_s, u"Teacher_Agent"_s, u"Planner"_s, u"Coder"_s};
    for (int i = 0; i < count; ++i) {
        const QString from = agents.at(i % agents.size());
        const QString to = agents.at((i + 1) % agents.size());
        switch (i % 10) {
        case 0:
        case 1:
        case 2:
            out.append(Message::textMessage(from, to,
                    u"Message %1: a **short** answer with `inline code` and a [link](https://example.org)."_s.arg(i)));
            break;
        case 3:
            out.append(Message::textMessage(from, to,
                    u"## Step %1\n\nA longer turn that explains something in several sentences, so that it wraps "
                    "over a few lines in a bubble of ordinary width. It keeps going for a while to look like what "
                    "a language model writes when it is asked to explain a thing.\n\n- first point\n- second point\n"
                    "- third point\n\n```python\ndef f(x):\n    return x * %1\n```\n"_s.arg(i)));
            break;
        case 4:
            out.append(Message::suggestedFunctionCall(from, to, u"search"_s, u"call-%1"_s.arg(i),
                    {{u"query"_s, u"integrals %1"_s.arg(i)}, {u"limit"_s, 5}}));
            break;
        case 5:
            out.append(Message::functionCallExecution(to, from, u"search"_s, u"call-%1"_s.arg(i),
                    QJsonObject{{u"hits"_s, QJsonArray{u"a"_s, u"b"_s, u"c"_s}}, {u"took_ms"_s, i % 97}}));
            break;
        case 6:
            out.append(Message::textInput(u"Workflow"_s, u"User"_s, u"Continue with step %1?"_s.arg(i),
                                          {u"yes"_s, u"no"_s}));
            break;
        case 7:
            out.append(Message::systemMessage(u"Workflow"_s, u"User"_s, {{u"progress"_s, i}}));
            break;
        case 8:
            out.append(Message::textMessage(from, to, u"ok %1"_s.arg(i)));
            break;
        default:
            out.append(i % 100 == 99 ? Message::error(u"Workflow"_s, u"User"_s, u"Timeout"_s,
                                                      u"Traceback (most recent call last):\n  ...\nTimeoutError"_s)
                                     : Message::keepAlive(u"Workflow"_s, u"User"_s));
        }
    }
    return out;
}

void paint(QWidget *widget)
{
    // Render synchronously, as an expose would.
    QPixmap target(widget->size());
    widget->render(&target);
}

// A window to look at: every kind of entry once, as a run shows them.
int showSample(QApplication &app, int seconds, bool dark)
{
    if (dark) {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        p.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
        p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::PlaceholderText, QColor(0x99, 0x99, 0x99));
        p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
        QApplication::setPalette(p);
    }
    auto *model = new ConversationModel(&app);
    model->addNotice(u"Starting “showcase”…"_s, false);
    model->addMessage(Message::workflowStarted(u"Workflow"_s, u"User"_s, u"showcase"_s, u"Every message type"_s, {}));
    model->addMessage(Message::textInput(u"Workflow"_s, u"User"_s, u"What is your name?"_s, {u"Ada"_s, u"Grace"_s}));
    model->addAnswer(u"q1"_s, u"Grace"_s, false);
    model->addMessage(Message::textMessage(u"Teacher_Agent"_s, u"Student_Agent"_s,
            u"Hello, **Grace**! Here is how to compute a derivative:\n\n1. write the function\n2. apply the rule\n\n"
            "```python\ndef derivative(f, x, h=1e-6):\n    return (f(x + h) - f(x)) / h\n```\n\nSee [the docs](https://example.org)."_s));
    model->addMessage(Message::textMessage(u"Student_Agent"_s, u"Teacher_Agent"_s, u"Thanks, that `h` is small."_s));
    model->addMessage(Message::textInput(u"Workflow"_s, u"User"_s, u"Your secret?"_s, {}, true));
    model->addAnswer(u"q2"_s, u"hunter2"_s, true);
    model->addMessage(Message::suggestedFunctionCall(u"Assistant"_s, u"Kitchen"_s, u"make_pizza"_s, u"call-1"_s,
                                                      {{u"toppings"_s, QJsonArray{u"cheese"_s, u"basil"_s}}, {u"plate"_s, u"blue"_s}}));
    model->addMessage(Message::functionCallExecution(u"Kitchen"_s, u"Assistant"_s, u"make_pizza"_s, u"call-1"_s,
                                                      QJsonObject{{u"ok"_s, true}, {u"minutes"_s, 12}}));
    model->addMessage(Message::systemMessage(u"Workflow"_s, u"User"_s, {{u"type"_s, u"status"_s}, {u"progress"_s, 0.5}}));
    model->addMessage(Message::error(u"Workflow"_s, u"User"_s, u"The oven is cold"_s,
                                     u"Traceback (most recent call last):\n  File \"kitchen.py\", line 3\nOvenError: cold"_s));
    model->addMessage(Message::workflowCompleted(u"Workflow"_s, u"User"_s, u"Grace got a pizza with **cheese, basil** on a blue plate."_s));
    auto *view = new ConversationView;
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setModel(model);
    view->resize(900, 760);
    view->setWindowTitle(u"Conversation sample"_s);
    view->show();
    if (qEnvironmentVariableIsSet("SAMPLE_TOP"))
        QTimer::singleShot(500, view, [view] { view->scrollToTop(); });
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    const bool showing = std::any_of(argv, argv + argc, [](const char *a) { return qstrcmp(a, "--show") == 0; });
    if (!showing && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption messagesOption(u"messages"_s, u"Messages (10000)."_s, u"n"_s, u"10000"_s);
    const QCommandLineOption widthOption(u"width"_s, u"View width (900)."_s, u"px"_s, u"900"_s);
    const QCommandLineOption heightOption(u"height"_s, u"View height (700)."_s, u"px"_s, u"700"_s);
    const QCommandLineOption showOption(u"show"_s, u"Show a sample conversation for this many seconds instead."_s,
                                        u"seconds"_s);
    const QCommandLineOption darkOption(u"dark"_s, u"With --show: a dark palette."_s);
    parser.addOptions({messagesOption, widthOption, heightOption, showOption, darkOption});
    parser.process(app);
    const int count = parser.value(messagesOption).toInt();
    QTextStream out(stdout);
    if (parser.isSet(showOption))
        return showSample(app, parser.value(showOption).toInt(), parser.isSet(darkOption));

    const QList<Message> messages = mixedMessages(count);
    ConversationModel model;
    ConversationView view;
    view.resize(parser.value(widthOption).toInt(), parser.value(heightOption).toInt());
    view.setModel(&model);
    view.show();
    QCoreApplication::processEvents();

    QElapsedTimer timer;
    timer.start();
    model.addMessages(messages);
    const qint64 filled = timer.nsecsElapsed();
    view.doItemsLayout();
    view.scrollToBottom();
    const qint64 laidOut = timer.nsecsElapsed();
    paint(view.viewport());
    const qint64 opened = timer.nsecsElapsed();
    QScrollBar *bar = view.verticalScrollBar();

    out << "conversation_bench: " << count << " messages, view " << view.width() << "x" << view.height()
        << ", platform " << QGuiApplication::platformName() << Qt::endl;
    out << "  open: " << opened / 1e6 << " ms (model fill " << filled / 1e6 << " ms, layout "
        << (laidOut - filled) / 1e6 << " ms, first paint " << (opened - laidOut) / 1e6 << " ms)" << Qt::endl;
    // The rows off screen are measured exactly in idle time: how long until done.
    timer.restart();
    qint64 longestTurn = 0;
    QElapsedTimer turn;
    while (view.isRefining()) {
        turn.restart();
        QCoreApplication::processEvents();
        longestTurn = qMax(longestTurn, turn.nsecsElapsed());
    }
    out << "  background refinement of off-screen heights: " << timer.nsecsElapsed() / 1e6
        << " ms, longest event-loop turn " << longestTurn / 1e6 << " ms" << Qt::endl;
    out << "  content height " << bar->maximum() + bar->pageStep() << " px, at bottom: "
        << (bar->value() == bar->maximum() ? "yes" : "no") << Qt::endl;

    // Wheel-sized steps upward from the bottom, each painted.
    QList<qint64> steps;
    const int step = bar->singleStep() * 3;
    for (int i = 0; i < 300 && bar->value() > 0; ++i) {
        timer.restart();
        bar->setValue(bar->value() - step);
        paint(view.viewport());
        steps.append(timer.nsecsElapsed());
    }
    std::sort(steps.begin(), steps.end());
    const auto pct = [&steps](double p) {
        return steps.isEmpty() ? 0.0 : steps.at(qMin(steps.size() - 1, qsizetype(p * steps.size()))) / 1e6;
    };
    out << "  scroll step (" << step << " px, " << steps.size() << " steps): p50 " << pct(0.5) << " ms, p99 "
        << pct(0.99) << " ms, max " << pct(1.0) << " ms" << Qt::endl;

    // A full pass, page by page from the bottom to the top.
    bar->setValue(bar->maximum());
    paint(view.viewport());
    timer.restart();
    int pages = 0;
    qint64 worst = 0;
    QElapsedTimer page;
    while (bar->value() > 0) {
        page.restart();
        bar->setValue(bar->value() - bar->pageStep());
        paint(view.viewport());
        worst = qMax(worst, page.nsecsElapsed());
        ++pages;
    }
    const qint64 full = timer.nsecsElapsed();
    out << "  full scroll: " << pages << " pages in " << full / 1e6 << " ms (" << (full / 1e6) / qMax(1, pages)
        << " ms per page, worst " << worst / 1e6 << " ms)" << Qt::endl;

    // A new width: every height is estimated again, then refined.
    timer.restart();
    view.resize(view.width() - 120, view.height());
    view.doItemsLayout();
    paint(view.viewport());
    out << "  resize (relayout at a new width, painted): " << timer.nsecsElapsed() / 1e6 << " ms" << Qt::endl;

    // The same conversation reopened from the history, as the History
    // window does: read the file, fill a model, lay out, paint.
    QTemporaryDir historyDir;
    HistoryStore history(historyDir.path());
    QString path;
    {
        ConversationModel recorded;
        ConversationRecorder recorder(history, u"embedded"_s, u"bench"_s, u"bench"_s, &recorded);
        recorded.addMessages(messages);
        path = recorder.path();
    }
    const qint64 fileBytes = QFileInfo(path).size();
    timer.restart();
    const auto stored = HistoryStore::read(path);
    const qint64 read = timer.nsecsElapsed();
    if (!stored) {
        out << "  history: cannot read " << path << Qt::endl;
        return 1;
    }
    ConversationModel reopened;
    ConversationView reopenedView;
    reopenedView.resize(view.size());
    reopenedView.setModel(&reopened);
    reopenedView.show();
    QCoreApplication::processEvents();
    timer.restart();
    reopened.appendJson(stored->entries);
    reopenedView.doItemsLayout();
    reopenedView.scrollToBottom();
    paint(reopenedView.viewport());
    const qint64 shown = timer.nsecsElapsed();
    timer.restart();
    const auto found = history.search(u"embedded"_s, u"bench"_s, u"integrals %1"_s.arg(count - 6));
    const qint64 searched = timer.nsecsElapsed();
    out << "  reopen from the history (" << stored->entries.size() << " entries, " << fileBytes / 1024
        << " KiB): " << (read + shown) / 1e6 << " ms (read " << read / 1e6 << " ms, fill + layout + paint "
        << shown / 1e6 << " ms); search " << searched / 1e6 << " ms, " << found.size() << " found" << Qt::endl;
    return 0;
}
