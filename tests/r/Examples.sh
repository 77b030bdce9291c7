#!/bin/sh
# Runs an R example of docs/r.md on a small run (and campaign export) and checks what it prints.
# usage: Examples.sh survival|read_outputs PILOTSIM RSCRIPT SOURCE_DIR WORK
# Exit 77 (skipped) when the example needs an R package that is not installed.
set -u
example=$1
pilotsim=$2
rscript=$3
source_dir=$4
work=$5
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
expect() { grep -q -- "$1" out.txt || fail "the output has no '$1':"; }

# Two replicates of the smallest preset over five years: a few hundred pilots.
"$pilotsim" run county -n 2 -m 60 -o run -q >/dev/null || fail "pilotsim run"

case $example in
  survival)
    "$rscript" "$source_dir/docs/examples/pilots-survival.R" run >out.txt 2>&1
    rc=$?
    [ "$rc" -eq 77 ] && { cat out.txt; exit 77; }
    cat out.txt
    [ "$rc" -eq 0 ] || fail "pilots-survival.R exited $rc"
    grep -Eq "^[0-9]+ pilots in 2 replicates; [0-9]+ launched, [1-9][0-9]* ended" out.txt || fail "no pilot counts"
    expect "Kaplan-Meier estimate of pilot lifetime"
    expect "origin=spontaneous"
    expect "origin=designated"
    expect "Chisq="
    expect "exp(coef)"
    expect "origindesignated"
    expect "concordance 0\."
    expect "GLOBAL"
    if grep -q "coefficient may be infinite" out.txt; then fail "a Cox model did not converge"; fi
    ;;
  read_outputs)
    cat > c.toml <<'TOML'
name = "r"
base = "county"
months = 24
replicates = 2
measures = ["pseudo_share", "months_to_50"]
series = true
[design]
method = "latin-hypercube"
samples = 4
seed = 1
[factors."drivers.promotion_drive"]
distribution = "uniform"
min = 0.2
max = 0.9
TOML
    "$pilotsim" sweep c.toml --db c.db -q >/dev/null || fail "pilotsim sweep"
    "$pilotsim" export c.db -o export >/dev/null || fail "pilotsim export"
    "$rscript" "$source_dir/docs/examples/read-outputs.R" run export >out.txt 2>&1
    rc=$?
    cat out.txt
    [ "$rc" -eq 0 ] || fail "read-outputs.R exited $rc"
    pilots=$(($(wc -l <run/pilots.csv) - 1))
    grep -Eq "^pilots.csv +$pilots rows x +38 columns" out.txt || fail "pilots.csv not read whole ($pilots rows)"
    for f in monthly.csv tenures.csv units.csv innovations.csv recognitions.csv programmes.csv hierarchy.csv \
             summary.json scenario.toml runs.csv design.csv outputs.csv series.csv campaign.toml; do
      expect "^$f"
    done
    expect "runs.csv  *8 rows x  *7 columns: point, replicate, seed, status, drivers.promotion_drive"
    expect "8 of 8 runs done"
    ;;
  *) fail "unknown example $example" ;;
esac
echo "ok"
