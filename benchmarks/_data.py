"""Shared set-up of the search/match benchmarks: the full national file from gen_rpss.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from kpss.model.catalog import Catalog

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "national"


def shared_dir() -> Path:
    """``../shared`` beside the checkout, or ``$KPSS_SHARED``."""
    return Path(os.environ.get("KPSS_SHARED", HERE.parent.parent / "shared")).resolve()


def national_file() -> Path:
    """``benchmarks/.data/national/rpss.json`` (6,733 services, seed 1), generated once."""
    target = DATA / "rpss.json"
    if not target.is_file():
        tool = shared_dir() / "tools" / "gen_rpss.py"
        print(f"generating the national register with {tool} …", file=sys.stderr)
        subprocess.run([sys.executable, str(tool), str(DATA)], check=True)
    return target


def national_catalog() -> tuple[Catalog, float]:
    """The whole national register (ended services included) and the load time in s."""
    from kpss import load

    path = national_file()
    start = time.perf_counter()
    result = load(path)
    return result.catalog, time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    """The *share* percentile (0–1) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]
