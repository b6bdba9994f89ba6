"""Lossless conversion between ``rpss.json`` and its XML rendition ``rpss.xml``.

Items are streamed one at a time as raw data (no model in between), so every key and
value survives: JSON → XML → JSON gives equal data. A record that cannot be read exactly
(bad UTF-8, a rendition error) stops the conversion with a :class:`~kpss.errors.DataError`
naming the file, the position and the field; the output file is then not written.

Top-level keys of a JSON source other than ``polozky`` are kept in a JSON target (after the
array). The XML rendition has no place for them: converting to XML drops them and says so
through *warn* (the CLI prints ``Warning: …``), so nothing is lost silently.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kpss.atomic import atomic_bytes
from kpss.errors import DataError, Location, UsageError
from kpss.rpss.item_writers import JsonWriter, open_writer, write_all
from kpss.rpss.json_stream import JsonItemStream, RawItem
from kpss.rpss.xml_stream import iter_items as iter_xml_items

FORMATS = {".json": "json", ".xml": "xml"}


def file_format(path: Path) -> str:
    """``json`` or ``xml`` by the file extension; :class:`~kpss.errors.UsageError` otherwise."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UsageError(f"{path}: expected a .json or .xml file name")
    return kind


class DroppedKeysWarning(UserWarning):
    """Top-level keys of the source that the target format cannot hold were left out."""


def raw_items(
    path: Path,
    progress: Callable[[int], None] | None = None,
    extra: dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """The raw items of a register file, each exactly as stored; errors stop the stream.

    *extra*, when given, receives the other top-level keys of a JSON file once the items
    are exhausted.
    """
    items: Iterator[RawItem]
    stream: JsonItemStream | None = None
    if file_format(path) == "json":
        stream = JsonItemStream(path, progress)
        items = iter(stream)
    else:
        items = iter_xml_items(path, progress)
    for raw in items:
        if raw.error is not None:
            raise DataError(
                f"{raw.error}; the conversion cannot be lossless",
                Location(
                    file=str(path),
                    line=raw.line,
                    byte=raw.byte,
                    index=raw.index,
                    identifier=raw.identifier,
                    field=raw.field,
                ),
            )
        if not isinstance(raw.data, dict):
            raise DataError(
                "expected an object (one register item)",
                Location(file=str(path), line=raw.line, byte=raw.byte, index=raw.index),
            )
        yield raw.data
    if stream is not None and extra is not None:
        extra.update(stream.extra)


def _default_warn(message: str) -> None:
    warnings.warn(message, DroppedKeysWarning, stacklevel=3)


def convert(
    source: str | Path,
    target: str | Path,
    progress: Callable[[int], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> int:
    """Convert *source* to *target* (format by extension), atomically; return the item count.

    *warn* receives a message naming the top-level keys an XML target cannot hold (default:
    a :class:`DroppedKeysWarning`); a JSON target keeps them.
    """
    src, dst = Path(source), Path(target)
    file_format(src)
    as_xml = file_format(dst) == "xml"
    if src.resolve() == dst.resolve():
        raise UsageError(f"{dst}: the output must differ from the input")
    extra: dict[str, Any] = {}
    if as_xml:
        with open_writer(dst, True) as writer:
            count = write_all(writer, raw_items(src, progress, extra), src)
        if extra:
            names = ", ".join(f'"{key}"' for key in extra)
            (warn or _default_warn)(
                f'{src}: top-level key(s) {names} beside "polozky" left out of {dst} '
                "(the XML rendition has no place for them)"
            )
        return count
    with atomic_bytes(dst) as handle:
        json_writer = JsonWriter(handle)
        count = write_all(json_writer, raw_items(src, progress, extra), src)
        json_writer.close(extra)
    return count
