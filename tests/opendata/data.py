"""Catalogues for the open-data tests: a small register in ORP Kralovice, then changed.

The register input holds what must never reach open data: statutory bodies and facility
heads with made-up names, a secret facility with a street, a ``javascript:`` web. The
catalogue gets the local additions a coordinator may add (hours, languages, fees,
accessibility, an own name …) and a few values that look like spreadsheet formulas.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs

import kpss
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.law import Form
from kpss.model.services import (
    Accessibility,
    Capacity,
    Charge,
    Facility,
    FormOfProvision,
    OpeningHours,
    Service,
)
from kpss.testing import register_items

KRALOVICE_ORP = "3206"
SNAPSHOT = dt.date(2026, 5, 1)
STATUTORY = ("Bohuslava", "Statutárníková")
HEAD = ("Radovan", "Vedoucízařízení")
SECRET_STREET = "Skrytá ulička"
SECRET_POSTCODE = "33199"
FORMULA = '=HYPERLINK("https://zlo.example";"klikni")'
OWN_NAME = "Poradna Na Rozcestí"


def _person(first: str, last: str) -> dict[str, Any]:
    return {"titulPred": "Mgr.", "jmeno": first, "prijmeni": last, "titulZa": None}


def kralovice_obce() -> list[str]:
    territory = kpss.territory()
    orp = territory.orp_by_code(KRALOVICE_ORP)
    assert orp is not None
    return sorted(territory.obec_codes(orp))


def write_register(folder: Path, services: int = 24) -> Path:
    """``rpss.json`` of *services* services in ORP Kralovice (with personal data in it)."""
    items = [copy.deepcopy(i) for i in register_items(services, seed=11, obce=kralovice_obce())]
    for item in items:
        item["poskytovatel"]["statutarniOrgany"] = [{**_person(*STATUTORY), "funkce": "ředitel"}]
        for facility in item["zarizeni"]:
            facility["vedouci"] = _person(*HEAD)
    secret = items[1]["zarizeni"][0]
    secret["utajenaAdresa"] = True
    secret["adresa"] = {**(secret["adresa"] or {}), "ulice": {"nazev": SECRET_STREET}}
    items[2]["weby"] = [{"web": "javascript:alert(1)", "poznamka": None}]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rpss.json"
    path.write_text(json.dumps({"polozky": items}, ensure_ascii=False), encoding="utf-8")
    return path


def _hours(day: int, opens: str, closes: str, note: str | None = None) -> OpeningHours:
    return OpeningHours(
        f"DenVTydnu/{day}", dt.time.fromisoformat(opens), dt.time.fromisoformat(closes), note
    )


def with_additions(catalog: kpss.Catalog) -> kpss.Catalog:
    """*catalog* with local additions and edge cases on its first services.

    services[0]: own name, hours of its own with a note, languages, free of charge,
    accessibility, offer, sign-language video, a data box, a fax, a further web, a
    whole okres and one more obec as its area, unknown code ids, a capacity without a
    count, a form provided round the clock, a formula-like description.
    services[3]: a facility marked secret whose address is nevertheless known (as a
    plugin may leave it), paid, a future start. services[4]: ended.
    """
    services = list(catalog)
    territory = kpss.territory()
    okres = territory.okres("3407")  # Plzeň-sever
    assert okres is not None
    first = services[0]
    area = territory.obec_codes(okres) | {"554791"}  # + Plzeň, of another okres
    first = attrs.evolve(
        first,
        name=OWN_NAME,
        description=f"{FORMULA}\nDruhý řádek popisu.",
        opening_hours=(
            _hours(1, "08:00", "12:00"),
            _hours(2, "08:00", "12:00"),
            _hours(3, "13:00", "17:30", "jen pro objednané"),
        ),
        languages=("cs", "uk", "cse"),
        charge=Charge.FREE,
        accessibility=Accessibility(barrier_free=True, hearing_loop=False, note="vchod ze dvora"),
        offer=("sociální poradenství", "pomoc s dávkami"),
        sign_language_video="https://video.example.cz/znakovy-jazyk",
        hours_note="o prázdninách zkrácená doba",
        age_note="od 18 let",
        fees="-200 Kč za hodinu u fakultativních úkonů",
        target_groups=(*first.target_groups, "CilovaSkupinaOsoby/999"),
        forms=(
            FormOfProvision(
                "FormaSocialniSluzby/ter",
                Form.TERENNI,
                continuous=True,
                capacities=(Capacity(None, "TypKapacitySocialniSluzby/klient"),),
            ),
            FormOfProvision(
                "FormaSocialniSluzby/amb",
                Form.AMBULANTNI,
                continuous=False,
                hours=(_hours(1, "09:00", "11:00"), _hours(5, "09:00", "11:00")),
                capacities=(Capacity(4, "TypKapacitySocialniSluzby/kontakt"),),
            ),
        ),
        service_area=frozenset(area),
        contacts=(
            Contact(ContactKind.EMAIL, "poradna@rozcesti.example.cz", "recepce"),
            Contact(ContactKind.PHONE, "+420 777 123 456", "krizová linka"),
            Contact(ContactKind.WEB, "www.rozcesti.example.cz"),
            Contact(ContactKind.WEB, "https://rozcesti.example.cz/en"),
            Contact(ContactKind.FAX, "377 123 456"),
            Contact(ContactKind.DATA_BOX, "abc123d"),
        ),
    )
    secret_address = Address(
        street=SECRET_STREET,
        house_number=7,
        postcode=SECRET_POSTCODE,
        obec_code=kralovice_obce()[0],
        address_point=99999999,
    )
    fourth = attrs.evolve(
        services[3],
        facilities=(
            Facility("Chráněné bydlení", secret_address, secret_address=True),
            *services[3].facilities,
        ),
        charge=Charge.PAID,
        valid_from=SNAPSHOT + dt.timedelta(days=30),
    )
    fifth = attrs.evolve(services[4], valid_to=SNAPSHOT - dt.timedelta(days=10))
    changed: dict[str, Service] = {s.identifier: s for s in (first, fourth, fifth)}
    result = kpss.Catalog(codes=catalog.codes, source=catalog.source, snapshot_date=SNAPSHOT)
    for service in services:
        result.add(changed.get(service.identifier, service))
    return result


def feature_catalog(folder: Path) -> kpss.Catalog:
    """The register of :func:`write_register` read by kpss, with :func:`with_additions`."""
    return with_additions(kpss.load(write_register(folder), enrich=False).catalog)


def read_records(folder: Path, name: str) -> list[dict[str, Any]]:
    """The records of one JSON file of an HSDS folder."""
    records: list[dict[str, Any]] = json.loads((folder / name).read_text(encoding="utf-8"))
    return records
