#pragma once

#include "Result.h"

#include <QString>

namespace agentdesk {

// Reads a password for the command line: from the terminal without echo,
// asked twice, when stdin is a terminal; otherwise one line from stdin (for
// scripts: `printf '%s\n' "$pw" | agentdesk users add bob --password-stdin`).
class PasswordPrompt
{
public:
    // `prompt` goes to stderr, only when reading from a terminal.
    // `forceStdin` reads a line even when stdin is a terminal.
    static Result<QString> read(const QString &prompt, bool forceStdin);

    static bool stdinIsTerminal();

private:
    static Result<QString> readFromTerminal(const QString &prompt);
    static Result<QString> readLine(bool fromTerminal);
};

} // namespace agentdesk
