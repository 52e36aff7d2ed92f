#pragma once

#include "Workflow.h"

#include <QString>

namespace agentdesk::test {

// Small workflows for tests, registered with server.workflows().add(...).
//
// "failing": asks one text_input, then fails with the error short text
// "boom: <answer>" (or fails at once when `askFirst` is false).
Workflow failingWorkflow(const QString &name = QStringLiteral("failing"), bool askFirst = true);

// "waiting": asks one text_input and waits; the answer finishes the run with
// the answer as result. For grace periods, cancellation and many runs.
Workflow waitingWorkflow(const QString &name = QStringLiteral("waiting"));

// "delayed": asks one text_input; the answer is acknowledged at once with a
// text_message "Working on <answer>", and `delayMs` later the run finishes
// with the answer as result. For a run that finishes while nobody watches.
Workflow delayedWorkflow(int delayMs, const QString &name = QStringLiteral("delayed"));

} // namespace agentdesk::test
