#!/usr/bin/env bash
# Prints the machine a benchmark runs on, for docs/performance.md. Usage: bash bench/machine-info.sh PILOTSIM
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), program: $("$1" --version)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
