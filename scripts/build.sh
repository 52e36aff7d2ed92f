#!/usr/bin/env bash
# Configures and builds Agentdesk into ./build (RelWithDebInfo, warnings as errors in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
# Debian's hardening flags (fortify, stack protector, full RELRO, bindnow).
if command -v dpkg-buildflags >/dev/null; then
    CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
    LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
    export CXXFLAGS LDFLAGS
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
    -DAGENTDESK_WERROR="$werror"
cmake --build build --parallel "$(nproc)"
