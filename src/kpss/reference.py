"""Loads the packaged reference data (law table, code-list snapshot, territory) once.

Also reads official code-list files (``ciselniky/*.json``) given by the user.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from kpss.errors import DataError, Location
from kpss.jsonfile import read_json
from kpss.limits import MAX_CODE_LIST_BYTES, quoted
from kpss.model.codes import CODE_LIST_FILES, Code, CodeBook, CodeList, split_code
from kpss.model.law import Category, Evidence, Form, LawTable, ServiceKind
from kpss.model.territory import Kraj, Obec, Okres, Orp, Pou, Territory

_DATA = resources.files("kpss") / "data"
_FILE_TO_LIST = {file: name for name, file in CODE_LIST_FILES.items()}


@functools.cache
def law() -> LawTable:
    """The kinds of social services of Act 108/2006, from the packaged ``law.json``."""
    raw = json.loads((_DATA / "law.json").read_text(encoding="utf-8"))
    return LawTable(tuple(_kind(entry) for entry in raw["kinds"]))


def _kind(entry: Mapping[str, Any]) -> ServiceKind:
    forms = entry["forms"]
    return ServiceKind(
        key=entry["key"],
        paragraph=entry["paragraph"],
        name=entry["name"],
        category=Category(entry["category"]) if entry["category"] else None,
        forms=frozenset(Form(f) for f in forms) if forms is not None else None,
        register_code=entry["register_code"],
        register_code_evidence=Evidence(entry["register_code_evidence"]),
        forms_evidence=Evidence(entry["forms_evidence"]),
        mpsv_api_id=entry["mpsv_api_id"],
        sources=tuple(entry["sources"]),
        note=entry["note"],
    )


@functools.cache
def code_snapshot() -> CodeBook:
    """The packaged code-list snapshot: only ids a source shows (see its SOURCES.md)."""
    lists = []
    for file_name, list_name in _FILE_TO_LIST.items():
        resource = _DATA / "ciselniky" / file_name
        if resource.is_file():
            data = json.loads(resource.read_text(encoding="utf-8"))
            lists.append(_code_list(list_name, data, f"kpss snapshot {file_name}"))
    return CodeBook.of(lists)


def read_code_lists(directory: str | Path) -> CodeBook:
    """Read the official code-list files found in *directory* (``ciselniky/`` shape).

    Files that are not there are skipped; a malformed file raises :class:`~kpss.errors.DataError`
    naming the file, the item and the field.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise DataError(
            "expected a directory of code-list files (ciselniky/*.json)", Location(file=str(folder))
        )
    lists = []
    for file_name, list_name in _FILE_TO_LIST.items():
        path = folder / file_name
        if not os.path.lexists(path):
            continue
        if not path.is_file():  # a dangling or looping link, a FIFO, a folder: not skipped
            raise DataError(
                "not a regular file (a broken symbolic link, a FIFO or a folder); "
                "expected a code-list file",
                Location(file=str(path)),
            )
        data = read_json(path, MAX_CODE_LIST_BYTES, "a code-list file")
        lists.append(_code_list(list_name, data, str(path)))
    return CodeBook.of(lists)


def code_book(directory: str | Path | None = None) -> CodeBook:
    """Official lists from *directory* laid over the packaged snapshot (or the snapshot)."""
    snapshot = code_snapshot()
    return read_code_lists(directory).merged_over(snapshot) if directory else snapshot


def _code_list(list_name: str, data: Any, source: str) -> CodeList:
    if not isinstance(data, dict) or not isinstance(data.get("polozky"), list):
        raise DataError('expected an object with the array "polozky"', Location(file=source))
    items: dict[str, Code] = {}
    for index, item in enumerate(data["polozky"]):
        where = Location(file=source, index=index)
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise DataError(
                'expected an object with a string "id"',
                Location(file=source, index=index, field="id"),
            )
        code_id = item["id"]
        try:
            prefix, _ = split_code(code_id)
        except ValueError:
            raise DataError(
                f"expected an id of the form 'List/code', got {quoted(code_id)}",
                Location(file=source, index=index, field="id"),
            ) from None
        if prefix != list_name:
            raise DataError(
                f"expected an id of list {list_name}, got {quoted(code_id)}",
                Location(file=source, index=index, field="id"),
            )
        label = _label(item.get("nazev"), where)
        meta = _meta(item.get("kpss"), where)
        extra = {
            k: str(v)
            for k, v in item.items()
            if k not in ("id", "nazev", "kpss") and isinstance(v, str | int)
        }
        items[code_id] = Code(
            id=code_id,
            label=label,
            evidence=meta.get("evidence", Evidence.SEEN),
            source=meta.get("source", source),
            extra=extra,
        )
    return CodeList(list_name, items, source)


def _meta(value: Any, where: Location) -> dict[str, Any]:
    """kpss's own notes on a code (``"kpss": {"evidence": …, "source": …}``), checked."""
    if value is None:
        return {}

    def wrong(field: str, expected: str) -> DataError:
        return DataError(
            f"expected {expected}", Location(file=where.file, index=where.index, field=field)
        )

    if not isinstance(value, dict):
        raise wrong("kpss", 'an object with "evidence" and "source"')
    meta: dict[str, Any] = {}
    if "evidence" in value:
        allowed = ", ".join(repr(e.value) for e in Evidence)
        try:
            meta["evidence"] = Evidence(value["evidence"])
        except (ValueError, TypeError):
            raise wrong(
                "kpss.evidence", f"one of {allowed}, got {quoted(value['evidence'])}"
            ) from None
    if "source" in value:
        if not isinstance(value["source"], str):
            raise wrong("kpss.source", f"a string, got {quoted(value['source'])}")
        meta["source"] = value["source"]
    return meta


def _label(value: Any, where: Location) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("cs"), str):
        return str(value["cs"])
    raise DataError(
        'expected "nazev" as a string or a language map with "cs"',
        Location(file=where.file, index=where.index, field="nazev"),
    )


# -- territory ---------------------------------------------------------------------------
def _rows(name: str) -> Iterable[dict[str, str]]:
    text = (_DATA / "territory" / name).read_text(encoding="utf-8")
    return csv.DictReader(text.splitlines())


@functools.cache
def territory() -> Territory:
    """All Czech kraje, okresy, ORP, POU and obce from the packaged ČSÚ-derived data."""
    kraje = {
        r["kraj_kod"]: Kraj(
            r["kraj_kod"], r["kraj_csu_kod"], r["kraj_nuts"], r["kraj_zkratka"], r["kraj_nazev"]
        )
        for r in _rows("kraje.csv")
    }
    okresy = {
        r["okres_kod"]: Okres(
            r["okres_kod"], r["okres_lau"], r["okres_csu_kod"], r["okres_nazev"], r["kraj_kod"]
        )
        for r in _rows("okresy.csv")
    }
    orp = {
        r["orp_kod"]: Orp(
            r["orp_kod"],
            r["orp_ruian_kod"],
            r["orp_nazev"],
            r["orp_sidlo_obec_kod"],
            r["kraj_kod"],
            tuple(r["okresy_kod"].split(";")),
        )
        for r in _rows("orp.csv")
    }
    pou = {
        r["pou_kod"]: Pou(
            r["pou_kod"], r["pou_ruian_kod"], r["pou_nazev"], r["pou_sidlo_obec_kod"], r["orp_kod"]
        )
        for r in _rows("pou.csv")
    }
    obce: dict[str, Obec] = {}
    dates: set[str] = set()
    for r in _rows("obce.csv"):
        obce[r["obec_kod"]] = Obec(
            r["obec_kod"],
            r["obec_nazev"],
            r["pou_kod"],
            r["orp_kod"],
            r["okres_kod"],
            r["kraj_kod"],
            int(r["obyvatel"]) if r["obyvatel"] else None,
        )
        if r["stav_k"]:
            dates.add(r["stav_k"])
    population_date = dt.date.fromisoformat(dates.pop()) if len(dates) == 1 else None
    return Territory(
        kraje,
        okresy,
        orp,
        pou,
        obce,
        population_date,
        source="ČSÚ Struktura území ČR (2026-01-01); population ČSÚ",
    )
