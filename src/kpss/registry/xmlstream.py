"""Safe streaming reader of the XML rendition (``rpss.xml``): one item dict at a time.

Safety: a document with a DOCTYPE (and so any entity declaration, external entity or
entity bomb) is refused before the parser sees it; lxml then runs with entity resolution
off, no network, no DTD loading and no huge-tree mode. Elements are cleared as they are
read, so memory stays bounded by one item.

Bad UTF-8 does not stop the stream: the invalid bytes are replaced (U+FFFD) before lxml
sees them and their byte offsets remembered; the record holding them is yielded with
``error`` set and ``data`` ``None``. A truncated or malformed document raises
:class:`~kpss.errors.DataError` naming the file, the line and the record index.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from kpss.errors import DataError, Location
from kpss.registry.jsonstream import RawItem, bad_field
from kpss.registry.xmlrule import ITEM_TAG, RenditionError, item_reader

PROLOG_LIMIT = 1 << 16
_REPLACEMENT = "\ufffd"
_REPLACEMENT_BYTES = _REPLACEMENT.encode("utf-8")


def check_prolog(path: Path) -> None:
    """Refuse a document whose prolog holds a DOCTYPE (entities, external DTDs, bombs)."""
    with open(path, "rb") as handle:
        head = handle.read(PROLOG_LIMIT)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataError("expected UTF-8 XML, found UTF-16", Location(file=str(path), byte=0))
    pos = 3 if head.startswith(codecs.BOM_UTF8) else 0
    line = 1
    while True:
        ws = re.compile(rb"[ \t\r\n]*").match(head, pos)
        assert ws is not None
        line += head.count(b"\n", pos, ws.end())
        pos = ws.end()
        if head.startswith(b"<?", pos):
            end, close = head.find(b"?>", pos), 2
        elif head.startswith(b"<!--", pos):
            end, close = head.find(b"-->", pos), 3
        elif head.upper().startswith(b"<!DOCTYPE", pos) or head.startswith(b"<!", pos):
            raise DataError(
                "XML with a DOCTYPE is refused (entity declarations, external entities and "
                "DTDs are never processed)",
                Location(file=str(path), line=line, byte=pos),
            )
        else:
            return
        if end < 0:
            if len(head) < PROLOG_LIMIT:
                return  # let the parser report the malformed prolog
            raise DataError(
                "the XML prolog is too long", Location(file=str(path), line=line, byte=pos)
            )
        line += head.count(b"\n", pos, end)
        pos = end + close


class _Utf8Guard:
    """A file wrapper for lxml: replaces invalid UTF-8 and remembers where it was."""

    def __init__(self, handle: IO[bytes], progress: Callable[[int], None] | None) -> None:
        self.handle = handle
        self.progress = progress
        self.offset = 0  # bytes read from the file
        self.pending = b""
        self.bad: list[int] = []  # file byte offsets of invalid sequences, in order
        self._eof = False

    def read(self, size: int = -1) -> bytes:
        while True:
            data = self._read(size)
            if data or self._eof:
                return data

    def _read(self, size: int) -> bytes:
        chunk = self.handle.read(size if size and size > 0 else 1 << 16)
        if self.progress is not None and chunk:
            self.progress(len(chunk))
        data = self.pending + chunk if self.pending else chunk
        final = not chunk
        self._eof = final
        start = self.offset - len(self.pending)
        self.offset += len(chunk)
        try:
            _, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError:
            text, used = codecs.utf_8_decode(data, "surrogateescape", final)
            fixed = []
            last = 0
            for match in re.finditer("[\udc80-\udcff]+", text):
                prefix = text[last : match.start()]
                byte = start + len(text[: match.start()].encode("utf-8", "surrogateescape"))
                self.bad.append(byte)
                fixed.append(prefix.encode("utf-8") + _REPLACEMENT_BYTES)
                last = match.end()
            fixed.append(text[last:].encode("utf-8"))
            self.pending = data[used:]
            return b"".join(fixed)
        self.pending = data[used:]
        return data[:used] if self.pending else data


def _replaced(text: str) -> bool:
    return _REPLACEMENT in text


def iter_items(
    path: str | Path, progress: Callable[[int], None] | None = None
) -> Iterator[RawItem]:
    """The items of an ``rpss.xml`` as :class:`RawItem` (with the line of each record end)."""
    source = Path(path)
    check_prolog(source)
    index = 0
    with open(source, "rb") as handle:
        guard = _Utf8Guard(handle, progress)
        read_item = item_reader()
        etree.clear_error_log()
        parser = etree.iterparse(
            guard,
            events=("end",),
            tag=ITEM_TAG,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
        )
        try:
            for _, element in parser:
                yield _raw(index, element, guard, read_item)
                index += 1
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
        except etree.XMLSyntaxError as exc:
            line, column = exc.lineno or None, exc.offset or None
            message = str(exc.msg or exc).split(" (line ")[0].split(", line ")[0]
            log: Any = exc.error_log  # iterable at run time; the stubs say otherwise
            fatal = [e for e in log if e.level_name == "FATAL"]
            if fatal:  # iterparse may report a follow-up error; the log has the cause
                message, line, column = fatal[0].message, fatal[0].line, fatal[0].column
            if "end of data" in message or "truncated" in message.lower():
                message += " (truncated?); the records before it are not a complete register"
            raise DataError(
                f"not well-formed XML: {message}",
                Location(file=str(source), line=line, column=column, index=index),
            ) from exc
        root = parser.root
    if root is None or root.tag != "{urn:kpss:rpss:1}rpss":
        tag = None if root is None else root.tag
        raise DataError(
            f'expected the root element <rpss xmlns="urn:kpss:rpss:1">, got {tag!r}',
            Location(file=str(source), line=1),
        )


def _raw(
    index: int, element: Any, guard: _Utf8Guard, read_item: Callable[[Any], dict[str, Any]]
) -> RawItem:
    line = element.sourceline or 0
    try:
        value = read_item(element)
    except RenditionError as exc:
        return RawItem(
            index,
            None,
            None,
            error=exc.message,
            field=exc.path,
            identifier=_ident(element),
            line=line,
        )
    if guard.bad:
        field = bad_field(value, _replaced)
        if field is not None:
            byte = guard.bad.pop(0)
            ident = value.get("identifikator")
            return RawItem(
                index,
                None,
                None,
                line=line,
                error=f"invalid UTF-8 at byte {byte}",
                field=field,
                identifier=ident if isinstance(ident, str) and _REPLACEMENT not in ident else None,
            )
    return RawItem(index, None, value, line=line)


def _ident(element: Any) -> str | None:
    for child in element:
        if child.tag == "{urn:kpss:rpss:1}identifikator" and child.text:
            return str(child.text)
    return None


__all__ = ["check_prolog", "iter_items"]
