"""The code lists written beside a synthetic register (``ciselniky/*.json``, official shape).

Labels kpss knows come from the packaged snapshot (:func:`kpss.reference.code_snapshot`)
and the packaged territory. The ids no source shows are **synthetic**, all ≥ 101 so that
they never collide with a seen id: most target groups, every age group, the days of the
week and *centrum duševního zdraví*. Parts of obce (``CastObce``) get synthetic 7-digit
codes (the obec code and one digit; real RÚIAN codes have 6 digits).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from typing import Any

from kpss import reference
from kpss.model.codes import (
    CILOVA_SKUPINA,
    CODE_LIST_FILES,
    DEN_V_TYDNU,
    DRUH,
    FORMA,
    TYP_KAPACITY,
    VEKOVA_SKUPINA,
)

#: The synthetic register code of centrum duševního zdraví (its open-data id is unknown).
CDZ_CODE = "DruhSocialniSluzby/101"

#: Target groups beyond the four seen ids (24, 26, 27, 30): synthetic ids, legal names.
SYNTHETIC_TARGET_GROUPS: Mapping[int, str] = {
    101: "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy",
    102: "etnické menšiny",
    103: "imigranti a azylanti",
    104: "oběti domácího násilí",
    105: "oběti obchodu s lidmi",
    106: "oběti trestné činnosti",
    107: "osoby bez přístřeší",
    108: "osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče",
    109: "osoby komerčně zneužívané",
    110: "osoby ohrožené závislostí nebo závislé na návykových látkách",
    111: "osoby s chronickým duševním onemocněním",
    112: "osoby s chronickým onemocněním",
    113: "osoby s jiným zdravotním postižením",
    114: "osoby s kombinovaným postižením",
    115: "osoby s mentálním postižením",
    116: "osoby s tělesným postižením",
    117: "osoby se sluchovým postižením",
    118: "osoby se zdravotním postižením",
    119: "osoby se zrakovým postižením",
    120: "osoby v krizi",
    121: "osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy",
    122: "osoby žijící v sociálně vyloučených komunitách",
    123: "pachatelé trestné činnosti",
    124: "rodiny s dítětem/dětmi",
}
#: Age groups (all synthetic ids).
AGE_GROUPS: Mapping[int, str] = {
    101: "bez omezení věku",
    102: "novorozenci a kojenci (do 1 roku)",
    103: "děti předškolního věku (1–6 let)",
    104: "mladší děti (7–10 let)",
    105: "starší děti (11–15 let)",
    106: "dorost (16–18 let)",
    107: "mladí dospělí (19–26 let)",
    108: "dospělí (27–64 let)",
    109: "mladší senioři (65–80 let)",
    110: "starší senioři (nad 80 let)",
}
#: Days of the week (synthetic ids 1–7, Monday first).
DAYS: Mapping[int, str] = {
    1: "pondělí",
    2: "úterý",
    3: "středa",
    4: "čtvrtek",
    5: "pátek",
    6: "sobota",
    7: "neděle",
}
#: Official file names of the territorial lists and of the parts of obce.
TERRITORY_FILES: Mapping[str, str] = {
    "Kraj": "kraje.json",
    "Okres": "okresy.json",
    "Obec": "obce.json",
    "CastObce": "casti-obci.json",
}


def _item(code_id: str, label: str | None, **extra: Any) -> dict[str, Any]:
    return {"id": code_id, "nazev": {"cs": label}, **extra}


def _document(items: Iterable[dict[str, Any]]) -> bytes:
    """A code-list file: ``{"polozky": [...]}``, compact UTF-8."""
    data = {"polozky": list(items)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _snapshot_items(list_name: str) -> list[dict[str, Any]]:
    """The items of one packaged list in the official shape (the ``kpss`` notes left out)."""
    return [
        _item(code.id, code.label, **dict(code.extra))
        for code in reference.code_snapshot().items(list_name)
    ]


@functools.cache
def static_files() -> Mapping[str, bytes]:
    """The code-list files that do not depend on the generated data: name → content."""
    territory = reference.territory()
    kinds = [*_snapshot_items(DRUH), _item(CDZ_CODE, "centrum duševního zdraví", paragraf=None)]
    groups = _snapshot_items(CILOVA_SKUPINA)
    groups += [_item(f"{CILOVA_SKUPINA}/{k}", v) for k, v in SYNTHETIC_TARGET_GROUPS.items()]
    groups.sort(key=lambda item: int(item["id"].partition("/")[2]))
    files = {
        CODE_LIST_FILES[DRUH]: kinds,
        CODE_LIST_FILES[FORMA]: _snapshot_items(FORMA),
        CODE_LIST_FILES[TYP_KAPACITY]: _snapshot_items(TYP_KAPACITY),
        CODE_LIST_FILES[CILOVA_SKUPINA]: groups,
        CODE_LIST_FILES[VEKOVA_SKUPINA]: [
            _item(f"{VEKOVA_SKUPINA}/{k}", v) for k, v in AGE_GROUPS.items()
        ],
        CODE_LIST_FILES[DEN_V_TYDNU]: [_item(f"{DEN_V_TYDNU}/{k}", v) for k, v in DAYS.items()],
        TERRITORY_FILES["Kraj"]: [
            _item(f"Kraj/{k.code}", k.name, kodNuts3=k.nuts)
            for k in sorted(territory.kraje.values(), key=lambda k: int(k.code))
        ],
        TERRITORY_FILES["Okres"]: [
            _item(f"Okres/{o.code}", o.name, kodLau=o.lau, kraj={"id": f"Kraj/{o.kraj_code}"})
            for o in sorted(territory.okresy.values(), key=lambda o: o.code)
        ],
        TERRITORY_FILES["Obec"]: [
            _item(f"Obec/{o.code}", o.name, kod=o.code, okres={"id": f"Okres/{o.okres_code}"})
            for o in sorted(territory.obce.values(), key=lambda o: o.code)
        ],
    }
    return {name: _document(items) for name, items in files.items()}


def parts_file(parts: Mapping[str, tuple[str, str]]) -> bytes:
    """``casti-obci.json`` for the parts used: part code → (name, obec code)."""
    return _document(
        _item(f"CastObce/{code}", name, obec={"id": f"Obec/{obec}"})
        for code, (name, obec) in sorted(parts.items())
    )


def readme() -> str:
    """``ciselniky/README.md``: which ids are synthetic."""
    return (
        "# Code lists of a synthetic register (kpss.testing)\n\n"
        "Test data, not facts. Labels of the seen ids come from kpss's packaged snapshot;\n"
        "these ids are synthetic (>= 101, so they never collide with a seen id):\n\n"
        f"- {CDZ_CODE} (centrum duševního zdraví);\n"
        f"- {CILOVA_SKUPINA}/101–124 (the seen ids are 24, 26, 27 and 30);\n"
        f"- every {VEKOVA_SKUPINA} id (101–110) and {DEN_V_TYDNU}/1–7;\n"
        "- CastObce codes of 7 digits (obec code and one digit).\n\n"
        "Kraj, Okres and Obec ids are the real RÚIAN/ČSÚ codes of kpss's packaged territory.\n"
    )
