#pragma once

#include "TokenService.h"

#include <chrono>

namespace agentdesk {

class UserStore;

// The non-JWT mode (instead of upstream's username-as-token toy): 256 random
// bits from the system's generator, base64url, kept in the store only as
// SHA-256 with an expiry, revocable.
class OpaqueTokenService : public TokenService
{
public:
    static constexpr int TokenBytes = 32;
    static constexpr int TokenLength = 43; // base64url of 32 bytes, no padding

    OpaqueTokenService(UserStore &store, std::chrono::seconds lifetime,
                       Clock clock = &TokenService::systemNow);

    Result<QString> issue(const User &user) override;
    std::optional<TokenSubject> validate(const QString &token) const override;
    Status revoke(const QString &token) override;

private:
    UserStore &m_store;
    std::chrono::seconds m_lifetime;
    Clock m_clock;
};

} // namespace agentdesk
