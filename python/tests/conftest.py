# Shared by the Python module's tests (python/CMakeLists.txt runs each file under CTest, label
# "python", with PYTHONPATH at the build tree's package and PILOTSIM_EXE the built program).
import os
import subprocess

import pytest

EXE = os.environ.get("PILOTSIM_EXE", "pilotsim")


def run_cli(*args, cwd=None):
    """Run the built pilotsim program; fails the test with its output if it fails."""
    p = subprocess.run([EXE, *map(str, args)], capture_output=True, text=True, cwd=cwd)
    assert p.returncode == 0, f"pilotsim {' '.join(map(str, args))} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}"
    return p


@pytest.fixture
def small():
    """A small scenario: the county preset (12 units), two years."""
    import pilotsim

    return pilotsim.Scenario("county", overrides={"run.months": 24})
