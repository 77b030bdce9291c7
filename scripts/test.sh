#!/usr/bin/env bash
# Sets up everything the tests need (scripts/setup.sh --all), then runs every test through CTest. The last lines printed are CTest's
# summary, and the exit status is CTest's. Extra arguments go to ctest, e.g. `-L statistical`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --all
exec ctest --preset release -j2 "$@"
