#include "LlmLogging.h"

Q_LOGGING_CATEGORY(lcLlm, "agentdesk.llm", QtInfoMsg)
