"""Streaming writers of register items: ``rpss.json`` and the XML rendition ``rpss.xml``.

Items are written one at a time (bounded memory at national size) into an atomic file
(:func:`open_writer`); an item that cannot be written — text that is not Unicode, a number
JSON cannot carry, a value the rendition refuses — is a :class:`~kpss.errors.DataError`
naming the file, the item's index, its ``identifikator`` and the field (:func:`write_all`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import attrs

from kpss.atomic import atomic_bytes
from kpss.errors import DataError, Location
from kpss.rpss.json_stream import bad_field, first_path, unencodable
from kpss.rpss.xml_rendition import FOOTER, HEADER, RenditionError, item_to_xml, number_problem


class XmlWriter:
    """Streams items into ``rpss.xml``; use :func:`open_writer` for an atomic file."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.count = 0
        handle.write(HEADER)

    def write(self, item: dict[str, Any]) -> None:
        """Write one item; :class:`~kpss.errors.DataError` if it cannot be rendered."""
        try:
            self.handle.write(item_to_xml(item))
        except RenditionError as exc:
            raise DataError(exc.message, Location(index=self.count, field=exc.path)) from exc
        except UnicodeEncodeError as exc:
            raise _not_unicode(item, exc, self.count) from exc
        self.count += 1

    def close(self) -> None:
        """Write the end of the document."""
        self.handle.write(FOOTER)


class JsonWriter:
    """Streams items into the compact ``{"polozky": [...]}`` shape of ``rpss.json``."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.count = 0
        handle.write(b'{"polozky":[')

    def write(self, item: dict[str, Any]) -> None:
        """Write one item."""
        try:
            data = json.dumps(item, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except ValueError as exc:  # NaN, Infinity, or an int beyond the digit limit
            problems: list[str] = []

            def unwritable(leaf: Any) -> bool:
                problem = number_problem(leaf) if type(leaf) in (int, float) else None
                if problem:
                    problems.append(problem)
                return problem is not None

            field = first_path(item, unwritable)
            raise DataError(
                problems[0] if problems else str(exc),
                Location(index=self.count, field=None if field == "$" else field),
            ) from exc
        try:
            encoded = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise _not_unicode(item, exc, self.count) from exc
        self.handle.write((b"," if self.count else b"") + encoded)
        self.count += 1

    def close(self, extra: Mapping[str, Any] | None = None) -> None:
        """Write the end of the document, with *extra* top-level keys after the array."""
        self.handle.write(b"]")
        for key, value in (extra or {}).items():
            member = json.dumps({key: value}, ensure_ascii=False, allow_nan=False)[1:-1]
            self.handle.write(b"," + member.encode("utf-8"))
        self.handle.write(b"}")


Writer = XmlWriter | JsonWriter


@contextmanager
def open_writer(path: str | Path, xml: bool | None = None) -> Iterator[Writer]:
    """An atomic streaming writer of register items, XML or JSON by *xml* or the suffix."""
    target = Path(path)
    as_xml = target.suffix.lower() == ".xml" if xml is None else xml
    with atomic_bytes(target) as handle:
        writer: Writer = XmlWriter(handle) if as_xml else JsonWriter(handle)
        yield writer
        writer.close()


def not_unicode_message(exc: UnicodeEncodeError) -> str:
    """The error message for text that UTF-8 cannot encode."""
    return (
        f"cannot write text that is not valid Unicode ({exc.reason}: "
        f"{exc.object[exc.start : exc.end]!r})"
    )


def _not_unicode(item: Any, exc: UnicodeEncodeError, index: int) -> DataError:
    return DataError(
        not_unicode_message(exc), Location(index=index, field=bad_field(item, unencodable))
    )


def write_all(
    writer: Writer,
    items: Iterable[dict[str, Any]],
    file: str | Path,
    on_item: Callable[[int], None] | None = None,
) -> int:
    """Write *items* with *writer*; return the count.

    A :class:`~kpss.errors.DataError` names *file*, the item's index, its ``identifikator``
    and the field.
    """
    for item in items:
        try:
            writer.write(item)
        except DataError as exc:
            ident = item.get("identifikator")
            raise DataError(
                exc.reason,
                attrs.evolve(
                    exc.location,
                    file=str(file),
                    identifier=ident if isinstance(ident, str) and not unencodable(ident) else None,
                ),
            ) from exc
        if on_item:
            on_item(writer.count)
    return writer.count


def write_items(
    path: str | Path,
    items: Iterator[dict[str, Any]],
    xml: bool | None = None,
    on_item: Callable[[int], None] | None = None,
) -> int:
    """Write *items* to *path* (atomically); return how many were written."""
    with open_writer(path, xml) as writer:
        return write_all(writer, items, path, on_item)
