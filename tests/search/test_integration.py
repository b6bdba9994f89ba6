"""Search, matching and duplicates on registers read by ``kpss.rpss.build``."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kpss import load, reference
from kpss.find.dedupe import find_duplicates
from kpss.find.local_list import LocalList
from kpss.find.match import Matcher
from kpss.find.search import SearchIndex
from kpss.find.text import normalize
from kpss.model.catalog import Catalog
from kpss.model.names import fold

from .messy import messy_rows


@pytest.fixture(scope="module")
def national_small(small_register: Path) -> Catalog:
    """300 services from all over the country, read from the XML rendition."""
    return load(small_register / "rpss.xml").catalog


@pytest.fixture(scope="module")
def plzensky(sample_register: Path) -> Catalog:
    return load(sample_register / "rpss.json").catalog


def test_every_service_is_found_by_its_title_without_diacritics(
    national_small: Catalog,
) -> None:
    index = SearchIndex(national_small, reference.territory())
    titles = {normalize(s.title) for s in national_small}
    for service in list(national_small)[:60]:
        hits = index.search(fold(service.title), types=["service"], limit=10)
        assert hits, service.title
        # the service itself, or a namesake (synthetic names repeat)
        found = [h.id for h in hits]
        first = national_small.service(found[0])
        assert first is not None
        assert service.identifier in found or normalize(first.title) == normalize(service.title)
        assert normalize(first.title) in titles


def test_messy_list_against_a_kraj(plzensky: Catalog) -> None:
    territory = reference.territory()
    rows, truth = messy_rows(plzensky, territory, 120, seed=5)
    columns = {"Název": "name", "Poskytovatel": "provider", "IČ": "ico", "Obec": "obec",
               "Adresa": "address", "Telefon": "phone", "Web": "web"}  # fmt: skip
    local = LocalList.of([{columns[k]: v for k, v in row.items()} for row in rows])
    result = Matcher(plzensky, territory).match(local)
    wrong = [m for m in result.matched if truth[m.local_index] != m.identifier]
    registered = sum(1 for t in truth if t)
    assert len(result.matched) >= 0.6 * registered
    assert len(wrong) <= 0.02 * len(result.matched)
    # rows for services that are not registered are never matched
    assert all(truth[m.local_index] is not None for m in result.matched)
    assert not [i for i in result.unmatched_local if truth[i] is not None and _easy(rows[i])]


def _easy(row: dict[str, str]) -> bool:
    """A row with the IČO cannot be lost: it is matched or sent to review."""
    return bool(row.get("IČ"))


def test_duplicates_in_generated_data(national_small: Catalog, plzensky: Catalog) -> None:
    for catalog in (national_small, plzensky):
        groups = find_duplicates(catalog)
        for group in groups:
            assert len(group.members) >= 2
            assert 0 < group.score <= 100
        providers = [g for g in groups if g.kind == "provider-spelling"]
        for group in providers:
            icos = [m.id for m in group.members]
            assert len(set(icos)) == len(icos)  # different providers, never one twice


def test_seeded_queries_are_stable(plzensky: Catalog) -> None:
    index = SearchIndex(plzensky, reference.territory())
    rng = random.Random(3)
    services = sorted(plzensky, key=lambda s: s.identifier)
    for service in rng.sample(services, 20):
        first = index.search(service.title, limit=3)
        again = index.search(service.title, limit=3)
        assert first == again
