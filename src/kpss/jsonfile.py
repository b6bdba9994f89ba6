"""Reading whole files and JSON documents with errors that name the file and the position.

Files are read only when they are regular files within a size limit (a FIFO would block,
a huge file would exhaust memory); JSON documents only when they keep the limits of
:mod:`kpss.limits`: nesting depth, integer length, finite numbers and Unicode text (no
unpaired ``\\u`` surrogates, which no writer can encode). Every refusal is a
:class:`~kpss.errors.DataError` with the file, line, column and the path of the value
(``$.polozky[3].nazev``).
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kpss.errors import DataError, Location
from kpss.limits import MAX_DEPTH, MAX_INTEGER_DIGITS, clipped, quoted, size_problem

_LONE = re.compile("[\ud800-\udfff]")
#: A ``\\u`` escape of a surrogate: only then can a decoded string hold an unpaired one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
#: Tokens of JSON text that matter for finding a refused value; a string may be cut short.
_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"?|[\[\]{},:]|-?Infinity|NaN|-?[0-9][0-9.eE+\-]*|[A-Za-z_]\w*'
)


def read_bytes(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file *path*, at most *limit* of them.

    *what* names the kind of file in messages ("a plan file"). Raise
    :class:`~kpss.errors.DataError` for anything but a regular file (a FIFO, a device, a
    folder) and for a file over the limit; :class:`OSError` when it cannot be opened.
    """
    name = str(path)
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise DataError(f"not a regular file; expected {what}", Location(file=name))
        if info.st_size > limit:
            raise DataError(size_problem(info.st_size, limit, what), Location(file=name))
        data = handle.read(info.st_size + 1)  # one more: a file that grows is noticed
    if len(data) > limit:  # it grew while being read
        raise DataError(size_problem(len(data), limit, what), Location(file=name))
    return data


def decode_utf8(data: bytes, path: str | Path) -> str:
    """*data* decoded as UTF-8 (a BOM is dropped).

    Raise :class:`~kpss.errors.DataError` with the byte offset of the first byte that is
    not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"not UTF-8 text ({exc.reason}: 0x{data[exc.start]:02x})",
            Location(file=str(path), byte=exc.start),
        ) from exc


def read_text(path: str | Path, limit: int, what: str) -> str:
    """The UTF-8 text of the regular file *path* of at most *limit* bytes (see
    :func:`read_bytes` and :func:`decode_utf8`)."""
    return decode_utf8(read_bytes(path, limit, what), path)


class _Refused(Exception):
    """A value the decoder met that kpss does not accept; the text is searched for the
    token that *token* picks (``None``: for the second occurrence of a key)."""

    def __init__(self, reason: str, token: Callable[[str], bool] | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.token = token


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _Refused(
            f"an integer of {len(text.lstrip('-')):,} digits "
            f"(at most {MAX_INTEGER_DIGITS} are accepted)",
            lambda token: token == text,
        )
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _Refused(
            f"the number {quoted(text)} is too large to be read as a number",
            lambda token: token == text,
        )
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(
                    f"the key {quoted(key)} is given twice in one object "
                    "(the first value would be lost)",
                    None,
                )
            seen.add(key)
    return value


def _constant(text: str) -> Any:
    raise _Refused(
        f"{text} is not a JSON number (JSON has no NaN or Infinity); write a number or null",
        lambda token: token == text,
    )


def parse_json(text: str, path: str | Path) -> Any:
    """JSON *text* read from *path*, within the limits of :mod:`kpss.limits`.

    Raise :class:`~kpss.errors.DataError` with the line, the column and the path of the
    value when it is not valid JSON, nests deeper than :data:`~kpss.limits.MAX_DEPTH`,
    holds an integer longer than :data:`~kpss.limits.MAX_INTEGER_DIGITS` digits, ``NaN``,
    ``Infinity``, a number too large for a float, or an unpaired surrogate.
    """
    try:
        value = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise DataError(
            f"not valid JSON: {exc.msg}",
            Location(file=str(path), line=exc.lineno, column=exc.colno),
        ) from exc
    except _Refused as exc:
        if exc.token is None:  # a key given twice
            raise _error_at(text, path, exc.reason, _find(text, None)) from None
        picks = exc.token
        raise _refusal(text, path, exc.reason, lambda token, _depth: picks(token)) from None
    except RecursionError:
        raise _too_deep(text, path) from None
    if _nested_deeper(text, value):
        raise _too_deep(text, path)
    if _SURROGATE_ESCAPE.search(text):
        _check_surrogates(text, path)
    return value


def read_json(path: str | Path, limit: int, what: str) -> Any:
    """The JSON value in the UTF-8 file *path* of at most *limit* bytes, with positioned
    errors (see :func:`read_text` and :func:`parse_json`); *what* names the kind of file."""
    return parse_json(read_text(path, limit, what), path)


def _nested_deeper(text: str, value: Any) -> bool:
    """Whether *value* nests deeper than :data:`~kpss.limits.MAX_DEPTH` (walked only when
    the text has enough brackets to nest that deep)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False


def _too_deep(text: str, path: str | Path) -> DataError:
    return _refusal(
        text,
        path,
        f"nested deeper than {MAX_DEPTH} levels of arrays and objects",
        lambda token, depth: token in "[{" and depth > MAX_DEPTH,
    )


def _check_surrogates(text: str, path: str | Path) -> None:
    """Refuse the first string of *text* whose escapes leave a surrogate unpaired."""

    def unpaired(token: str, _depth: int) -> bool:
        if not token.startswith('"') or not _SURROGATE_ESCAPE.search(token):
            return False
        try:
            return bool(_LONE.search(json.loads(token)))
        except ValueError:
            return False

    found = _find(text, unpaired)
    if found is not None:
        reason = "an unpaired surrogate (\\ud800–\\udfff) is not Unicode text"
        raise _error_at(text, path, reason, found)


def _refusal(
    text: str, path: str | Path, reason: str, wanted: Callable[[str, int], bool]
) -> DataError:
    """The error for the first token of *text* that *wanted* picks (given its depth),
    with its line, column and path; only the file when none is found."""
    return _error_at(text, path, reason, _find(text, wanted))


def _error_at(text: str, path: str | Path, reason: str, found: tuple[int, str] | None) -> DataError:
    """The error at *found* (offset and path in *text*), or of the whole file."""
    if found is None:
        return DataError(reason, Location(file=str(path)))
    offset, where = found
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return DataError(reason, Location(file=str(path), line=line, column=column, path=where))


def _find(text: str, wanted: Callable[[str, int], bool] | None) -> tuple[int, str] | None:
    """Offset and path (``$.a[2].b``) of the first token *wanted* picks (given its depth),
    outside strings except for the strings themselves; with *wanted* ``None``, of the first
    key given twice in one object."""
    # One frame per open container: its kind, the key or index being read, the keys seen.
    frames: list[list[Any]] = []
    expect_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        depth = len(frames) + (1 if token in "[{" else 0)
        if wanted is not None and wanted(token, depth):
            return match.start(), _path(frames)
        if token in "[{":
            frames.append([token, None if token == "{" else 0, set()])
            expect_key = token == "{"
        elif token in "]}":
            if frames:
                frames.pop()
            expect_key = False
        elif token == ",":
            if frames and frames[-1][0] == "[":
                frames[-1][1] += 1
            expect_key = bool(frames) and frames[-1][0] == "{"
        elif token == ":":
            expect_key = False
        elif expect_key and token.startswith('"') and frames:
            try:
                key = str(json.loads(token))
            except ValueError:
                key = token.strip('"')
            frames[-1][1] = key
            if wanted is None and key in frames[-1][2]:
                return match.start(), _path(frames)
            frames[-1][2].add(key)
    return None


def _path(frames: list[list[Any]]) -> str:
    """``$.a[2].b`` for the open containers; a deep path shows its start and its end."""
    parts = ["$"]
    for kind, key, _ in frames:
        if kind == "[":
            parts.append(f"[{key}]")
        elif key is not None:
            parts.append(f".{clipped(key)}")
    if len(parts) > 8:
        parts = [*parts[:5], "…", *parts[-2:]]
    return "".join(parts)
