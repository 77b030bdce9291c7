#!/usr/bin/env python3
"""Regenerate the program-made tables of docs/ODD.md (parameters, measures) in place.

usage: python3 scripts/odd-tables.py [--check] [path/to/pilotsim]   (default build/release/apps/pilotsim/pilotsim)

Each table sits between `<!-- generated: NAME -->` and `<!-- end generated -->` markers; the text
between them is replaced by what the program says now, so the document cannot drift from the
registry. With --check nothing is written: it exits 1, naming each table that differs from what the
program says (tests/docs runs it so). Only the Python standard library is used.
"""
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK = "--check" in sys.argv[1:]
ARGS = [a for a in sys.argv[1:] if a != "--check"]
PROGRAM = ARGS[0] if ARGS else str(ROOT / "build/release/apps/pilotsim/pilotsim")
ODD = ROOT / "docs/ODD.md"

SECTIONS = [
    ("run", "Run (运行)"), ("structure", "Structure (结构)"), ("domains", "Domains (政策领域)"),
    ("mechanisms", "Mechanism switches (机制开关)"), ("environment", "Environment (环境)"),
    ("drivers", "Drivers (驱动力)"), ("couplings", "Couplings (耦合机制)"), ("evaluation", "Evaluation (考核评价)"),
    ("verification", "Verification channels (核查渠道)"), ("superiors", "Superiors (上级)"),
    ("regulation", "Regulation levers A, B, C (规制杠杆)"), ("costs", "Costs of reforms (改革成本)"),
    ("behaviour", "Leaders' behaviour (主官行为)"), ("leaders", "Leaders (主官)"), ("pilot", "Pilot dynamics (试点动态)"),
    ("programmes", "Designated programmes (指定试点项目)"), ("diffusion", "Adoption and campaigns (采纳与推广)"),
    ("recognition", "Recognition (典型评选)"), ("citizens", "Citizens (群众)"),
]


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def params_table():
    specs = json.loads(subprocess.run([PROGRAM, "params", "--format", "json"], check=True, capture_output=True,
                                      text=True).stdout)
    out = []
    for section, title in SECTIONS:
        rows = [s for s in specs if s["key"].split(".")[0] == section]
        if not rows:
            continue
        out.append(f"\n#### {title}\n")
        out.append("| key | 中文名 | default | plausible | unit | meaning | source |")
        out.append("|---|---|---|---|---|---|---|")
        for s in rows:
            plausible = f"[{value(s['plausible_min'])}, {value(s['plausible_max'])}]" if "plausible_min" in s else "–"
            out.append(f"| `{s['key']}` | {cell(s['zh'])} | `{value(s['default'])}` | {plausible} | {cell(s['unit'])} | "
                       f"{cell(s['meaning'])} | {cell(s['source'])} |")
    known = {section for section, _ in SECTIONS}
    missing = sorted({s["key"] for s in specs if s["key"].split(".")[0] not in known})
    if missing:
        sys.exit(f"odd-tables: sections without a heading: {missing}")
    return "\n".join(out) + "\n"


def measures_table():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([PROGRAM, "run", "county", "--replicates", "1", "--set", "run.months=12", "--set",
                        "run.burn_in=0", "--records", "none", "--quiet", "--out", f"{tmp}/run"],
                       check=True, capture_output=True, text=True)
        summary = json.loads(Path(f"{tmp}/run/summary.json").read_text())
    out = ["| column | 指标 | measure | unit | key | what it counts |", "|---|---|---|---|---|---|"]
    for key, m in summary["measures"].items():
        out.append(f"| `{key}` | {cell(m['zh'])} | {cell(m['en'])} | {cell(m['unit'])} | "
                   f"{'*' if m['key_measure'] else ''} | {cell(m['meaning'])} |")
    return "\n".join(out) + "\n"


def main():
    text = ODD.read_text()
    stale = []
    for name, make in [("params", params_table), ("measures", measures_table)]:
        pattern = re.compile(rf"(<!-- generated: {name} -->\n)(.*?)(<!-- end generated -->)", re.S)
        found = pattern.search(text)
        if not found:
            sys.exit(f"odd-tables: docs/ODD.md has no '<!-- generated: {name} -->' block")
        table = make()
        if found.group(2) != table:
            stale.append(name)
        text = pattern.sub(lambda m: m.group(1) + table + m.group(3), text)
    if CHECK:
        for name in stale:
            print(f"odd-tables: the '{name}' table of {ODD} is not what {PROGRAM} says: "
                  "run python3 scripts/odd-tables.py and commit docs/ODD.md")
        if not stale:
            print(f"odd-tables: the tables of {ODD} are what {PROGRAM} says")
        sys.exit(1 if stale else 0)
    ODD.write_text(text)
    print(f"odd-tables: updated {ODD}")


if __name__ == "__main__":
    main()
