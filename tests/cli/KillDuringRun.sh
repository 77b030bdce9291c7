#!/bin/sh
# Issue 14, finding 5: kill -9 during `run` leaves <out>.tmp-PID/ with partial files (no process can
# clean up after SIGKILL), and a later run to the same --out did not remove it. The final directory
# must never be partial, and the next run must sweep the dead process's staging directory away.
# usage: KillDuringRun.sh PILOTSIM WORK
set -u
pilotsim=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
. "$(dirname "$0")/LongRun.sh"

start_long_run "$pilotsim"
kill -9 "$pid"
wait "$pid" 2>/dev/null

status=0
if [ ! -d "run.tmp-$pid" ]; then echo "expected the killed run's staging directory run.tmp-$pid"; status=1; fi
if [ -e run ]; then echo "a killed run left a final directory 'run'"; status=1; fi

"$pilotsim" run county --replicates 1 --months 12 --out run -q >stdout2.txt 2>stderr2.txt || {
  echo "the second run failed:"; cat stderr2.txt; exit 1; }
left=$(ls -A | grep -v -e '^stdout.*\.txt$' -e '^stderr.*\.txt$' -e '^run$')
if [ -n "$left" ]; then echo "left behind after the second run: $left"; status=1; fi
if [ ! -f run/monthly.csv ]; then echo "the second run wrote no run/monthly.csv"; status=1; fi
exit $status
