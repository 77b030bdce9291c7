# What the tests over MPI ranks share (sourced by MpiCampaign.sh and MpiCalibrate.sh).

# Several ranks on 2 cores, and CI runs as root.
mpi_flags="--oversubscribe"
[ "$(id -u)" -eq 0 ] && mpi_flags="$mpi_flags --allow-run-as-root"

# The pid of rank $1 among the children of mpirun $2.
rank_pid() {
  for p in $(pgrep -P "$2"); do
    if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$1"; then echo "$p"; return; fi
  done
}

# Every rank of mpirun $1 killed at once, and mpirun itself (kill -9, as a node crash or an
# out-of-time job); waits for mpirun, a background job of the calling shell.
kill_every_rank() {
  for p in $(pgrep -P "$1"); do kill -9 "$p"; done
  kill -9 "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# Kills rank $1 of mpirun $2 (kill -9, as the out-of-memory killer or a lost node would) and waits
# for mpirun, whose exit code is left in $rc; `fail` (the caller's) if the rank is not found or the
# job ends well.
kill_rank() {
  victim=$(rank_pid "$1" "$2")
  if [ -z "$victim" ]; then
    fail "rank $1 not found among mpirun's children"
  else
    kill -9 "$victim"
  fi
  wait "$2"
  rc=$?
  [ "$rc" -ne 0 ] || fail "a lost rank: exit code 0"
}
