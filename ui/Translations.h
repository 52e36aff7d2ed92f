#pragma once

#include <QLocale>

class QCoreApplication;

namespace agentdesk {

// Installs the translations of the user's language (ours, compiled in from
// resources/translations/agentdesk_<lang>.ts, and Qt's own when the system
// has them); returns whether ours were found for `locale`. Without them
// (English, or a language we lack) the English plural forms are installed.
bool installTranslations(QCoreApplication *app, const QLocale &locale = QLocale());

} // namespace agentdesk
