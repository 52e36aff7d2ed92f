#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace agentdesk::test {

// Collects every message Qt logs while it exists (still passing them on to
// the previous handler), so a test can prove what never reached a log.
// One at a time.
class LogCapture
{
public:
    LogCapture();
    ~LogCapture();
    Q_DISABLE_COPY_MOVE(LogCapture)

    QList<QString> lines() const;     // "category: message"
    bool contains(const QString &needle) const;
    QList<QString> linesIn(const QString &category) const;
    void clear();
};

} // namespace agentdesk::test
