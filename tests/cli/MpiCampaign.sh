#!/bin/sh
# Campaigns over the ranks of an MPI job (docs/cluster.md), on this machine:
# - a sweep on 1, 2 and 4 ranks exports byte-identical files to a run without mpirun;
# - every rank killed (kill -9) part-way, then resumed on another rank count: identical again;
# - one rank killed part-way: the job stops, rank 0 names the rank and the runs it held, the
#   committed runs are kept, and the same command finishes the rest (identical again);
# - the job cancelled as Slurm or Ctrl-C would (SIGTERM to mpirun): clean stop, then resumed;
# - `claims --robustness` on 2 ranks writes the same files as without mpirun;
# - a command that does not spread its runs is refused under mpirun with several ranks;
# - scripts/slurm-campaign.sh, with stand-ins for srun and scontrol: SIGTERM (pre-emption, or the
#   time limit near) stops the campaign and requeues the job, and the requeued job finishes it.
# usage: MpiCampaign.sh PILOTSIM MPIEXEC SLURM_SCRIPT WORK
set -u
pilotsim=$1
mpiexec=$2
slurm_script=$3
work=$4
. "$(dirname "$0")/MpiTestLib.sh"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
status=0
fail() { echo "FAIL: $*"; status=1; }

# 640 runs of 252 months: long enough (about 6 s on 2 cores) to stop part-way after the first
# commit (within a second of the start), short enough for CI.
mpi() { n=$1; shift; "$mpiexec" $mpi_flags -n "$n" "$pilotsim" "$@"; }

cat > campaign.toml <<'TOML'
name = "mpi"
base = "baseline"
months = 240
set = ["run.burn_in=12"]
replicates = 2
measures = ["pseudo_share", "real_innovations", "months_to_50"]
series = true
[design]
method = "saltelli"
samples = 64
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

same_as_single() {  # $1: a database; its export must equal the one of the run without mpirun
  "$pilotsim" export "$1" -o "$1.export" >/dev/null || { fail "export of $1"; return; }
  for f in runs.csv series.csv design.csv outputs.csv; do
    cmp -s "single.export/$f" "$1.export/$f" || fail "$f of $1 differs from the run without mpirun"
  done
}

"$pilotsim" sweep campaign.toml --db single.db --threads 2 -q >single.txt 2>&1 || fail "without mpirun: $(cat single.txt)"
"$pilotsim" export single.db -o single.export >/dev/null || fail "export of single.db"

for n in 1 2 4; do
  mpi "$n" sweep campaign.toml --db "ranks$n.db" --threads 1 -q >"ranks$n.txt" 2>&1 || fail "$n ranks: $(cat ranks$n.txt)"
  if [ "$n" -gt 1 ]; then
    grep -q "$n ranks (MPI) x 1 threads" "ranks$n.txt" || fail "$n ranks: the banner does not say so: $(cat ranks$n.txt)"
  fi
  [ "$(grep -c '^Done:' "ranks$n.txt")" -eq 1 ] || fail "$n ranks: 'Done' must be printed once (rank 0): $(cat ranks$n.txt)"
  same_as_single "ranks$n.db"
done

# Starts a sweep on $2 ranks in the background and waits until some runs are committed.
# $pid is the launcher's (a simple command in the background is the command itself, not a subshell).
start_and_wait() {
  "$mpiexec" $mpi_flags -n "$2" "$pilotsim" sweep campaign.toml --db "$1" --threads 1 -q >"$1.out" 2>"$1.err" &
  pid=$!
  tries=0
  while :; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then fail "$1: no run committed after 30 s"; kill -9 "$pid"; return; fi
    if "$pilotsim" export "$1" -o probe --overwrite 2>/dev/null | grep -q "^[1-9][0-9]* of"; then break; fi
    sleep 0.1
  done
}
# Resumes $1 on $2 ranks and checks it had work left and ends identical to the run without mpirun.
resume_and_compare() {
  mpi "$2" sweep campaign.toml --db "$1" --threads 1 -q >"$1.resume" 2>&1 || fail "resuming $1: $(cat "$1.resume")"
  grep -q "resuming: [1-9][0-9]* runs already done, [1-9][0-9]* to go" "$1.resume" ||
    fail "$1 was not resumed part-way: $(cat "$1.resume")"
  same_as_single "$1"
}

# Every rank killed at once (kill -9, as a node crash or an out-of-time job), resumed on 2 ranks.
start_and_wait killed.db 4
kill_every_rank "$pid"
resume_and_compare killed.db 2

# One rank (rank 2 of 3) killed: rank 0 names it and the runs it held, and keeps what is stored.
start_and_wait lost.db 3
kill_rank 2 "$pid"
grep -q "pilotsim: error: rank 2 stopped without a word while holding [0-9]* runs (point [0-9]* replicate" lost.db.err ||
  fail "no message naming the lost rank and its runs: $(cat lost.db.err)"
grep -q "[1-9][0-9]* of 640 runs are done and kept in lost.db; run the same command to resume" lost.db.err ||
  fail "the lost-rank message does not say what is kept: $(cat lost.db.err)"
resume_and_compare lost.db 1

# Cancelled like a Slurm job (SIGTERM to the launcher, which passes it on): a clean stop.
start_and_wait cancelled.db 2
kill -TERM "$pid"
wait "$pid"
grep -q "stopped; [0-9]* of 640 runs are done and kept in cancelled.db; run the same command to resume" \
  cancelled.db.err || fail "SIGTERM: no clean-stop message: $(cat cancelled.db.err)"
resume_and_compare cancelled.db 4

# The robustness analysis of the claims on 2 ranks writes what it writes without mpirun.
analysis() { "$@" claims --robustness 4 --replicates 2 --months 24 --db r.db -o out --overwrite -q --threads 1; }
mkdir r1 r2
(cd r1 && analysis "$pilotsim" >run.txt 2>&1) || fail "robustness without mpirun: $(cat r1/run.txt)"
(cd r2 && analysis mpi 2 >run.txt 2>&1) || fail "robustness on 2 ranks: $(cat r2/run.txt)"
for f in robustness.csv robustness_tests.csv robustness_sets.csv robustness_claim_sets.csv design.csv robustness.md; do
  cmp -s "r1/out/$f" "r2/out/$f" || fail "robustness: $f on 2 ranks differs from the one without mpirun"
done

# A command that does not spread its runs is refused, once (by rank 0).
mpi 2 run county --months 12 -o refused >refused.out 2>refused.err
rc=$?
[ "$rc" -ne 0 ] || fail "'run' under mpirun with 2 ranks: exit code 0"
[ "$(grep -c "'pilotsim run' runs on one machine: start it without mpirun" refused.err)" -eq 1 ] ||
  fail "'run' under mpirun: $(cat refused.err)"
[ ! -e refused ] || fail "'run' under mpirun wrote its output"
# The Slurm batch script. srun's stand-in drops srun's options and starts the ranks with mpiexec;
# scontrol's records the requeue.
mkdir fake-slurm
cat >fake-slurm/srun <<EOF
#!/bin/sh
while [ "\${1#--}" != "\$1" ]; do shift; done
exec "$mpiexec" $mpi_flags -n 2 "\$@"
EOF
cat >fake-slurm/scontrol <<EOF
#!/bin/sh
echo "\$@" >>"$PWD/scontrol.log"
EOF
chmod +x fake-slurm/srun fake-slurm/scontrol
# A simple command, so that $! is the batch script's shell (as Slurm signals it), not a subshell.
PATH="$PWD/fake-slurm:$PATH" SLURM_JOB_ID=42 SLURM_CPUS_PER_TASK=1 PILOTSIM="$pilotsim" \
  bash "$slurm_script" sweep campaign.toml --db slurm.db >slurm1.log 2>&1 &
pid=$!
tries=0
while ! "$pilotsim" export slurm.db -o probe --overwrite 2>/dev/null | grep -q "^[1-9][0-9]* of"; do
  tries=$((tries + 1))
  [ "$tries" -gt 300 ] && { fail "slurm job: no run committed after 30 s"; break; }
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || fail "slurm job stopped by SIGTERM: exit code $? (expected 0 after requeueing): $(cat slurm1.log)"
grep -qx "requeue 42" scontrol.log 2>/dev/null || fail "slurm job: not requeued: $(cat slurm1.log)"
grep -q "stopped; [0-9]* of 640 runs are done" slurm1.log || fail "slurm job: no clean stop: $(cat slurm1.log)"
PATH="$PWD/fake-slurm:$PATH" SLURM_JOB_ID=42 SLURM_CPUS_PER_TASK=1 PILOTSIM="$pilotsim" \
  bash "$slurm_script" sweep campaign.toml --db slurm.db >slurm2.log 2>&1 || fail "requeued slurm job: $(cat slurm2.log)"
grep -q "slurm-campaign: done" slurm2.log || fail "requeued slurm job did not finish: $(cat slurm2.log)"
same_as_single slurm.db
exit $status
