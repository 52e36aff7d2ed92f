#include "OpaqueTokenService.h"

#include "Logging.h"
#include "UserStore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

// Hashing makes a stolen copy of the database useless for logging in, and
// looking up by hash keeps the comparison off the secret itself.
QByteArray tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256);
}

bool looksLikeToken(const QString &token)
{
    if (token.size() != OpaqueTokenService::TokenLength)
        return false;
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z')
                || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

OpaqueTokenService::OpaqueTokenService(UserStore &store, std::chrono::seconds lifetime, Clock clock)
    : m_store(store), m_lifetime(lifetime), m_clock(clock ? std::move(clock) : &TokenService::systemNow)
{
}

Result<QString> OpaqueTokenService::issue(const User &user)
{
    std::array<quint32, TokenBytes / sizeof(quint32)> random{};
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    const QByteArray raw(reinterpret_cast<const char *>(random.data()), TokenBytes);
    const QString token = QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    random.fill(0);

    const QDateTime now = m_clock();
    // Expired rows are dropped here rather than by a timer: issuing is rare
    // enough, and the expiry index makes it cheap.
    if (auto purged = m_store.removeExpiredTokens(now); !purged)
        qCWarning(lcAuth) << "could not drop expired tokens:" << purged.error();
    const Status stored = m_store.addToken(tokenHash(token), user.id,
                                           now.addSecs(m_lifetime.count()));
    if (!stored)
        return Result<QString>::failure(stored.error());
    return token;
}

std::optional<TokenSubject> OpaqueTokenService::validate(const QString &token) const
{
    if (!looksLikeToken(token))
        return std::nullopt;
    const auto userId = m_store.tokenUser(tokenHash(token), m_clock());
    if (!userId)
        return std::nullopt;
    return TokenSubject{{}, *userId};
}

Status OpaqueTokenService::revoke(const QString &token)
{
    if (!looksLikeToken(token))
        return Status::failure(u"unknown token"_s);
    return m_store.removeToken(tokenHash(token));
}

} // namespace agentdesk
