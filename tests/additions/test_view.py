"""The public view shows the additions, with their source, and marks related services."""

from __future__ import annotations

from pathlib import Path

import kpss
from kpss.publish.view import public_view


def test_the_view_shows_additions_and_related_services(sample_register: Path) -> None:
    area = kpss.resolve_filter(area=["Kralovicko"]).filter
    result = kpss.load(
        sample_register / "rpss.json", filter=area, additions=sample_register / "doplnky.yaml"
    )
    view = public_view(result.catalog, sections=())
    care = view.services["6947466"]
    assert [(h.days, h.times) for h in care.hours] == [
        ("Po–Pá", "7:00–15:30"),
        ("So", "8:00–12:00 (jen dovoz obědů)"),
    ]
    assert care.charge == "za úhradu"
    assert care.languages == ("čeština", "slovenština")
    assert care.accessibility is not None
    assert care.accessibility.lines == ("Bezbariérový přístup",)
    assert care.contacts[0].value == "373 396 120"
    assert care.contacts[0].href == "tel:+420373396120"
    assert care.source("hours").startswith("doplňky doplnky.yaml:")
    assert care.source("groups") == "registr"
    assistance = view.services["4770640"]
    assert assistance.sign_language is not None
    assert assistance.sign_language.href is not None
    assert assistance.sign_language.href.startswith("https://")
    assert "český znakový jazyk" in assistance.languages

    club = view.related["klub-senioru-kralovice"]
    assert (club.kind, club.mark, club.registered) == (
        "klub seniorů",
        "není registrovaná sociální služba",
        False,
    )
    assert club.place is not None
    assert club.place.address == "Markova 2, 331 41 Kralovice"
    assert [p.media_type for p in club.photos] == ["image/jpeg"]
    assert club.photos[0].file is not None
    assert Path(club.photos[0].file).is_file()
    assert list(view.related) == ["klub-senioru-kralovice", "socialni-prace-mu-kralovice"]
    kralovice = view.obec("559075")
    assert kralovice is not None
    assert kralovice.related == ("klub-senioru-kralovice", "socialni-prace-mu-kralovice")


def test_a_view_without_additions_is_as_before(sample_register: Path) -> None:
    area = kpss.resolve_filter(area=["Kralovicko"]).filter
    view = public_view(kpss.load(sample_register / "rpss.json", filter=area).catalog, sections=())
    assert view.related == {}
    care = view.services["6947466"]
    assert (care.hours, care.charge, care.languages, care.accessibility, care.sources) == (
        (),
        None,
        (),
        None,
        (),
    )
