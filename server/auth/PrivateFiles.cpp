#include "PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

Status makePrivateFolders(const QString &dir)
{
    QStringList missing;
    QString current = QDir::cleanPath(QDir(dir).absolutePath());
    while (!QFileInfo::exists(current)) {
        missing.prepend(current);
        const QString parent = QFileInfo(current).absolutePath();
        if (parent == current)
            break;
        current = parent;
    }
    for (const QString &folder : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(folder).constData(), 0700) != 0 && errno != EEXIST)
            return Status::failure(u"cannot create folder %1: %2"_s.arg(folder, systemError()));
    }
    if (!QFileInfo(dir).isDir())
        return Status::failure(u"%1 is not a folder"_s.arg(dir));
    return success();
}

Status checkOwnerOnly(const QString &path)
{
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return Status::failure(u"cannot read %1: %2"_s.arg(path, systemError()));
    if (!S_ISREG(info.st_mode))
        return Status::failure(u"%1 is not a regular file"_s.arg(path));
    if ((info.st_mode & 077) != 0)
        return Status::failure(
                u"%1 can be accessed by other users; make it owner-only (chmod 600 %1)"_s.arg(path));
    return success();
}

} // namespace agentdesk
