"""Mutants of every input kpss reads: seeded byte and structure changes of small synthetic
registers (JSON and the XML rendition), the example plan, local lists, code lists,
catalogues and additions, each run through the CLI and the library.

For every mutant: the CLI ends with exit 0 or 1, never the catch-all and never a traceback
(fixture ``invoke``), the library raises nothing but :class:`~kpss.errors.KpssError`, and a
register import keeps ``read == accepted + filtered_out + rejected``. For registers, every
record the mutant changed is either in the catalogue with changed data or named in the
report (rejected or warned), and every record it did not change is in the catalogue as
before; which records changed is decided by an oracle that reads the mutant on its own
(the :mod:`json` module and ElementTree, never kpss's readers).

The mutants are derived from fixed seeds: the same mutants on every run, counted per kind
by the fixture ``mutant_counts`` (shown in the terminal summary, see ``conftest.py``).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import random
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pytest
import yaml
from click.testing import Result

import kpss
from kpss.convert import unstructure
from kpss.errors import KpssError
from kpss.find.local_list import read_local
from kpss.planning import load_plan, save_plan, validate_plan
from kpss.testing import RegisterInfo

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "plans" / "kralovice-2023-2025"
SAMPLE = ROOT / "examples" / "data" / "rpss-plzensky"
SEED = 20261211
Invoke = Callable[[Sequence[str]], Result]
NS = "urn:kpss:rpss:1"

T = TypeVar("T")


def attempt(action: Callable[[], T]) -> tuple[T | None, KpssError | None]:
    """What *action* gives, or the :class:`~kpss.errors.KpssError` it raises (any other
    exception is a failure of the test)."""
    try:
        return action(), None
    except KpssError as exc:
        return None, exc


# -- byte mutants -----------------------------------------------------------------------

#: Bytes an insertion or replacement draws from: structure, quotes, escapes, bad UTF-8
#: (a lone continuation byte, a cut sequence, an encoded surrogate), control characters,
#: XML syntax, literals and numbers JSON or Python cannot carry.
NOISE = (
    b'"', b"\\", b"{", b"}", b"[", b"]", b",", b":", b"<", b">", b"&", b"/", b"'", b"#",
    b"\xff", b"\xc3", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\x00", b"\x1b",
    b"\n", b"\r", b"\t", b" ", b"\xc2\xa0", b"-", b"9" * 40, b"9" * 5000, b"1e999",
    b"NaN", b"null", b"true", b'""', b"&amp;", b"&#0;", b"&lt;", b"<!-- x -->", b"<?pi x?>",
    b"<![CDATA[x]]>", b'"\\ud800"', b"\\u0000", b"*a", b"&a [1]", b"? [a]", b"!!binary x",
    b"2025-02-30", b"[" * 300, b"{" * 300,
)  # fmt: skip


@attrs.frozen
class Edit:
    """One contiguous change: ``data[start:end]`` becomes ``insert``."""

    kind: str
    start: int
    end: int
    insert: bytes

    def apply(self, data: bytes) -> bytes:
        """The mutant of *data*."""
        return data[: self.start] + self.insert + data[self.end :]

    @property
    def delta(self) -> int:
        """How much longer the mutant is than the original."""
        return len(self.insert) - (self.end - self.start)


BYTE_KINDS = ("flip", "delete", "insert", "replace", "duplicate", "truncate")


def byte_edit(data: bytes, rng: random.Random) -> Edit:
    """A random edit of *data*."""
    kind = rng.choice(BYTE_KINDS)
    at = rng.randrange(len(data))
    if kind == "flip":
        return Edit(kind, at, at + 1, bytes([data[at] ^ (1 << rng.randrange(8))]))
    if kind == "delete":
        return Edit(kind, at, min(len(data), at + rng.randint(1, 16)), b"")
    if kind == "insert":
        return Edit(kind, at, at, rng.choice(NOISE))
    if kind == "replace":
        return Edit(kind, at, min(len(data), at + rng.randint(1, 8)), rng.choice(NOISE))
    if kind == "duplicate":
        span = data[at : at + rng.randint(1, 400)]
        return Edit(kind, at + len(span), at + len(span), span)
    return Edit(kind, at, len(data), b"")


# -- structure mutants --------------------------------------------------------------------

KeyPath = tuple[str | int, ...]


def value_paths(value: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """Every path inside *value* (not the root), depth first."""
    if not isinstance(value, dict | list):
        return
    children: Any = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in children:
        yield (*path, key)
        yield from value_paths(child, (*path, key))


def get_at(value: Any, path: KeyPath) -> Any:
    for key in path:
        value = value[key]
    return value


#: Marks a place in serialized text that a text-level mutant rewrites.
MARK = "QQmutantQQ"

#: Values of another type, too large, too deep, or not real, for ``wrong_type``.
WRONG: tuple[Any, ...] = (
    None, True, 0, -1, 2**70, 1.5, "", " ", "7", "x" * 3000, [], {}, [None], {"id": None},
    "2025-02-30", "31. 12. 2025", "Obec/", "DruhSocialniSluzby/999", "\u202e\u0000",
)  # fmt: skip

STRUCTURE_KINDS = (
    "drop",
    "retag",
    "wrong_type",
    "deep",
    "huge_number",
    "bad_date",
    "bad_utf8",
    "duplicate_key",
    "nan",
    "duplicate_item",
)


@attrs.frozen
class Structured:
    """A structure mutant: the changed value, and text rewrites to apply after dumping
    (``MARK`` is replaced by bytes no value can hold: bad UTF-8, NaN, a key twice)."""

    kind: str
    path: KeyPath
    value: Any
    rewrite: bytes | None = None


def structure_mutant(original: Any, rng: random.Random) -> Structured:
    """A random structure mutant of the JSON-like *original* (which is not changed)."""
    value = copy.deepcopy(original)
    paths = list(value_paths(value))
    path = rng.choice(paths)
    parent, key = get_at(value, path[:-1]), path[-1]
    kind = rng.choice(STRUCTURE_KINDS)
    rewrite = None
    if kind == "drop":
        del parent[key]
    elif kind == "retag":
        if isinstance(parent, dict):
            new = rng.choice([f"{key}X", str(key).upper(), f"{key} ", "", f"x{key}"])
            parent[new] = parent.pop(key)
        else:
            parent[key] = {"polozka": parent[key]}
    elif kind == "wrong_type":
        parent[key] = copy.deepcopy(rng.choice(WRONG))
    elif kind == "deep":
        nested: Any = parent[key]
        for _ in range(rng.choice([20, 120, 300])):
            nested = [nested]
        parent[key] = nested
    elif kind == "huge_number":
        parent[key] = rng.choice([10**40, -(10**40), 1e300, 10**29])
    elif kind == "bad_date":
        parent[key] = rng.choice(["2025-02-30", "2025-13-01", "0000-01-01", "2025-1-1"])
    elif kind in ("bad_utf8", "nan"):
        parent[key] = MARK
        rewrite = (
            rng.choice([b'"ab\xffcd"', b'"\xc3\x28"', b'"\xed\xa0\x80"'])
            if kind == "bad_utf8"
            else rng.choice([b"NaN", b"Infinity", b"-Infinity"])
        )
    elif kind == "duplicate_key":
        if isinstance(parent, dict):
            parent[MARK] = copy.deepcopy(parent[key])
            rewrite = json.dumps(str(key)).encode()
        else:
            parent.insert(int(key), copy.deepcopy(parent[int(key)]))
    else:  # duplicate_item
        if isinstance(parent, list):
            parent.insert(int(key), copy.deepcopy(parent[int(key)]))
        else:
            parent[key] = [parent[key], copy.deepcopy(parent[key])]
    return Structured(kind, path, value, rewrite)


def dump_json(value: Any, rewrite: bytes | None = None) -> bytes:
    """*value* as JSON bytes, the ``MARK`` string (a value or a key) replaced by *rewrite*."""
    data = json.dumps(value, ensure_ascii=False).encode()
    return data if rewrite is None else data.replace(json.dumps(MARK).encode(), rewrite, 1)


# -- the XML rendition, written and read independently of kpss ---------------------------


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_element(key: str, value: Any) -> str:
    """*value* under *key* by the rendition rule (see :mod:`kpss.rpss.xml_rendition`)."""
    if value is None:
        return f'<{key} nil="true"/>'
    if isinstance(value, bool):
        return f'<{key} type="boolean">{"true" if value else "false"}</{key}>'
    if isinstance(value, int | float):
        return f'<{key} type="number">{json.dumps(value)}</{key}>'
    if isinstance(value, str):
        return f"<{key}>{_escape(value)}</{key}>" if value else f"<{key}/>"
    if isinstance(value, list):
        inner = "".join(xml_element("item", v) for v in value)
        return f'<{key} type="array">{inner}</{key}>' if value else f'<{key} type="array"/>'
    inner = "".join(xml_element(str(k), v) for k, v in value.items())
    return f"<{key}>{inner}</{key}>" if value else f'<{key} type="object"/>'


def xml_document(items: list[Any]) -> bytes:
    body = "\n".join(xml_element("polozka", item) for item in items)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rpss xmlns="{NS}">\n{body}\n</rpss>\n'.encode()
    )


class Unreadable(Exception):
    """The oracle cannot read a record: kpss must not accept it silently either."""


def _local(tag: str) -> str:
    if not tag.startswith("{" + NS + "}"):
        raise Unreadable(f"element {tag} outside the namespace")
    return tag[len(NS) + 2 :]


def xml_value(element: ET.Element) -> Any:
    """The JSON value of *element* by the rendition rule; :class:`Unreadable` if it breaks it."""
    if set(element.attrib) - {"type", "nil"}:
        raise Unreadable("unknown attribute")
    kind, nil = element.get("type"), element.get("nil")
    children = list(element)
    text = element.text or ""
    if children and (
        text.strip(" \t\r\n") or any((c.tail or "").strip(" \t\r\n") for c in children)
    ):
        raise Unreadable("text beside elements")
    if nil is not None:
        if nil != "true" or kind is not None or children or text:
            raise Unreadable("nil with content")
        return None
    if kind == "array":
        if any(_local(c.tag) != "item" for c in children):
            raise Unreadable("array member not <item>")
        return [xml_value(c) for c in children]
    if kind == "number":
        if children or not re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?", text):
            raise Unreadable("not a number")
        try:
            number = json.loads(text)
        except ValueError:  # more digits than Python converts
            raise Unreadable("number out of range") from None
        if not math.isfinite(number):
            raise Unreadable("number out of range")
        return number
    if kind == "boolean":
        if text not in ("true", "false"):
            raise Unreadable("not a boolean")
        return text == "true"
    if kind == "object" and not children:
        return {}
    if kind not in (None, "object"):
        raise Unreadable(f"type {kind}")
    if not children:
        return text
    result: dict[str, Any] = {}
    for child in children:
        name = _local(child.tag)
        if name in result:
            raise Unreadable(f"element {name} twice")
        result[name] = xml_value(child)
    return result


# -- the register oracle --------------------------------------------------------------------


def json_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte spans of the items of ``polozky`` in the valid JSON *data*."""
    i = data.index(b"[", data.index(b'"polozky"')) + 1
    spans: list[tuple[int, int]] = []
    depth, in_string, begin = 0, False, 0
    while i < len(data):
        byte = data[i]
        if in_string:
            if byte == 0x5C:
                i += 2
                continue
            in_string = byte != 0x22
        elif byte == 0x22:
            in_string = True
        elif byte in b"{[":
            begin = i if depth == 0 else begin
            depth += 1
        elif byte in b"}]":
            if depth == 0:
                break
            depth -= 1
            if depth == 0:
                spans.append((begin, i + 1))
        i += 1
    return spans


def xml_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte spans of the ``<polozka>`` elements of the valid rendition *data*."""
    return [m.span() for m in re.finditer(rb"<polozka>.*?</polozka>", data, re.S)]


_LONE = re.compile("[\ud800-\udfff]")


def _refuse_constant(text: str) -> Any:
    raise ValueError(text)


def read_json_region(region: bytes) -> list[Any]:
    """The items in a stretch of ``polozky`` (JSON); :class:`Unreadable` when it is not
    JSON that kpss could carry (bad UTF-8, NaN, unpaired surrogates). A key given twice
    keeps its last value, as in :mod:`json`: the oracle demands no finding for it, kpss
    rejects the record (``test_register_key_given_twice_is_reported``)."""
    try:
        text = region.decode("utf-8").strip(", \t\r\n")
        items = json.loads(f"[{text}]", parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise Unreadable(str(exc)[:80]) from None
    if _LONE.search(json.dumps(items, ensure_ascii=False)):
        raise Unreadable("unpaired surrogate")
    return list(items)


def read_xml_region(region: bytes) -> list[Any]:
    """The items in a stretch of ``<polozka>`` elements; :class:`Unreadable` when broken."""
    try:
        root = ET.fromstring(b'<r xmlns="' + NS.encode() + b'">' + region + b"</r>")
    except (ET.ParseError, RecursionError, ValueError) as exc:
        raise Unreadable(str(exc)[:80]) from None
    if (root.text or "").strip(" \t\r\n") or any((c.tail or "").strip(" \t\r\n") for c in root):
        raise Unreadable("text between records")
    if any(_local(c.tag) != "polozka" for c in root):
        raise Unreadable("not a record")
    return [xml_value(c) for c in root]


#: What kpss does not carry from a record into the catalogue, by design (see the rules of
#: :mod:`kpss.rpss.mapping`): personal data (statutory bodies, facility heads), the texts of
#: attachments (the description is taken apart, see :func:`carried`), attachment sizes and
#: media types, the register's own ids of facilities.
NOT_CARRIED = re.compile(
    r"(^|\.)(statutarniOrgany|vedouci)(\.|\[|$)"
    r"|^doplnkoveUdaje\.\w+\[\*\]\.(popis|rok|priloha\.(mimeType|velikost))$"
    r"|^zarizeni\[\*\]\.(id|portalId|identifikator)$"
)
#: The parts of an address a secret facility keeps (its obec and the units above).
TERRITORIAL = ("obec", "castObce", "okres", "kraj", "mestskyObvodMestskaCast", "mestskyObvodVPraze")


def carried(record: Any) -> Any:
    """*record* as far as its data reaches the catalogue, by the mapping rules: the
    description is the ``popis`` of the newest ``realizacePoskytovani`` entry; a facility
    whose address is not explicitly public keeps only the territorial part; an entry of the
    service area is its obec, else its okres, else its kraj; target and age groups are
    sets."""
    if not isinstance(record, dict):
        return record
    record = copy.deepcopy(record)
    extra = record.get("doplnkoveUdaje")
    entries = extra.get("realizacePoskytovani") if isinstance(extra, dict) else None
    newest: tuple[str, Any] | None = None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("popis"):
            when = entry.get("platnostOd")
            when = when if isinstance(when, str) else ""
            if newest is None or when >= newest[0]:
                newest = (when, entry["popis"])
    record["(description)"] = newest[1] if newest else None
    for facility in record.get("zarizeni") or []:
        if (
            isinstance(facility, dict)
            and facility.get("utajenaAdresa") is not False
            and isinstance(facility.get("adresa"), dict)
        ):
            address = facility["adresa"]
            facility["adresa"] = {k: v for k, v in address.items() if k in TERRITORIAL}
    for key in ("ciloveSkupiny", "vekoveSkupiny"):  # sets of code ids, kept in order
        if isinstance(record.get(key), list):
            unique: list[Any] = []
            for entry in record[key]:
                if entry not in unique:
                    unique.append(entry)
            record[key] = unique
    areas = record.get("rozsirenePusobnostiVKraji")
    for i, entry in enumerate(areas if isinstance(areas, list) else []):
        if isinstance(entry, dict):
            unit = next((k for k in ("obec", "okres", "kraj") if entry.get(k) is not None), None)
            areas[i] = {unit: entry[unit]} if unit else entry
    return record


def project(value: Any, path: str = "", *, loose: bool = True) -> Any:
    """The part of a raw record the catalogue carries, with text trimmed (kpss trims values
    and joins runs of spaces in names) and empty values left out, for deciding whether a
    mutant changed a record's data. With ``loose=False`` text and empty values stay as
    they are: records equal that way must give equal services."""
    if not path:
        value = carried(value)
    if isinstance(value, dict):
        kept = {
            k: project(v, f"{path}.{k}" if path else k, loose=loose)
            for k, v in value.items()
            if not NOT_CARRIED.search(f"{path}.{k}" if path else k)
        }
        if not loose:
            return kept
        # null, empty text and empty lists are the same as a missing key
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [project(v, f"{path}[*]", loose=loose) for v in value]
    if isinstance(value, str) and loose:
        return " ".join(value.split())
    return value


def _findings(report: Any) -> set[tuple[int | None, str | None, str | None, str]]:
    return {
        (f.index, f.identifier, f.field, f.message) for f in (*report.rejected, *report.warnings)
    }


@attrs.define
class Outcome:
    """What a register mutant gave: the catalogue's services as data and the new findings."""

    services: dict[str, Any]
    new: set[tuple[int | None, str | None, str | None, str]]

    def named(self, ident: Any, indices: range) -> bool:
        """Whether a new finding names the record *ident* or one at *indices*."""
        return any(
            (isinstance(ident, str) and i == ident) or (index in indices and i in (None, ident))
            for index, i, _, _ in self.new
        )


@attrs.frozen
class Register:
    """One synthetic register file, read once by kpss, and its records read by the oracle."""

    path: Path
    codes: Path
    data: bytes
    raw: list[Any]
    spans: list[tuple[int, int]]
    services: dict[str, Any]
    findings: frozenset[tuple[int | None, str | None, str | None, str]]
    xml: bool

    @classmethod
    def of(cls, info: RegisterInfo, xml: bool) -> Register:
        path = info.folder / ("rpss.xml" if xml else "rpss.json")
        data = path.read_bytes()
        raw = json.loads((info.folder / "rpss.json").read_bytes())["polozky"]
        result = kpss.load(path, codes=info.folder / "ciselniky")
        services = {s.identifier: unstructure(s) for s in result.catalog}
        spans = xml_spans(data) if xml else json_spans(data)
        assert len(spans) == len(raw) == len(services)
        return cls(
            path, info.folder / "ciselniky", data, raw, spans, services,
            frozenset(_findings(result.report)), xml,
        )  # fmt: skip

    def read_region(self, region: bytes) -> list[Any]:
        return read_xml_region(region) if self.xml else read_json_region(region)


def check_register(
    register: Register,
    mutant: bytes,
    folder: Path,
    invoke: Invoke,
    touched: range,
    items: list[Any] | None,
    label: str,
) -> str:
    """Run one register mutant through the CLI and the library and check the promises;
    say how it ended: ``refused`` (the file), ``reported`` (findings), ``clean``.

    *touched* are the indices of the original records the mutant may have changed;
    *items* what the oracle reads in their place (``None``: unreadable, so kpss must
    refuse the file or name one of them).
    """
    path = folder / register.path.name
    path.write_bytes(mutant)
    report_file = folder / "report.json"
    result = invoke(
        ["import", str(path), "--codes", str(register.codes), "--all", "--report", str(report_file)]
    )
    if result.exit_code == 0:
        report = json.loads(report_file.read_text(encoding="utf-8"))
        assert report["read"] == (
            report["accepted"] + report["filtered_out"] + len(report["rejected"])
        ), label
    loaded, error = attempt(lambda: kpss.load(path, codes=register.codes))
    if error is not None:
        assert result.exit_code == 1, f"{label}: the library refused what the CLI accepted"
        return "refused"
    assert loaded is not None
    assert result.exit_code == 0, f"{label}: the CLI refused what the library accepted"
    got = loaded.report
    assert got.read == got.accepted + got.filtered_out + len(got.rejected), label
    assert len(loaded.catalog) == got.accepted, f"{label}: accepted services missing"
    outcome = Outcome(
        {s.identifier: unstructure(s) for s in loaded.catalog},
        _findings(got) - register.findings,
    )
    region_ids: set[Any] = set()
    if items is None:
        reached = range(touched.start, touched.stop + 1)
        assert any(outcome.named(register.raw[i]["identifikator"], reached) for i in touched), (
            f"{label}: an unreadable record was accepted without a word"
        )
    else:
        for offset, item in enumerate(items):
            ident = item.get("identifikator") if isinstance(item, dict) else None
            region_ids.add(ident)
            index = range(touched.start + offset, touched.start + offset + 1)
            before = next((r for r in register.raw if r["identifikator"] == ident), None)
            if outcome.named(ident, index):
                continue
            assert ident in outcome.services, (
                f"{label}: record {touched.start + offset} ({ident!r}) neither in the "
                "catalogue nor in the report"
            )
            if before is not None and project(before, loose=False) == project(item, loose=False):
                assert outcome.services[ident] == register.services[ident], (
                    f"{label}: record {ident} unchanged in the file but changed in the catalogue"
                )
            elif before is not None and project(before) == project(item):
                pass  # only spaces or empty values changed: either outcome is right
            else:
                assert outcome.services[ident] != register.services.get(ident), (
                    f"{label}: record {ident} changed ({_difference(before, item)}) but the "
                    "catalogue holds the old data and the report says nothing"
                )
    for position, record in enumerate(register.raw):
        ident = record["identifikator"]
        if position in touched or ident in region_ids:
            continue
        if outcome.named(ident, range(0)):
            continue
        assert outcome.services.get(ident) == register.services[ident], (
            f"{label}: record {ident}, which the mutant did not touch, changed silently"
        )
    return "reported" if outcome.new else "clean"


def _difference(before: Any, after: Any) -> str:
    """The first path where the projections of two records differ (for messages)."""
    a, b = project(before) if before is not None else None, project(after)
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return "the record"
    for key in sorted({*a, *b}):
        if a.get(key) != b.get(key):
            return (
                f"{key}: {json.dumps(a.get(key), ensure_ascii=False)[:60]} -> "
                + json.dumps(b.get(key), ensure_ascii=False)[:60]
            )
    return "?"


def byte_mutants_of_register(
    register: Register, count: int, seed: int, tmp: Path, invoke: Invoke, label: str
) -> Counter[str]:
    rng = random.Random(seed)
    ends: Counter[str] = Counter()
    for number in range(count):
        edit = byte_edit(register.data, rng)
        mutant = edit.apply(register.data)
        hit = [i for i, (a, b) in enumerate(register.spans) if a <= edit.end and b >= edit.start]
        items: list[Any] | None = []
        touched = range(0)
        if hit:
            touched = range(hit[0], hit[-1] + 1)
            first, last = register.spans[hit[0]], register.spans[hit[-1]]
            start = min(first[0], edit.start)
            end = max(last[1] + edit.delta, edit.start + len(edit.insert))
            try:
                items = register.read_region(mutant[start:end])
            except Unreadable:
                items = None
        folder = tmp / f"{label}-{number}"
        folder.mkdir()
        where = f"{label} #{number} {edit}"
        ends[check_register(register, mutant, folder, invoke, touched, items, where)] += 1
        shutil.rmtree(folder)
    return ends


def structure_mutants_of_register(
    register: Register, count: int, seed: int, tmp: Path, invoke: Invoke, label: str
) -> Counter[str]:
    rng = random.Random(seed)
    ends: Counter[str] = Counter()
    number = 0
    while number < count:
        index = rng.randrange(len(register.raw))
        mutant = structure_mutant(register.raw[index], rng)
        items = [*register.raw[:index], mutant.value, *register.raw[index + 1 :]]
        oracle: list[Any] | None = [mutant.value]
        if mutant.kind == "duplicate_key" and mutant.rewrite is not None:
            oracle = [register.raw[index]]  # the same value twice: the data is unchanged
        elif mutant.rewrite is not None:
            oracle = None  # bad UTF-8 or NaN: kpss must say so
        if register.xml:
            if mutant.rewrite is not None or not _xml_names(mutant.value):
                continue  # no XML text can carry it (the byte mutants cover broken XML)
            data = xml_document(items)
        else:
            data = (
                b'{"polozky": ['
                + b",\n".join(
                    dump_json(item, mutant.rewrite if i == index else None)
                    for i, item in enumerate(items)
                )
                + b"]}"
            )
        folder = tmp / f"{label}-{number}"
        folder.mkdir()
        where = f"{label} {mutant.kind} at record {index} {list(mutant.path)}"
        touched = range(index, index + 1)
        ends[check_register(register, data, folder, invoke, touched, oracle, where)] += 1
        shutil.rmtree(folder)
        number += 1
    return ends


def _xml_names(value: Any) -> bool:
    """Whether every key in *value* can be an XML element name."""
    if isinstance(value, dict):
        return all(
            re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", k) and _xml_names(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return all(_xml_names(v) for v in value)
    return True


@pytest.fixture(scope="module")
def registers(register_20: RegisterInfo) -> dict[str, Register]:
    return {"json": Register.of(register_20, xml=False), "xml": Register.of(register_20, xml=True)}


#: Register mutant runs: file form, mutant kind, how many, seed.
REGISTER_RUNS = [
    ("json", "bytes", 300, SEED + 1),
    ("json", "structure", 250, SEED + 2),
    ("xml", "bytes", 250, SEED + 3),
    ("xml", "structure", 150, SEED + 4),
]


@pytest.mark.parametrize(("form", "kind", "count", "seed"), REGISTER_RUNS)
def test_register_mutants(
    registers: dict[str, Register],
    tmp_path: Path,
    invoke: Invoke,
    mutant_counts: dict[str, int],
    form: str,
    kind: str,
    count: int,
    seed: int,
) -> None:
    run = byte_mutants_of_register if kind == "bytes" else structure_mutants_of_register
    ends = run(registers[form], count, seed, tmp_path, invoke, f"rpss.{form} {kind}")
    mutant_counts[f"register rpss.{form}, {kind}"] = sum(ends.values())
    assert sum(ends.values()) == count
    # every way a mutant can end is exercised: refused (the file), reported, accepted as it
    # is; a structure mutant changes one record, so it never costs the whole file
    ways = ("reported", "clean") if kind == "structure" else ("refused", "reported", "clean")
    assert min(ends[way] for way in ways) >= count // 20, ends


def test_register_key_given_twice_is_reported(register_20: RegisterInfo, tmp_path: Path) -> None:
    """A key given twice in one record would keep only its last value: the record is
    rejected, naming the key, instead of losing the first without a word."""
    data = (register_20.folder / "rpss.json").read_bytes()
    twice = data.replace(b'"identifikator":', b'"identifikator":"7654321","identifikator":', 1)
    path = tmp_path / "rpss.json"
    path.write_bytes(twice)
    result = kpss.load(path, codes=register_20.folder / "ciselniky")
    named = [f for f in (*result.report.rejected, *result.report.warnings) if f.index == 0]
    assert named, "the first identifikator was dropped without a finding"
    assert "twice" in named[0].message


# -- plans -------------------------------------------------------------------------------

PLAN_FILES = sorted(p.name for p in PLAN.glob("*.yaml"))

#: Text a YAML mutant puts on its own line at a key's place; each must be refused with
#: its line: an alias bomb, aliases in a loop, a complex key, a Python tag, a merge key,
#: an impossible date, a huge integer, NaN, deep nesting, a key given twice.
YAML_SPECIALS = (
    "bomb: &a [x, x, x, x, x, x, x, x, x]\nb1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "b2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nb3: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "b4: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nb5: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
    "loop: &l [*l]\n",
    "? [complex, key]\n: 1\n",
    "obj: !!python/object/apply:os.getcwd []\n",
    "merged:\n  <<: {a: 1}\n",
    "date: 2025-02-30\n",
    "number: " + "9" * 5000 + "\n",
    "number: .nan\n",
    "deep: " + "[" * 150 + "]" * 150 + "\n",
    "title: again\ntitle: and again\n",
)


@attrs.frozen
class PlanMutant:
    """A plan folder mutant: one part file changed; ``refused`` when it must not load."""

    label: str
    file: str
    text: bytes
    refused: bool


def plan_mutants(count: int, rng: random.Random) -> Iterator[PlanMutant]:
    """Byte, structure and YAML mutants of the example plan, in turns."""
    for number in range(count):
        name = rng.choice(PLAN_FILES)
        original = (PLAN / name).read_bytes()
        turn = number % 3
        if turn == 0:
            edit = byte_edit(original, rng)
            yield PlanMutant(f"bytes #{number} {name} {edit}", name, edit.apply(original), False)
        elif turn == 1:
            data = yaml.safe_load(original)
            mutant = structure_mutant(data, rng)
            text = yaml.safe_dump(mutant.value, allow_unicode=True, sort_keys=False).encode()
            if mutant.rewrite is not None:
                rewrite = {
                    "bad_utf8": mutant.rewrite.strip(b'"'),
                    "nan": b".nan",
                    "duplicate_key": str(mutant.path[-1]).encode(),
                }[mutant.kind]
                text = text.replace(MARK.encode(), rewrite, 1)
            refused = mutant.kind in ("retag", "deep") or mutant.rewrite is not None
            label = f"structure #{number} {name} {mutant.kind} {list(mutant.path)}"
            yield PlanMutant(label, name, text, refused)
        else:
            lines = original.splitlines(keepends=True)
            tops = [i for i, line in enumerate(lines) if re.match(rb"[a-z_]+:", line)]
            at = rng.choice(tops)
            special = rng.choice(YAML_SPECIALS)
            text = b"".join([*lines[:at], special.encode(), *lines[at:]])
            label = f"yaml #{number} {name} line {at + 1}: {special[:40]!r}"
            yield PlanMutant(label, name, text, True)


def test_plan_mutants(tmp_path: Path, invoke: Invoke, mutant_counts: dict[str, int]) -> None:
    """Every mutant of the example plan: ``kpss plan validate`` ends with 0 or 1, the
    library refuses it with a positioned DataError or gives a plan that validates and
    round-trips through JSON and YAML; refused kinds are refused."""
    ran = refused = 0
    for mutant in plan_mutants(150, random.Random(SEED + 10)):
        folder = tmp_path / f"plan-{ran}"
        shutil.copytree(PLAN, folder)
        (folder / mutant.file).write_bytes(mutant.text)
        result = invoke(["plan", "validate", str(folder)])
        plan, error = attempt(lambda: load_plan(folder))  # noqa: B023 - called at once
        if error is not None:
            assert result.exit_code == 1, mutant.label
            assert str(folder) in str(error), f"{mutant.label}: the error names no file: {error}"
            refused += 1
        else:
            assert plan is not None
            assert not mutant.refused, f"{mutant.label}: loaded, but must be refused"
            problems = validate_plan(plan)
            assert all(p.message and p.path is not None for p in problems), mutant.label
            for name in ("again.json", "again.yaml"):
                try:
                    saved = save_plan(plan, tmp_path / name)
                except KpssError:
                    continue  # e.g. text no file can hold: refused with a position
                assert load_plan(saved) == plan, f"{mutant.label}: {name} does not read back"
        shutil.rmtree(folder)
        ran += 1
    mutant_counts["plan (example folder): bytes, structure, YAML"] = ran
    assert ran == 150
    assert 50 <= refused < ran  # both ways are exercised: at least the YAML specials refuse


# -- local lists --------------------------------------------------------------------------


def local_rows(register: RegisterInfo) -> list[list[str]]:
    """A coordinator's list of the register's services: a header and one row each, with
    quoted fields (a comma, a line break, a quote) as spreadsheets write them."""
    items = json.loads((register.folder / "rpss.json").read_bytes())["polozky"]
    rows = [["Název služby", "Poskytovatel", "IČ", "Telefon", "Poznámka"]]
    for index, item in enumerate(items):
        phones = item.get("telefony") or [{"telefon": ""}]
        note = ["", "po, st, pá", 'říkají jí "Vlaštovka"', "řádek 1\nřádek 2"][index % 4]
        rows.append(
            [
                item["zarizeni"][0]["nazev"] if item.get("zarizeni") else "?",
                item["poskytovatel"]["nazev"],
                item["poskytovatel"].get("ico") or "",
                phones[0]["telefon"],
                note,
            ]
        )
    return rows


def csv_text(rows: list[list[str]], delimiter: str = ";") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode()


def local_mutants(
    rows: list[list[str]], count: int, rng: random.Random
) -> Iterator[tuple[str, str, bytes, bool]]:
    """(label, suffix, bytes, rows_kept): byte and structure mutants of the CSV and the
    JSON form of *rows*; ``rows_kept`` when a stray quote was added (rows must not vanish)."""
    text = csv_text(rows)
    objects = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    data = json.dumps(objects, ensure_ascii=False).encode()
    for number in range(count):
        turn = number % 4
        if turn == 0:
            edit = byte_edit(text, rng)
            yield f"csv bytes #{number} {edit}", ".csv", edit.apply(text), False
        elif turn == 1:
            row = rng.randrange(1, len(rows))
            line_starts = [0, *(m.end() for m in re.finditer(rb"\r\n", text))]
            at = line_starts[min(row, len(line_starts) - 1)]
            at += rng.randrange(0, 12)
            quote = rng.choice([b'"', b'"x', b'x"', b';"', b'"";"'])
            yield (
                f"csv quote #{number} at {at}: {quote!r}",
                ".csv",
                text[:at] + quote + text[at:],
                True,
            )
        elif turn == 2:
            edit = byte_edit(data, rng)
            yield f"json bytes #{number} {edit}", ".json", edit.apply(data), False
        else:
            mutant = structure_mutant(objects, rng)
            label = f"json structure #{number} {mutant.kind} {list(mutant.path)}"
            yield label, ".json", dump_json(mutant.value, mutant.rewrite), False


def test_local_list_mutants(
    register_20: RegisterInfo, tmp_path: Path, invoke: Invoke, mutant_counts: dict[str, int]
) -> None:
    """Every mutant of a local list: ``kpss match`` ends with 0 or 1 and its result holds
    every row of the list exactly once; the library refuses it with a DataError naming
    the file or reads it; a stray quote never makes rows vanish silently."""
    rows = local_rows(register_20)
    source = register_20.folder / "rpss.json"
    codes = register_20.folder / "ciselniky"
    ran = refused = 0
    for label, suffix, data, quoted_rows in local_mutants(rows, 160, random.Random(SEED + 20)):
        path = tmp_path / f"local-{ran}{suffix}"
        path.write_bytes(data)
        out = tmp_path / f"match-{ran}.json"
        result = invoke(["match", str(path), str(source), "--codes", str(codes), "-o", str(out)])
        local, error = attempt(lambda: read_local(path))  # noqa: B023 - called at once
        if error is not None:
            assert result.exit_code == 1, label
            assert str(path) in str(error), f"{label}: the error names no file: {error}"
            refused += 1
        else:
            assert local is not None
            if quoted_rows:
                assert len(local) >= len(rows) - 1, f"{label}: rows vanished ({len(local)})"
            if result.exit_code == 0:
                matched = json.loads(out.read_text(encoding="utf-8"))
                seen = [m["local_index"] for m in matched["matched"]]
                seen += [m["local_index"] for m in matched["ambiguous"]]
                seen += matched["unmatched_local"]
                assert sorted(seen) == list(range(len(local))), f"{label}: rows lost or doubled"
        ran += 1
    mutant_counts["local list (CSV, JSON): bytes, quotes, structure"] = ran
    assert ran == 160
    assert 20 <= refused <= ran - 20


# -- code lists ----------------------------------------------------------------------------


def json_mutant(original: bytes, number: int, rng: random.Random) -> tuple[str, bytes]:
    """Mutant *number* of a JSON document and its label: byte and structure in turns."""
    if number % 2:
        edit = byte_edit(original, rng)
        return f"bytes #{number} {edit}", edit.apply(original)
    mutant = structure_mutant(json.loads(original), rng)
    return (
        f"structure #{number} {mutant.kind} {list(mutant.path)}",
        dump_json(mutant.value, mutant.rewrite),
    )


CODE_FILES = ("formy-soc-sluzby.json", "cilove-skupiny-osoby.json", "druhy-socialni-sluzby.json")


def test_code_list_mutants(
    register_20: RegisterInfo, tmp_path: Path, invoke: Invoke, mutant_counts: dict[str, int]
) -> None:
    """Every mutant of a code-list file: ``kpss import --codes`` ends with 0 or 1 (read =
    accepted + filtered out + rejected when 0), the library refuses the folder with a
    DataError naming the file or reads it."""
    rng = random.Random(SEED + 30)
    source = register_20.folder / "rpss.json"
    ran = refused = 0
    for number in range(90):
        name = CODE_FILES[number % len(CODE_FILES)]
        original = (register_20.folder / "ciselniky" / name).read_bytes()
        label, data = json_mutant(original, number, rng)
        label = f"{name} {label}"
        folder = tmp_path / f"codes-{number}"
        shutil.copytree(register_20.folder / "ciselniky", folder)
        (folder / name).write_bytes(data)
        report = tmp_path / f"report-{number}.json"
        result = invoke(["import", str(source), "--codes", str(folder), "--report", str(report)])
        _, error = attempt(lambda: kpss.code_book(folder))  # noqa: B023 - called at once
        if error is not None:
            assert result.exit_code == 1, label
            assert name in str(error), f"{label}: the error names no file: {error}"
            refused += 1
        else:
            assert result.exit_code == 0, label
            counts = json.loads(report.read_text(encoding="utf-8"))
            assert counts["read"] == (
                counts["accepted"] + counts["filtered_out"] + len(counts["rejected"])
            ), label
        ran += 1
    mutant_counts["code lists: bytes, structure"] = ran
    assert ran == 90
    assert 10 <= refused <= ran - 10


# -- catalogues ----------------------------------------------------------------------------


def test_catalogue_mutants(
    register_20: RegisterInfo, tmp_path: Path, invoke: Invoke, mutant_counts: dict[str, int]
) -> None:
    """Every mutant of a kpss catalogue: ``kpss import`` ends with 0 or 1 with the counts
    adding up; the library refuses it with a DataError naming the file, or reads it, and
    then a catalogue whose data the mutant changed differs from the original."""
    saved = tmp_path / "catalogue.json"
    invoke(["import", str(register_20.folder / "rpss.json"), "--codes",
            str(register_20.folder / "ciselniky"), "--all", "-o", str(saved)])  # fmt: skip
    original = saved.read_bytes()
    before = unstructure(kpss.load(saved).catalog)
    rng = random.Random(SEED + 40)
    ran = refused = changed = 0
    for number in range(120):
        label, data = json_mutant(original, number, rng)
        path = tmp_path / f"catalogue-{number}.json"
        path.write_bytes(data)
        report = tmp_path / f"report-{number}.json"
        result = invoke(["import", str(path), "--all", "--report", str(report)])
        loaded, error = attempt(lambda: kpss.load(path))  # noqa: B023 - called at once
        if error is not None:
            assert result.exit_code == 1, label
            assert str(path) in str(error), f"{label}: the error names no file: {error}"
            refused += 1
        else:
            assert loaded is not None
            assert result.exit_code == 0, label
            got = loaded.report
            assert got.read == got.accepted + got.filtered_out + len(got.rejected), label
            if _semantic(data) not in (None, _semantic(original)):
                assert unstructure(loaded.catalog) != before, f"{label}: the change was lost"
                changed += 1
        path.unlink()
        ran += 1
    mutant_counts["catalogue (kpss-catalog/1): bytes, structure"] = ran
    assert ran == 120
    assert refused >= 20
    assert changed >= 10


def _semantic(data: bytes) -> Any:
    """The JSON value of *data* with every list of strings taken as a set (the catalogue's
    code ids, obce and target groups are sets), or ``None`` when it is not JSON."""
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return None

    def canonical(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: canonical(v) for k, v in node.items()}
        if isinstance(node, list):
            if node and all(isinstance(v, str) for v in node):
                return sorted(set(node))
            return [canonical(v) for v in node]
        return node

    return canonical(value)


# -- additions -------------------------------------------------------------------------------


def test_additions_mutants(tmp_path: Path, invoke: Invoke, mutant_counts: dict[str, int]) -> None:
    """Every mutant of the example additions file (Kralovicko): ``kpss import --additions``
    ends with 0 or 1 and the library refuses it with a DataError naming the file or
    applies it."""
    kralovicko = tmp_path / "kralovicko.json"
    invoke(["import", str(SAMPLE / "rpss.json"), "--area", "Kralovicko", "--all",
            "-o", str(kralovicko)])  # fmt: skip
    original = (SAMPLE / "doplnky.yaml").read_bytes()
    shutil.copytree(SAMPLE / "fotky", tmp_path / "fotky")  # the pictures it names
    rng = random.Random(SEED + 50)
    ran = refused = 0
    for number in range(60):
        if number % 2:
            edit = byte_edit(original, rng)
            label, data = f"bytes #{number} {edit}", edit.apply(original)
        else:
            lines = original.splitlines(keepends=True)
            keys = [i for i, line in enumerate(lines) if re.match(rb"\s*[a-z_]+:", line)]
            at = rng.choice(keys)
            indent = re.match(rb"\s*", lines[at]).group()  # type: ignore[union-attr]
            special = rng.choice(YAML_SPECIALS)
            block = b"".join(indent + line + b"\n" for line in special.encode().splitlines())
            label, data = (
                f"yaml #{number} line {at + 1}: {special[:40]!r}",
                b"".join([*lines[:at], block, *lines[at:]]),
            )
        path = tmp_path / f"doplnky-{number}.yaml"
        path.write_bytes(data)
        result = invoke(["import", str(kralovicko), "--all", "--additions", str(path)])
        _, error = attempt(lambda: kpss.load(kralovicko, additions=path))  # noqa: B023
        if error is not None:
            assert result.exit_code == 1, label
            assert path.name in str(error), f"{label}: the error names no file: {error}"
            refused += 1
        else:
            assert result.exit_code == 0, label
        ran += 1
    mutant_counts["additions (example doplnky.yaml): bytes, YAML"] = ran
    assert ran == 60
    assert 10 <= refused <= ran - 10
