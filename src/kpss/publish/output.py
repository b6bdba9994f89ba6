"""Folder output of public exports: never destroy what kpss did not write.

A folder export (the web catalogue, HSDS, …) is built in a temporary sibling and swapped
in whole (:func:`kpss.atomic.atomic_directory`), so the previous output is replaced
entirely. :func:`check_output_folder` refuses, before anything is written, a folder that
holds the SOURCE and a non-empty folder without the exporter's marker file (``-o
~/Dokumenty`` must never delete a folder of documents).
"""

from __future__ import annotations

from pathlib import Path

from kpss.errors import UsageError

__all__ = ["check_output_folder"]


def check_output_folder(out: Path, source: str | None, *, marker: str, what: str) -> None:
    """Refuse *out* unless it is new, empty, or an earlier output with *marker* in it.

    *what* names the output in the message ("the web catalogue", "HSDS").
    """
    target = Path(out)
    if source:
        source_path = Path(source).resolve()
        if source_path == target.resolve() or target.resolve() in source_path.parents:
            raise UsageError(f"{target}: the output folder holds the SOURCE; choose another")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; {what} is written into a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / marker).is_file():
        raise UsageError(
            f"{target} is a folder that kpss did not write (no {marker} file in it); "
            "choose an empty or new folder, it would be replaced whole"
        )
