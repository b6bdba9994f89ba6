"""Safe streaming reader of the XML rendition (``rpss.xml``): one item dict at a time.

Safety: a document with a DOCTYPE (and so any entity declaration, external entity or
entity bomb), in another encoding than UTF-8, or with a prolog too long to scan is refused
before the parser sees it, and a DTD the parser reports is refused too; lxml runs with
entity resolution off, no network, no DTD loading and no huge-tree mode. Elements are
cleared as they are read, so memory stays bounded by one item.

Every child element of the root is a record: ``<polozka>`` is read by the rendition rule,
any other element is yielded as a rejected record; ``<polozka>`` deeper down is data.

Bad UTF-8 does not stop the stream: each run of invalid bytes is replaced by a numbered
marker (``U+FFFD <n> U+FFFD``) before lxml sees it, and its byte offset remembered; the
record whose data (or error) holds the marker is yielded with ``error`` set and ``data``
``None``, however the records are laid out on lines. Invalid bytes outside every record's
data (in markup, a comment, between records) stop the import with a
:class:`~kpss.errors.DataError`, as does a truncated or malformed document; the error names
the file, the line or byte and the record index.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs
from lxml import etree

from kpss.errors import DataError, Location
from kpss.rpss.json_stream import RawItem, bad_field
from kpss.rpss.xml_rendition import ITEM_TAG, XML_SPACE, RenditionError, item_from_element

PROLOG_LIMIT = 1 << 16
_DOCTYPE_REFUSED = (
    "XML with a DOCTYPE is refused (entity declarations, external entities and "
    "DTDs are never processed)"
)
_WHITESPACE = re.compile(rb"[ \t\r\n]*")
_ENCODING = re.compile(rb"""\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NS_NAME = ITEM_TAG[1 : ITEM_TAG.index("}")]


def check_prolog(path: Path) -> None:
    """Refuse what the reader does not take before the parser sees it.

    A DOCTYPE (entities, external DTDs, bombs), an encoding other than UTF-8 (declared,
    or UTF-16/UTF-32 with or without a byte order mark) and a prolog longer than
    :data:`PROLOG_LIMIT` bytes, which is not scanned to its end.
    """
    with open(path, "rb") as handle:
        head = handle.read(PROLOG_LIMIT)
    where = str(path)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataError("expected UTF-8 XML, found UTF-16", Location(file=where, byte=0))
    if b"\0" in head[:4]:  # "<" or white space in UTF-16 or UTF-32 without a byte order mark
        raise DataError(
            "expected UTF-8 XML, found NUL bytes (UTF-16 or UTF-32?)", Location(file=where, byte=0)
        )
    pos = 3 if head.startswith(codecs.BOM_UTF8) else 0
    line = 1
    while True:
        ws = _WHITESPACE.match(head, pos)
        assert ws is not None
        line += head.count(b"\n", pos, ws.end())
        pos = ws.end()
        if len(head) == PROLOG_LIMIT and pos > PROLOG_LIMIT - 16:  # the rest is not seen
            raise DataError("the XML prolog is too long", Location(file=where, line=line, byte=pos))
        if head.startswith(b"<?", pos):
            end, close = head.find(b"?>", pos), 2
            if head.startswith(b"<?xml", pos) and end >= 0:
                _check_encoding(head[pos:end], Location(file=where, line=line, byte=pos))
        elif head.startswith(b"<!--", pos):
            end, close = head.find(b"-->", pos), 3
        elif head.startswith(b"<!", pos):
            raise DataError(_DOCTYPE_REFUSED, Location(file=where, line=line, byte=pos))
        else:
            return
        if end < 0:
            if len(head) < PROLOG_LIMIT:
                return  # let the parser report the malformed prolog
            raise DataError("the XML prolog is too long", Location(file=where, line=line, byte=pos))
        line += head.count(b"\n", pos, end)
        pos = end + close


def _check_encoding(declaration: bytes, where: Location) -> None:
    match = _ENCODING.search(declaration)
    if match is None:
        return
    name = (match.group(1) or match.group(2) or b"").decode("ascii", "replace")
    if name.lower() not in ("utf-8", "utf8"):
        raise DataError(
            f"the XML declares encoding {name!r}; the rendition is UTF-8 (convert the file)",
            where,
        )


class _Utf8Guard:
    """A file wrapper for lxml: replaces invalid UTF-8 by numbered markers.

    Each run of invalid bytes becomes ``U+FFFD <n> U+FFFD``, which is valid in text,
    attribute values and names alike, so the record whose data holds marker *n* is the
    record that held the bad bytes at ``bad[n]`` (a byte offset), however the records are
    laid out on lines.
    """

    def __init__(self, handle: IO[bytes], progress: Callable[[int], None] | None) -> None:
        self.handle = handle
        self.progress = progress
        self.offset = 0  # bytes read from the file
        self.newlines = 0  # newlines in the bytes handed to the parser
        self.pending = b""
        self.bad: list[tuple[int, int]] = []  # (byte offset, line) of each invalid run
        self.found: set[int] = set()  # marker numbers seen in records
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
            byte, line = start, self.newlines + 1
            for match in _SURROGATES.finditer(text):
                prefix = text[last : match.start()].encode("utf-8")
                byte += len(prefix)
                line += prefix.count(b"\n")
                fixed.append(prefix + _marker(len(self.bad)))
                self.bad.append((byte, line))
                byte += len(match.group())  # one surrogate per invalid byte
                last = match.end()
            fixed.append(text[last:].encode("utf-8"))
            self.pending = data[used:]
            self.newlines += data.count(b"\n", 0, used)
            return b"".join(fixed)
        self.pending = data[used:]
        self.newlines += data.count(b"\n", 0, used)
        return data[:used] if self.pending else data

    def markers_in(self, text: str) -> list[int]:
        """The marker numbers in *text* (noted as found)."""
        numbers = [int(n) for n in _MARKER.findall(text) if int(n) < len(self.bad)]
        self.found.update(numbers)
        return numbers

    def unreported(self) -> list[tuple[int, int]]:
        """(byte, line) of invalid runs no record held (markup, comments, between records)."""
        return [where for n, where in enumerate(self.bad) if n not in self.found]


_SURROGATES = re.compile("[\udc80-\udcff]+")
_MARKER = re.compile("\ufffd([0-9]+)\ufffd")


def _marker(number: int) -> bytes:
    return f"\ufffd{number}\ufffd".encode()


def _checked(raw: RawItem, guard: _Utf8Guard) -> RawItem:
    """*raw*, rejected if it holds a marker of invalid UTF-8 (looked for only in a file
    that has any)."""
    if not guard.bad:
        return raw
    if raw.data is None:
        numbers = guard.markers_in(f"{raw.error} {raw.identifier or ''}")
        if not numbers:
            return raw
        ident = raw.identifier
        return attrs.evolve(
            raw,
            error=f"invalid UTF-8 at byte {guard.bad[numbers[0]][0]} ({raw.error})",
            identifier=None if ident and _has_marker(ident) else ident,
        )
    numbers = guard.markers_in(repr(raw.data))
    if not numbers:
        return raw
    value = raw.data
    ident = value.get("identifikator") if isinstance(value, dict) else None
    return RawItem(
        raw.index,
        None,
        None,
        line=raw.line,
        error=f"invalid UTF-8 at byte {guard.bad[numbers[0]][0]}",
        field=bad_field(value, _has_marker),
        identifier=ident if isinstance(ident, str) and not _has_marker(ident) else None,
    )


def _has_marker(text: str) -> bool:
    return _MARKER.search(text) is not None


def iter_items(
    path: str | Path, progress: Callable[[int], None] | None = None
) -> Iterator[RawItem]:
    """The items of an ``rpss.xml`` as :class:`~kpss.rpss.json_stream.RawItem`.

    Each carries the line of its record's start.

    Every child element of the root is a record: one that is not ``<polozka>`` is yielded
    rejected. ``<polozka>`` deeper down is data of its record.
    """
    source = Path(path)
    where = str(source)
    check_prolog(source)
    index = 0
    with open(source, "rb") as handle:
        guard = _Utf8Guard(handle, progress)
        root_text_read = False
        read_item = item_from_element
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
        root: Any = None
        last: Any = None  # the previous record, cleared, still in the tree
        try:
            for _, element in parser:
                if root is None:
                    root = element.getroottree().getroot()
                    _check_doctype(root, where)
                    root_text_read = True
                    if _stray(root.text):
                        yield _checked(_stray_text(index, root.text, root.sourceline), guard)
                        index += 1
                if element.getparent() is not root:
                    continue  # <polozka> inside a record (or the root itself): data
                previous = element.getprevious()
                if previous is not None:
                    if previous is not last:
                        for child in root:
                            if child is element:
                                break
                            for stray in _outside(index, child, last):
                                yield _checked(stray, guard)
                                index += 1
                    elif _stray(last.tail):
                        yield _checked(_stray_text(index, last.tail, last.sourceline), guard)
                        index += 1
                    while element.getprevious() is not None:
                        del root[0]
                yield _checked(_raw(index, element, read_item), guard)
                index += 1
                element.clear(keep_tail=True)
                last = element
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(exc, where, index, guard) from exc
        if root is None:
            root = parser.root
        if root is not None:
            _check_doctype(root, where)
    if root is None or root.tag != "{urn:kpss:rpss:1}rpss":
        tag = None if root is None else root.tag
        raise DataError(
            f'expected the root element <rpss xmlns="urn:kpss:rpss:1">, got {tag!r}',
            Location(file=where, line=1),
        )
    if not root_text_read and _stray(root.text):
        yield _checked(_stray_text(index, root.text, root.sourceline), guard)
        index += 1
    for child in root:
        for stray in _outside(index, child, last):
            yield _checked(stray, guard)
            index += 1
    unreported = guard.unreported()
    if unreported:
        raise DataError(
            "invalid UTF-8 outside the data of any record (in markup, a comment or between "
            "records)",
            Location(file=where, line=unreported[0][1], byte=unreported[0][0]),
        )


def _check_doctype(root: Any, where: str) -> None:
    """The second guard against DTDs: what the parser found, whatever the prolog check saw."""
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise DataError(_DOCTYPE_REFUSED, Location(file=where))


def _syntax_error(
    exc: etree.XMLSyntaxError, where: str, index: int, guard: _Utf8Guard
) -> DataError:
    line, column = exc.lineno or None, exc.offset or None
    message = str(exc.msg or exc).split(" (line ")[0].split(", line ")[0]
    log: Any = exc.error_log  # iterable at run time; the stubs say otherwise
    fatal = [e for e in log if e.level_name == "FATAL"]
    if fatal:  # iterparse may report a follow-up error; the log has the cause
        message, line, column = fatal[0].message, fatal[0].line, fatal[0].column
    truncated = "end of data" in message or "truncated" in message.lower()
    if truncated:
        message += " (truncated?); the records before it are not a complete register"
    if guard.bad:  # e.g. a bad byte in a tag name makes start and end tags differ
        byte, bad_line = guard.bad[0]
        message += f"; the file has invalid UTF-8 at byte {byte} (line {bad_line}), maybe the cause"
    return DataError(
        f"not well-formed XML: {message}",
        # The record index is sure only at the end of the data: elsewhere lxml may have
        # parsed ahead of the records it handed out (how far depends on its version).
        Location(file=where, line=line, column=column, index=index if truncated else None),
    )


def _stray(text: str | None) -> bool:
    """Whether *text* (directly inside the root) is more than white space."""
    return text is not None and text.strip(XML_SPACE) != ""


def _stray_text(index: int, text: str, line: int | None) -> RawItem:
    """Text directly inside the root, outside every record: a rejected record."""
    shown = " ".join(text.split())
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return RawItem(
        index, None, None, error=f"text outside any record: {shown!r}", line=line or None
    )


def _outside(index: int, child: Any, last: Any) -> list[RawItem]:
    """Rejected records for a child of the root that is not a record already read (*last*
    is), and for text after it."""
    found = []
    if child is not last and type(child.tag) is str:
        found.append(_not_an_item(index, child))
    if _stray(child.tail):
        found.append(_stray_text(index + len(found), child.tail, child.sourceline))
    return found


def _not_an_item(index: int, element: Any) -> RawItem:
    """A child of the root that is not ``<polozka>``: a rejected record."""
    namespace, _, name = (
        element.tag[1:].rpartition("}") if element.tag[0] == "{" else ("", "", element.tag)
    )
    if namespace == _NS_NAME:
        got = f"<{name}>"
    elif namespace:
        got = f"<{name}> (namespace {namespace})"
    else:
        got = f"<{name}> (no namespace)"
    return RawItem(
        index,
        None,
        None,
        error=f"expected <polozka> (namespace {_NS_NAME}), got {got}",
        line=element.sourceline or None,
    )


def _raw(index: int, element: Any, read_item: Callable[[Any], dict[str, Any]]) -> RawItem:
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
    return RawItem(index, None, value, line=line)


def _ident(element: Any) -> str | None:
    for child in element:
        if child.tag == "{urn:kpss:rpss:1}identifikator" and child.text:
            return str(child.text)
    return None


__all__ = ["check_prolog", "iter_items"]
