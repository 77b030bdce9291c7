# What is available and how scenarios are made: presets, params, measures, Scenario with overrides
# checked as the command line checks them (the same messages), InputError naming the key.
import json

import pandas as pd
import pytest

import pilotsim
from conftest import run_cli


def test_presets_bilingual():
    p = pilotsim.presets()
    assert isinstance(p, pd.DataFrame)
    assert list(p.columns) == ["name", "description", "description_zh"]
    assert {"baseline", "county", "reform-all", "national"} <= set(p["name"])
    row = p.set_index("name").loc["baseline"]
    assert row["description"] and row["description_zh"] and row["description"] != row["description_zh"]


def test_params_as_the_cli_lists_them():
    p = pilotsim.params()
    assert isinstance(p, pd.DataFrame)
    cli = json.loads(run_cli("params", "--format", "json").stdout)
    assert list(p["key"]) == [r["key"] for r in cli]
    for col in ["zh", "en", "default", "allowed", "allowed_zh", "unit", "unit_zh", "meaning", "meaning_zh",
                "source", "plausible_min", "plausible_max"]:
        assert col in p.columns
    row = p.set_index("key").loc["drivers.promotion_drive"]
    ref = next(r for r in cli if r["key"] == "drivers.promotion_drive")
    assert row["zh"] == ref["zh"] and row["en"] == ref["en"] and row["default"] == ref["default"]
    assert row["plausible_min"] == ref["plausible_min"] and row["max"] == ref["max"]


def test_measures():
    m = pilotsim.measures()
    assert "pilots_per_unit_mean" in set(m["key"])
    assert m["zh"].str.len().min() > 0


def test_scenario_overrides_both_forms():
    a = pilotsim.Scenario("baseline", **{"drivers.promotion_drive": 0.5})
    assert a["drivers.promotion_drive"] == 0.5
    assert "--set drivers.promotion_drive=0.5" in a.source
    b = pilotsim.Scenario("county", overrides={"run.months": 24, "regulation.number_control": 4})
    assert b["run.months"] == 24 and b["regulation.number_control"] == 4
    assert b.name == "county" and b.units == 12
    c = b.with_overrides({"run.replicates": 3})
    assert c["run.replicates"] == 3 and c["run.months"] == 24


def test_scenario_from_file_and_toml(tmp_path, small):
    f = tmp_path / "mine.toml"
    f.write_text('name = "mine"\nbase = "county"\n[run]\nmonths = 36\n')
    s = pilotsim.Scenario.from_file(f)
    assert s.name == "mine" and s.base == "county" and s["run.months"] == 36
    assert pilotsim.Scenario(str(f))["run.months"] == 36
    # The resolved TOML reads back to the same parameters (the comment lines name its source).
    back = pilotsim.Scenario.from_toml(small.toml())

    def body(t):
        return [line for line in t.splitlines() if not line.startswith("#")]

    assert body(back.toml()) == body(small.toml())


def cli_error(*args):
    import subprocess

    from conftest import EXE

    p = subprocess.run([EXE, *args], capture_output=True, text=True)
    assert p.returncode == 2, p.stderr
    return p.stderr


@pytest.mark.parametrize(
    "key,value,cli_value",
    [("drivers.promotion_drive", 5, "5"), ("run.months", 3, "3"), ("drivers.promotion_drive", "high", '"high"')],
)
def test_invalid_override_names_the_key_as_the_cli(key, value, cli_value):
    with pytest.raises(pilotsim.InputError) as e:
        pilotsim.Scenario("baseline", **{key: value})
    err = e.value
    assert isinstance(err, ValueError)
    assert err.key == key and err.file == "--set" and err.line == 0
    assert key in str(err)
    # The same message as `pilotsim validate baseline --set KEY=VALUE` prints.
    assert str(err) in cli_error("validate", "baseline", "--set", f"{key}={cli_value}")


def test_unknown_key_and_preset():
    with pytest.raises(pilotsim.InputError, match="no_such_key"):
        pilotsim.Scenario("baseline", **{"drivers.no_such_key": 1})
    with pytest.raises(pilotsim.InputError, match="no such preset or file; presets are: baseline"):
        pilotsim.Scenario("no-such-preset")


def test_bad_file_names_file_and_line(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('name = "bad"\n[drivers]\npromotion_drive = 7\n')
    with pytest.raises(pilotsim.InputError) as e:
        pilotsim.Scenario(str(f))
    assert e.value.file == str(f) and e.value.line == 3 and e.value.key == "drivers.promotion_drive"


def test_versions():
    assert pilotsim.model_version == 2
    assert pilotsim.program_version in run_cli("version").stdout
