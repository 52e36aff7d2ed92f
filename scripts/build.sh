#!/usr/bin/env bash
# Configures and builds Agentdesk into ./build (RelWithDebInfo, warnings as errors in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
# Debian's hardening flags, all of them: fortify, stack protector, format
# checks, full RELRO with bindnow (-z,now) and PIE. Debian 12's default
# dpkg-buildflags leave bindnow out; hardening=+all brings it in.
flags=()
if command -v dpkg-buildflags >/dev/null; then
    export DEB_BUILD_MAINT_OPTIONS="hardening=+all${DEB_BUILD_MAINT_OPTIONS:+ $DEB_BUILD_MAINT_OPTIONS}"
    CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
    LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
    export CXXFLAGS LDFLAGS
    # CMake reads CXXFLAGS/LDFLAGS only when it first creates the cache: pass
    # them on each run, so an existing build/ gets them too.
    flags=(-DCMAKE_CXX_FLAGS="$CXXFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS"
           -DCMAKE_SHARED_LINKER_FLAGS="$LDFLAGS" -DCMAKE_MODULE_LINKER_FLAGS="$LDFLAGS")
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
    -DAGENTDESK_WERROR="$werror" "${flags[@]}" "$@"
cmake --build build --parallel "$(nproc)"
