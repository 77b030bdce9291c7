# Without pandas: tables are numpy structured arrays with the same columns and values, params() a
# list of dicts. pandas is blocked in a subprocess (sys.modules["pandas"] = None makes its import fail).
import os
import pickle
import subprocess
import sys
import textwrap

import numpy as np

import pilotsim

SCRIPT = textwrap.dedent(
    """
    import pickle, sys
    sys.modules["pandas"] = None  # import pandas now raises ImportError
    import numpy as np
    import pilotsim
    assert not pilotsim.HAVE_PANDAS
    p = pilotsim.params()
    assert isinstance(p, list) and isinstance(p[0], dict) and "key" in p[0] and "zh" in p[0]
    assert isinstance(pilotsim.presets(), list)
    r = pilotsim.run(pilotsim.Scenario("county", overrides={"run.months": 24}), replicates=2, seed=4)
    assert isinstance(r.monthly, np.ndarray) and r.monthly.dtype.names[:3] == ("replicate", "month", "year")
    sim = pilotsim.Simulation(pilotsim.Scenario("county", overrides={"run.months": 12})).skip_burn_in().step(3)
    assert isinstance(sim.measures(), dict) and isinstance(sim.snapshot()["units"], np.ndarray)
    design = pilotsim.sample(sys.argv[1])
    assert isinstance(design, np.ndarray)
    y = design["x1"] * 2.0 + design["x2"]
    res = pilotsim.analyze(design, {"run": design["run"], "y": y}, bootstrap=20)
    c = pilotsim.compare("county", pilotsim.Scenario("county", **{"regulation.number_control": 2}), replicates=2)
    with open(sys.argv[2], "wb") as f:
        pickle.dump({"tables": r.tables, "design": design, "analysis": res, "compare": c.table}, f)
    """
)

FACTORS = """
[design]
method = "saltelli"
samples = 16
seed = 2
[factors.x1]
distribution = "uniform"
min = 0
max = 1
[factors.x2]
distribution = "normal"
mean = 0
sd = 1
"""


def same(struct: np.ndarray, frame, name):
    assert list(struct.dtype.names) == list(frame.columns), name
    assert len(struct) == len(frame), name
    for col in frame.columns:
        a, b = struct[col], frame[col].to_numpy()
        if a.dtype == object or b.dtype == object:
            norm = [None if (v is None or v == "" or (isinstance(v, float) and np.isnan(v))) else str(v) for v in a]
            ref = [None if (v is None or v == "" or (isinstance(v, float) and np.isnan(v))) else str(v) for v in b]
            assert norm == ref, f"{name}.{col}"
        else:
            assert np.array_equal(a.astype(np.float64), b.astype(np.float64), equal_nan=True), f"{name}.{col}"


def test_numpy_fallback_without_pandas(tmp_path):
    factors = tmp_path / "factors.toml"
    factors.write_text(FACTORS)
    out = tmp_path / "out.pickle"
    p = subprocess.run([sys.executable, "-c", SCRIPT, str(factors), str(out)], capture_output=True, text=True,
                       env=dict(os.environ))
    assert p.returncode == 0, p.stderr
    with open(out, "rb") as f:
        got = pickle.load(f)
    r = pilotsim.run(pilotsim.Scenario("county", overrides={"run.months": 24}), replicates=2, seed=4)
    for name, t in r.tables.items():
        same(got["tables"][name], t, name)
    design = pilotsim.sample(factors)
    same(got["design"], design, "design")
    res = pilotsim.analyze(design, {"run": design["run"], "y": design["x1"] * 2.0 + design["x2"]}, bootstrap=20)
    same(got["analysis"], res, "analysis")
    c = pilotsim.compare("county", pilotsim.Scenario("county", **{"regulation.number_control": 2}), replicates=2)
    same(got["compare"], c.table, "compare")
