"""A small messy catalogue (real obce, register-style names and contacts) for search tests.

Names copy the styles of the register and of kpss.testing: legal forms written in several
ways, a facility name with a trailing space, upper case, phones as "737 123 970",
"+420573500600" and two numbers in one string, webs without a scheme.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kpss import reference
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.law import Form
from kpss.model.services import Facility, FormOfProvision, Service
from kpss.model.territory import Territory

KROMERIZ = "588296"
HULIN = "588491"
BUKOV = "595403"
KRALOVICE = "559075"
KOZLANY = "559067"
CHRIC = "558974"
PISEK = "549240"
SENIORS = "CilovaSkupinaOsoby/24"


def phone(value: str) -> Contact:
    return Contact(ContactKind.PHONE, value)


def web(value: str) -> Contact:
    return Contact(ContactKind.WEB, value)


def email(value: str) -> Contact:
    return Contact(ContactKind.EMAIL, value)


def place(
    obec: str, point: int | None = None, street: str = "Nádražní", number: int = 1
) -> Address:
    return Address(street=street, house_number=number, obec_code=obec, address_point=point)


DS_KROMERIZ = Provider(
    "Domov pro seniory Kroměříž, příspěvková organizace",
    "00123455",
    seat=place(KROMERIZ, 1001),
    contacts=(phone("573 333 111"), web("www.dskm.cz")),
)
SSMK = Provider(
    "Sociální služby města Kroměříže, p. o.",
    "00765431",
    seat=place(KROMERIZ, 1002),
    contacts=(phone("+420573500600, 737 123 970"), email(" INFO@ssmk.cz")),
)
NADEJE = Provider(
    "NADĚJE HOME z.ú.",
    "26123452",
    seat=place(HULIN, 2001),
    contacts=(phone("737 111 222"), web("https://nadeje-home.cz/")),
)
NADEJE_AGAIN = Provider(
    "Naděje Home, z. ú.",
    "26987651",
    seat=place(HULIN, 2002),
    contacts=(phone("608 999 000"),),
)
CHARITA_BUKOV = Provider(
    "Charita Bukov", "47111119", seat=place(BUKOV, 3001), contacts=(web("charitabukov.cz"),)
)
MESTO_KRALOVICE = Provider(
    "Město Kralovice", "00987654", seat=place(KRALOVICE, 4001), contacts=(phone("373 396 111"),)
)
PORADNA = Provider("Poradna Písek, z. s.", "70123454", seat=place(PISEK, 5001))
SS_HULIN = Provider(
    "Sociální služby Hulín, o. p. s.",
    "61122335",
    seat=place(HULIN, 2003),
    contacts=(phone("573 350 350"),),
)
DIAKONIE = Provider("Diakonie ČCE – středisko Hulín", "73632481", seat=place(HULIN, 2004))


def _kind(key: str) -> tuple[str, object]:
    kind = reference.law().get(key)
    assert kind is not None
    assert kind.register_code is not None
    return kind.register_code, kind


def service(
    identifier: str,
    key: str,
    provider: Provider,
    facilities: tuple[Facility, ...],
    *,
    form: Form = Form.TERENNI,
    groups: tuple[str, ...] = (),
    area: frozenset[str] = frozenset(),
    contacts: tuple[Contact, ...] = (),
    valid_to: dt.date | None = None,
) -> Service:
    code, kind = _kind(key)
    return Service(
        identifier=identifier,
        kind_code=code,
        kind=kind,  # type: ignore[arg-type]
        provider=provider,
        forms=(FormOfProvision(form.register_code, form),),
        target_groups=groups,
        facilities=facilities,
        service_area=area,
        contacts=contacts,
        valid_from=dt.date(2010, 1, 1),
        valid_to=valid_to,
    )


def build_services() -> list[Service]:
    return [
        service(
            "1000001",
            "49",
            DS_KROMERIZ,
            (
                Facility("Domov pro seniory Kroměříž", place(KROMERIZ, 1001)),
                Facility("Domov pro seniory Kroměříž ", place(KROMERIZ, 1001)),
            ),
            form=Form.POBYTOVA,
            groups=(SENIORS,),
        ),
        service(
            "1000002",
            "40",
            SSMK,
            (Facility("Pečovatelská služba Kroměříž", place(KROMERIZ, 1002)),),
            groups=(SENIORS,),
            contacts=(phone("737 123 970"),),
        ),
        service(
            "1000003",
            "39",
            NADEJE,
            (Facility("Centrum Naděje", place(HULIN, 2001)),),
            area=frozenset({HULIN, KROMERIZ}),
        ),
        service(
            "1000004",
            "49",
            CHARITA_BUKOV,
            (Facility("Domov pro seniory Bukov ", place(BUKOV, 3001)),),
            form=Form.POBYTOVA,
            groups=(SENIORS,),
        ),
        service(
            "1000005",
            "57",
            CHARITA_BUKOV,
            (Facility("Azylový dům pro matky s dětmi", None, secret_address=True),),
            form=Form.POBYTOVA,
            area=frozenset({BUKOV}),
        ),
        service(
            "1000006",
            "40",
            MESTO_KRALOVICE,
            (Facility("Pečovatelská služba Kralovice", place(KRALOVICE, 4001)),),
            groups=(SENIORS,),
            area=frozenset({KRALOVICE, KOZLANY, CHRIC}),
        ),
        service(
            "1000007",
            "37",
            PORADNA,
            (Facility("Poradna Písek", place(PISEK, 5001)),),
            form=Form.AMBULANTNI,
            valid_to=dt.date(2020, 12, 31),
        ),
        service(
            "1000008",
            "40",
            SS_HULIN,
            (Facility("Pečovatelská služba Hulín", place(HULIN, 2003)),),
            groups=(SENIORS,),
        ),
        service(
            "1000009",
            "46",
            SSMK,
            (
                Facility("Denní stacionář Kroměříž", place(KROMERIZ, 1002)),
                Facility("DOMOV PRO SENIORY KROMĚŘÍŽ", place(KROMERIZ, 1001)),
            ),
            form=Form.AMBULANTNI,
        ),
        service(
            "1000010",
            "44",
            NADEJE_AGAIN,
            (Facility("Odlehčovací služby Naděje", place(HULIN, 2002)),),
        ),
        service(
            "1000011",
            "40",
            DIAKONIE,
            (Facility("Pečovatelská služba Hulín", place(HULIN, 2004, "Palackého", 15)),),
            groups=(SENIORS,),
        ),
    ]


@pytest.fixture(scope="session")
def territory() -> Territory:
    return reference.territory()


@pytest.fixture
def catalog() -> Catalog:
    return Catalog.of(build_services(), codes=reference.code_book())
