"""Territory: codes, names (case and diacritics ignored), relations, population."""

from __future__ import annotations

import datetime as dt

import pytest

from kpss.errors import AmbiguousNameError, NotFoundError
from kpss.find import places
from kpss.model import Level, Obec, Orp, Territory
from kpss.reference import territory


def test_counts() -> None:
    t = territory()
    assert (len(t.kraje), len(t.okresy), len(t.orp), len(t.pou), len(t.obce)) == (
        14,
        77,
        206,
        393,
        6258,
    )
    assert t.population_date == dt.date(2020, 1, 1)


def test_plasy_lies_in_orp_kralovice_in_plzensky_kraj() -> None:
    t = territory()
    (plasy,) = t.find("Plasy", Level.OBEC)
    assert isinstance(plasy, Obec)
    orp = t.orp_of(plasy)
    assert orp is not None
    assert (orp.name, orp.code, orp.ruian_code) == ("Kralovice", "3206", "639")
    assert t.kraje[plasy.kraj_code].name == "Plzeňský kraj"
    assert [u.name for u in t.parents(plasy)] == [
        "Plasy",
        "Kralovice",
        "Plzeň-sever",
        "Plzeňský kraj",
    ]


def test_as_lies_in_okres_cheb() -> None:
    t = territory()
    (obec,) = t.find("as", Level.OBEC)  # no diacritics, lower case
    assert obec.name == "Aš"
    assert t.okresy[obec.okres_code].name == "Cheb"  # type: ignore[union-attr]
    assert obec.code == "554499"


def test_three_obce_called_pisek_are_all_returned() -> None:
    found = territory().find("pisek", Level.OBEC)
    assert [o.code for o in found] == ["512028", "549240", "570575"]
    with pytest.raises(AmbiguousNameError) as caught:
        places.resolve(territory(), "Písek", Level.OBEC)
    for code in ("512028", "549240", "570575"):
        assert code in str(caught.value)


def test_exact_spelling_wins_over_folded_match() -> None:
    assert [u.name for u in territory().find("Kralovice", Level.OBEC)] == ["Kralovice"]
    assert [u.name for u in territory().find("Královice", Level.OBEC)] == ["Královice"]


def test_orp_kralovice_members_and_population() -> None:
    t = territory()
    orp = t.orp_by_code("3206")
    assert orp is not None
    obce = t.obce_of(orp)
    assert len(obce) == 44
    assert "Plasy" in {o.name for o in obce}
    assert t.population(orp) == sum(o.population or 0 for o in obce) == 22367
    names = [o.name for o in obce]
    assert names.index("Černíkovice") < names.index("Dobříč") < names.index("Chříč")


@pytest.mark.parametrize(
    ("query", "level", "expected"),
    [
        ("3206", Level.ORP, "ORP Kralovice (3206)"),
        ("639", Level.ORP, "ORP Kralovice (3206)"),
        ("3402", Level.OKRES, "okres Cheb (3402)"),
        ("CZ0411", Level.OKRES, "okres Cheb (3402)"),
        ("43", Level.KRAJ, "kraj Plzeňský kraj (43)"),
        ("CZ032", Level.KRAJ, "kraj Plzeňský kraj (43)"),
        ("Plzensky kraj", None, "kraj Plzeňský kraj (43)"),
        ("plzeňský", None, "kraj Plzeňský kraj (43)"),
        ("Kralovice", None, "ORP Kralovice (3206)"),
        ("559075", None, "obec Kralovice (559075)"),
    ],
)
def test_resolve_by_contract(query: str, level: Level | None, expected: str) -> None:
    assert places.describe(places.resolve(territory(), query, level).unit) == expected


def test_csu_code_wins_over_ruian_code_and_says_so() -> None:
    # No real ORP ČSÚ code is another ORP's RÚIAN code today; the rule must hold if one is.
    a = Orp("1234", "77", "Alfa", "500001", "43", ())
    b = Orp("5678", "1234", "Beta", "500002", "43", ())
    t = Territory({}, {}, {a.code: a, b.code: b}, {}, {})
    found = places.resolve(t, "1234", Level.ORP)
    assert found.unit == a
    assert found.notes == (
        "1234 is the ČSÚ code of ORP Alfa and the RÚIAN code of ORP Beta; the ČSÚ code wins",
    )
    assert places.resolve(t, "77", Level.ORP).unit == a


def test_unknown_name() -> None:
    with pytest.raises(NotFoundError, match="Atlantis"):
        places.resolve(territory(), "Atlantis")


def test_custom_area_checks_obec_codes() -> None:
    t = territory()
    area = t.area("kralovice-plasy", "Kralovice a Plasy", ["559075", "559351"])
    assert t.population(area) == (t.obce["559075"].population or 0) + (
        t.obce["559351"].population or 0
    )
    with pytest.raises(ValueError, match="999999"):
        t.area("x", "X", ["999999"])
