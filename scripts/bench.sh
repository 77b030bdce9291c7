#!/usr/bin/env bash
# Runs the model benchmarks, each in its own process so that its peak memory is its own, and prints
# the machine they ran on. Usage: bash scripts/bench.sh [build-dir]  (default build/release)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
if [ ! -x "$build/bench/pilotsim_bench" ]; then
  cmake --build "$build" --target pilotsim_bench || {
    echo "bench: no benchmark target in $build; 'bash scripts/setup.sh --all' installs Google Benchmark and configures it" >&2
    exit 2
  }
fi
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), compiler: $(c++ --version | head -1)"
echo "program: $(git describe --always --dirty 2>/dev/null || echo unknown)"
for b in BM_City240 BM_Province240 BM_National240; do
  "$build/bench/pilotsim_bench" --benchmark_filter="^$b/" --benchmark_counters_tabular=true | tail -n 1
done
# A campaign of city runs on 1 and 2 threads, and the parallel efficiency between them.
"$build/bench/pilotsim_bench" --benchmark_filter="^BM_CityCampaign/" --benchmark_format=json > "${TMPDIR:-/tmp}/pilotsim-campaign-bench.json"
awk '/"name": "BM_CityCampaign/ {match($0, /BM_CityCampaign\/[0-9]+/); name=substr($0, RSTART, RLENGTH)}
     /"runs\/s"/ {v=$2; gsub(/[ ,]/, "", v); rate[name]=v; printf "%s  %.1f runs/s\n", name, v}
     END {one=rate["BM_CityCampaign/1"]; two=rate["BM_CityCampaign/2"]
          if (one > 0) printf "parallel efficiency on 2 threads: %.0f%%\n", 100 * two / (2 * one)}' "${TMPDIR:-/tmp}/pilotsim-campaign-bench.json"
