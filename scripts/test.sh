#!/usr/bin/env bash
# Builds Agentdesk and runs the whole test suite (needs scripts/install-deps.sh first).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
ctest --test-dir build --output-on-failure --timeout 900 "$@"
