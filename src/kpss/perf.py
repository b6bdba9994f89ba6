"""Small performance helpers shared by the search, matching and duplicate modules."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a burst of work, then restore it.

    A loaded national register holds millions of objects; a full collection triggered by
    the short-lived objects of one query or one matching run scans them all (hundreds of
    milliseconds). The work done here creates no reference cycles worth collecting early.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
