"""Small readers shared by the tests of kpss.testing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def items(path: Path) -> list[dict[str, Any]]:
    """The items of an ``rpss.json``."""
    data: list[dict[str, Any]] = json.loads(path.read_bytes())["polozky"]
    return data


def references(value: Any) -> Iterator[str]:
    """Every code-list id (``{"id": "List/code"}``) inside *value*."""
    if isinstance(value, dict):
        if set(value) == {"id"} and isinstance(value["id"], str):
            yield value["id"]
        for child in value.values():
            yield from references(child)
    elif isinstance(value, list):
        for child in value:
            yield from references(child)


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of *folder* by its relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
