#pragma once

#include "Result.h"

#include <QString>

namespace agentdesk {

// Helpers for files only the server's own user may read (the user database,
// the JWT secret).

// Creates the missing folders of `dir` with mode 0700. Folders that already
// exist are left as they are: they may be the user's home or /var/lib.
Status makePrivateFolders(const QString &dir);

// Fails when `path` exists and is not a regular file, or when group or others
// have any permission on it (the text says how to fix it).
Status checkOwnerOnly(const QString &path);

} // namespace agentdesk
