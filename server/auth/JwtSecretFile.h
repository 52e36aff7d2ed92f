#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace agentdesk {

// The JWT signing secret kept in an owner-only file, so tokens survive a
// restart without the secret ever being in the source or the config.
class JwtSecretFile
{
public:
    // Reads the secret at `path`, or, when there is no file yet, generates one
    // (32 random bytes as 64 hex characters) and writes it atomically with
    // mode 0600 (folders 0700). A file that others can access, or one holding
    // a secret under 32 bytes, is refused.
    static Result<QByteArray> loadOrCreate(const QString &path);

    // Reads an existing secret file with the same checks.
    static Result<QByteArray> load(const QString &path);
};

} // namespace agentdesk
