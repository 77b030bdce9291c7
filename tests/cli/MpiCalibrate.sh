#!/bin/sh
# `pilotsim calibrate` over the ranks of an MPI job (docs/cluster.md), on this machine:
# - a calibration on 1, 2 and 4 ranks writes byte-identical files to one without mpirun;
# - every rank killed (kill -9) part-way, then resumed on another rank count: identical again;
# - one rank killed part-way: the job stops, rank 0 names the rank, the committed runs are kept,
#   and the same command on another rank count finishes the calibration (identical again).
# Each calibration lives in its own directory under the same relative names, so that even the paths
# the files record are the same (as in CalibrateResume.sh).
# usage: MpiCalibrate.sh PILOTSIM MPIEXEC WORK
set -u
pilotsim=$1
mpiexec=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/MpiTestLib.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
status=0
fail() { echo "FAIL: $*"; status=1; }

# CalibrateResume.sh's calibration with six generations of 60 months instead of four of 36: about
# 2,800 runs, about 3 s on 2 cores, long enough to stop part-way after the second generation,
# short enough for CI.
sed -e 's/^months = 36$/months = 60/' -e 's/^max_generations = 4$/max_generations = 6/' \
  "$here/small-calibration.toml" >small.toml
grep -q "^max_generations = 6$" small.toml && grep -q "^months = 60$" small.toml ||
  { echo "FAIL: small-calibration.toml no longer has the lines this test changes"; exit 1; }
# Every file is documented as the same on any thread count (docs/calibration.md), so on any rank
# count too. What is not compared: the runs stored (the "Done:" line), since candidates simulated
# past the end of a generation depend on the batch size, which counts every rank's threads.
files="posterior.csv posterior_summary.csv generations.csv particles.csv predictive.csv predictive_particles.csv
calibration.json calibration.toml"
options="--db c.db -o out --overwrite -q --check tenure_years --threads 1"
calibrate() { "$pilotsim" calibrate ../small.toml $options; }
# Calibrates in directory $1 on $2 ranks (in the foreground).
on_ranks() { (cd "$1" && "$mpiexec" $mpi_flags -n "$2" "$pilotsim" calibrate ../small.toml $options); }
same_as_single() {  # $1: a calibration's directory
  for f in $files; do
    cmp -s "single/out/$f" "$1/out/$f" || fail "$f of $1 differs from the calibration without mpirun"
  done
}

mkdir single && (cd single && calibrate >run.txt 2>&1) || fail "without mpirun: $(cat single/run.txt)"
grep -q "^generation 5: tolerance" single/run.txt || fail "six generations were not run: $(cat single/run.txt)"
for f in $files; do [ -s "single/out/$f" ] || fail "single/out/$f is missing or empty"; done

for n in 1 2 4; do
  mkdir "ranks$n" && on_ranks "ranks$n" "$n" >"ranks$n/run.txt" 2>&1 || fail "$n ranks: $(cat ranks$n/run.txt)"
  if [ "$n" -gt 1 ]; then
    grep -q "replicates per candidate | $n ranks (MPI) x 1 threads" "ranks$n/run.txt" ||
      fail "$n ranks: the banner does not say so: $(cat ranks$n/run.txt)"
  fi
  [ "$(grep -c '^Done:' "ranks$n/run.txt")" -eq 1 ] || fail "$n ranks: 'Done' must be printed once (rank 0): $(cat ranks$n/run.txt)"
  [ "$(grep -c '^generation 5: tolerance' "ranks$n/run.txt")" -eq 1 ] ||
    fail "$n ranks: each generation must be reported once (rank 0): $(cat ranks$n/run.txt)"
  same_as_single "ranks$n"
done

# Starts the calibration on $2 ranks in directory $1 in the background and waits until generation 2
# has closed (so that some runs are committed and some are not). $pid is the launcher's (a simple
# command in the background is the command itself, not a subshell).
start_and_wait() {
  mkdir "$1"
  cd "$1" || exit 1
  "$mpiexec" $mpi_flags -n "$2" "$pilotsim" calibrate ../small.toml $options >run.out 2>run.err &
  pid=$!
  cd ..
  tries=0
  while ! grep -q "^generation 2:" "$1/run.err" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then fail "$1: generation 2 did not close in 60 s"; kill -9 "$pid"; return; fi
    sleep 0.05
  done
}
# Resumes $1 on $2 ranks and checks it had work left and ends identical to the run without mpirun.
resume_and_compare() {
  on_ranks "$1" "$2" >"$1/resume.txt" 2>&1 || fail "resuming $1: $(cat "$1/resume.txt")"
  grep -q "resuming: [1-9][0-9]* runs stored" "$1/resume.txt" || fail "$1 was not resumed: $(cat "$1/resume.txt")"
  grep -q "Done: [0-9]* runs ([1-9][0-9]* in this session" "$1/resume.txt" ||
    fail "$1 had nothing left to run: $(cat "$1/resume.txt")"
  same_as_single "$1"
}

# Every rank killed at once (kill -9, as a node crash or an out-of-time job), resumed on 2 ranks.
start_and_wait killed 4
kill_every_rank "$pid"
grep -q "^Done:" killed/run.out && fail "killed: the calibration ended before it was killed; make it longer"
resume_and_compare killed 2

# One rank (rank 2 of 3) killed: rank 0 names it, keeps what is stored, and the job stops; resumed
# on 4 ranks.
start_and_wait lost 3
kill_rank 2 "$pid"
grep -q "pilotsim: error: rank 2 stopped without a word" lost/run.err ||
  fail "no message naming the lost rank: $(cat lost/run.err)"
grep -q "[1-9][0-9]* of [1-9][0-9]* runs are done and kept in c.db; run the same command to resume" lost/run.err ||
  fail "the lost-rank message does not say what is kept: $(cat lost/run.err)"
[ ! -e lost/out ] || fail "a lost rank: the output directory was written"
resume_and_compare lost 4

[ "$status" -eq 0 ] && echo "cli.MpiCalibrate: all checks passed"
exit "$status"
