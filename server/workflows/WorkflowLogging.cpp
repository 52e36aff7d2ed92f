#include "WorkflowLogging.h"

Q_LOGGING_CATEGORY(lcWorkflows, "agentdesk.workflows", QtInfoMsg)
