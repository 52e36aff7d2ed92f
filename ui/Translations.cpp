#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace agentdesk {

using namespace Qt::StringLiterals;

bool installTranslations(QCoreApplication *app, const QLocale &locale)
{
    auto *qt = new QTranslator(app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto *ours = new QTranslator(app);
    ours->setObjectName(u"agentdeskTranslator"_s);
    if (ours->load(locale, u"agentdesk"_s, u"_"_s, u":/agentdesk/translations"_s)
        && ours->language() != u"en"_s) {
        QCoreApplication::installTranslator(ours);
        return true;
    }
    // No catalogue of this language: English, whose catalogue holds only the
    // plural forms of the source texts ("1 line", "2 lines").
    if (ours->load(u"agentdesk_en"_s, u":/agentdesk/translations"_s))
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
    return false;
}

} // namespace agentdesk
