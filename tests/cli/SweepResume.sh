#!/bin/sh
# Campaigns survive kill -9 and Ctrl-C: running the same command again resumes, and the results are
# byte-identical to an uninterrupted campaign (run on another thread count). A changed experiment
# file is refused, and so is a second process on a database being run.
# usage: SweepResume.sh PILOTSIM WORK
set -u
pilotsim=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
status=0
fail() { echo "FAIL: $*"; status=1; }

cat > campaign.toml <<'TOML'
name = "resume"
base = "baseline"
months = 60
set = ["run.burn_in=12"]
replicates = 2
measures = ["pseudo_share", "real_innovations", "months_to_50"]
series = true
[design]
method = "saltelli"
samples = 128
seed = 5
[factors."drivers.promotion_drive"]
distribution = "uniform"
min = 0.2
max = 0.9
[factors."regulation.number_control"]
distribution = "integer"
min = 0
max = 8
[factors."mechanisms.packaging"]
distribution = "boolean"
TOML

"$pilotsim" sweep campaign.toml --db full.db --threads 2 -q >full.txt 2>&1 || fail "uninterrupted campaign: $(cat full.txt)"
"$pilotsim" export full.db -o full >/dev/null || fail "export of the uninterrupted campaign"

# Starts a campaign on one thread in the background and waits until some runs are committed
# (export reads the database while the campaign writes it).
start_and_wait() {
  "$pilotsim" sweep campaign.toml --db "$1" --threads 1 -q >"$1.out" 2>"$1.err" &
  pid=$!
  tries=0
  while :; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then fail "no run committed after 30 s"; kill -9 "$pid"; return; fi
    if "$pilotsim" export "$1" -o probe --overwrite 2>/dev/null | grep -q "^[1-9][0-9]* of"; then break; fi
    sleep 0.1
  done
}

# Resumes a campaign and checks it had work left and ends identical to the uninterrupted one.
resume_and_compare() {
  "$pilotsim" sweep campaign.toml --db "$1" --threads 1 -q >"$1.resume" 2>&1 || fail "resuming $1: $(cat "$1.resume")"
  grep -q "resuming: [1-9][0-9]* runs already done, [1-9][0-9]* to go" "$1.resume" ||
    fail "$1 was not resumed part-way: $(cat "$1.resume")"
  "$pilotsim" export "$1" -o "$1.export" >/dev/null || fail "export of $1"
  for f in runs.csv series.csv design.csv; do
    cmp -s "full/$f" "$1.export/$f" || fail "$f of the resumed campaign $1 differs from the uninterrupted one"
  done
}

start_and_wait killed.db
# A second process on a database being run is refused at once, naming the first; the first goes on.
"$pilotsim" sweep campaign.toml --db killed.db --threads 1 -q >second.out 2>second.err
rc=$?
[ "$rc" -eq 2 ] || fail "second process on a running database: exit code $rc, expected 2"
grep -q "killed.db: in use: process $pid on .* is running this campaign database (it holds killed.db.lock)" second.err ||
  fail "second process on a running database: $(cat second.err)"
kill -0 "$pid" 2>/dev/null || fail "the first process ended when the second was refused"
kill -9 "$pid"
wait "$pid" 2>/dev/null
# kill -9 leaves the lock file but not the lock.
[ -f killed.db.lock ] || fail "no lock file beside the database of a killed campaign"
resume_and_compare killed.db
[ -f killed.db.lock ] && fail "the lock file is still there after the campaign finished"

start_and_wait stopped.db
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || fail "Ctrl-C: exit code $rc, expected 130"
grep -q "stopped; [0-9]* of [0-9]* runs are done and kept in stopped.db; run the same command to resume" stopped.db.err ||
  fail "no clean-stop message: $(cat stopped.db.err)"
resume_and_compare stopped.db

# A campaign file changed since its database was started is refused, and the database is untouched.
echo "# edited" >> campaign.toml
"$pilotsim" sweep campaign.toml --db full.db -q >changed.out 2>changed.err
rc=$?
[ "$rc" -eq 2 ] || fail "changed campaign file: exit code $rc, expected 2"
grep -q "campaign.toml: this experiment file has changed since the campaign database full.db was started" changed.err ||
  fail "changed campaign file: $(cat changed.err)"
exit $status
