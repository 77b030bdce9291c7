#!/bin/sh
# Ctrl-C during a run: exit 130, the clean-stop message, and no output or staging directory left.
# usage: Interrupt.sh PILOTSIM WORK
set -u
pilotsim=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
. "$(dirname "$0")/LongRun.sh"

start_long_run "$pilotsim"
kill -INT "$pid"
wait "$pid"
rc=$?

status=0
if [ "$rc" -ne 130 ]; then echo "exit code $rc, expected 130"; status=1; fi
if ! grep -q "interrupted; no output was written" stderr.txt; then
  echo "no clean-stop message; stderr:"; cat stderr.txt; status=1
fi
left=$(ls -A | grep -v -e '^stdout.txt$' -e '^stderr.txt$')
if [ -n "$left" ]; then echo "left behind: $left"; status=1; fi
exit $status
