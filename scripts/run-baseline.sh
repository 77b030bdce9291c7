#!/usr/bin/env bash
# Sets up (scripts/setup.sh), then runs the baseline scenario: a summary table on the terminal and
# the output files in out/baseline (replaced if they exist). Extra arguments go to `pilotsim run`,
# e.g. `bash scripts/run-baseline.sh --lang zh`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
echo "run-baseline: pilotsim run baseline --out out/baseline --overwrite $*"
exec build/release/apps/pilotsim/pilotsim run baseline --out out/baseline --overwrite "$@"
