#!/usr/bin/env python3
"""Whether two calibrations of one file that differ only in the sampler's seed agree (the stability
rule of docs/calibration.md, declared before the shipped calibration was compared):

- every fitted parameter: posterior medians within a fifth of the mean width of the two 90%
  intervals, and each end of the 90% interval within a quarter of that width;
- every target: predictive medians within a quarter of the target's uncertainty.

Usage: python3 bench/calibration-stability.py DIR_A DIR_B   (output directories of pilotsim calibrate)
Exit status 0 when stable, 1 when not, 2 on bad input."""
import csv
import sys
from pathlib import Path


def rows(path):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return {r[next(iter(r))]: r for r in csv.DictReader(f)}
    except OSError as e:
        sys.exit(f"calibration-stability: {e}")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    a, b = (Path(d) for d in sys.argv[1:])
    stable = True
    print("| parameter | median A | median B | 90% A | 90% B | median diff / width | ends diff / width | stable |")
    print("|---|---:|---:|---|---|---:|---:|---|")
    pa, pb = rows(a / "posterior_summary.csv"), rows(b / "posterior_summary.csv")
    if pa.keys() != pb.keys():
        sys.exit("calibration-stability: the two calibrations fit different parameters")
    for key in pa:
        x, y = pa[key], pb[key]
        m = [float(x["median"]), float(y["median"])]
        lo = [float(x["lo90"]), float(y["lo90"])]
        hi = [float(x["hi90"]), float(y["hi90"])]
        width = ((hi[0] - lo[0]) + (hi[1] - lo[1])) / 2
        dm = abs(m[0] - m[1]) / width
        de = max(abs(lo[0] - lo[1]), abs(hi[0] - hi[1])) / width
        ok = dm <= 0.2 and de <= 0.25
        stable &= ok
        print(f"| `{key}` | {m[0]:.4g} | {m[1]:.4g} | [{lo[0]:.4g}, {hi[0]:.4g}] | [{lo[1]:.4g}, {hi[1]:.4g}] "
              f"| {dm:.2f} | {de:.2f} | {'yes' if ok else 'no'} |")
    print()
    print("| target | observed | predictive median A | predictive median B | diff / uncertainty | stable |")
    print("|---|---:|---:|---:|---:|---|")
    ca, cb = rows(a / "predictive.csv"), rows(b / "predictive.csv")
    for key, x in ca.items():
        if x["target"] != "1":
            continue
        if key not in cb:
            sys.exit(f"calibration-stability: {b} has no predictive check of {key}")
        y = cb[key]
        d = abs(float(x["median"]) - float(y["median"])) / float(x["uncertainty"])
        ok = d <= 0.25
        stable &= ok
        print(f"| `{key}` | {float(x['observed']):.4g} ± {float(x['uncertainty']):.4g} | {float(x['median']):.4g} "
              f"| {float(y['median']):.4g} | {d:.2f} | {'yes' if ok else 'no'} |")
    print()
    print("stable" if stable else "NOT stable")
    return 0 if stable else 1


if __name__ == "__main__":
    sys.exit(main())
