#!/usr/bin/env bash
# Recompute tests/cli/golden.sha256, the hashes of a small fixed run (defined in
# tests/cli/Golden.cmake). Run it only when the model's behaviour changes on purpose, and commit the
# new file in the same commit as the change, saying in the message why results changed.
#
# usage: scripts/update-golden.sh [build-dir]     (default build/release)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build/release}
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
build=$(cd "$build" && pwd)  # the test runs pilotsim from its own scratch directory
cmake --build "$build" --target pilotsim
cmake -DPILOTSIM="$build/apps/pilotsim/pilotsim" -DWORK="$build/golden-update" -DSOURCE_DIR="$root" \
      -DUPDATE=ON -P "$root/tests/cli/Golden.cmake"
rm -rf "$build/golden-update"
git -C "$root" --no-pager diff --stat -- tests/cli/golden.sha256 || true
