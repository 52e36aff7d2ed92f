#pragma once

#include <QByteArray>

namespace agentdesk {

// Compares two secrets (crypt output, HMAC signatures) without stopping at
// the first difference, so the time taken says nothing about how much of a
// guess was right. Sizes are not secret (they follow from the hash format),
// so a size mismatch may return early.
inline bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    // volatile keeps the compiler from turning the loop back into an early exit.
    volatile unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference = difference | static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace agentdesk
