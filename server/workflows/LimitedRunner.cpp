#include "LimitedRunner.h"

#include "RunLimits.h"

#include <QTimer>

namespace agentdesk {

using namespace Qt::StringLiterals;

LimitedRunner::LimitedRunner(std::unique_ptr<WorkflowRunner> inner, std::shared_ptr<RunLimits> limits,
                             QString userId, QObject *parent)
    : WorkflowRunner(parent), m_inner(std::move(inner)), m_limits(std::move(limits)), m_userId(std::move(userId))
{
    connect(m_inner.get(), &WorkflowRunner::messageReady, this, &WorkflowRunner::messageReady);
    connect(m_inner.get(), &WorkflowRunner::finished, this, [this](const QJsonValue &result) {
        release();
        Q_EMIT finished(result);
    });
    connect(m_inner.get(), &WorkflowRunner::failed, this,
            [this](const QString &shortText, const std::optional<QString> &longText) {
                release();
                Q_EMIT failed(shortText, longText);
            });
}

LimitedRunner::~LimitedRunner()
{
    m_inner->disconnect(this);
    release();
}

void LimitedRunner::start(const QJsonObject &params)
{
    if (m_cancelled || m_holding)
        return;
    const Status slot = m_limits->acquire(m_userId);
    if (!slot) {
        const QString reason = slot.error();
        // From the event loop, as every runner's first signal.
        QTimer::singleShot(0, this, [this, reason] {
            if (!m_cancelled)
                Q_EMIT failed(u"Too many workflow runs"_s, reason);
        });
        return;
    }
    m_holding = true;
    m_inner->start(params);
}

void LimitedRunner::answer(const Answer &answer)
{
    if (m_holding)
        m_inner->answer(answer);
}

void LimitedRunner::cancel()
{
    m_cancelled = true;
    m_inner->cancel();
    release();
}

void LimitedRunner::release()
{
    if (!m_holding)
        return;
    m_holding = false;
    m_limits->release(m_userId);
}

} // namespace agentdesk
