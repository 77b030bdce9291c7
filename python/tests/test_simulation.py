# pilotsim.Simulation: one replicate stepped month by month is the same replicate as pilotsim.run's.
import numpy as np
import pandas as pd
import pytest

import pilotsim
from test_run import assert_same_table


def test_stepping_month_by_month_equals_a_run():
    s = pilotsim.Scenario("county", overrides={"run.months": 12, "run.seed": 21})
    sim = pilotsim.Simulation(s, replicate=1)
    assert sim.month == -s["run.burn_in"] and sim.total_months == s["run.burn_in"] + 12
    assert sim.measures() is None
    sim.skip_burn_in()
    assert sim.month == 0 and len(sim.monthly()) == 0
    seen = []
    for m in range(12):
        sim.step()
        assert sim.month == m + 1
        seen.append(sim.measures())
    assert sim.finished
    sim.step()  # nothing left: a no-op
    r = pilotsim.run(s, replicates=2)
    mine = r.monthly[r.monthly["replicate"] == 1].reset_index(drop=True)
    assert_same_table(sim.monthly(), mine, "monthly")
    # measures() was the last month's row each time
    for m, row in enumerate(seen):
        assert isinstance(row, pd.Series) and row["month"] == m
        assert np.array_equal(row.drop("month").to_numpy(np.float64),
                              mine.iloc[m][row.index.drop("month")].to_numpy(np.float64), equal_nan=True)
    # and the records of the replicate are run()'s replicate 1
    tables = sim.result()
    for name, t in tables.items():
        ref = r[name][r[name]["replicate"] == 1].reset_index(drop=True)
        assert_same_table(t, ref, name)
    with pytest.raises(ValueError, match="already taken"):
        sim.result()


def test_snapshot_per_unit():
    s = pilotsim.Scenario("county", overrides={"run.months": 12})
    sim = pilotsim.Simulation(s).skip_burn_in().step(6)
    snap = sim.snapshot()
    assert snap["month"] == 5
    units = snap["units"]
    assert len(units) == s.units == 12
    for col in ["unit", "superior", "pilots", "pseudo_share", "satisfaction", "impression", "live_pilots"]:
        assert col in units.columns
    assert units["satisfaction"].between(0, 1).all()
    assert units["live_pilots"].sum() == len(snap["pilots"])
    assert set(snap["pilots"]["unit"]) <= set(units["unit"])


def test_result_before_the_end_and_bad_params():
    sim = pilotsim.Simulation(pilotsim.Scenario("county", overrides={"run.months": 12}))
    with pytest.raises(ValueError, match="not finished"):
        sim.result()
    with pytest.raises(ValueError):
        sim.step(-1)
