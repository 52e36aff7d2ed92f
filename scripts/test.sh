#!/usr/bin/env bash
# Builds Agentdesk and runs the whole test suite (needs scripts/install-deps.sh first).
set -euo pipefail
cd "$(dirname "$0")/.."
# Tests and benchmarks on, whatever an earlier package-only build left in
# build/'s cache; a suite that finds no tests is a failure, not a pass.
./scripts/build.sh -DAGENTDESK_BUILD_TESTS=ON -DAGENTDESK_BUILD_BENCH=ON
ctest --test-dir build --output-on-failure --no-tests=error --timeout 900 "$@"
