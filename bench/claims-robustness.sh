#!/usr/bin/env bash
# The time of a robustness analysis of every claim: `pilotsim claims --robustness N` (default 256
# sets, the claims' city structure and default 30 replicates, all cores), from an empty database, with
# the machine it ran on. It takes tens of minutes, so it is a benchmark, not a test; the figures go
# into docs/performance.md. Usage: bash bench/claims-robustness.sh [pilotsim] [N] [work-dir]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pilotsim=$(realpath "${1:-build/release/apps/pilotsim/pilotsim}")
sets=${2:-256}
work=${3:-${TMPDIR:-/tmp}/pilotsim-robustness-bench}
[ -x "$pilotsim" ] || { echo "no pilotsim at $pilotsim: build it first (cmake --build build/release)" >&2; exit 2; }
bash bench/machine-info.sh "$pilotsim"
rm -rf "$work" && mkdir -p "$work"
# Bash's own timer (GNU time is not installed by scripts/setup.sh): wall, user and system seconds.
TIMEFORMAT="wall %R s, cpu %U s user + %S s system"
time "$pilotsim" claims --robustness "$sets" --db "$work/robustness.db" -o "$work/out" -q > "$work/stdout.txt"
echo "($sets sets; seconds per set = wall / $sets)"
echo "summary: $work/out/robustness.md"
