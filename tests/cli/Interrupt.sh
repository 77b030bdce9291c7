#!/bin/sh
# Ctrl-C during a run: exit 130, the clean-stop message, and no output or staging directory left.
# usage: Interrupt.sh PILOTSIM WORK
set -u
pilotsim=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

# Long enough that it is still running when the signal comes, whatever the machine.
"$pilotsim" run national --replicates 50 --months 1200 --threads 1 --out run >stdout.txt 2>stderr.txt &
pid=$!
# The header is printed after the Ctrl-C handler is installed and the output directory prepared;
# signalling earlier would test the default action, not pilotsim.
tries=0
until grep -q "replicates" stdout.txt 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 600 ]; then echo "no header after 60 s"; kill -9 "$pid"; exit 1; fi
  sleep 0.1
done
sleep 0.5
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
