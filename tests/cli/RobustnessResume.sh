#!/bin/sh
# `pilotsim claims --robustness` survives kill -9 and Ctrl-C: the same command resumes with the
# pending parameter sets, on another thread count, and the exported files are byte-identical to an
# uninterrupted analysis's. Another analysis (other replicates) and a sweep's database are refused.
# Each analysis lives in its own directory under the same relative names, so that even the paths the
# files record are the same.
# usage: RobustnessResume.sh PILOTSIM WORK
set -u
pilotsim=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
status=0
fail() { echo "FAIL: $*"; status=1; }

# Small enough for CI (about 0.3 s a set on one thread), long enough to stop part-way.
analysis() { "$pilotsim" claims --robustness 12 --replicates 2 --months 24 --db r.db -o out --overwrite -q "$@"; }

mkdir full && (cd full && analysis --threads 2 >run.txt 2>&1) || fail "uninterrupted analysis: $(cat full/run.txt)"
(cd full && "$pilotsim" export r.db -o export >/dev/null) || fail "export of the uninterrupted analysis"
for f in robustness.csv robustness_tests.csv robustness_drivers.csv robustness_sets.csv robustness_claim_sets.csv \
  design.csv robustness.json robustness.md robustness.toml; do
  cmp -s "full/out/$f" "full/export/$f" || fail "$f: 'export' differs from what 'claims --robustness' wrote"
done

# Starts the analysis on one thread in the background in directory $1 and waits until a set is committed.
start_and_wait() {
  mkdir "$1"
  (cd "$1" && exec "$pilotsim" claims --robustness 12 --replicates 2 --months 24 --db r.db -o out -q --threads 1 \
    >run.out 2>run.err) &
  pid=$!
  tries=0
  while :; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then fail "$1: no set committed after 30 s"; kill -9 "$pid"; return; fi
    if (cd "$1" && "$pilotsim" export r.db -o probe --overwrite 2>/dev/null) | grep -q "^[1-9][0-9]* of 12"; then break; fi
    sleep 0.1
  done
}

# Resumes in directory $1, checks it had work left, and compares the export with the uninterrupted one.
resume_and_compare() {
  (cd "$1" && analysis --threads 2 >resume.txt 2>&1) || fail "resuming $1: $(cat "$1/resume.txt")"
  grep -q "resuming: [1-9][0-9]* sets already done, [1-9][0-9]* to go" "$1/resume.txt" ||
    fail "$1 was not resumed part-way: $(cat "$1/resume.txt")"
  (cd "$1" && "$pilotsim" export r.db -o export >/dev/null) || fail "export of $1"
  for f in robustness.csv robustness_tests.csv robustness_drivers.csv robustness_sets.csv robustness_claim_sets.csv \
    design.csv robustness.json robustness.md robustness.toml; do
    cmp -s "full/export/$f" "$1/export/$f" || fail "$f of the resumed analysis $1 differs from the uninterrupted one"
  done
}

start_and_wait killed
kill -9 "$pid"
wait "$pid" 2>/dev/null
resume_and_compare killed

start_and_wait stopped
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 130 ] || fail "Ctrl-C: exit code $rc, expected 130"
grep -q "stopped; [0-9]* of 12 parameter sets are done and kept in r.db; run the same command to resume" stopped/run.err ||
  fail "no clean-stop message: $(cat stopped/run.err)"
resume_and_compare stopped

# Another analysis on the same database is refused (exit 2), and the database is untouched.
(cd full && "$pilotsim" claims --robustness 12 --replicates 3 --months 24 --db r.db -o other -q >other.out 2>other.err)
rc=$?
[ "$rc" -eq 2 ] || fail "another analysis: exit code $rc, expected 2"
grep -q "r.db: this database holds another robustness analysis" full/other.err || fail "another analysis: $(cat full/other.err)"
(cd full && "$pilotsim" export r.db -o after >/dev/null && cmp -s export/robustness_sets.csv after/robustness_sets.csv) ||
  fail "the refused analysis changed the database"

# A sweep's database is not a robustness analysis, and a robustness database is not a campaign.
cat > campaign.toml <<'TOML'
name = "small"
base = "county"
months = 12
replicates = 1
[design]
method = "latin-hypercube"
samples = 2
[factors."drivers.promotion_drive"]
distribution = "uniform"
min = 0.2
max = 0.9
TOML
"$pilotsim" sweep campaign.toml --db sweep.db -q >/dev/null 2>&1 || fail "the small sweep did not run"
"$pilotsim" claims --robustness 2 --db sweep.db -o x -q >sweep.out 2>sweep.err
[ $? -eq 2 ] && grep -q "not a robustness analysis" sweep.err || fail "a sweep's database: $(cat sweep.err)"
"$pilotsim" sweep campaign.toml --db full/r.db -q >rob.out 2>rob.err
[ $? -eq 2 ] && grep -q "holds a robustness analysis of the claims" rob.err || fail "sweep on a robustness database: $(cat rob.err)"
exit $status
