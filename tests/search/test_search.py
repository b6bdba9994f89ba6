"""SearchIndex: Czech-aware ranking of services, providers and obce, with filters."""

from __future__ import annotations

import datetime as dt

import pytest

from kpss import reference
from kpss.find.search import Hit, SearchIndex
from kpss.model.catalog import Catalog
from kpss.model.law import Form
from kpss.model.territory import Territory

from .conftest import BUKOV, CHRIC, HULIN, KRALOVICE, KROMERIZ, SENIORS, build_services


@pytest.fixture(scope="module")
def index(territory: Territory) -> SearchIndex:
    return SearchIndex(Catalog.of(build_services(), codes=reference.code_book()), territory)


def ids(hits: list[Hit], kind: str | None = None) -> list[str]:
    return [h.id for h in hits if kind is None or h.type == kind]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("domov seniory kromeriz", "1000001"),  # no diacritics, a word left out
        ("DOMOV PRO SENIORY BUKOV", "1000004"),  # capitals; the register has a trailing space
        ("Kroměříž domov pro seniory", "1000001"),  # swapped word order
        ("pecovatelska sluzba kralovce", "1000006"),  # typo in the town
        ("pečovatelská služba Kralovice", "1000006"),
        ("centrum nadeje", "1000003"),
        ("Centrum Nadjee", "1000003"),  # swapped letters
        ("azylovy dum bukov", "1000005"),  # facility name + the obec of its service area
        ("denni stacionar", "1000009"),
    ],
)
def test_messy_queries_find_the_service(index: SearchIndex, query: str, expected: str) -> None:
    hits = index.search(query, types=["service"])
    assert hits, query
    assert hits[0].id == expected


def test_results_are_ranked_best_first(index: SearchIndex) -> None:
    hits = index.search("pecovatelska sluzba hulin", limit=20)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert set(ids(hits, "service")[:2]) == {"1000008", "1000011"}
    assert all(0 < h.score <= 100 for h in hits)


def test_obec_names_resolve_and_namesakes_are_all_listed(index: SearchIndex) -> None:
    hits = index.search("Pisek", types=["obec"], limit=10)
    assert {"512028", "549240", "570575"} <= set(ids(hits))
    labels = {h.label for h in hits if h.id in {"512028", "549240", "570575"}}
    assert len(labels) == 3  # the okres tells them apart
    assert all("okres" in label for label in labels)


def test_obec_is_found_without_diacritics(index: SearchIndex) -> None:
    hits = index.search("kromeriz", types=["obec"])
    assert hits[0].id == KROMERIZ
    assert hits[0].label.startswith("Kroměříž")
    assert hits[0].score >= 95


def test_provider_hits_use_the_ico_and_ignore_legal_forms(index: SearchIndex) -> None:
    hits = index.search("nadeje home zu", types=["provider"])
    assert set(ids(hits)[:2]) == {"26123452", "26987651"}
    hits = index.search("Charita Bukov, z. s.", types=["provider"])
    assert hits[0].id == "47111119"


def test_what_matched_is_explained(index: SearchIndex) -> None:
    hit = index.search("domov seniory kromeriz", types=["service"])[0]
    assert hit.matched == ("název: Domov pro seniory Kroměříž",)  # one field says it all
    hit = index.search("pecovatelska sluzba kozlany", types=["service"])[0]
    assert hit.id == "1000006"
    assert hit.matched == ("název: Pečovatelská služba Kralovice", "působnost: Kožlany")
    hit = index.search("osobní asistence", types=["service"])[0]
    assert hit.id == "1000003"
    assert any(m.startswith("druh: osobní asistence") for m in hit.matched)


def test_paragraph_of_the_law_is_searchable(index: SearchIndex) -> None:
    hits = index.search("§ 49", types=["service"])
    assert set(ids(hits)) == {"1000001", "1000004"}


def test_territory_filter(index: SearchIndex, territory: Territory) -> None:
    orp = territory.orp_by_code("3206")  # ORP Kralovice
    assert orp is not None
    obce = territory.obec_codes(orp)
    hits = index.search("pecovatelska sluzba", obce=obce, limit=50)
    assert ids(hits, "service") == ["1000006"]
    hits = index.search("kralovice", obce=obce, limit=50)
    assert set(ids(hits, "provider")) == {"00987654"}
    assert ids(hits, "obec") == [KRALOVICE]
    assert index.search("hulin", obce=obce) == []
    # a field service is found in the obce it serves, not only where its office is
    assert ids(index.search("pecovatelska", obce={CHRIC}, types=["service"])) == ["1000006"]


def test_content_filters(index: SearchIndex) -> None:
    kind = reference.law().get("40")
    assert kind is not None
    assert kind.register_code is not None
    hits = index.search("kromeriz", kinds=[kind.register_code], types=["service"])
    assert ids(hits) == ["1000002"]
    hits = index.search("domov", target_groups=[SENIORS], types=["service"], limit=20)
    assert set(ids(hits)) >= {"1000001", "1000004"}
    assert "1000009" not in ids(hits)  # day care has no target group here
    hits = index.search("kromeriz", forms=[Form.POBYTOVA], types=["service"])
    assert ids(hits) == ["1000001"]


def test_active_date_filter(index: SearchIndex) -> None:
    assert ids(index.search("poradna pisek", types=["service"])) == ["1000007"]
    active = index.search("poradna pisek", types=["service"], active_on=dt.date(2026, 1, 1))
    assert active == []
    assert ids(index.search("poradna pisek", active_on=dt.date(2019, 6, 1)))[0] == "1000007"


def test_limit_and_nonsense(index: SearchIndex) -> None:
    assert len(index.search("pecovatelska", limit=2)) == 2
    assert index.search("qqxyzzy wvwv") == []
    assert index.search("   ") == []
    assert index.search("–,.") == []


def test_unknown_type_is_refused(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="unknown hit type"):
        index.search("x", types=["zarizeni"])


def test_json_shape_of_the_cli_contract(index: SearchIndex) -> None:
    data = index.search("bukov")[0].to_json()
    assert set(data) >= {"type", "id", "label", "score"}
    assert data["type"] in {"service", "provider", "obec"}
    assert isinstance(data["score"], float)


def test_index_without_territory_searches_names_only(catalog: Catalog) -> None:
    index = SearchIndex(catalog)
    assert ids(index.search("domov pro seniory bukov"))[0] == "1000004"
    assert index.search("hulin", types=["obec"]) == []


def test_obec_documents_can_be_limited(catalog: Catalog, territory: Territory) -> None:
    index = SearchIndex(catalog, territory, obce={BUKOV, HULIN, KRALOVICE})
    assert ids(index.search("Pisek", types=["obec"])) == []
    assert ids(index.search("Bukov", types=["obec"])) == [BUKOV]
