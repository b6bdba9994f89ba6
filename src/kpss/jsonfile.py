"""Reading JSON text and files with errors that name the file and the position."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kpss.errors import DataError, Location


def read_text(path: str | Path) -> str:
    """The UTF-8 text of *path*.

    Raise :class:`~kpss.errors.DataError` with the byte offset if it is not UTF-8.
    """
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"not UTF-8 text ({exc.reason})", Location(file=str(path), byte=exc.start)
        ) from exc


def parse_json(text: str, path: str | Path) -> Any:
    """JSON *text* read from *path*.

    Raise :class:`~kpss.errors.DataError` with line and column if it is not valid JSON.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"not valid JSON: {exc.msg}",
            Location(file=str(path), line=exc.lineno, column=exc.colno),
        ) from exc


def read_json(path: str | Path) -> Any:
    """The JSON value in the UTF-8 file *path*, with positioned errors."""
    return parse_json(read_text(path), path)
