"""Related (not registered) services survive a saved catalogue and the plugins' enrichment."""

from __future__ import annotations

from pathlib import Path

import kpss
from kpss.filters import resolve_filter
from kpss.plugins import calls

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "rpss-plzensky"


def _loaded(**filters: str) -> kpss.ImportResult:
    return kpss.load(
        SAMPLE / "rpss.json",
        codes=SAMPLE / "ciselniky",
        additions=SAMPLE / "doplnky.yaml",
        filter=resolve_filter(keep_all=True, **filters).filter,
    )


def test_related_services_survive_save_and_load(tmp_path: Path) -> None:
    catalog = _loaded(area="Kralovicko").catalog
    assert catalog.related
    saved = tmp_path / "katalog.json"
    kpss.export(catalog, "kpss-catalog", saved)
    again = kpss.load(saved).catalog
    assert set(again.related) == set(catalog.related)
    assert again.related == catalog.related


def test_related_services_follow_the_filter_of_a_saved_catalogue(tmp_path: Path) -> None:
    catalog = _loaded(area="Kralovicko").catalog
    saved = tmp_path / "katalog.json"
    kpss.export(catalog, "kpss-catalog", saved)
    elsewhere = kpss.load(saved, filter=resolve_filter(obec="Aš", keep_all=True).filter)
    assert elsewhere.catalog.related == {}


def test_enrichment_keeps_related_services() -> None:
    catalog = _loaded(area="Kralovicko").catalog
    assert calls.enrich(catalog).related == catalog.related
