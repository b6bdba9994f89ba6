"""Looking at the first bytes of a file, for importers that recognise their format."""

from __future__ import annotations

from pathlib import Path


def head(path: Path, size: int = 4096) -> bytes:
    """The first *size* bytes of *path* (empty when it cannot be read: not this format)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""
