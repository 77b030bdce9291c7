#!/usr/bin/env bash
# Builds the `fuzz` preset (clang, libFuzzer, ASan+UBSan) and fuzzes every parser target for SECONDS
# each (default 600), two targets at a time, with corpora kept in build/fuzz/corpus/<target> (they grow
# from run to run). Prints per target the inputs executed, the crashes and the time; the exit status is
# non-zero if any target found a crash, leak, timeout or sanitizer report (its log and the input are
# named). tests/fuzz/README.md has more.
#
#   bash scripts/fuzz.sh [SECONDS]
# Environment: PILOTSIM_FUZZ_DIR (build directory, default build/fuzz), PILOTSIM_FUZZ_JOBS (targets at
# once, default 2), PILOTSIM_FUZZ_TARGETS (space-separated subset, default all).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-600}
fuzz_dir=${PILOTSIM_FUZZ_DIR:-$PWD/build/fuzz}
jobs=${PILOTSIM_FUZZ_JOBS:-2}
# Target, kind of input and shipped seed directories, as in tests/fuzz/CMakeLists.txt.
declare -A kind=([scenario]=toml [sampling]=toml [experiment]=toml [claims]=toml [lab_json]=json [lab_toml]=toml)
declare -A seeds=([scenario]=scenarios [sampling]= [experiment]=experiments [claims]=claims [lab_json]= [lab_toml]=scenarios)
read -r -a targets <<<"${PILOTSIM_FUZZ_TARGETS:-scenario sampling experiment claims lab_json lab_toml}"

programs=$(printf 'fuzz_%s,' "${targets[@]}")
cmake -DMODE=build -DSOURCE_DIR="$PWD" -DFUZZ_DIR="$fuzz_dir" -DPROGRAMS="${programs%,}" -P tests/fuzz/RunFuzz.cmake

mkdir -p "$fuzz_dir/corpus"
run_one() {
  local t=$1
  cmake -DMODE=fuzz -DSOURCE_DIR="$PWD" -DFUZZ_DIR="$fuzz_dir" -DTARGET="$t" -DKIND="${kind[$t]}" \
        -DSEEDS="${seeds[$t]}" -DSECONDS="$seconds" -DCORPUS="$fuzz_dir/corpus/$t" \
        -P tests/fuzz/RunFuzz.cmake >"$fuzz_dir/corpus/$t.out" 2>&1
}
echo "fuzz: ${#targets[@]} targets, $seconds s each, $jobs at a time (logs: $fuzz_dir/work/<target>/fuzz.log)"
started=$SECONDS
failed=0
running=0
for t in "${targets[@]}"; do
  if ((running >= jobs)); then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || failed=1
  running=$((running - 1))
done

for t in "${targets[@]}"; do
  if grep -q "^-- fuzz.$t: .* inputs executed" "$fuzz_dir/corpus/$t.out"; then
    sed -n "s/^-- \(fuzz.$t: .* inputs executed\)/\1/p" "$fuzz_dir/corpus/$t.out"
  else
    echo "fuzz.$t: FAILED"
    cat "$fuzz_dir/corpus/$t.out"
  fi
done
echo "fuzz: done in $((SECONDS - started)) s"
exit "$failed"
