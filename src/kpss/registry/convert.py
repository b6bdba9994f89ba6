"""Lossless conversion between ``rpss.json`` and its XML rendition ``rpss.xml``.

Items are streamed one at a time as raw data (no model in between), so every key and
value survives: JSON → XML → JSON gives equal data. A record that cannot be read exactly
(bad UTF-8, a rendition error) stops the conversion with a :class:`~kpss.errors.DataError`
naming the file, the position and the field; the output file is then not written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kpss.errors import DataError, Location, UsageError
from kpss.registry.jsonstream import JsonItemStream, RawItem
from kpss.registry.xmlrule import open_writer
from kpss.registry.xmlstream import iter_items as iter_xml_items

FORMATS = {".json": "json", ".xml": "xml"}


def file_format(path: Path) -> str:
    """``json`` or ``xml`` by the file extension; :class:`UsageError` otherwise."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UsageError(f"{path}: expected a .json or .xml file name")
    return kind


def raw_items(
    path: Path, progress: Callable[[int], None] | None = None
) -> Iterator[dict[str, Any]]:
    """The raw items of a register file, each exactly as stored; errors stop the stream."""
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


def convert(
    source: str | Path, target: str | Path, progress: Callable[[int], None] | None = None
) -> int:
    """Convert *source* to *target* (format by extension), atomically; return the item count."""
    src, dst = Path(source), Path(target)
    file_format(src)
    as_xml = file_format(dst) == "xml"
    if src.resolve() == dst.resolve():
        raise UsageError(f"{dst}: the output must differ from the input")
    with open_writer(dst, as_xml) as writer:
        for index, item in enumerate(raw_items(src, progress)):
            try:
                writer.write(item)
            except DataError as exc:
                raise DataError(
                    exc.reason,
                    Location(
                        file=str(src),
                        index=index,
                        identifier=item.get("identifikator")
                        if isinstance(item.get("identifikator"), str)
                        else None,
                        field=exc.location.field,
                    ),
                ) from exc
    return writer.count
