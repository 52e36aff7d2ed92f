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

} // namespace agentdesk::test
