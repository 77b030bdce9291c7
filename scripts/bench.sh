#!/usr/bin/env bash
# Runs the model benchmarks, each in its own process so that its peak memory is its own, and prints
# the machine they ran on. Usage: bash scripts/bench.sh [build-dir]  (default build/release)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
[ -x "$build/bench/pilotsim_bench" ] || cmake --build "$build" --target pilotsim_bench
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), compiler: $(c++ --version | head -1)"
echo "program: $(git describe --always --dirty 2>/dev/null || echo unknown)"
for b in BM_City240 BM_Province240 BM_National240; do
  "$build/bench/pilotsim_bench" --benchmark_filter="^$b/" --benchmark_counters_tabular=true | tail -n 1
done
