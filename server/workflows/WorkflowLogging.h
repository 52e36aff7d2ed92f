#pragma once

#include <QLoggingCategory>

// Configured workflows: the workflows file, process workflows (their stderr
// lands here), agent chats and run limits.
Q_DECLARE_LOGGING_CATEGORY(lcWorkflows)
