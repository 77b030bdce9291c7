# `cmake --install` puts the package under <prefix>/lib/python3/dist-packages/pilotsim (the
# PILOTSIM_PYTHON_INSTALL_DIR cache variable), from where it imports and runs in a fresh interpreter.
import os
import subprocess
import sys


def test_install_then_import(tmp_path):
    build = os.environ["PILOTSIM_BUILD_DIR"]
    cmake = os.environ.get("PILOTSIM_CMAKE", "cmake")
    prefix = tmp_path / "prefix"
    p = subprocess.run([cmake, "--install", build, "--prefix", str(prefix), "--component", "python"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    site = prefix / "lib" / "python3" / "dist-packages"
    assert (site / "pilotsim" / "__init__.py").is_file()
    assert any(f.name.startswith("_pilotsim") and f.suffix == ".so" for f in (site / "pilotsim").iterdir())
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    code = (
        "import pilotsim, sys; "
        "assert pilotsim.__file__.startswith(sys.argv[1]), pilotsim.__file__; "
        "r = pilotsim.run(pilotsim.Scenario('county', overrides={'run.months': 12}), replicates=1); "
        "print(len(r.monthly))"
    )
    p = subprocess.run([sys.executable, "-c", code, str(site)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "12"
