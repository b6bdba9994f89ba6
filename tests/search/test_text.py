"""The Czech name normaliser and the contact keys."""

from __future__ import annotations

import pytest

from kpss.find.keys import email_domain, email_key, phones, web_domain, web_key
from kpss.find.text import distinctive, normalize, strip_legal_form, tokens
from kpss.model.names import fold


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Domov pro seniory Bukov ", "DOMOV PRO SENIORY BUKOV"),
        ("Kromeriz", "Kroměříž"),
        ("ALZHEIMER HOME z.ú.", "Alzheimer Home, z. ú."),
        ("Naděje, o. p. s.", "NADEJE o.p.s."),
        ("Senior Úsměv s.r.o.", "Senior Usmev, s. r. o."),
        ("Firma Pohoda, spol. s r. o.", "Firma Pohoda"),
        ("Domov Pohoda Bukov, p.o.", "Domov Pohoda Bukov, příspěvková organizace"),
        ("Sociální služby Bukov - příspěvková organizace", "Socialni sluzby Bukov"),
        ("Nemocnice Bukov, a. s.", "Nemocnice Bukov"),
        ("Spolek Pohoda Bukov, z.s.", "Spolek Pohoda Bukov zapsaný spolek"),
        ("Pohoda, obecně prospěšná společnost", "Pohoda o. p. s."),
        ("Domov  \t pro   seniory", "domov pro seniory"),
        ("Diakonie ČCE – středisko Krok", "Diakonie CCE - stredisko Krok"),
    ],
)
def test_spellings_of_one_name_normalise_alike(left: str, right: str) -> None:
    assert normalize(left) == normalize(right)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azylový dům pro matky s dětmi", "azylovy dum pro matky s detmi"),  # "s" is a word here
        ("Dům a zahrada", "dum a zahrada"),
        ("Svaz tělesně postižených v ČR, z. s., místní organizace Bukov",
         "svaz telesne postizenych v cr mistni organizace bukov"),
        ("Městská část Praha 14", "mestska cast praha 14"),
    ],
)  # fmt: skip
def test_ordinary_words_survive(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_legal_form_can_be_kept() -> None:
    assert normalize("Naděje, z. ú.", legal_forms=False) == "nadeje z u"
    assert strip_legal_form(fold("Naděje, z. ú.")) == "nadeje"


def test_normalize_builds_on_fold() -> None:
    for text in ("Kroměříž", "  Ústí nad Labem ", "CHŘÍČ"):
        assert normalize(text) == fold(text)


def test_distinctive_drops_generic_words() -> None:
    assert distinctive("Domov pro seniory Bukov, p. o.") == "bukov"
    assert distinctive("Pečovatelská služba") == "pecovatelska sluzba"  # nothing else left
    assert tokens("Centrum Naděje, z.ú.") == ["centrum", "nadeje"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("737 123 970", ("737123970",)),
        ("+420602277272", ("602277272",)),
        ("+420 737 123 970", ("737123970",)),
        ("00420 737-123-970", ("737123970",)),
        ("354525345", ("354525345",)),
        ("737 123 970, 602 277 272", ("737123970", "602277272")),
        ("tel. 737123970 / 602277272", ("737123970", "602277272")),
        ("737 123 970; 737 123 970", ("737123970",)),
        ("+49 30 1234567", ("49301234567",)),
        ("", ()),
        ("viz web", ()),
    ],
)
def test_phones(text: str, expected: tuple[str, ...]) -> None:
    assert phones(text) == expected


@pytest.mark.parametrize(
    ("text", "key", "domain"),
    [
        ("http://www.carvac.cz", "carvac.cz", "carvac.cz"),
        ("www.senevida.cz", "senevida.cz", "senevida.cz"),
        ("senevida.cz/", "senevida.cz", "senevida.cz"),
        ("https://Nadeje.cz/Sluzby/", "nadeje.cz/sluzby", "nadeje.cz"),
        ("  ", None, None),
    ],
)
def test_web_keys(text: str, key: str | None, domain: str | None) -> None:
    assert web_key(text) == key
    assert web_domain(text) == domain


def test_email_keys() -> None:
    assert email_key(" INFO@Charita.cz") == "info@charita.cz"
    assert email_key("mailto:posta@obec.cz") == "posta@obec.cz"
    assert email_key("not an address") is None
    assert email_domain("Reditel@DSKM.cz") == "dskm.cz"
