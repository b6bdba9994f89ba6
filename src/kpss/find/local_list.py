"""Reading a coordinator's own list of services (CSV or JSON) for matching to the register.

A local list has whatever columns its author chose. The columns kpss uses are mapped to
keys: ``name`` (required), ``provider``, ``ico``, ``identifier`` (register identifikator),
``address``, ``obec``, ``phone``, ``web``, ``email``, ``kind``. Usual Czech and English
headers are recognised ("Název služby", "Poskytovatel", "IČ", "Telefon", "www" …); anything
else is mapped with ``--columns name=COL,...``.

CSV: ``,``/``;``/tab delimiter detected from the header line, UTF-8 with or without BOM.
JSON: a list of objects, or an object with the list under ``polozky``/``items``/``data``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from kpss.errors import DataError, Location, UsageError
from kpss.jsonfile import parse_json, read_bytes
from kpss.limits import MAX_CSV_FIELD_CHARS, MAX_LOCAL_LIST_BYTES
from kpss.model.names import fold

__all__ = ["KEYS", "LocalEntry", "LocalList", "parse_columns", "read_local"]

#: Keys a column can be mapped to, with what they mean.
KEYS: dict[str, str] = {
    "name": "name of the service or facility (required)",
    "provider": "provider's name",
    "ico": "provider's IČO",
    "identifier": "register identifikator of the service",
    "address": "address (street, number, PSČ, obec)",
    "obec": "obec name or six-digit code",
    "phone": "phone number(s)",
    "web": "web address",
    "email": "e-mail address",
    "kind": "service kind (§ 40, pečovatelská služba …)",
}

_HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        "nazev",
        "nazev sluzby",
        "sluzba",
        "name",
        "service",
        "service name",
        "nazev zarizeni",
    ),
    "provider": ("poskytovatel", "nazev poskytovatele", "provider", "organizace"),
    "ico": ("ico", "ic", "ic poskytovatele", "ico poskytovatele"),
    "identifier": ("identifikator", "identifikator sluzby", "id sluzby", "registracni cislo"),
    "address": ("adresa", "address", "sidlo", "misto poskytovani"),
    "obec": ("obec", "mesto", "municipality", "town", "kod obce"),
    "phone": ("telefon", "tel", "telefony", "phone", "mobil"),
    "web": ("web", "www", "webove stranky", "url", "website"),
    "email": ("email", "e mail", "mail", "emaily"),
    "kind": ("druh", "druh sluzby", "typ sluzby", "kind", "paragraf"),
}


def _header_key(header: str) -> str:
    return " ".join(fold(header).replace("-", " ").replace("_", " ").replace(".", " ").split())


@attrs.frozen
class LocalEntry:
    """One data row: its index (from 0), its line in a CSV file, and the mapped values."""

    index: int
    values: Mapping[str, str]
    line: int | None = None

    def get(self, key: str) -> str:
        """The value of a mapped key, stripped; ``""`` when missing."""
        return (self.values.get(key) or "").strip()


@attrs.frozen
class LocalList:
    """The rows of a local list with the column mapping used."""

    source: str
    columns: tuple[str, ...]
    mapping: Mapping[str, str]
    entries: tuple[LocalEntry, ...]

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def of(cls, rows: Sequence[Mapping[str, Any]], source: str = "<data>") -> LocalList:
        """A list from already mapped rows (keys of :data:`KEYS`)."""
        entries = tuple(
            LocalEntry(i, {k: "" if v is None else str(v) for k, v in row.items()})
            for i, row in enumerate(rows)
        )
        keys = sorted({k for row in rows for k in row})
        return cls(source, tuple(keys), {k: k for k in keys}, entries)


def parse_columns(text: str | None) -> dict[str, str]:
    """``name=Název,ico=IČ`` → ``{"name": "Název", "ico": "IČ"}``; raise UsageError if bad."""
    mapping: dict[str, str] = {}
    if not text:
        return mapping
    for part in text.split(","):
        key, sep, column = part.partition("=")
        key, column = key.strip(), column.strip()
        if not sep or not column:
            raise UsageError(f"--columns: expected KEY=COLUMN pairs, got {part.strip()!r}")
        if key not in KEYS:
            raise UsageError(f"--columns: unknown key {key!r}; known keys: {', '.join(KEYS)}")
        mapping[key] = column
    return mapping


def _map_columns(source: str, columns: Sequence[str], given: Mapping[str, str]) -> dict[str, str]:
    listing = ", ".join(repr(c) for c in columns)
    mapping: dict[str, str] = {}
    by_fold = {_header_key(c): c for c in columns}
    for key, column in given.items():
        if column in columns:
            mapping[key] = column
        elif _header_key(column) in by_fold:
            mapping[key] = by_fold[_header_key(column)]
        else:
            raise DataError(
                f"column {column!r} (mapped to {key}) is not in the file; "
                f"its columns are: {listing}",
                Location(file=source, line=1),
            )
    for key, synonyms in _HEADERS.items():
        if key in mapping:
            continue
        for synonym in synonyms:
            if synonym in by_fold and by_fold[synonym] not in mapping.values():
                mapping[key] = by_fold[synonym]
                break
    if "name" not in mapping:
        raise DataError(
            "no column for the service name; map one with --columns name=COLUMN "
            f"(the file's columns are: {listing})",
            Location(file=source, line=1),
        )
    return mapping


def _decode(path: Path, data: bytes, encoding: str) -> str:
    if encoding.replace("-", "").lower() in {"utf8", "utf8sig"}:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        name = encoding.removesuffix("-sig").upper()
        raise DataError(
            f"not valid {name} text (byte 0x{data[exc.start]:02x}); "
            "re-save the file as UTF-8 or give its encoding, e.g. --encoding cp1250 "
            "for a file from Excel on Czech Windows",
            Location(file=str(path), line=line, byte=exc.start),
        ) from None
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r}") from None


def _read_csv(path: Path, text: str, given: Mapping[str, str]) -> LocalList:
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = _csv_rows(path, reader, delimiter)
    try:
        header, _ = next(rows)
    except StopIteration:
        raise DataError(
            "the file is empty; expected a header line", Location(file=str(path))
        ) from None
    columns = tuple(h.strip() for h in header)
    mapping = _map_columns(str(path), columns, given)
    positions = {key: columns.index(col) for key, col in mapping.items()}
    entries: list[LocalEntry] = []
    for row, line in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns) and any(c.strip() for c in row[len(columns) :]):
            raise DataError(
                f"{len(row)} fields but the header has {len(columns)}; "
                f"check the delimiter ({delimiter!r}) and quoting",
                Location(file=str(path), line=line),
            )
        values = {key: row[pos] if pos < len(row) else "" for key, pos in positions.items()}
        entries.append(LocalEntry(len(entries), values, line))
    return LocalList(str(path), columns, mapping, tuple(entries))


def _csv_rows(path: Path, reader: Any, delimiter: str) -> Iterator[tuple[list[str], int]]:
    """The rows of *reader* with the line each starts on; CSV errors name that line.

    Nothing is read past a quote left open: the module would take the rest of the file
    as one value (eight rows read as two) where a person sees rows.
    """
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            where = Location(file=str(path), line=line)
            raise DataError(_csv_problem(str(exc), delimiter), where) from None
        yield row, line
        line = reader.line_num + 1


def _csv_problem(message: str, delimiter: str) -> str:
    """The csv module's *message* in words a coordinator can act on."""
    if "unexpected end of data" in message:
        return (
            'a quoted value that starts in this row is never closed (a lone "); '
            "close the quote or remove it"
        )
    if "field larger than field limit" in message:
        return (
            f"a value longer than {MAX_CSV_FIELD_CHARS:,} characters starts in this row; "
            'is a quote (") left unclosed?'
        )
    if "expected after" in message:
        return (
            f"text after the closing quote of a value (expected {delimiter!r} or the end of "
            'the line); write a quote inside a quoted value twice ("")'
        )
    return f"not valid CSV: {message}"


def _read_json(path: Path, text: str, given: Mapping[str, str]) -> LocalList:
    data = parse_json(text, path)
    if isinstance(data, dict):
        data = next((data[k] for k in ("polozky", "items", "data") if k in data), None)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise DataError(
            "expected a list of objects (or an object with it under 'polozky', 'items' or 'data')",
            Location(file=str(path)),
        )
    columns = tuple(dict.fromkeys(k for row in data for k in row))
    mapping = _map_columns(str(path), columns, given)
    entries = []
    for index, row in enumerate(data):
        values = {}
        for key, column in mapping.items():
            value = row.get(column)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            elif isinstance(value, dict):
                raise DataError(
                    "expected text, a number or a list of them, got an object",
                    Location(file=str(path), index=index, field=column),
                )
            values[key] = "" if value is None else str(value)
        entries.append(LocalEntry(index, values))
    return LocalList(str(path), columns, mapping, tuple(entries))


def read_local(
    path: str | Path, columns: Mapping[str, str] | None = None, encoding: str = "utf-8"
) -> LocalList:
    """Read a local list from a CSV or JSON file (JSON by suffix ``.json``)."""
    file = Path(path)
    text = _decode(file, read_bytes(file, MAX_LOCAL_LIST_BYTES, "a local list"), encoding)
    given = dict(columns or {})
    if file.suffix.lower() == ".json":
        return _read_json(file, text.lstrip("\ufeff"), given)
    return _read_csv(file, text, given)
