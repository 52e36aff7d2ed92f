#pragma once

#include "TokenService.h"

#include <QByteArray>

#include <chrono>
#include <memory>

namespace agentdesk {

// Upstream's JWT mode: HS256 with `sub` (username) and `exp`, plus our `iat`,
// `jti` and `uid` (the user id, so a token does not pass to a later user who
// takes a deleted user's name). Only HS256 is accepted, whatever the token's
// header says.
class JwtTokenService : public TokenService
{
public:
    static constexpr qsizetype MinimumSecretBytes = 32;

    // Fails on a secret shorter than MinimumSecretBytes: libjwt 1.10.2 skips
    // signature checks entirely when given no key, so an empty secret must
    // never get that far.
    static Result<std::unique_ptr<JwtTokenService>> create(const QByteArray &secret,
                                                           std::chrono::seconds lifetime,
                                                           Clock clock = &TokenService::systemNow);

    Result<QString> issue(const User &user) override;
    std::optional<TokenSubject> validate(const QString &token) const override;
    // A JWT cannot be revoked before it expires: always fails.
    Status revoke(const QString &token) override;

    std::chrono::seconds lifetime() const { return m_lifetime; }

private:
    JwtTokenService(const QByteArray &secret, std::chrono::seconds lifetime, Clock clock);

    bool signatureMatches(const QByteArray &signedPart, const QByteArray &signature) const;

    QByteArray m_secret;
    std::chrono::seconds m_lifetime;
    Clock m_clock;
};

} // namespace agentdesk
