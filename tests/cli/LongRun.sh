# Sourced by the shell tests that signal a running `pilotsim run` (Interrupt.sh, KillDuringRun.sh).
# start_long_run PILOTSIM: starts a run long enough to still be going when the signal comes, whatever
# the machine, in the background with its output in stdout.txt and stderr.txt; sets $pid and returns
# once the header is printed, which happens after the Ctrl-C handler is installed and the output
# directory (and so its staging directory) is prepared: signalling earlier would test the default
# action, not pilotsim.
start_long_run() {
  "$1" run national --replicates 50 --months 1200 --threads 1 --out run >stdout.txt 2>stderr.txt &
  pid=$!
  tries=0
  until grep -q "replicates" stdout.txt 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then echo "no header after 60 s"; kill -9 "$pid"; exit 1; fi
    sleep 0.1
  done
  sleep 0.5
}
