"""The example script runs from anywhere and exits 0."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "plan_kralovice.py"


def test_example_script_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "validace: 0 chyb" in done.stdout
    assert "Aktivita 3.1.3 Letní příměstský tábor" in done.stdout
