// Runs runUserAdminCommand exactly as `agentdesk users ...` will: the test
// drives it through QProcess to cover the real stdin and exit-code paths.
#include "UserAdminCommand.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return agentdesk::runUserAdminCommand(QCoreApplication::arguments().mid(1));
}
