#include "RunSession.h"

#include "api/RunConnection.h"

namespace agentdesk {

RunSession::RunSession(const QString &tag, const QString &workflow, QObject *parent)
    : QObject(parent), m_tag(tag), m_workflow(workflow), m_connection(new RunConnection(this))
{
}

RunSession::~RunSession()
{
    m_connection->stop();
}

} // namespace agentdesk
