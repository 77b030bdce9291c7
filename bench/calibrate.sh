#!/usr/bin/env bash
# The time of a calibration: `pilotsim calibrate FILE` (default the shipped calibration/china.toml,
# all cores) from an empty database, with the machine it ran on and the generations it made. It takes
# tens of minutes, so it is a benchmark, not a test; the figures go into docs/performance.md.
# Usage: bash bench/calibrate.sh [pilotsim] [calibration file] [work-dir]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pilotsim=$(realpath "${1:-build/release/apps/pilotsim/pilotsim}")
file=$(realpath "${2:-calibration/china.toml}")
work=${3:-${TMPDIR:-/tmp}/pilotsim-calibrate-bench}
[ -x "$pilotsim" ] || { echo "no pilotsim at $pilotsim: build it first (cmake --build build/release)" >&2; exit 2; }
bash bench/machine-info.sh "$pilotsim"
rm -rf "$work" && mkdir -p "$work"
TIMEFORMAT="wall %R s, cpu %U s user + %S s system"
time "$pilotsim" calibrate "$file" --db "$work/calibration.db" -o "$work/out" -q > "$work/stdout.txt" 2> "$work/stderr.txt"
grep -E "^generation" "$work/stderr.txt" || true
grep -E "^Stopped|^Done" "$work/stdout.txt" || true
echo "posterior: $work/out/posterior_summary.csv, checks: $work/out/predictive.csv"
