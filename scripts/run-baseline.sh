#!/usr/bin/env bash
# Sets up the program alone (scripts/setup.sh: no test packages, only the `pilotsim` target), then
# runs the baseline scenario: a summary table on the terminal, the
# output files in out/baseline (replaced if they exist) and out/baseline/report.html, the charts to
# open in a browser. Extra arguments go to `pilotsim run`, e.g. `bash scripts/run-baseline.sh --lang
# zh` (the report then opens in Chinese).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
echo "run-baseline: pilotsim run baseline --out out/baseline --overwrite --report $*"
build/release/apps/pilotsim/pilotsim run baseline --out out/baseline --overwrite --report "$@"
echo "run-baseline: open out/baseline/report.html in a browser for the charts (it works offline)"
