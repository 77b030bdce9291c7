# docs/python.md's worked example runs as written (matplotlib without a display).
import os
import re
import subprocess
import sys
from pathlib import Path


def test_worked_example_runs(tmp_path):
    doc = Path(os.environ["PILOTSIM_SOURCE_DIR"]) / "docs" / "python.md"
    blocks = re.findall(r"```python\n(.*?)```", doc.read_text(), re.S)
    assert blocks, "docs/python.md has no python block"
    script = tmp_path / "example.py"
    script.write_text("\n".join(blocks))
    env = dict(os.environ, MPLBACKEND="Agg")
    p = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
