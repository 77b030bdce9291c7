# pilotsim.compare, sample and analyze against `pilotsim compare`, `pilotsim sample` and
# `pilotsim analyze --design --outputs`: the same tables.
import numpy as np
import pandas as pd

import pilotsim
from conftest import run_cli
from test_run import assert_same_table

FACTORS = """
name = "demo"
[design]
method = "saltelli"
samples = 32
seed = 3

[factors.x1]
distribution = "uniform"
min = -3.14159
max = 3.14159

[factors.x2]
distribution = "uniform"
min = -3.14159
max = 3.14159

[factors.x3]
distribution = "integer"
min = 1
max = 6
"""


def read(path):
    return pd.read_csv(path, float_precision="round_trip")


def test_compare_equals_cli(tmp_path):
    out = tmp_path / "cmp"
    run_cli("compare", "county", "county", "--set", "2:regulation.number_control=2", "--months", 24,
            "--replicates", 4, "--seed", 9, "--threads", 2, "--out", out, "-q")
    a = pilotsim.Scenario("county", overrides={"run.months": 24})
    b = a.with_overrides({"regulation.number_control": 2})
    c = pilotsim.compare({"county": a, "county[regulation.number_control=2]": b}, replicates=4, seed=9, threads=2)
    assert_same_table(c.table, read(out / "compare.csv"), "compare")
    assert_same_table(c.monthly_bands, read(out / "monthly_bands.csv"), "monthly_bands")
    assert_same_table(c.replicates, read(out / "replicates.csv"), "replicates")
    assert c.meta["seed"] == 9
    # labels default to names, made unique by position
    d = pilotsim.compare(a, a, replicates=2, seed=9)
    assert list(d.table["scenario"].unique()) == ["county", "county#2"]


def test_sample_and_analyze_equal_cli(tmp_path):
    (tmp_path / "factors.toml").write_text(FACTORS)
    run_cli("sample", "factors.toml", "-o", "design.csv", "-q", cwd=tmp_path)
    design = pilotsim.sample(tmp_path / "factors.toml")
    assert_same_table(design, read(tmp_path / "design.csv"), "design")
    assert_same_table(pilotsim.sample(FACTORS), design, "design from text")
    assert len(design) == 32 * (3 + 2)
    assert not pilotsim.sample(FACTORS, seed=4).equals(design)

    # Outputs "from another program": the Ishigami function of x1, x2 and x3 / 2.
    x1, x2, x3 = design["x1"], design["x2"], design["x3"] / 2
    outputs = pd.DataFrame({"run": design["run"], "y": np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)})
    outputs.to_csv(tmp_path / "outputs.csv", index=False, float_format="%.17g")
    run_cli("analyze", "--design", "design.csv", "--outputs", "outputs.csv", "--bootstrap", 50, "--out", "res",
            cwd=tmp_path)
    result = pilotsim.analyze(design, read(tmp_path / "outputs.csv"), bootstrap=50)
    assert_same_table(result, read(tmp_path / "res" / "sensitivity.csv"), "sensitivity")
    assert set(result["factor"]) >= {"x1", "x2", "x3"}
    assert "method" in result.attrs["json"] or result.attrs["json"]
    # paths work as well
    from_files = pilotsim.analyze(tmp_path / "design.csv", tmp_path / "outputs.csv", bootstrap=50)
    assert_same_table(from_files, result, "sensitivity from files")


def test_analyze_database_equals_cli(tmp_path):
    (tmp_path / "campaign.toml").write_text("""
name = "db"
base = "county"
months = 24
replicates = 2
measures = ["pseudo_share", "real_innovations"]
[design]
method = "saltelli"
samples = 8
seed = 5
[factors."drivers.promotion_drive"]
distribution = "uniform"
min = 0.2
max = 0.9
[factors."regulation.number_control"]
distribution = "integer"
min = 0
max = 8
""")
    run_cli("sweep", "campaign.toml", "--db", "c.db", "--threads", 2, "-q", cwd=tmp_path)
    run_cli("analyze", "c.db", "--bootstrap", 50, "--out", "res", cwd=tmp_path)
    result = pilotsim.analyze(db=tmp_path / "c.db", bootstrap=50)
    assert_same_table(result, read(tmp_path / "res" / "sensitivity.csv"), "sensitivity of a database")
    assert set(result["output"]) == {"pseudo_share", "real_innovations"}
    import pytest

    with pytest.raises(ValueError, match="not both"):
        pilotsim.analyze(db=tmp_path / "c.db", test_function="ishigami")
    with pytest.raises(ValueError, match="not both"):
        pilotsim.analyze(result, result, db=tmp_path / "c.db")
    with pytest.raises(pilotsim.InputError, match="no such campaign database"):
        pilotsim.analyze(db=tmp_path / "missing.db")


def test_analyze_test_function_equals_cli(tmp_path):
    run_cli("analyze", "--test-function", "ishigami", "--samples", 512, "--bootstrap", 50, "--out", "res", cwd=tmp_path)
    result = pilotsim.analyze(test_function="ishigami", samples=512, bootstrap=50)
    assert_same_table(result, read(tmp_path / "res" / "sensitivity.csv"), "sensitivity of the Ishigami function")
    analytic = result.attrs["analytic"]
    assert list(analytic["factor"]) == ["x1", "x2", "x3"]
    assert abs(analytic["S1"][1] - 0.4424) < 1e-4 and abs(analytic["ST"][2] - 0.2437) < 1e-4
    # Estimates near the analytic values (the CLI test of the same design checks the same).
    s1 = result[(result["statistic"] == "S1") & (result["factor"] == "x2")]["estimate"].iloc[0]
    assert abs(s1 - 0.4424) < 0.1
    run_cli("analyze", "--test-function", "linear", "--method", "morris", "--trajectories", 8, "--bootstrap", 20,
            "--out", "morris", cwd=tmp_path)
    morris = pilotsim.analyze(test_function="linear", method="morris", trajectories=8, bootstrap=20)
    assert_same_table(morris, read(tmp_path / "morris" / "sensitivity.csv"), "Morris of the linear function")
    assert list(morris.attrs["analytic"]["mu"]) == [1.0, -2.0, 4.0, 0.5]
    import pytest

    with pytest.raises(pilotsim.InputError, match="unknown test function 'rosenbrock'"):
        pilotsim.analyze(test_function="rosenbrock")
    with pytest.raises(pilotsim.InputError, match="must be even for morris"):
        pilotsim.analyze(test_function="linear", method="morris", levels=3)


def test_bad_inputs_raise_input_error(tmp_path):
    import pytest

    with pytest.raises(pilotsim.InputError):
        pilotsim.sample(FACTORS.replace('distribution = "integer"', 'distribution = "zipf"'))
    design = pilotsim.sample(FACTORS)
    with pytest.raises(pilotsim.InputError, match="run"):
        pilotsim.analyze(design, pd.DataFrame({"y": [1.0]}))
    with pytest.raises(pilotsim.InputError):
        pilotsim.Scenario("county", **{"regulation.number_control": -1})
