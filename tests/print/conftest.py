"""Fixtures of the print tests: a small synthetic register with hostile and secret data.

The catalogue is 24 synthetic services of Plzeňský kraj (``kpss.testing``), read with its
code lists, and changed so that every rule has something to catch:

* a service named with markup (``<b>``, ``<script>``, ``&``), with a description full of
  one-letter prepositions and long Czech words (for the line-end and hyphenation checks);
* a facility whose secret flag is unknown (``None``: fail closed) with a street and postcode.

Laid-out documents are built once per session and shared (read them, never change them).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import attrs
import pytest

import kpss
from kpss.model.catalog import Catalog
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.services import Accessibility, Charge, OpeningHours, RelatedService
from kpss.publish.print.book import Book, plan_book
from kpss.publish.print.catalogue import PrintReport, write_catalogue_pdf
from kpss.publish.print.settings import PrintSettings
from kpss.publish.view import PublicCatalog, public_view
from kpss.testing import RegisterFactory, RegisterInfo

TITLE = "Katalog sociálních služeb"
TERRITORY = "Plzeňský kraj (zkouška)"
MARKUP_NAME = "<b>Tučná</b> služba & <script>alert(1)</script> pomoc"
SECRET_STREET = "Utajenská"
SECRET_POSTCODE = "39999"
OFFER = "Pomoc s vyřízením dávek a s rozpočtem domácnosti"
RELATED_NAME = "Klub seniorů U Lípy"
RELATED_PHONE = "777 123 456"
PREPOSITIONS = (
    "Pomáháme k soběstačnosti a v nouzi, s dluhy i u soudu, o víkendu v noci i z domova. "
    "Jsme tu pro vás a s vámi v každé situaci, k níž v životě dojde, i když to v tu chvíli "
    "tak nevypadá. Nejvšestrannější sociálněprávní poradenství poskytujeme nejpotřebnějším. "
) * 4


@pytest.fixture(scope="session")
def print_register(rpss_factory: RegisterFactory) -> RegisterInfo:
    """24 synthetic services of Plzeňský kraj with code lists."""
    return rpss_factory(services=24, seed=11, kraj="Plzeňský kraj")


@pytest.fixture(scope="session")
def personal_names(print_register: RegisterInfo) -> list[str]:
    """Statutory bodies and facility heads of the register (personal data), as written."""
    items = json.loads(print_register.json.read_text(encoding="utf-8"))["polozky"]
    providers = {item["poskytovatel"]["nazev"] for item in items}
    people: set[str] = set()
    for item in items:
        for body in item["poskytovatel"].get("statutarniOrgany") or []:
            for person in _persons(body):
                people.add(person)
        for facility in item.get("zarizeni") or []:
            if facility.get("vedouci"):
                people |= set(_persons(facility["vedouci"]))
    names = sorted(p for p in people if not any(p in name for name in providers))
    assert names, "the register should name statutory bodies and facility heads"
    return names


def _persons(value: object) -> list[str]:
    """Every ``jmeno prijmeni`` inside *value* (a person or a statutory body record)."""
    found: list[str] = []
    if isinstance(value, dict):
        if value.get("jmeno") and value.get("prijmeni"):
            found.append(f"{value['jmeno']} {value['prijmeni']}")
        for inner in value.values():
            found += _persons(inner)
    elif isinstance(value, list):
        for inner in value:
            found += _persons(inner)
    return found


@pytest.fixture(scope="session")
def print_catalog(print_register: RegisterInfo) -> Catalog:
    """The register as a catalogue, with the markup name and the unknown-secret facility."""
    catalog = kpss.load(print_register.json, codes=print_register.codes).catalog
    services = sorted(catalog.services.values(), key=lambda s: s.identifier)
    marked = services[0]
    obec = next((f.address.obec_code for f in marked.facilities if f.address), None)
    club = RelatedService(
        name=RELATED_NAME,
        description="Setkávání, přednášky a výlety pro seniory z okolí.",
        contacts=(Contact(ContactKind.PHONE, RELATED_PHONE),),
        key="klub-u-lipy",
        operator="Spolek U Lípy",
        address=Address(street="Lipová", house_number=3, postcode="33401", obec_code=obec),
        charge=Charge.FREE,
    )
    catalog.related[club.key or club.name] = club
    catalog.services[marked.identifier] = attrs.evolve(
        marked,
        name=MARKUP_NAME,
        description=PREPOSITIONS,
        offer=(OFFER,),
        charge=Charge.FREE,
        fees="první konzultace zdarma",
        languages=("cs", "uk"),
        accessibility=Accessibility(barrier_free=True),
        opening_hours=(OpeningHours("DenVTydnu/1", dt.time(8), dt.time(16)),),
        related_services=(club,),
    )
    with_facility = next(s for s in services[1:] if s.facilities)
    first = with_facility.facilities[0]
    obec = first.address.obec_code if first.address else None
    hidden = attrs.evolve(
        first,
        secret_address=None,  # unknown: must be treated as secret
        address=Address(
            street=SECRET_STREET, house_number=7, postcode=SECRET_POSTCODE, obec_code=obec
        ),
    )
    catalog.services[with_facility.identifier] = attrs.evolve(
        with_facility, facilities=(hidden, *with_facility.facilities[1:])
    )
    return catalog


@pytest.fixture(scope="session")
def print_view(print_catalog: Catalog) -> PublicCatalog:
    """The public view of :func:`print_catalog`."""
    return public_view(print_catalog)


BuiltPdf = tuple[PrintReport, Book]


@pytest.fixture(scope="session")
def built_pdf(
    print_view: PublicCatalog, tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., BuiltPdf]:
    """Build (once per arrangement and page size) the catalogue PDF: its report and book."""
    cache: dict[tuple[str, str, bool], BuiltPdf] = {}

    def build(by: str = "group", page: str = "A4", repeat: bool = False) -> BuiltPdf:
        key = (by, page, repeat)
        if key not in cache:
            settings = PrintSettings(page=page, by=by, repeat=repeat)
            out = tmp_path_factory.mktemp("pdf") / f"katalog-{by}-{page}.pdf"
            report = write_catalogue_pdf(
                print_view, out, title=TITLE, territory_name=TERRITORY, settings=settings
            )
            book = plan_book(
                print_view, title=TITLE, territory_name=TERRITORY, by=by, repeat=repeat
            )
            cache[key] = (report, book)
        return cache[key]

    return build
