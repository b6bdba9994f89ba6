"""kpss builds as a pure-Python wheel that carries every packaged file it reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "kpss"


def test_the_wheel_is_pure_python_and_holds_every_data_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("kpss-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")  # no compiled part, any platform
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        tags = archive.read(next(n for n in names if n.endswith(".dist-info/WHEEL"))).decode()
    assert "Root-Is-Purelib: true" in tags
    assert not [n for n in names if n.endswith((".so", ".pyd", ".c", ".pyx"))]
    tracked = subprocess.run(
        ["git", "ls-files", "src/kpss"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    data = [p for p in tracked if not p.endswith(".py")]
    assert any(p.endswith("search.js") for p in data)
    missing = [p for p in data if p.removeprefix("src/") not in names]
    assert missing == []
