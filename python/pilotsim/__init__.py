"""pilotsim from Python: scenarios, runs, month-by-month simulations, comparisons and sensitivity
analysis, with the tables the command line writes as pandas DataFrames (numpy structured arrays
when pandas is not installed). docs/python.md is the guide.

    import pilotsim
    s = pilotsim.Scenario("county", overrides={"run.months": 24})
    r = pilotsim.run(s, replicates=4, seed=7)
    r.monthly.groupby("month")["pilots_per_unit"].mean()

The model runs in C++ (the compiled ``pilotsim._pilotsim``) with the GIL released; results are the
command line's for the same scenario and seed, value for value.
"""

from __future__ import annotations

import csv as _csv
import io as _io
import json as _json
import math as _math
import os as _os

import numpy as _np

from . import _pilotsim

try:  # pandas is optional: without it tables are numpy structured arrays
    import pandas as _pd
except ImportError:  # pragma: no cover - exercised by tests/test_fallback.py in a subprocess
    _pd = None

__all__ = [
    "InputError",
    "Scenario",
    "Simulation",
    "RunResult",
    "analyze",
    "compare",
    "measures",
    "params",
    "presets",
    "run",
    "sample",
    "program_version",
    "model_version",
    "HAVE_PANDAS",
]

#: A problem with input (scenario file, override, design ...), as the command line reports it. A
#: ValueError with the attributes ``file``, ``line`` (0 if unknown) and ``key`` ("" if none).
InputError = _pilotsim.InputError
InputError.__module__ = __name__
program_version: str = _pilotsim.program_version
model_version: int = _pilotsim.model_version
HAVE_PANDAS = _pd is not None


# ---- tables -------------------------------------------------------------------------------------


def _table(columns: dict):
    """A dict of column -> numpy array as a DataFrame, or a numpy structured array without pandas."""
    if _pd is not None:
        return _pd.DataFrame(columns, copy=False)
    n = len(next(iter(columns.values()))) if columns else 0
    out = _np.empty(n, dtype=[(name, a.dtype) for name, a in columns.items()])
    for name, a in columns.items():
        out[name] = a
    return out


def _parse_value(text: str):
    try:
        return int(text)
    except ValueError:
        return float(text)


def _csv_table(text: str):
    """A CSV text (the command line's format: docs/outputs.md) as a table, typed as pandas reads it."""
    if _pd is not None:
        # round_trip: the exact doubles the text was written from (the default parser is faster
        # but can be one unit in the last place off)
        return _pd.read_csv(_io.StringIO(text), float_precision="round_trip")
    rows = list(_csv.reader(_io.StringIO(text)))
    header, body = rows[0], rows[1:]
    columns = {}
    for j, name in enumerate(header):
        cells = [r[j] for r in body]
        present = [c for c in cells if c != ""]
        try:
            values = [_parse_value(c) for c in present]
        except ValueError:  # text: missing cells are None
            columns[name] = _np.array([c if c != "" else None for c in cells], dtype=object)
            continue
        if len(present) == len(cells) and all(isinstance(v, int) for v in values):
            columns[name] = _np.array(values, dtype=_np.int64)
        else:
            columns[name] = _np.array([float(c) if c != "" else _math.nan for c in cells], dtype=_np.float64)
    return _table(columns)


def _to_csv(table) -> str:
    """A DataFrame, a numpy structured array or a dict of columns as CSV text; reals are written
    with repr, the shortest text that reads back to the same double (as the command line writes)."""
    if _pd is not None and isinstance(table, _pd.DataFrame):
        return table.to_csv(index=False, na_rep="")
    if isinstance(table, dict):
        names = list(table)
        columns = [list(table[n]) for n in names]
    else:
        names = list(table.dtype.names)
        columns = [list(table[n]) for n in names]
    out = _io.StringIO()
    w = _csv.writer(out, lineterminator="\n")
    w.writerow(names)

    def cell(v):
        if v is None:
            return ""
        if isinstance(v, (float, _np.floating)):
            return "" if _math.isnan(v) else repr(float(v))
        if isinstance(v, (_np.integer,)):
            return str(int(v))
        return str(v)

    for row in zip(*columns):
        w.writerow([cell(v) for v in row])
    return out.getvalue()


# ---- what is available --------------------------------------------------------------------------


def presets(lang: str = "en"):
    """The built-in presets: name, description (English) and description_zh."""
    rows = [
        {
            "name": n,
            "description": _pilotsim.preset_description(n, False),
            "description_zh": _pilotsim.preset_description(n, True),
        }
        for n in _pilotsim.preset_names()
    ]
    return _records(rows, ["name", "description", "description_zh"])


def params():
    """Every parameter, as ``pilotsim params --format json`` gives them: key, zh, en, default,
    allowed, allowed_zh, min, max, plausible_min, plausible_max, plausible_reason, unit, unit_zh,
    meaning, meaning_zh, source, lever. A DataFrame with pandas, else a list of dicts."""
    rows = _json.loads(_pilotsim.params_json())
    if _pd is None:
        return rows
    return _pd.DataFrame(rows)


def measures():
    """The outcome measures (the columns of the monthly table): key, zh, en, unit, unit_zh,
    meaning, meaning_zh, key_measure. A DataFrame with pandas, else a list of dicts."""
    rows = _pilotsim.measures()
    return _pd.DataFrame(rows) if _pd is not None else rows


def _records(rows, columns):
    if _pd is not None:
        return _pd.DataFrame(rows, columns=columns)
    return rows


# ---- scenarios ----------------------------------------------------------------------------------


def _toml_value(value) -> str:
    """A Python value as the TOML text ``--set KEY=VALUE`` takes."""
    if isinstance(value, bool) or isinstance(value, _np.bool_):
        return "true" if value else "false"
    if isinstance(value, (int, _np.integer)):
        return str(int(value))
    if isinstance(value, (float, _np.floating)):
        v = float(value)
        if _math.isnan(v):
            return "nan"
        if _math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(value, str):
        return _json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, (list, tuple, _np.ndarray)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as a parameter value")


class Scenario:
    """A scenario: a preset name or a scenario TOML file, then overrides by parameter key, checked
    as the command line checks them (``pilotsim run NAME --set KEY=VALUE``); bad input raises
    :class:`InputError` naming the key and what is allowed.

        Scenario("baseline")
        Scenario("baseline", **{"drivers.promotion_drive": 0.5})
        Scenario("county", overrides={"run.months": 24, "regulation.number_control": 4})
        Scenario("my-scenario.toml")  or  Scenario.from_file("my-scenario.toml")
    """

    def __init__(self, name_or_path: str = "baseline", overrides: dict | None = None, **kwargs):
        if isinstance(name_or_path, Scenario):
            core = name_or_path._core.copy()
        else:
            core = _pilotsim.Scenario.load(_os.fspath(name_or_path))
        self._core = core
        self._apply({**(overrides or {}), **kwargs})

    @classmethod
    def from_file(cls, path, overrides: dict | None = None, **kwargs) -> "Scenario":
        """A scenario TOML file (it may name a preset as its base)."""
        return cls(_os.fspath(path), overrides, **kwargs)

    @classmethod
    def from_toml(cls, text: str, source: str = "<string>", overrides: dict | None = None, **kwargs) -> "Scenario":
        """Scenario TOML text, e.g. a run's scenario.toml; ``source`` names it in messages."""
        self = cls.__new__(cls)
        self._core = _pilotsim.Scenario.from_text(text, source)
        self._apply({**(overrides or {}), **kwargs})
        return self

    def _apply(self, overrides: dict):
        for key, value in overrides.items():
            self._core.apply_override(f"{key}={_toml_value(value)}")
        self._core.check()

    def with_overrides(self, overrides: dict | None = None, **kwargs) -> "Scenario":
        """A copy with more overrides."""
        return Scenario(self, overrides, **kwargs)

    def __getitem__(self, key: str):
        """A parameter's value, e.g. ``s["run.months"]``."""
        return self._core.get(key)

    @property
    def name(self) -> str:
        return self._core.name

    @property
    def base(self) -> str:
        return self._core.base

    @property
    def description(self) -> str:
        return self._core.description

    @property
    def source(self) -> str:
        """Where it comes from: "preset:NAME" or a file, then the overrides applied."""
        return self._core.source

    @property
    def warnings(self) -> list:
        """Deprecated keys used, one message each."""
        return list(self._core.warnings)

    @property
    def units(self) -> int:
        """Grassroots units (streets and townships) in its structure."""
        return self._core.units()

    def toml(self) -> str:
        """The fully resolved scenario as TOML (``Scenario.from_toml`` reads it back exactly)."""
        return self._core.toml()

    def __repr__(self) -> str:
        return f"<pilotsim.Scenario {self.name!r} ({self.source})>"


def _scenario(s) -> Scenario:
    return s if isinstance(s, Scenario) else Scenario(s)


# ---- runs ---------------------------------------------------------------------------------------

_RUN_TABLES = ("monthly", "pilots", "tenures", "units", "innovations", "recognitions", "programmes", "hierarchy")


class RunResult:
    """What ``pilotsim run`` writes, in memory: the tables ``monthly``, ``pilots``, ``tenures``,
    ``units``, ``innovations``, ``recognitions``, ``programmes`` and ``hierarchy`` (the CSV files of
    docs/outputs.md, same columns and values), ``summary`` (summary.json as a dict), and
    ``scenario_toml`` (scenario.toml's text), ``seed``, ``replicates``, ``program_version`` and
    ``model_version``. ``result["monthly"]`` works too."""

    def __init__(self, raw: dict):
        self.tables = {name: _table(cols) for name, cols in raw["tables"].items()}
        self.summary = _json.loads(raw["summary_json"])
        self.scenario_toml: str = raw["scenario_toml"]
        self.seed: int = raw["seed"]
        self.replicates: int = raw["replicates"]
        self.program_version: str = raw["program_version"]
        self.model_version: int = raw["model_version"]

    def __getattr__(self, name):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        if name in _RUN_TABLES:
            raise AttributeError(f"the run has no {name} table (records=False leaves out pilots and tenures)")
        raise AttributeError(name)

    def __getitem__(self, name):
        return self.tables[name]

    def keys(self):
        return self.tables.keys()

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k} {len(v)}" for k, v in self.tables.items())
        return f"<pilotsim.RunResult seed {self.seed}, {self.replicates} replicates: {sizes}>"


def run(scenario, replicates: int | None = None, seed: int | None = None, threads: int = 0,
        records: bool = True) -> RunResult:
    """Run a scenario's replicates, as ``pilotsim run`` does (``--replicates``, ``--seed``,
    ``--threads``; ``records=False`` is ``--records none``). ``threads=0`` uses every hardware
    thread; results do not depend on it. The GIL is released while the model runs; Ctrl-C stops
    the run after the replicate in progress (KeyboardInterrupt)."""
    s = _scenario(scenario)
    return RunResult(_pilotsim.run(s._core, replicates=replicates, seed=seed, threads=threads, records=records))


class Simulation:
    """One replicate stepped month by month, for a notebook:

        sim = pilotsim.Simulation(pilotsim.Scenario("county"), replicate=0)
        sim.skip_burn_in()          # month 0 is the first measured month
        sim.step(12)                # a year
        sim.month, sim.measures()   # the last month's measures
        sim.snapshot()["units"]     # the units now: pilots, satisfaction, impression, ...
        sim.monthly()               # every measured month so far, as run()'s monthly table

    ``month`` counts from the end of burn-in and is negative during it; ``step`` steps burn-in
    months too. Replicate i is the same simulation as replicate i of ``run`` with the same seed."""

    def __init__(self, scenario, replicate: int = 0):
        self.scenario = _scenario(scenario)
        self._core = _pilotsim.Simulation(self.scenario._core, replicate)

    def step(self, months: int = 1) -> "Simulation":
        """Advance ``months`` months (fewer if the run ends first); returns self."""
        self._core.step(months)
        return self

    def skip_burn_in(self) -> "Simulation":
        """Step through the burn-in months: the next step simulates measured month 0."""
        self._core.skip_burn_in()
        return self

    @property
    def month(self) -> int:
        """The month simulated next, from the end of burn-in (negative during burn-in)."""
        return self._core.month

    @property
    def total_months(self) -> int:
        """All months, burn-in included."""
        return self._core.total_months

    @property
    def finished(self) -> bool:
        return self._core.finished

    @property
    def replicate(self) -> int:
        return self._core.replicate

    def measures(self):
        """The last measured month's measures (a Series with pandas, else a dict); None before the
        first measured month."""
        row = self._core.measures()
        if row is None or _pd is None:
            return row
        return _pd.Series(row)

    def monthly(self):
        """Every measured month so far: the columns of run()'s monthly table."""
        return _table(self._core.monthly())

    def snapshot(self) -> dict:
        """The replicate as of the last month simulated: ``month``, ``units`` (one row per unit:
        superior, pilots needing attention, pseudo share, satisfaction, effectiveness, base, budget,
        impression, ambition, designated pilots, live pilots) and ``pilots`` (each unit's live
        pilots)."""
        raw = self._core.snapshot()
        return {"month": raw["month"], "units": _table(raw["units"]), "pilots": _table(raw["pilots"])}

    def result(self) -> dict:
        """After the last month: the replicate's tables, as run() gives them (once)."""
        return {name: _table(cols) for name, cols in self._core.result().items()}

    def __repr__(self) -> str:
        return f"<pilotsim.Simulation {self.scenario.name!r} replicate {self.replicate}, month {self.month}>"


# ---- experiments and sensitivity ----------------------------------------------------------------


class CompareResult:
    """``pilotsim compare``'s files in memory: ``table`` (compare.csv: per outcome and scenario the
    level, the difference from the first scenario with its interval, effect size, direction),
    ``monthly_bands``, ``replicates`` and ``meta`` (compare.json as a dict)."""

    def __init__(self, raw: dict):
        self.table = _csv_table(raw["compare"])
        self.monthly_bands = _csv_table(raw["monthly_bands"])
        self.replicates = _csv_table(raw["replicates"])
        self.meta = _json.loads(raw["json"])
        self.seed: int = raw["seed"]

    def __repr__(self) -> str:
        return f"<pilotsim.CompareResult seed {self.seed}: {len(self.table)} rows>"


def compare(*scenarios, replicates: int = 30, seed: int | None = None, threads: int = 0) -> CompareResult:
    """Scenarios side by side with common random numbers, the first the reference, as
    ``pilotsim compare A B ...``. Each argument is a Scenario or a preset name or file, or a dict
    {label: scenario}; labels default to the scenario's name (``#N`` added when names repeat).
    ``seed`` defaults to the first scenario's run.seed."""
    items = []
    for s in scenarios:
        if isinstance(s, dict):
            items.extend((str(k), _scenario(v)) for k, v in s.items())
        else:
            sc = _scenario(s)
            items.append((None, sc))
    labels, seen = [], set()
    for i, (label, sc) in enumerate(items):
        label = label or sc.name
        if label in seen:
            label = f"{label}#{i + 1}"
        seen.add(label)
        labels.append(label)
    raw = _pilotsim.compare([(lab, sc._core) for lab, (_, sc) in zip(labels, items)], replicates, seed, threads)
    return CompareResult(raw)


def sample(spec, seed: int | None = None):
    """The design of a sampling file (TOML with [design] and [factors.NAME]; a path, or the text
    itself), as ``pilotsim sample FILE``: a table with run, design, the method's columns and one
    column per factor."""
    text, name = _text_or_file(spec)
    raw = _pilotsim.sample(text, name, seed)
    return _csv_table(raw["csv"])


def analyze(design=None, outputs=None, *, db=None, test_function=None, method: str = "saltelli",
            samples: int = 1024, trajectories: int = 20, levels: int = 0, second_order: bool = False,
            bootstrap: int = 1000, confidence: float = 0.95, seed: int = 1):
    """Sensitivity indices, as ``pilotsim analyze``: of ``outputs`` (a table with ``run`` and one
    column per output; or a CSV path) over ``design`` (sample()'s table, or a design CSV path), of
    a campaign database (``db=`` from ``pilotsim sweep``), or of a built-in function with known
    indices (``test_function="ishigami"``, ``"g-function"`` or ``"linear"``, sampled by ``method``
    with ``samples``, ``trajectories``, ``levels`` and ``second_order`` as ``--test-function``
    does). Returns sensitivity.csv's tidy table; with pandas its ``attrs["json"]`` holds
    sensitivity.json as a dict and, for a test function, ``attrs["analytic"]`` the analytic
    indices (factor, S1, ST and, where constant, Morris' mu) as a DataFrame."""
    sources = (design is not None or outputs is not None) + (db is not None) + (test_function is not None)
    if sources > 1:
        raise ValueError("give one of: a design and outputs, db= a campaign database, test_function=; not both")
    if test_function is not None:
        raw = _pilotsim.analyze_test_function(test_function, method, samples, trajectories, levels, second_order,
                                              bootstrap, confidence, seed)
        table = _csv_table(raw["csv"])
        if _pd is not None:
            table.attrs["json"] = _json.loads(raw["json"])
            table.attrs["analytic"] = _pd.DataFrame(dict(raw["analytic"]))
        return table
    if db is not None:
        raw = _pilotsim.analyze_database(_os.fspath(db), bootstrap, confidence, seed)
    else:
        if design is None or outputs is None:
            raise ValueError("analyze needs a design and its outputs, or db= a campaign database")
        raw = _pilotsim.analyze_csv(_csv_of(design), _csv_of(outputs), bootstrap, confidence, seed)
    table = _csv_table(raw["csv"])
    if _pd is not None:
        table.attrs["json"] = _json.loads(raw["json"])
    return table


def _text_or_file(spec):
    if isinstance(spec, (str, _os.PathLike)) and _os.path.exists(spec):
        with open(spec, encoding="utf-8") as f:
            return f.read(), _os.fspath(spec)
    if isinstance(spec, str) and "\n" in spec:
        return spec, "<string>"
    error = InputError(f"{spec}: no such file (give a path or the TOML text itself)")
    error.file, error.line, error.key = _os.fspath(spec) if isinstance(spec, (str, _os.PathLike)) else "", 0, ""
    raise error


def _csv_of(table) -> str:
    if isinstance(table, (str, _os.PathLike)):
        with open(table, encoding="utf-8") as f:
            return f.read()
    return _to_csv(table)
