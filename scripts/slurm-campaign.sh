#!/bin/bash
# A pilotsim campaign as a Slurm batch job over several nodes (docs/cluster.md), resumed after
# pre-emption or at the time limit until it is done.
#
#   sbatch scripts/slurm-campaign.sh sweep experiments/drivers-and-reforms.toml --db out/drivers.db
#   sbatch scripts/slurm-campaign.sh claims --robustness 4096 --db out/robustness.db -o out/robustness
#   sbatch scripts/slurm-campaign.sh calibrate calibration/china.toml --db out/china.db -o out/china
#
# The arguments are a pilotsim command that runs a campaign (sweep, claims --robustness, or
# calibrate, whose runs commit and resume in the same way); the job
# adds --threads (the CPUs Slurm gives each task) and -q. Rank 0 writes the database; every rank reads
# the files named, so keep them on a file system all nodes share and submit from its directory.
#
# How it resumes: a campaign commits finished runs at least every second and the same command runs
# only the pending ones, with any number of ranks. When Slurm pre-empts the job, or the time limit
# comes near (--signal below), the ranks get SIGTERM, store what they finished and stop; this script
# then requeues the job (scontrol requeue), and the requeued job runs the same command and goes on.
# A job that ends for another reason (a bad input, a rank that died) is not requeued: see its log.
#
# Settings (environment): PILOTSIM (the program; default: pilotsim on PATH, else build/release's),
# PILOTSIM_LAUNCH=srun (default) or mpirun, PILOTSIM_REQUEUE=0 to never requeue.
#
#SBATCH --job-name=pilotsim
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=16
#SBATCH --time=02:00:00
#SBATCH --requeue
#SBATCH --signal=B:TERM@180
#SBATCH --open-mode=append
#SBATCH --output=pilotsim-%x-%j.log
set -uo pipefail

if (($# == 0)); then
  echo "slurm-campaign: give the pilotsim command, e.g. sweep FILE --db DB (see the head of this script)" >&2
  exit 2
fi
case "$1" in
  sweep | claims | calibrate) ;;
  *)
    echo "slurm-campaign: '$1' does not run a campaign; use sweep, claims --robustness or calibrate" >&2
    exit 2
    ;;
esac

pilotsim=${PILOTSIM:-$(command -v pilotsim || echo "${SLURM_SUBMIT_DIR:-.}/build/release/apps/pilotsim/pilotsim")}
launch=${PILOTSIM_LAUNCH:-srun}
threads=${SLURM_CPUS_PER_TASK:-1}
case "$launch" in
  # --kill-on-bad-exit: a rank that dies ends the job step at once (rank 0 reports it), rather than
  # leaving the others waiting for it.
  srun) launcher=(srun --kill-on-bad-exit=1 --cpus-per-task="$threads") ;;
  mpirun) launcher=(mpirun --bind-to none) ;;
  *)
    echo "slurm-campaign: PILOTSIM_LAUNCH must be srun or mpirun, not '$launch'" >&2
    exit 2
    ;;
esac

# SIGTERM to this batch shell (pre-emption, or --signal before the time limit): pass it to the
# job step, whose ranks then store their finished runs and stop.
stopping=0
on_term() {
  stopping=1
  [[ -n "${step:-}" ]] && kill -TERM "$step" 2>/dev/null
}
trap on_term TERM

echo "slurm-campaign: job ${SLURM_JOB_ID:-?} (restart ${SLURM_RESTART_COUNT:-0}) on ${SLURM_JOB_NUM_NODES:-?} nodes," \
  "${SLURM_NTASKS:-?} ranks x $threads threads: $pilotsim $* --threads $threads -q"
"${launcher[@]}" "$pilotsim" "$@" --threads "$threads" -q &
step=$!
# `wait` returns early when the trap runs; wait again for the step's own exit.
wait "$step"
rc=$?
while kill -0 "$step" 2>/dev/null; do
  wait "$step"
  rc=$?
done

if ((rc == 0)); then
  echo "slurm-campaign: done"
  exit 0
fi
if ((stopping == 1 || rc == 130)); then
  if [[ "${PILOTSIM_REQUEUE:-1}" != 0 && -n "${SLURM_JOB_ID:-}" ]]; then
    echo "slurm-campaign: stopped (exit $rc); requeueing job $SLURM_JOB_ID to resume"
    scontrol requeue "$SLURM_JOB_ID"
    exit 0
  fi
  echo "slurm-campaign: stopped (exit $rc); submit the same command again to resume"
  exit "$rc"
fi
echo "slurm-campaign: pilotsim ended with exit code $rc; not requeued (see the messages above)" >&2
exit "$rc"
