#!/bin/sh
# `pilotsim calibrate` survives kill -9 and Ctrl-C: the same command resumes with what is stored, on
# another thread count, and writes byte-identical files to an uninterrupted calibration's. Other
# databases are refused both ways, and so are a changed calibration file and an unknown --check.
# Each calibration lives in its own directory under the same relative names, so that even the paths
# the files record are the same.
# usage: CalibrateResume.sh PILOTSIM WORK
set -u
pilotsim=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
status=0
fail() { echo "FAIL: $*"; status=1; }

cp "$here/small-calibration.toml" small.toml || exit 1
files="posterior.csv posterior_summary.csv generations.csv particles.csv predictive.csv predictive_particles.csv
calibration.json calibration.toml"
calibrate() { "$pilotsim" calibrate ../small.toml --db c.db -o out --overwrite -q --check tenure_years "$@"; }

mkdir full && (cd full && calibrate --threads 2 >run.txt 2>&1) || fail "uninterrupted calibration: $(cat full/run.txt)"
for f in $files; do [ -s "full/out/$f" ] || fail "full/out/$f is missing or empty"; done
grep -q "^generation 3: tolerance" full/run.txt || fail "four generations were not run: $(cat full/run.txt)"
grep -q "tenure_years (not fitted)" full/run.txt || fail "the --check statistic is not in the table"

# Starts the calibration on one thread in the background in directory $1 and waits until generation
# 1 has closed (so that some runs are committed and some are not).
start_and_wait() {
  mkdir "$1"
  (cd "$1" && exec "$pilotsim" calibrate ../small.toml --db c.db -o out -q --check tenure_years --threads 1 \
    >run.out 2>run.err) &
  pid=$!
  tries=0
  while ! grep -q "^generation 1:" "$1/run.err" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then fail "$1: generation 1 did not close in 60 s"; kill -9 "$pid"; return; fi
    sleep 0.1
  done
}

resume_and_compare() {
  (cd "$1" && calibrate --threads 2 >resume.txt 2>&1) || fail "resuming $1: $(cat "$1/resume.txt")"
  grep -q "resuming: [1-9][0-9]* runs stored" "$1/resume.txt" || fail "$1 was not resumed: $(cat "$1/resume.txt")"
  grep -q "Done: [0-9]* runs ([1-9][0-9]* in this session" "$1/resume.txt" ||
    fail "$1 had nothing left to run: $(cat "$1/resume.txt")"
  for f in $files; do
    cmp -s "full/out/$f" "$1/out/$f" || fail "$f of the resumed calibration $1 differs from the uninterrupted one"
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
grep -q "stopped; [0-9]* runs are kept in c.db; run the same command to resume" stopped/run.err ||
  fail "no clean-stop message: $(cat stopped/run.err)"
resume_and_compare stopped

# A finished calibration run again simulates nothing and writes the same files.
(cd full && calibrate >again.txt 2>&1) || fail "calibrating again: $(cat full/again.txt)"
grep -q "(0 in this session" full/again.txt || fail "a finished calibration ran again: $(cat full/again.txt)"
(cd full && for f in $files; do cp "out/$f" "$f.first"; done)

# A changed calibration file, a sweep's database and an unknown check are refused (exit 2).
sed 's/observed = 0.13/observed = 0.14/' small.toml > changed.toml
(cd full && "$pilotsim" calibrate ../changed.toml --db c.db -o other -q >changed.out 2>changed.err)
rc=$?
[ "$rc" -eq 2 ] || fail "a changed file: exit code $rc, expected 2"
grep -q "c.db: this database holds another calibration" full/changed.err || fail "changed file: $(cat full/changed.err)"
(cd full && "$pilotsim" calibrate ../small.toml --db c.db -o other -q --check nonsense >check.out 2>check.err)
rc=$?
[ "$rc" -eq 2 ] || fail "an unknown --check: exit code $rc, expected 2"
grep -q "no statistic 'nonsense'" full/check.err || fail "unknown --check: $(cat full/check.err)"
"$pilotsim" calibrate small.toml --db new.db -o new -q --check "campaign_months(q=0.9)" >new.out 2>new.err
[ $? -eq 2 ] && grep -q "not kept by this calibration" new.err || fail "a check not kept: $(cat new.err)"
[ ! -e new.db ] && [ ! -e new ] || fail "a refused --check left a database or output directory behind"

cat > campaign.toml <<'TOML'
name = "sweep"
base = "county"
months = 12
[design]
method = "latin-hypercube"
samples = 2
[factors."drivers.peer_push"]
distribution = "uniform"
min = 0
max = 2
TOML
"$pilotsim" sweep campaign.toml --db s.db -q >sweep.out 2>&1 || fail "the sweep: $(cat sweep.out)"
"$pilotsim" calibrate small.toml --db s.db -o x -q >c-on-s.out 2>c-on-s.err
[ $? -eq 2 ] && grep -q "holds a campaign of 'pilotsim sweep'" c-on-s.err || fail "calibrate on a sweep db: $(cat c-on-s.err)"
"$pilotsim" sweep campaign.toml --db full/c.db -q >s-on-c.out 2>s-on-c.err
[ $? -eq 2 ] && grep -q "holds a calibration" s-on-c.err || fail "sweep on a calibration db: $(cat s-on-c.err)"
"$pilotsim" export full/c.db -o e >e.out 2>e.err
[ $? -eq 2 ] && grep -q "run its calibrate command again" e.err || fail "export of a calibration db: $(cat e.err)"
(cd full && for f in $files; do cmp -s "out/$f" "$f.first" || fail "a refused command changed $f"; done)

[ "$status" -eq 0 ] && echo "cli.CalibrateResume: all checks passed"
exit "$status"
