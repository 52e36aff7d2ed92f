#include "PasswordHasher.h"

#include "ConstantTime.h"
#include "Logging.h"

#include <crypt.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace agentdesk {

using namespace Qt::StringLiterals;

static_assert(PasswordHasher::MaximumPasswordBytes == CRYPT_MAX_PASSPHRASE_SIZE - 1);

namespace {

// One crypt_rn call with its own scratch area (crypt_data is large and must
// start zeroed); the scratch area held password material, so it is wiped.
QByteArray cryptOnce(const QByteArray &phrase, const QByteArray &setting)
{
    auto data = std::make_unique<crypt_data>();
    const char *out = crypt_rn(phrase.constData(), setting.constData(), data.get(),
                               static_cast<int>(sizeof(crypt_data)));
    QByteArray result;
    // crypt_rn returns null on failure; "*" starts libxcrypt's failure tokens.
    if (out && out[0] != '*')
        result = QByteArray(out);
    explicit_bzero(data.get(), sizeof(crypt_data));
    return result;
}

// Best effort: our own copies of a password should not linger in freed memory.
void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        explicit_bzero(bytes.data(), static_cast<size_t>(bytes.size()));
}

} // namespace

PasswordHasher::PasswordHasher()
{
    m_pool.setObjectName(u"agentdesk-password-hashing"_s);
    m_pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
}

PasswordHasher::~PasswordHasher()
{
    m_pool.waitForDone();
}

Status PasswordHasher::checkPolicy(const QString &password)
{
    if (password.contains(QChar(u'\0')))
        return Status::failure(u"the password must not contain a NUL character"_s);
    if (password.toUcs4().size() < MinimumPasswordLength)
        return Status::failure(
                u"the password must have at least %1 characters"_s.arg(MinimumPasswordLength));
    if (password.toUtf8().size() > MaximumPasswordBytes)
        return Status::failure(
                u"the password must not be longer than %1 bytes"_s.arg(MaximumPasswordBytes));
    return success();
}

bool PasswordHasher::isSupportedHash(const QString &hash)
{
    // Only the schemes we mean to accept: an imported file must not smuggle
    // in DES or MD5 crypt hashes that crypt_r would happily verify.
    static const QLatin1StringView prefixes[] = {"$y$"_L1, "$2b$"_L1, "$2a$"_L1, "$2y$"_L1};
    if (hash.size() > 512)
        return false;
    for (const auto prefix : prefixes) {
        if (hash.startsWith(prefix))
            return crypt_checksalt(hash.toLatin1().constData()) != CRYPT_SALT_INVALID;
    }
    return false;
}

bool PasswordHasher::needsRehash(const QString &hash)
{
    return !hash.startsWith("$y$"_L1);
}

Result<QString> PasswordHasher::hash(const QString &password) const
{
    const Status policy = checkPolicy(password);
    if (!policy)
        return Result<QString>::failure(policy.error());

    // Cost 0 = libxcrypt's default for yescrypt; null rbytes = it reads the
    // system's random source itself.
    char *setting = crypt_gensalt_ra("$y$", 0, nullptr, 0);
    if (!setting) {
        qCWarning(lcAuth) << "crypt_gensalt_ra failed:" << std::strerror(errno);
        return Result<QString>::failure(u"could not generate a password salt"_s);
    }
    QByteArray phrase = password.toUtf8();
    const QByteArray hashed = cryptOnce(phrase, QByteArray(setting));
    wipe(phrase);
    std::free(setting);
    if (hashed.isEmpty())
        return Result<QString>::failure(u"could not hash the password"_s);
    return QString::fromLatin1(hashed);
}

bool PasswordHasher::verify(const QString &password, const QString &hash) const
{
    const bool real = isSupportedHash(hash);
    const QByteArray setting = (real ? hash : dummyHash()).toLatin1();
    QByteArray phrase = password.toUtf8();
    // A NUL would cut the phrase short inside crypt; such a password never matches.
    // Too long passwords are refused after the same work, not before it.
    const bool acceptable = !phrase.contains('\0') && phrase.size() <= MaximumPasswordBytes;
    if (!acceptable)
        phrase = QByteArray("x");
    const QByteArray computed = cryptOnce(phrase, setting);
    wipe(phrase);
    return real && acceptable && !computed.isEmpty() && constantTimeEquals(computed, setting);
}

void PasswordHasher::hashAsync(const QString &password, QObject *context,
                               std::function<void(Result<QString>)> done)
{
    runAsync(context, [this, password] { return hash(password); }, std::move(done));
}

void PasswordHasher::verifyAsync(const QString &password, const QString &hash, QObject *context,
                                 std::function<void(bool)> done)
{
    runAsync(context, [this, password, hash] { return verify(password, hash); }, std::move(done));
}

const QString &PasswordHasher::dummyHash() const
{
    // Made once, lazily, from a random password nobody knows: a fixed dummy
    // in the source would be a hash anyone could precompute.
    std::call_once(m_dummyOnce, [this] {
        char *setting = crypt_gensalt_ra("$y$", 0, nullptr, 0);
        if (setting) {
            m_dummyHash = QString::fromLatin1(
                    cryptOnce(QByteArray(setting).toHex(), QByteArray(setting)));
            std::free(setting);
        }
        if (m_dummyHash.isEmpty())
            qCWarning(lcAuth) << "could not make the dummy password hash";
    });
    return m_dummyHash;
}

} // namespace agentdesk
