"""Small registers for the public-view and web tests, built from kpss.testing items.

The items are changed on purpose: markup in a provider name, a ``javascript:`` web, secret
facilities, statutory bodies and facility heads with names that must never be published,
and providers whose names test Czech sorting.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import kpss
from kpss.model.territory import Area
from kpss.testing import register_items

KRALOVICE_ORP = "3206"
#: Names that stand for personal data: they appear only in the register input.
STATUTORY_NAME = ("Zbyhněva", "Statutárníková")
HEAD_NAME = ("Radoboj", "Vedoucízařízení")
SECRET_STREET = "Ukrytá ulička"
INJECTED = "<script>alert('kpss')</script><b>Poradna</b> & spol."
SORTED_PROVIDERS = (
    "Cyrilská pomoc, z. s.",
    "Černá hora, o. p. s.",
    "Hodná péče, z. ú.",
    "Charita Kralovice",
    "Žitná, z. s.",
)


def kralovicko() -> Area:
    """The obce of ORP Kralovice as an area (what kpss-plzensky's preset holds)."""
    territory = kpss.territory()
    orp = territory.orp_by_code(KRALOVICE_ORP)
    assert orp is not None
    return Area("kralovicko", "Kralovicko", territory.obec_codes(orp))


def _person(first: str, last: str) -> dict[str, Any]:
    return {"titulPred": "Mgr.", "jmeno": first, "prijmeni": last, "titulZa": None}


def register(folder: Path, services: int = 14) -> Path:
    """Write ``rpss.json`` of *services* services in ORP Kralovice; returns its path."""
    area = kralovicko()
    obce = sorted(area.obec_codes)
    items = [copy.deepcopy(i) for i in register_items(services, seed=7, obce=obce)]
    for number, item in enumerate(items):
        item["datumPoskytovaniDo"] = None
        provider = item["poskytovatel"]
        provider["statutarniOrgany"] = [{**_person(*STATUTORY_NAME), "funkce": "ředitelka"}]
        for facility in item["zarizeni"]:
            facility["vedouci"] = _person(*HEAD_NAME)
            facility["poskytujeDo"] = None
        if 1 <= number <= len(SORTED_PROVIDERS):
            provider["nazev"] = SORTED_PROVIDERS[number - 1]
            provider["ico"] = None
    first = items[0]
    first["poskytovatel"]["nazev"] = INJECTED
    first["poskytovatel"]["ico"] = None
    first["weby"] = [{"web": "javascript:alert(1)", "poznamka": None}]
    first["emaily"] = [{"email": "poradna@example.cz", "poznamka": "<i>hned</i>"}]
    secret = items[1]["zarizeni"][0]
    secret["utajenaAdresa"] = True
    secret["adresa"]["ulice"] = {"nazev": SECRET_STREET}
    path = folder / "rpss.json"
    path.write_text(json.dumps({"polozky": items}, ensure_ascii=False), encoding="utf-8")
    return path


def catalog(folder: Path, services: int = 14) -> kpss.Catalog:
    """The catalogue of :func:`register` as kpss reads it."""
    return kpss.load(register(folder, services), enrich=False).catalog
