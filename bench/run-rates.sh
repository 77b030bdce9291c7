#!/bin/sh
# Seconds per run and runs per second per core of the scale presets, one thread (docs/cluster.md:
# sizing a cluster job). Each preset's run is timed over two replicates.
# usage: bench/run-rates.sh [PILOTSIM]
set -eu
pilotsim=${1:-build/release/apps/pilotsim/pilotsim}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for preset in city province national; do
  start=$(date +%s.%N)
  "$pilotsim" run "$preset" -n 2 -t 1 --records none -o "$out/$preset" -q >/dev/null
  end=$(date +%s.%N)
  awk -v p="$preset" -v s="$start" -v e="$end" 'BEGIN { t = (e - s) / 2; printf "%s: %.3f s a run, %.2f runs/s per core\n", p, t, 1 / t }'
done
