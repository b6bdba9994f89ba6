"""Streaming reader of ``{"polozky": [...]}`` files: one item at a time, with byte offsets.

The file is read in binary chunks and decoded incrementally; each item of ``polozky`` is
decoded by the C scanner of :mod:`json` (``JSONDecoder.raw_decode``), so the speed is that
of ``json.load`` while memory stays bounded by one chunk plus one item.

Bad UTF-8 does not stop the stream: the chunk with the bad bytes is decoded with
``surrogateescape``, and the item that contains them is yielded as a :class:`RawItem`
with ``error`` set (byte offset, field path) and ``data`` ``None``; every other item is
intact.
Items that are syntactically complete but hold what JSON or Python cannot carry are
rejected the same way (``error`` with the byte offset and the field): the non-JSON literals
``NaN``/``Infinity``/``-Infinity``, numbers that overflow to infinity (``1e400``), integers
longer than Python converts (``sys.get_int_max_str_digits``), nesting deeper than the decoder
can follow and ``\\u`` escapes of unpaired surrogates (not Unicode text, no writer can encode
them).
A truncated file, a syntax error or a second ``polozky`` array raises
:class:`~kpss.errors.DataError` naming the file, the byte offset, the record index and,
when it can be read, the ``identifikator``.
"""

from __future__ import annotations

import bisect
import codecs
import json
import math
import re
import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from kpss.errors import DataError, Location

#: 64 kB: small enough for the allocator to reuse memory (1 MB chunks cost ~0.4 s of page
#: faults on the national file), large enough to hold several items.
CHUNK = 1 << 16
#: A single item larger than this is treated as malformed (the real ones are ~15 kB).
MAX_ITEM_CHARS = 64 << 20
ARRAY_KEY = "polozky"

_WS = re.compile(r"[ \t\n\r]*")
_BAD = re.compile(r"[\udc80-\udcff]")
_IDENT = re.compile(r'"identifikator"\s*:\s*"([^"\\]{1,40})"')
#: A ``\\u`` escape of a surrogate: only items whose text has one are searched for unpaired ones.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE = re.compile(r"[\ud800-\udfff]")
#: What may follow the error position when the data merely stopped (a cut literal or number).
_CUT_TAIL = re.compile(r"[\w.+\-\s]*")
#: Strings and brackets, to find the end of an item too deeply nested for the decoder;
#: a lone ``"`` is a string cut by the end of the buffer.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|"')


class _Invalid:
    """Stands in for a value the decoder met but must not pass on (``NaN``, ``1e400`` …)."""

    __slots__ = ("reason", "text")

    def __init__(self, reason: str, text: str) -> None:
        self.reason = reason
        self.text = text


@attrs.frozen
class RawItem:
    """One item: index, byte offset or line, data (``None`` when undecodable, see ``error``)."""

    index: int
    byte: int | None
    data: Any
    error: str | None = None
    field: str | None = None
    identifier: str | None = None
    line: int | None = None
    start: int | None = attrs.field(default=None, eq=False, repr=False)


def bad_field(value: Any, is_bad: Callable[[str], bool]) -> str | None:
    """Path of the first string or key for which *is_bad* holds, e.g. ``zarizeni[0].nazev``.

    The readers use it to name the field that held undecodable bytes.
    """
    return first_path(value, lambda leaf: isinstance(leaf, str) and is_bad(leaf))


def _surrogate(text: str) -> bool:
    return _BAD.search(text) is not None


def first_path(value: Any, is_bad: Callable[[Any], bool]) -> str | None:
    """Path of the first key or leaf value for which *is_bad* holds, in document order
    (``"$"`` for *value* itself; iterative, so no nesting is too deep for it)."""
    stack: list[tuple[Any, str, str | None]] = [(value, "", None)]
    while stack:
        node, path, key = stack.pop()
        if key is not None and is_bad(key):
            return path
        if isinstance(node, dict):
            entries = [(child, f"{path}.{k}" if path else str(k), k) for k, child in node.items()]
            stack.extend(reversed(entries))
        elif isinstance(node, list):
            stack.extend(reversed([(child, f"{path}[{i}]", None) for i, child in enumerate(node)]))
        elif is_bad(node):
            return path or "$"
    return None


def _key_count(value: Any) -> int:
    """How many keys the objects in *value* hold, at every depth (iterative, so no
    nesting is too deep; leaves are pushed and dropped, which is faster than testing)."""
    count = 0
    stack = [value]
    pop, push = stack.pop, stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind is dict:
            count += len(node)
            push(node.values())
        elif kind is list:
            push(node)
    return count


class _RepeatedKey(Exception):
    """Raised by :func:`_unique_pairs` for the first key an object gives twice."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return result


def repeated_key(text: str) -> str | None:
    """The path of the first key given twice in one object of the JSON *text*, else None.

    JSON leaves repeated names undefined and :mod:`json` keeps the last value silently;
    the register has none, so a repeated key means a broken or hand-edited file.
    """
    decoder = json.JSONDecoder(object_pairs_hook=_unique_pairs)
    try:
        decoder.decode(text)
    except _RepeatedKey as exc:
        return exc.key
    except ValueError:
        return None
    return None


def printable(text: str) -> str:
    """*text* with lone surrogates (undecodable bytes, unpaired escapes) as ``\\udcxx``."""
    return _LONE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _printable_field(path: str | None) -> str | None:
    """A field path for reports: ``None`` for the whole item, lone surrogates escaped."""
    return None if path in (None, "$") else printable(path)


def _is_invalid(value: Any) -> bool:
    return isinstance(value, _Invalid)


def unencodable(text: str) -> bool:
    """Whether *text* cannot be written as UTF-8: it holds lone surrogates (undecodable
    bytes, unpaired ``\\u`` escapes)."""
    return _LONE.search(text) is not None


def _is_lone(value: Any) -> bool:
    return isinstance(value, str) and unencodable(value)


class JsonItemStream:
    """Iterate the items of the array ``polozky`` of a JSON file (see the module docstring).

    ``progress`` is called with the number of bytes read since its previous call.
    ``extra`` holds the other top-level keys once the stream is exhausted.
    """

    def __init__(
        self,
        path: str | Path,
        progress: Callable[[int], None] | None = None,
        chunk_size: int = CHUNK,
        array_key: str = ARRAY_KEY,
    ) -> None:
        self.path = Path(path)
        self.progress = progress
        self.chunk_size = chunk_size
        self.array_key = array_key
        self.extra: dict[str, Any] = {}
        self._file: IO[bytes] | None = None
        self._pending = b""
        self._eof = False
        self._buf = ""
        self._buf_start = 0  # absolute text offset of _buf[0]
        self._seg_text: list[int] = []  # absolute text offset where each decoded chunk starts
        self._seg_byte: list[int] = []  # byte offset of that chunk's first byte
        self._bytes_decoded = 0
        self._last = (-1, 0)  # the last (text offset, byte offset) computed
        self._text_total = 0
        self._bad: list[int] = []  # absolute text offsets of undecodable bytes
        self._invalid: list[_Invalid] = []  # what the decoder hooks met in the last value
        self._decoder = json.JSONDecoder(parse_constant=self._constant, parse_float=self._float)
        self._lenient = json.JSONDecoder(
            parse_constant=self._constant, parse_float=self._float, parse_int=self._int
        )

    # -- decoder hooks (called only for NaN/Infinity, floats and, after a failure, ints) ----
    def _flag(self, reason: str, text: str) -> _Invalid:
        invalid = _Invalid(reason, text)
        self._invalid.append(invalid)
        return invalid

    def _constant(self, name: str) -> Any:
        return self._flag(f"{name} is not a JSON value (JSON has no NaN or Infinity)", name)

    def _float(self, text: str) -> Any:
        value = float(text)
        if math.isinf(value):
            return self._flag(
                f"the number {text[:40]} is out of range (overflows to infinity)", text
            )
        return value

    def _int(self, text: str) -> Any:
        try:
            return int(text)
        except ValueError:
            return self._flag(
                f"an integer of {len(text)} digits is longer than Python reads "
                f"({sys.get_int_max_str_digits()} digits)",
                text,
            )

    # -- positions -------------------------------------------------------------------
    def byte_at(self, text_pos: int) -> int:
        """Byte offset in the file of absolute text offset *text_pos* (within the buffer).

        Only the text between the start of its decoded chunk and *text_pos* is encoded, and
        only when a position is asked for (errors, rejected records).
        """
        i = bisect.bisect_right(self._seg_text, text_pos) - 1
        if i < 0:
            return 0
        start, byte = self._seg_text[i], self._seg_byte[i]
        last_text, last_byte = self._last
        if start <= last_text <= text_pos and last_text >= self._buf_start:
            start, byte = last_text, last_byte  # continue from the previous answer
        piece = self._buf[start - self._buf_start : text_pos - self._buf_start]
        byte += len(piece.encode("utf-8", "surrogateescape"))
        self._last = (text_pos, byte)
        return byte

    def locate(self, item: RawItem) -> int | None:
        """Byte offset of *item* (the current item of the iteration), else its known one."""
        if item.byte is not None or item.start is None or item.start < self._buf_start:
            return item.byte
        return self.byte_at(item.start)

    def _where(self, text_pos: int, index: int | None, **extra: Any) -> Location:
        return Location(file=str(self.path), byte=self.byte_at(text_pos), index=index, **extra)

    # -- reading ---------------------------------------------------------------------
    def _read_more(self, size: int | None = None) -> bool:
        """Decode one more chunk into the buffer; ``False`` at the end of the file."""
        if self._eof:
            return False
        assert self._file is not None
        chunk = self._file.read(size or self.chunk_size)
        if self.progress is not None and chunk:
            self.progress(len(chunk))
        final = not chunk
        data = self._pending + chunk if self._pending else chunk
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
            bad = False
        except UnicodeDecodeError:
            text, used = codecs.utf_8_decode(data, "surrogateescape", final)
            bad = True
        if text:
            self._seg_text.append(self._text_total)
            self._seg_byte.append(self._bytes_decoded)
        self._bytes_decoded += used
        if bad:
            self._bad.extend(self._text_total + m.start() for m in _BAD.finditer(text))
        self._text_total += len(text)
        self._pending = data[used:]
        if final:
            self._eof = True
        # Drop consumed text (kept only while an item is being decoded).
        self._buf = self._buf + text if self._buf else text
        return bool(text) or not final

    def _compact(self, pos: int) -> int:
        """Drop buffer text before absolute offset *pos*; return the new relative offset."""
        i = bisect.bisect_right(self._seg_text, pos) - 1
        keep = self._seg_text[i] if i >= 0 else pos
        rel = keep - self._buf_start
        if rel > 0:
            self._buf = self._buf[rel:]
            self._buf_start = keep
            del self._seg_text[:i]
            del self._seg_byte[:i]
            if self._bad and self._bad[0] < pos:
                self._bad = [b for b in self._bad if b >= pos]
        return pos - self._buf_start

    def _skip_ws(self, rel: int) -> int:
        while True:
            match = _WS.match(self._buf, rel)
            assert match is not None
            rel = match.end()
            if rel < len(self._buf) or not self._read_more():
                return rel

    def _expect(self, rel: int, chars: str, what: str, index: int | None) -> tuple[int, str]:
        rel = self._skip_ws(rel)
        if rel >= len(self._buf):
            raise DataError(
                f"the file ends early (truncated?): expected {what}",
                self._where(self._buf_start + rel, index),
            )
        char = self._buf[rel]
        if char not in chars:
            raise DataError(
                f"expected {what}, found {char!r}", self._where(self._buf_start + rel, index)
            )
        return rel + 1, char

    def _decode_value(self, rel: int, index: int | None) -> tuple[Any, int]:
        """Decode one JSON value at *rel*, reading more text as needed.

        Each retry reads twice as much as the one before, so a large item is re-scanned
        only a logarithmic number of times. Values the hooks flag are left as
        :class:`_Invalid` (listed in ``_invalid``); a value nested too deeply for the
        decoder is returned as one :class:`_Invalid`.
        """
        size = self.chunk_size
        decoder = self._decoder
        while True:
            self._invalid.clear()
            try:
                value, end = decoder.raw_decode(self._buf, rel)
                if end >= len(self._buf) and not self._eof and self._read_more(size):
                    continue  # a number or literal may go on in the next chunk ("12" + "345")
                return value, end
            except json.JSONDecodeError as exc:
                too_big = len(self._buf) - rel > MAX_ITEM_CHARS
                near_end = exc.pos > len(self._buf) - 64 or exc.msg.startswith("Unterminated")
                if near_end and not too_big and self._read_more(size):
                    size = min(size * 2, 1 << 24)
                    continue
                if self._eof and self._cut_off(exc):
                    self._truncated(rel, index, exc)
                raise DataError(
                    f"not valid JSON: {exc.msg}",
                    self._where(
                        self._buf_start + exc.pos,
                        index,
                        identifier=self._ident_near(rel, exc.pos),
                    ),
                ) from exc
            except RecursionError:
                end = self._skip_nested(rel, index)
                self._invalid.clear()
                deep = self._flag(
                    "the data is nested too deeply to be read "
                    f"(more than about {sys.getrecursionlimit()} levels)",
                    "",
                )
                return deep, end
            except ValueError as exc:  # an int longer than int() converts
                if decoder is self._lenient:
                    raise DataError(
                        f"not valid JSON: {exc}",
                        self._where(self._buf_start + rel, index, identifier=self._ident_near(rel)),
                    ) from exc
                decoder = self._lenient

    def _cut_off(self, exc: json.JSONDecodeError) -> bool:
        """Whether the error is where the data stopped (at the end of the file), not a typo."""
        if exc.msg.startswith("Unterminated"):
            return True
        return _CUT_TAIL.fullmatch(self._buf, exc.pos) is not None

    def _skip_nested(self, rel: int, index: int | None) -> int:
        """The end of the array or object at *rel*, found by counting brackets."""
        depth = 0
        pos = rel
        while True:
            match = _TOKEN.search(self._buf, pos)
            if match is None or match.group() == '"':
                if len(self._buf) - rel > MAX_ITEM_CHARS:
                    raise DataError(
                        f"record {index} is nested too deeply and larger than "
                        f"{MAX_ITEM_CHARS >> 20} MB; it cannot be skipped",
                        self._where(self._buf_start + rel, index),
                    )
                if not self._read_more():
                    raise DataError(
                        "the file ends in the middle of a record (truncated?): "
                        f"record {index} is incomplete",
                        self._where(self._buf_start + rel, index),
                    )
                continue
            pos = match.end()
            token = match.group()
            if token in "[{":
                depth += 1
            elif token in "]}":
                depth -= 1
                if depth == 0:
                    return pos

    def _invalid_at(self, start: int, end: int, invalid: _Invalid) -> int:
        """Absolute text offset of *invalid*'s literal within ``[start, end)``, else *start*."""
        if invalid.text:
            pattern = re.compile(r"[:\[,]\s*(" + re.escape(invalid.text) + r")\s*[,\]}]")
            found = pattern.search(self._buf, start - self._buf_start, end - self._buf_start)
            if found:
                return self._buf_start + found.start(1)
        return start

    def _check_top(self, value: Any, key: str, start: int) -> None:
        """A top-level value other than the array must be valid too (it may be kept)."""
        lone = first_path(value, _is_lone)
        if _is_lone(key) or lone is not None:
            inner = _printable_field(lone)
            where = printable(key) if inner is None else f"{printable(key)}.{inner}"
            raise DataError(
                "text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate "
                "escape) in a top-level key beside the records",
                self._where(start, None, field=where),
            )
        if self._invalid:
            first = self._invalid[0]
            field = first_path(value, _is_invalid)
            field = key if field in (None, "$") else f"{key}.{field}"
            end = self._buf_start + len(self._buf)
            raise DataError(
                first.reason, self._where(self._invalid_at(start, end, first), None, field=field)
            )

    def _ident_near(self, rel: int, end: int | None = None) -> str | None:
        """The ``identifikator`` of the record starting at *rel*, seen before *end*."""
        match = _IDENT.search(
            self._buf, rel, min(rel + 2000, end if end is not None else rel + 2000)
        )
        return match.group(1) if match else None

    def _truncated(self, rel: int, index: int | None, exc: json.JSONDecodeError) -> None:
        what = f"record {index} is incomplete" if index is not None else "the data is incomplete"
        raise DataError(
            f"the file ends in the middle of a record (truncated?): {what} ({exc.msg}); "
            "the records before it are not a complete register",
            self._where(self._buf_start + rel, index, identifier=self._ident_near(rel)),
        ) from exc

    def __iter__(self) -> Iterator[RawItem]:
        try:
            with open(self.path, "rb") as handle:
                self._file = handle
                yield from self._items()
        finally:
            self._file = None

    def _items(self) -> Generator[RawItem, None, None]:
        self._read_more()
        if self._buf.startswith("\ufeff"):
            self._seg_text[0], self._seg_byte[0] = 1, 3
        rel, _ = self._expect(
            1 if self._buf.startswith("\ufeff") else 0,
            "{",
            'a JSON object {"polozky": [...]}',
            None,
        )
        found = False
        while True:
            rel, char = self._expect(rel, '"}', "a key or }", None)
            if char == "}":
                break
            key_at = self._buf_start + rel - 1
            key, rel = self._decode_value(rel - 1, None)
            rel, _ = self._expect(rel, ":", "':'", None)
            if key == self.array_key and found:
                raise DataError(
                    f'duplicate key "{key}": the file has a second array "{key}"; '
                    "only one list of records is allowed",
                    self._where(key_at, None, field=key),
                )
            if key == self.array_key:
                found = True
                rel, _ = self._expect(rel, "[", f'an array under "{self.array_key}"', None)
                rel = yield from self._array(rel)
            else:
                rel = self._skip_ws(rel)
                value_at = self._buf_start + rel
                value, rel = self._decode_value(rel, None)
                self._check_top(value, key, value_at)
                self.extra[key] = value
            rel, char = self._expect(rel, ",}", "',' or '}'", None)
            if char == "}":
                break
        rel = self._skip_ws(rel)
        if rel < len(self._buf):
            raise DataError(
                "unexpected data after the end of the JSON object",
                self._where(self._buf_start + rel, None),
            )
        if not found:
            raise DataError(
                f'expected the array "{self.array_key}" at the top level',
                Location(file=str(self.path), field=self.array_key),
            )

    def _array(self, rel: int) -> Generator[RawItem, None, int]:
        index = 0
        rel = self._skip_ws(rel)
        if rel < len(self._buf) and self._buf[rel] == "]":
            return rel + 1
        while True:
            rel = self._skip_ws(rel)
            if rel >= len(self._buf):
                raise DataError(
                    f"the file ends before record {index} (truncated?); "
                    "the records before it are not a complete register",
                    self._where(self._buf_start + rel, index),
                )
            start = self._buf_start + rel
            value, rel = self._decode_value(rel, index)
            end = self._buf_start + rel
            yield self._item(index, start, end, value)
            index += 1
            rel, char = self._expect(rel, ",]", "',' or ']' after a record", index)
            if char == "]":
                return rel
            if rel > self.chunk_size:
                rel = self._compact(self._buf_start + rel)

    def _item(self, index: int, start: int, end: int, value: Any) -> RawItem:
        while self._bad and self._bad[0] < start:
            self._bad.pop(0)
        if self._bad and self._bad[0] < end:
            bad = self._bad[0]
            return RawItem(
                index,
                self.byte_at(start),
                None,
                error=f"invalid UTF-8 at byte {self.byte_at(bad)}",
                field=_printable_field(bad_field(value, _surrogate)),
                identifier=self._identifier(value),
            )
        if self._invalid:
            first = self._invalid[0]
            field = first_path(value, _is_invalid)
            at = self._invalid_at(start, end, first)
            return RawItem(
                index,
                self.byte_at(start),
                None,
                error=f"{first.reason} (at byte {self.byte_at(at)})",
                field=_printable_field(field),
                identifier=self._identifier(value),
            )
        if _SURROGATE_ESCAPE.search(self._buf, start - self._buf_start, end - self._buf_start):
            field = first_path(value, _is_lone)
            if field is not None:
                return RawItem(
                    index,
                    self.byte_at(start),
                    None,
                    error="a \\u escape of an unpaired surrogate (not valid Unicode text)",
                    field=_printable_field(field),
                    identifier=self._identifier(value),
                )
        repeated = self._repeated_key(start, end, value)
        if repeated is not None:
            return RawItem(
                index,
                self.byte_at(start),
                None,
                error=f"key {printable(repeated)!r} is given twice in one object (JSON keeps "
                "only the last value); the record is rejected rather than read half",
                field=_printable_field(first_path(value, lambda node: node == repeated)),
                identifier=self._identifier(value),
            )
        return RawItem(index, None, value, start=start)

    def _repeated_key(self, start: int, end: int, value: Any) -> str | None:
        """A key the item gives twice, found cheaply: every key ends in ``":`` in the text,
        so only when the count differs from the keys decoded is the item decoded again
        with a check of every object (an escaped quote before a colon in a text, or
        white space before a colon, costs that second look and no more)."""
        offset = self._buf_start
        written = self._buf.count('":', start - offset, end - offset)
        if written == _key_count(value):
            return None
        return repeated_key(self._buf[start - offset : end - offset])

    @staticmethod
    def _identifier(value: Any) -> str | None:
        ident = value.get("identifikator") if isinstance(value, dict) else None
        if not isinstance(ident, str) or unencodable(ident):  # also undecodable bytes
            return None
        return ident


def iter_items(
    path: str | Path, progress: Callable[[int], None] | None = None
) -> Iterator[RawItem]:
    """The items of ``polozky`` in *path*, one at a time (see :class:`JsonItemStream`).

    The items carry no byte offset; use :meth:`JsonItemStream.locate` for that.
    """
    return iter(JsonItemStream(path, progress))
