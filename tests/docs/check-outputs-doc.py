#!/usr/bin/env python3
"""Check that docs/outputs.md describes the files a run writes, column for column.

Usage: check-outputs-doc.py PILOTSIM SOURCE_DIR WORK_DIR

Runs a short county run (every record file), then for each CSV of the run compares its header with
the first column of the table under the file's heading ("## pilots.csv") in docs/outputs.md, in
order. monthly.csv's table lists replicate, month and year and then "one column per measure": its
header must be those three and then every measure in the order summary.json lists them (the program's measure table), and
the count the text gives ("The N measure columns") must be the program's. Exit 0 when all agree, 1
with one line per difference.
"""
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

FILES = ["monthly.csv", "pilots.csv", "tenures.csv", "units.csv", "innovations.csv", "recognitions.csv",
         "programmes.csv", "hierarchy.csv"]


def documented_columns(text, name):
    """The backticked first cells of the first table under '## name', and whether it had the
    'one column per measure' row."""
    heading = re.search(rf"^## {re.escape(name)}\n", text, re.M)
    if not heading:
        return None, False
    rest = text[heading.end():]
    end = re.search(r"^## ", rest, re.M)
    section = rest[:end.start()] if end else rest
    columns, per_measure, in_table = [], False, False
    for line in section.splitlines():
        if line.startswith("|"):
            in_table = True
            first = line.split("|")[1].strip()
            match = re.fullmatch(r"`([a-z_0-9]+)`", first)
            if match:
                columns.append(match.group(1))
            elif first == "one column per measure":
                per_measure = True
        elif in_table:
            break
    return columns, per_measure


def main(program, source, work):
    work = Path(work)
    out = work / "run"
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([program, "run", "county", "--replicates", "1", "--set", "run.months=12", "--set",
                    "run.burn_in=12", "--quiet", "--overwrite", "--out", str(out)],
                   check=True, capture_output=True, text=True)
    text = (Path(source) / "docs/outputs.md").read_text(encoding="utf-8")
    # The measures in column order, as summary.json lists them (the program's measure table).
    measures = list(json.loads((out / "summary.json").read_text(encoding="utf-8"))["measures"])
    problems = []
    for name in FILES:
        with open(out / name, newline="", encoding="utf-8") as f:
            header = next(csv.reader(f))
        documented, per_measure = documented_columns(text, name)
        if documented is None:
            problems.append(f"docs/outputs.md: no '## {name}' section for a file every run writes")
            continue
        if per_measure:
            documented = documented + measures
        if header != documented:
            missing = [c for c in header if c not in documented]
            extra = [c for c in documented if c not in header]
            problems.append(f"docs/outputs.md, {name}: the table's columns are not the file's "
                            f"(not documented: {missing or 'none'}; documented but not written: {extra or 'none'}"
                            f"{'; same columns in another order' if not missing and not extra else ''})")
    count = re.search(r"The (\d+) measure columns", text)
    if not count or int(count.group(1)) != len(measures):
        problems.append(f"docs/outputs.md: says '{count.group(0) if count else 'The N measure columns'}', "
                        f"the program has {len(measures)} measures")
    for p in problems:
        print(p)
    if not problems:
        print(f"docs/outputs.md describes every column of the {len(FILES)} CSV files of a run")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
