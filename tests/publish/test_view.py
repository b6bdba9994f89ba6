"""The public view: titles, secret addresses, personal data, links, Czech order, ways in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from tests.publish import catalog_data

import kpss
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.services import Capacity, Facility, FormOfProvision, OpeningHours, Service
from kpss.plugins import manager
from kpss.publish import SECRET_ADDRESS, public_view
from kpss.publish.texts import kind_texts, situation_texts
from kpss.publish.typography import NBSP, czech_sorted, nbsp, text_blocks
from kpss.publish.urls import email_href, is_linkable, phone_href, web_href

LAW = kpss.law()
KRALOVICE = "559075"  # obec Kralovice (ČSÚ code)
PLASY = "559351"


def _kind(key: str) -> kpss.ServiceKind:
    kind = LAW.get(key)
    assert kind is not None
    return kind


def _service(
    ident: str, kind: str = "40", provider: str = "Město Kralovice", **fields: Any
) -> Service:
    found = _kind(kind)
    return Service(
        ident,
        found.register_code or "",
        kpss.Provider(provider, fields.pop("ico", None)),
        kind=found,
        **fields,
    )


def _view(*services: Service, **kwargs: Any) -> Any:
    catalog = kpss.Catalog.of(services, codes=kpss.code_book())
    return public_view(catalog, sections=kwargs.pop("sections", ()), **kwargs)


def test_title_is_the_kind_and_the_provider() -> None:
    view = _view(_service("1", "40"), _service("2", "49", "Domov Kralovice, p. o."))
    assert view.services["1"].title == "Pečovatelská služba – Město Kralovice"
    # The Act names § 49 in the plural; one service is "Domov pro seniory".
    assert view.services["2"].title == "Domov pro seniory – Domov Kralovice, p. o."
    assert view.services["2"].kind.label == "§ 49 domovy pro seniory"


def test_services_that_read_alike_are_told_apart_by_facility_then_obec() -> None:
    here = Address(obec_code=KRALOVICE)
    there = Address(obec_code=PLASY)
    view = _view(
        _service("1", facilities=(Facility("Dům s pečovatelskou službou", here),)),
        _service("2", facilities=(Facility("Středisko Plasy", there),)),
        _service("3", "40", "Charita", facilities=(Facility("Pracoviště", here),)),
        _service("4", "40", "Charita", facilities=(Facility("Pracoviště", there),)),
    )
    titles = {i: s.title for i, s in view.services.items()}
    assert titles["1"] == "Pečovatelská služba – Město Kralovice (Dům s pečovatelskou službou)"
    assert titles["2"] == "Pečovatelská služba – Město Kralovice (Středisko Plasy)"
    assert titles["3"] == "Pečovatelská služba – Charita (Kralovice)"
    assert titles["4"] == "Pečovatelská služba – Charita (Plasy)"


def test_a_name_added_by_a_plugin_wins() -> None:
    view = _view(_service("1", name="Pečovatelka Kralovice"))
    assert view.services["1"].title == "Pečovatelka Kralovice"


@pytest.mark.parametrize("flag", [True, None, "false", 0, "yes"])
def test_a_facility_is_secret_unless_its_flag_is_false(flag: object) -> None:
    address = Address(street="Tajná", house_number=12, postcode="33141", obec_code=KRALOVICE)
    facility = Facility("Azylový dům", address, secret_address=flag)  # type: ignore[arg-type]
    view = _view(
        _service("1", "57", facilities=(facility,), contact_addresses=(address,)),
    )
    service = view.services["1"]
    (place,) = service.places
    assert place.secret
    assert place.street is None
    assert place.postcode is None
    assert place.obec is not None
    assert place.obec.label == "Kralovice"
    assert place.address == f"Kralovice – {SECRET_ADDRESS}"
    # the contact address of a service with a secret facility keeps only the obec too
    (contact,) = service.contact_places
    assert contact.street is None
    assert "Tajná" not in contact.address


def test_a_public_facility_shows_street_postcode_and_obec() -> None:
    address = Address(
        street="Markova",
        house_number=5,
        orientation_number="2a",
        postcode="33141",
        obec_code=KRALOVICE,
    )
    view = _view(_service("1", facilities=(Facility("Dům", address, secret_address=False),)))
    (place,) = view.services["1"].places
    assert place.address == "Markova 5/2a, 331 41 Kralovice"


def test_provider_seat_is_shown_as_its_obec_only() -> None:
    seat = Address(street="Domácí", house_number=7, postcode="33141", obec_code=KRALOVICE)
    service = _service("1")
    service = attrs.evolve(service, provider=kpss.Provider("Jana Nováková", seat=seat))
    view = _view(service)
    provider = view.provider_of(view.services["1"])
    assert provider.seat is not None
    assert provider.seat.label == "Kralovice"
    assert "Domácí" not in repr(view)


def test_links_only_http_https_mailto_tel() -> None:
    contacts = (
        Contact(ContactKind.WEB, "javascript:alert(1)"),
        Contact(ContactKind.WEB, "www.kralovice.cz"),
        Contact(ContactKind.EMAIL, "socialni@kralovice.cz"),
        Contact(ContactKind.PHONE, "373 396 011"),
        Contact(ContactKind.DATA_BOX, "abc1234"),
    )
    view = _view(_service("1", contacts=contacts))
    hrefs = [c.href for c in view.services["1"].contacts]
    assert hrefs == [
        None,
        "https://www.kralovice.cz",
        "mailto:socialni@kralovice.cz",
        "tel:+420373396011",
        None,
    ]


@pytest.mark.parametrize(
    ("value", "href"),
    [
        ("http://obec.cz/a?b=1", "http://obec.cz/a?b=1"),
        ("HTTPS://Obec.cz", "https://Obec.cz"),
        ("obec.cz/sluzby", "https://obec.cz/sluzby"),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("ftp://obec.cz", None),
        ('https://obec.cz/" onmouseover="x', None),
        ("//evil.example", None),
        ("neuvedeno", None),
    ],
)
def test_web_href(value: str, href: str | None) -> None:
    assert web_href(value) == href


def test_email_and_phone_hrefs() -> None:
    assert email_href("mailto:a@b.cz") == "mailto:a@b.cz"
    assert email_href("a b@c.cz") is None
    assert email_href("javascript:a@b.cz") is None
    assert phone_href("+420 (373) 396-011") == "tel:+420373396011"
    assert phone_href("00420373396011") == "tel:+420373396011"
    assert phone_href("linka 112") is None
    assert not is_linkable("javascript:x")
    assert not is_linkable("vbscript:x")
    assert is_linkable("../obce/559199.html")
    assert is_linkable("tel:+420373396011")


def test_forms_hours_and_capacity_with_unit() -> None:
    hours = (
        *tuple(OpeningHours(f"DenVTydnu/{day}", dt.time(8), dt.time(16)) for day in (1, 2, 3, 5)),
        OpeningHours("DenVTydnu/3", dt.time(17), dt.time(18, 30)),
    )
    form = FormOfProvision(
        "FormaSocialniSluzby/ter",
        kpss.Form.TERENNI,
        hours=hours,
        capacities=(Capacity(12, "TypKapacitySocialniSluzby/klient"),),
    )
    (public,) = _view(_service("1", forms=(form,))).services["1"].forms
    assert public.label == "terénní"
    assert public.capacities == ("12 klientů",)
    assert [(h.days, h.times) for h in public.hours] == [
        ("Po–Út", "8:00–16:00"),
        ("St", "8:00–16:00, 17:00–18:30"),
        ("Pá", "8:00–16:00"),
    ]


def test_every_obec_of_the_territory_is_listed_with_help_nearby() -> None:
    area = catalog_data.kralovicko()
    service = _service(
        "1",
        facilities=(Facility("Dům", Address(obec_code=KRALOVICE), secret_address=False),),
        service_area=frozenset({PLASY}),
    )
    view = _view(service, territory_area=area)
    codes = {o.code for o in view.obce}
    assert codes == set(area.obec_codes)
    by_code = {o.code: o for o in view.obce}
    assert by_code[KRALOVICE].located == ("1",)
    assert by_code[PLASY].covering == ("1",)
    empty = next(o for o in view.obce if o.code not in (KRALOVICE, PLASY))
    assert empty.services == ()
    assert empty.nearby == ("1",)
    assert empty.orp == "Kralovice"
    # Czech order of obce (ch after h)
    names = [o.name for o in view.obce]
    assert names == czech_sorted(names)


def test_ended_services_and_facilities_are_left_out() -> None:
    ended = _service("1", valid_to=dt.date(2020, 1, 1))
    old = Facility(
        "Staré", Address(obec_code=PLASY), secret_address=False, valid_to=dt.date(2020, 1, 1)
    )
    kept = _service("2", facilities=(old,))
    view = _view(ended, kept, on=dt.date(2024, 1, 1))
    assert list(view.services) == ["2"]
    assert view.services["2"].places == ()


def test_kinds_in_the_order_of_the_act_with_plain_lines() -> None:
    view = _view(
        _service("1", "70"), _service("2", "37"), _service("3", "60a"), _service("4", "60")
    )
    assert [k.key for k in view.kinds] == ["37", "60", "60a", "70"]
    for kind in view.kinds:
        assert kind.plain
        assert kind.plain_source
        assert kind.plain_source.startswith("zákon")


def test_every_kind_of_the_act_has_a_plain_line() -> None:
    texts = kind_texts()
    assert {k.key for k in LAW} == set(texts)
    for key, text in texts.items():
        assert text.plain.endswith("."), key
        assert text.source


def test_czech_sorting_and_typography() -> None:
    names = [
        "Chotíkov",
        "Cheb",
        "Hlince",
        "Cerhovice",
        "Čerňovice",
        "Horní Bělá",
        "Řeřichy",
        "Rabštejn",
    ]
    assert czech_sorted(names) == [
        "Cerhovice",
        "Čerňovice",
        "Hlince",
        "Horní Bělá",
        "Cheb",
        "Chotíkov",
        "Rabštejn",
        "Řeřichy",
    ]
    assert nbsp("Pomoc v nouzi i k bydlení") == f"Pomoc v{NBSP}nouzi i{NBSP}k{NBSP}bydlení"
    assert nbsp("Kavárna u Dvořáků") == f"Kavárna u{NBSP}Dvořáků"
    assert nbsp("Ivan a") == "Ivan a"  # nothing to keep together at the end


def test_text_blocks_paragraphs_lists_headings() -> None:
    blocks = text_blocks("Poslání služby\nPomáháme lidem.\n- jedna\n- dvě\nKonec.")
    assert [(b.kind, b.lines) for b in blocks] == [
        ("h", ("Poslání služby",)),
        ("p", ("Pomáháme lidem.",)),
        ("list", ("jedna", "dvě")),
        ("p", ("Konec.",)),
    ]


def test_the_ten_life_situations_with_their_services(tmp_path: Path) -> None:
    titles = [t.title for t in situation_texts()]
    assert titles == [
        "Mám dluhy",
        "Pečuji o dítě s postižením",
        "Pečuji o blízkého, který se o sebe nepostará",
        "Stárnu a potřebuji pomoc doma",
        "Hrozí mi ztráta bydlení / jsem bez domova",
        "Zažívám násilí",
        "Vracím se z výkonu trestu",
        "Mám problém s alkoholem nebo drogami",
        "Mám duševní onemocnění",
        "Přišel/přišla jsem o práci",
    ]
    sections = manager.get_catalogue_sections()
    assert {s.key for s in sections} >= {t.key for t in situation_texts()}
    catalog = catalog_data.catalog(tmp_path)
    view = public_view(catalog, sections=sections)
    for section in view.sections:
        raw = next(s for s in sections if s.key == section.key)
        expected = {s.identifier for s in catalog if raw.contains(s)}
        assert set(section.services) == expected
    debts = next(s for s in view.sections if s.key == "dluhy")
    assert debts.where_to_turn
    assert debts.description


def test_no_personal_data_in_the_view(tmp_path: Path) -> None:
    catalog = catalog_data.catalog(tmp_path)
    text = repr(public_view(catalog, catalog_data.kralovicko()))
    for name in (*catalog_data.STATUTORY_NAME, *catalog_data.HEAD_NAME):
        assert name not in text
    assert catalog_data.SECRET_STREET not in text
