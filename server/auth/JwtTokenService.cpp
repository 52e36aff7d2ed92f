#include "JwtTokenService.h"

#include "ConstantTime.h"
#include "Logging.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QUuid>

#include <jwt.h>

#include <cmath>
#include <cstdlib>

namespace agentdesk {

using namespace Qt::StringLiterals;

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

struct FreeDeleter
{
    void operator()(char *text) const { std::free(text); }
};
using CString = std::unique_ptr<char, FreeDeleter>;

bool isBase64UrlPart(QByteArrayView part)
{
    for (const char c : part) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return !part.isEmpty();
}

std::optional<QByteArray> decodeBase64Url(const QByteArray &part)
{
    auto decoded = QByteArray::fromBase64Encoding(part, Base64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    // Only the canonical encoding: no second spelling of the same signature.
    if (decoded.decoded.toBase64(Base64Url) != part)
        return std::nullopt;
    return decoded.decoded;
}

// A JSON number that is a whole number of seconds, as PyJWT wants for exp/iat/nbf.
std::optional<qint64> numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::abs(number) > 1e15)
        return std::nullopt;
    return static_cast<qint64>(std::floor(number));
}

} // namespace

Result<std::unique_ptr<JwtTokenService>> JwtTokenService::create(const QByteArray &secret,
                                                                 std::chrono::seconds lifetime,
                                                                 Clock clock)
{
    using R = Result<std::unique_ptr<JwtTokenService>>;
    if (secret.size() < MinimumSecretBytes)
        return R::failure(u"the JWT secret must be at least %1 bytes long"_s.arg(MinimumSecretBytes));
    if (lifetime.count() <= 0)
        return R::failure(u"the token lifetime must be positive"_s);
    if (!clock)
        clock = &TokenService::systemNow;
    return std::unique_ptr<JwtTokenService>(new JwtTokenService(secret, lifetime, std::move(clock)));
}

JwtTokenService::JwtTokenService(const QByteArray &secret, std::chrono::seconds lifetime, Clock clock)
    : m_secret(secret), m_lifetime(lifetime), m_clock(std::move(clock))
{
}

Result<QString> JwtTokenService::issue(const User &user)
{
    using R = Result<QString>;
    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return R::failure(u"could not create a token"_s);
    JwtPtr jwt(raw);
    const qint64 now = m_clock().toSecsSinceEpoch();
    const QByteArray jti = QUuid::createUuid().toByteArray(QUuid::Id128);
    int error = jwt_add_grant(jwt.get(), "sub", user.username.toUtf8().constData());
    error = error ? error : jwt_add_grant(jwt.get(), "uid", user.id.toUtf8().constData());
    error = error ? error : jwt_add_grant_int(jwt.get(), "iat", static_cast<long>(now));
    error = error ? error
                  : jwt_add_grant_int(jwt.get(), "exp", static_cast<long>(now + m_lifetime.count()));
    error = error ? error : jwt_add_grant(jwt.get(), "jti", jti.constData());
    error = error ? error
                  : jwt_set_alg(jwt.get(), JWT_ALG_HS256,
                                reinterpret_cast<const unsigned char *>(m_secret.constData()),
                                static_cast<int>(m_secret.size()));
    if (error != 0)
        return R::failure(u"could not create a token"_s);
    CString encoded(jwt_encode_str(jwt.get()));
    if (!encoded)
        return R::failure(u"could not encode a token"_s);
    return QString::fromLatin1(encoded.get());
}

bool JwtTokenService::signatureMatches(const QByteArray &signedPart, const QByteArray &signature) const
{
    const QByteArray expected =
            QMessageAuthenticationCode::hash(signedPart, m_secret, QCryptographicHash::Sha256);
    return constantTimeEquals(expected, signature);
}

std::optional<TokenSubject> JwtTokenService::validate(const QString &token) const
{
    // Cheap refusals first: size, shape, header; nothing of the token is logged.
    if (token.isEmpty() || token.size() > MaxTokenBytes)
        return std::nullopt;
    const QByteArray bytes = token.toLatin1();
    if (QString::fromLatin1(bytes) != token)
        return std::nullopt;
    const QList<QByteArray> parts = bytes.split('.');
    if (parts.size() != 3 || !isBase64UrlPart(parts[0]) || !isBase64UrlPart(parts[1])
        || !isBase64UrlPart(parts[2]))
        return std::nullopt; // also an unsigned "alg: none" token with its empty third part

    const auto headerJson = decodeBase64Url(parts[0]);
    if (!headerJson)
        return std::nullopt;
    const QJsonDocument header = QJsonDocument::fromJson(*headerJson);
    if (!header.isObject() || header.object().value(u"alg").toString() != u"HS256")
        return std::nullopt;

    // Our own constant-time HMAC check, so the comparison does not depend on
    // the libjwt build carrying the CVE-2024-25189 fix.
    const auto signature = decodeBase64Url(parts[2]);
    if (!signature || !signatureMatches(parts[0] + '.' + parts[1], *signature))
        return std::nullopt;

    // libjwt parses and verifies again; it would verify an HS384/HS512 token
    // with our key too, so the algorithm it saw is checked as well.
    jwt_t *raw = nullptr;
    const int decoded = jwt_decode(&raw, bytes.constData(),
                                   reinterpret_cast<const unsigned char *>(m_secret.constData()),
                                   static_cast<int>(m_secret.size()));
    JwtPtr jwt(raw);
    if (decoded != 0 || !jwt || jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return std::nullopt;

    CString grants(jwt_get_grants_json(jwt.get(), nullptr));
    if (!grants)
        return std::nullopt;
    const QJsonDocument claimsDocument = QJsonDocument::fromJson(QByteArray(grants.get()));
    if (!claimsDocument.isObject())
        return std::nullopt;
    const QJsonObject claims = claimsDocument.object();

    const qint64 now = m_clock().toSecsSinceEpoch();
    const auto exp = numericDate(claims.value(u"exp"));
    if (!exp || *exp <= now) // PyJWT's rule with no leeway: expired at exp itself
        return std::nullopt;
    if (claims.contains(u"nbf")) {
        const auto nbf = numericDate(claims.value(u"nbf"));
        if (!nbf || *nbf > now)
            return std::nullopt;
    }
    if (claims.contains(u"iat") && !numericDate(claims.value(u"iat")))
        return std::nullopt;

    TokenSubject subject;
    subject.username = claims.value(u"sub").toString();
    subject.userId = claims.value(u"uid").toString();
    if (subject.username.isEmpty() || subject.userId.isEmpty())
        return std::nullopt;
    return subject;
}

Status JwtTokenService::revoke(const QString &)
{
    return Status::failure(u"JWT access tokens cannot be revoked; they expire"_s);
}

} // namespace agentdesk
