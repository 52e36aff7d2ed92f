#pragma once

#include <QDateTime>
#include <QString>

namespace agentdesk {

// A user as the rest of the server sees it; the password hash stays in the store.
struct User
{
    QString id; // stable UUID (8-4-4-4-12), never reused
    QString username;
    QString fullName;
    QString email;
    bool disabled = false;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace agentdesk
