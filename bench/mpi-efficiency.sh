#!/bin/sh
# Runs per second and parallel efficiency of a campaign over 1, 2 and 4 MPI ranks of one thread
# each, on this machine (docs/cluster.md, docs/performance.md). Efficiency = rate on n ranks /
# (n x rate on 1 rank); with more ranks than cores it can only fall.
# usage: bench/mpi-efficiency.sh [PILOTSIM] [MONTHS] [SAMPLES]
set -eu
pilotsim=${1:-build/release/apps/pilotsim/pilotsim}
months=${2:-240}
samples=${3:-64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags="--oversubscribe"
[ "$(id -u)" -eq 0 ] && flags="$flags --allow-run-as-root"
cat >"$work/c.toml" <<TOML
name = "mpi-bench"
base = "baseline"
months = $months
replicates = 2
[design]
method = "saltelli"
samples = $samples
seed = 5
[factors."drivers.promotion_drive"]
distribution = "uniform"
min = 0.2
max = 0.9
[factors."regulation.number_control"]
distribution = "integer"
min = 0
max = 8
TOML
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
base=""
for n in 1 2 4; do
  rm -f "$work/c.db"*
  start=$(date +%s.%N)
  mpiexec $flags -n "$n" "$pilotsim" sweep "$work/c.toml" --db "$work/c.db" --threads 1 -q >"$work/out" 2>&1 ||
    { cat "$work/out"; exit 1; }
  end=$(date +%s.%N)
  runs=$(sed -n 's/^Done: \([0-9]*\) runs.*/\1/p' "$work/out")
  awk -v n="$n" -v r="$runs" -v s="$start" -v e="$end" -v b="$base" 'BEGIN {
    rate = r / (e - s); if (b == "") b = rate
    printf "%d ranks x 1 thread: %d runs in %.2f s = %.1f runs/s, efficiency %.0f%%\n", n, r, e - s, rate, 100 * rate / (n * b) }'
  [ -n "$base" ] || base=$(awk -v r="$runs" -v s="$start" -v e="$end" 'BEGIN { print r / (e - s) }')
done
