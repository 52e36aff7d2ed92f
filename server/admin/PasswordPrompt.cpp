#include "PasswordPrompt.h"

#include <QStringDecoder>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <termios.h>
#include <unistd.h>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

// Longer than any acceptable password (511 bytes), so an overlong one is
// reported by the policy check rather than silently cut.
constexpr qsizetype MaxLineBytes = 4096;

// The terminal state to put back if a signal arrives while echo is off;
// without this, Ctrl-C would leave the user's shell typing blind.
termios savedTerminal{};
volatile std::sig_atomic_t terminalSaved = 0;

extern "C" void restoreTerminalAndDie(int signalNumber)
{
    if (terminalSaved)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal);
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

void writeToStderr(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

bool PasswordPrompt::stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

Result<QString> PasswordPrompt::read(const QString &prompt, bool forceStdin)
{
    if (forceStdin || !stdinIsTerminal())
        return readLine(false);
    Result<QString> first = readFromTerminal(prompt);
    if (!first)
        return first;
    Result<QString> second = readFromTerminal(u"Repeat the password: "_s);
    if (!second)
        return second;
    if (*first != *second)
        return Result<QString>::failure(u"the passwords do not match"_s);
    return first;
}

Result<QString> PasswordPrompt::readFromTerminal(const QString &prompt)
{
    termios noEcho{};
    if (::tcgetattr(STDIN_FILENO, &savedTerminal) != 0)
        return Result<QString>::failure(u"cannot read the terminal settings"_s);
    terminalSaved = 1;
    auto previousInt = std::signal(SIGINT, restoreTerminalAndDie);
    auto previousTerm = std::signal(SIGTERM, restoreTerminalAndDie);
    auto previousHup = std::signal(SIGHUP, restoreTerminalAndDie);
    noEcho = savedTerminal;
    noEcho.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    noEcho.c_lflag |= ECHONL; // the Enter key still moves to the next line
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &noEcho);
    // Prompted only once echo is off (TCSAFLUSH drops what was typed ahead),
    // so whatever is typed after the prompt appears is never shown.
    writeToStderr(prompt);

    Result<QString> line = readLine(true);

    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTerminal);
    terminalSaved = 0;
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    std::signal(SIGHUP, previousHup);
    return line;
}

Result<QString> PasswordPrompt::readLine(bool fromTerminal)
{
    // Byte by byte with read(2): no stdio buffer keeps a copy, and nothing
    // past the line is consumed.
    QByteArray bytes;
    bool sawNewline = false;
    char c = 0;
    while (bytes.size() <= MaxLineBytes) {
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (c == '\n') {
            sawNewline = true;
            break;
        }
        bytes.append(c);
    }
    const auto wipe = [&bytes] {
        if (!bytes.isEmpty())
            explicit_bzero(bytes.data(), static_cast<size_t>(bytes.size()));
    };
    if (bytes.size() > MaxLineBytes) {
        wipe();
        return Result<QString>::failure(u"the password is too long"_s);
    }
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    if (bytes.isEmpty() && !sawNewline) {
        return Result<QString>::failure(fromTerminal ? u"no password entered"_s
                                                     : u"no password on standard input"_s);
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString password = decoder.decode(bytes);
    wipe();
    if (decoder.hasError())
        return Result<QString>::failure(u"the password is not valid UTF-8"_s);
    return password;
}

} // namespace agentdesk
