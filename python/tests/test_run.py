# pilotsim.run against `pilotsim run`: the same tables value for value, the GIL released while the
# model runs, threads not changing results.
import json
import threading
import time

import numpy as np
import pandas as pd
import pytest

import pilotsim
from conftest import run_cli

TABLES = ["monthly", "pilots", "tenures", "units", "innovations", "recognitions", "programmes", "hierarchy"]


def assert_same_table(ours: pd.DataFrame, csv: pd.DataFrame, name: str):
    """Exact equality. The CSV writes every real as the shortest text that reads back to the same
    double, so reading it with float_precision="round_trip" gives the very values: no tolerance
    (pandas' default fast parser can be one unit in the last place off). Missing values are NaN (numbers) and
    None (text) here, NaN in pandas' reading of the CSV's empty fields."""
    assert list(ours.columns) == list(csv.columns), name
    assert len(ours) == len(csv), name
    for col in csv.columns:
        a, b = ours[col], csv[col]
        if b.dtype == object or a.dtype == object:
            # An empty text (units.name of a generated structure) is an empty field, NaN in pandas.
            na, nb = (a.isna() | (a == "")).to_numpy(), (b.isna() | (b == "")).to_numpy()
            assert (na == nb).all(), f"{name}.{col}: missing values differ"
            assert (a[~na].astype(str).to_numpy() == b[~nb].astype(str).to_numpy()).all(), f"{name}.{col}"
        else:
            # Types come from the writer: a real column whose values are all whole numbers (a
            # maximum, a count of a month) is float64 here where pandas guesses int64 from the text.
            if a.dtype != b.dtype:
                assert a.dtype == np.float64 and b.dtype == np.int64, f"{name}.{col}: {a.dtype}, CSV {b.dtype}"
            assert np.array_equal(a.to_numpy(np.float64), b.to_numpy(np.float64), equal_nan=True), f"{name}.{col}"
            if a.dtype == np.int64:
                assert (a.to_numpy() == b.to_numpy()).all(), f"{name}.{col}"


def test_run_equals_cli(tmp_path):
    out = tmp_path / "run"
    run_cli("run", "county", "--months", 24, "--replicates", 3, "--seed", 11, "--threads", 2, "--out", out, "-q")
    s = pilotsim.Scenario("county", overrides={"run.months": 24})
    r = pilotsim.run(s, replicates=3, seed=11, threads=2)
    assert list(r.tables) == TABLES
    for name in TABLES:
        assert_same_table(r[name], pd.read_csv(out / f"{name}.csv", float_precision="round_trip"), name)
    assert len(r.pilots) > 0 and r.monthly["replicate"].nunique() == 3
    # summary.json and scenario.toml (the CLI's has a comment line naming its command)
    # (scenario.source lists the overrides in the order given: the CLI's flags after --set)
    cli_summary = json.loads((out / "summary.json").read_text())
    ours = dict(r.summary)
    ours["scenario"], cli_summary["scenario"] = dict(ours["scenario"]), dict(cli_summary["scenario"])
    src, cli_src = ours["scenario"].pop("source"), cli_summary["scenario"].pop("source")
    assert sorted(src.split(" --set ")) == sorted(cli_src.split(" --set "))
    assert ours == cli_summary

    def body(t):
        return [line for line in t.splitlines() if not line.startswith("#")]

    assert body(r.scenario_toml) == body((out / "scenario.toml").read_text())
    assert r.seed == 11 and r.replicates == 3 and r.model_version == 2
    assert r.program_version == pilotsim.program_version


def test_records_none_and_threads(small):
    a = pilotsim.run(small, replicates=3, seed=5, threads=1, records=False)
    assert "pilots" not in a.tables and "tenures" not in a.tables
    with pytest.raises(AttributeError, match="records=False"):
        a.pilots
    b = pilotsim.run(small, replicates=3, seed=5, threads=3)
    assert_same_table(a.monthly, b.monthly, "monthly")
    c = pilotsim.run(small, replicates=3, seed=6, threads=1)
    assert not a.monthly.equals(c.monthly)


def test_run_validates_like_the_cli(small):
    with pytest.raises(pilotsim.InputError) as e:
        pilotsim.run(small, replicates=0)
    assert e.value.key == "run.replicates"


def test_gil_released_during_run():
    """A Python thread keeps running while the model does: it records the times it got the GIL, and
    some of them fall well inside the run (with the GIL held it would not run at all until the end)."""
    s = pilotsim.Scenario("baseline", overrides={"run.months": 1200})
    ticks, done = [], threading.Event()

    def count():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.01)
    start = time.perf_counter()
    pilotsim.run(s, replicates=2, seed=1, threads=1, records=False)
    end = time.perf_counter()
    done.set()
    t.join()
    inside = [x for x in ticks if start + 0.1 * (end - start) < x < end - 0.1 * (end - start)]
    assert end - start > 0.05, "the run is too short to tell"
    # one tick per ~1 ms sleep: at least a tenth of that, against none with the GIL held
    assert len(inside) > 0.1 * 0.8 * (end - start) / 0.001, (len(inside), end - start)


def test_missing_values():
    """Censored spells are NaN in integer columns (as pandas reads the CSV), text stays text."""
    r = pilotsim.run(pilotsim.Scenario("county", overrides={"run.months": 24}), replicates=1, seed=2)
    p = r.pilots
    assert p["end"].dtype == np.float64 and p["end"].isna().any()
    assert ((p["censored"] == 1) == p["end"].isna()).all()
    assert p["origin"].dtype == object and set(p["origin"]) <= {
        "spontaneous", "designated", "adoption", "restart", "relocated"}
