#include "JwtSecretFile.h"

#include "Logging.h"
#include "PrivateFiles.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MinimumSecretBytes = 32;
constexpr qint64 MaximumFileBytes = 4096;

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QByteArray randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()),
                                          bytes / static_cast<int>(sizeof(quint32)));
    return raw.toHex();
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written,
                                  static_cast<size_t>(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        written += n;
    }
    return true;
}

} // namespace

Result<QByteArray> JwtSecretFile::load(const QString &path)
{
    using R = Result<QByteArray>;
    if (Status private_ = checkOwnerOnly(path); !private_)
        return R::failure(u"JWT secret file: "_s + private_.error());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return R::failure(u"cannot read the JWT secret file %1: %2"_s.arg(path, file.errorString()));
    const QByteArray secret = file.read(MaximumFileBytes + 1).trimmed();
    if (file.size() > MaximumFileBytes)
        return R::failure(u"the JWT secret file %1 is too large"_s.arg(path));
    if (secret.size() < MinimumSecretBytes)
        return R::failure(u"the JWT secret in %1 must be at least %2 bytes long"_s.arg(path).arg(
                MinimumSecretBytes));
    return secret;
}

Result<QByteArray> JwtSecretFile::loadOrCreate(const QString &path)
{
    using R = Result<QByteArray>;
    if (path.isEmpty())
        return R::failure(u"no JWT secret file configured"_s);
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (QFileInfo::exists(absolute) || QFileInfo(absolute).isSymLink())
        return load(absolute);

    if (Status folders = makePrivateFolders(QFileInfo(absolute).absolutePath()); !folders)
        return R::failure(folders.error());

    // Written to a private temporary file created 0600 (mode fixed before the
    // first byte), flushed, then linked into place: link() never replaces an
    // existing file, so two servers starting at once agree on one secret.
    const QByteArray secret = randomHex(32);
    const QByteArray target = QFile::encodeName(absolute);
    const QByteArray temporary = target + ".tmp-" + randomHex(8);
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                          0600);
    if (fd < 0)
        return R::failure(u"cannot create the JWT secret file %1: %2"_s.arg(absolute, systemError()));
    bool ok = ::fchmod(fd, 0600) == 0 && writeAll(fd, secret + '\n') && ::fsync(fd) == 0;
    QString error = ok ? QString() : systemError();
    ok = (::close(fd) == 0) && ok;
    if (ok && ::link(temporary.constData(), target.constData()) != 0) {
        ok = false;
        error = systemError();
        if (errno == EEXIST) {
            ::unlink(temporary.constData());
            return load(absolute); // another process was first: use its secret
        }
    }
    ::unlink(temporary.constData());
    if (!ok)
        return R::failure(u"cannot write the JWT secret file %1: %2"_s.arg(absolute, error));

    // The new directory entry must survive a crash too, or tokens would not.
    const int dirFd = ::open(QFile::encodeName(QFileInfo(absolute).absolutePath()).constData(),
                             O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    qCInfo(lcAuth) << "generated a new JWT secret in" << absolute;
    return secret;
}

} // namespace agentdesk
