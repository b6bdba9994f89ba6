"""Shared set-up of the search/match benchmarks: the national file from kpss.testing."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kpss.model.catalog import Catalog

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "national"


def national_file() -> Path:
    """``benchmarks/.data/national/rpss.json`` (6,733 services, seed 1), generated once."""
    from kpss.testing import write_register

    target = DATA / "rpss.json"
    if not target.is_file():
        print("generating the national register with kpss.testing …", file=sys.stderr)
        write_register(DATA)
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
