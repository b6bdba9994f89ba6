"""The territory analysis on a small hand-made register whose figures are known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from tests.plan_documents.readback import html_tables, html_text, number

from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.contacts import Address
from kpss.model.law import Form
from kpss.model.plan import PlanTerritory
from kpss.model.services import Capacity, Facility, FormOfProvision, Service
from kpss.planning import resolve_territory
from kpss.planning.analysis import (
    MISSING_65_PLUS,
    TerritoryAnalysis,
    analyse_territory,
    area_territory,
    capacity_index,
)
from kpss.planning.documents import territory_document, write_document
from kpss.reference import law, territory

KRALOVICE, PLASY, STRIBRO, PRAHA = "559075", "559351", "561215", "554782"
CLIENTS = "TypKapacitySocialniSluzby/klienti"
BEDS = "TypKapacitySocialniSluzby/luzka"
ON = dt.date(2026, 6, 30)
PROVIDER = Provider("Služby Kralovicka, z. ú.", "00000019")
OTHER = Provider("Pomoc Praha, o. p. s.", "00000027")


def _service(
    ident: str,
    kind: str,
    form: Form,
    capacity: int,
    unit: str = CLIENTS,
    *,
    area: frozenset[str] = frozenset(),
    facility: str | None = None,
    provider: Provider = PROVIDER,
    valid_to: dt.date | None = None,
) -> Service:
    facilities = (Facility("Zařízení", Address(obec_code=facility)),) if facility else ()
    known = law().get(kind)
    assert known is not None
    return Service(
        ident,
        known.register_code or kind,
        provider,
        kind=known,
        name=f"Služba {ident}",
        forms=(FormOfProvision(form.register_code, form, capacities=(Capacity(capacity, unit),)),),
        target_groups=("CilovaSkupinaOsoby/24",),
        facilities=facilities,
        service_area=area,
        valid_from=dt.date(2020, 1, 1),
        valid_to=valid_to,
    )


def _catalog(*services: Service, day: dt.date = ON) -> Catalog:
    catalog = Catalog.of(services, source="ručně sestavený registr")
    return attrs.evolve(catalog, snapshot_date=day)


CARE = _service("1", "40", Form.TERENNI, 20, area=frozenset({KRALOVICE, PLASY}))
HOME = _service("2", "49", Form.POBYTOVA, 50, BEDS, facility=KRALOVICE)
STRIBRO_CARE = _service("3", "40", Form.TERENNI, 30, area=frozenset({STRIBRO}))
PRAHA_CARE = _service("4", "40", Form.TERENNI, 100, area=frozenset({PRAHA}), provider=OTHER)
ENDED = _service(
    "5", "40", Form.TERENNI, 7, area=frozenset({KRALOVICE}), valid_to=dt.date(2025, 1, 1)
)
NOW = _catalog(CARE, HOME, STRIBRO_CARE, PRAHA_CARE, ENDED)


def _population(code: str, level: str) -> int:
    total = 0
    for obec in territory().obce.values():
        if {"orp": obec.orp_code, "kraj": obec.kraj_code, "all": code}[level] == code:
            assert obec.population is not None
            total += obec.population
    return total


@pytest.fixture(scope="module")
def result() -> TerritoryAnalysis:
    earlier = _catalog(
        attrs.evolve(
            CARE, forms=(attrs.evolve(CARE.forms[0], capacities=(Capacity(15, CLIENTS),)),)
        ),
        _service("6", "44", Form.TERENNI, 5, area=frozenset({PLASY})),
        day=dt.date(2025, 6, 30),
    )
    area = resolve_territory(PlanTerritory(orp="3206"))
    return analyse_territory(NOW, area, previous=earlier)


def test_counts_only_services_active_in_the_territory(result: TerritoryAnalysis) -> None:
    assert result.services == 2
    assert {t.label: t.services for t in result.by_kind} == {
        "§ 40 pečovatelská služba": 1,
        "§ 49 domovy pro seniory": 1,
    }
    assert {t.label: t.services for t in result.by_form} == {"terénní": 1, "pobytová": 1}
    assert [(p.name, p.services) for p in result.providers] == [(PROVIDER.name, 2)]


def test_capacity_per_1000_beside_kraj_country_and_every_orp(result: TerritoryAnalysis) -> None:
    row = next(r for r in result.capacities if r.kind_key == "40")
    orp_people = _population("3206", "orp")
    assert result.population == orp_people
    assert row.capacity == 20
    assert row.per_1000 == round(20 * 1000 / orp_people, 2)
    assert row.kraj_per_1000 == round(50 * 1000 / _population("43", "kraj"), 2)
    everyone = sum(o.population or 0 for o in territory().obce.values())
    assert row.country_per_1000 == round(150 * 1000 / everyone, 2)
    by_orp = dict(row.orp_per_1000)
    assert by_orp["Stříbro"] == round(30 * 1000 / _population("3213", "orp"), 2)
    assert by_orp["Kralovice"] == row.per_1000
    plzensky = {o.name for o in territory().orp.values() if o.kraj_code == "43"}
    assert set(by_orp) == plzensky
    beds = next(r for r in result.capacities if r.kind_key == "49")
    assert (beds.capacity, beds.country_per_1000) == (50, round(50 * 1000 / everyone, 2))


def test_obce_without_a_field_service_and_reach_per_obec(result: TerritoryAnalysis) -> None:
    care = next(u for u in result.coverage.uncovered if u.kind.key == "40")
    orp_obce = {o.code for o in territory().obce.values() if o.orp_code == "3206"}
    assert {o.code for o in care.obce} == orp_obce - {KRALOVICE, PLASY}
    reach = {r.obec.code: r.kinds for r in result.reach}
    assert reach[KRALOVICE] == 1
    assert reach[PLASY] == 1
    assert set(reach.values()) == {0, 1}
    assert len(reach) == len(orp_obce)


def test_changes_since_the_previous_snapshot(result: TerritoryAnalysis) -> None:
    assert result.changes is not None
    assert [e.identifier for e in result.changes.new] == ["2"]
    assert [(e.identifier, e.status) for e in result.changes.ended] == [("6", "removed")]
    assert [c.identifier for c in result.changes.changed] == ["1"]
    assert result.previous_on == dt.date(2025, 6, 30)


def test_missing_65_plus_is_said_not_guessed(result: TerritoryAnalysis) -> None:
    assert MISSING_65_PLUS in result.missing


def test_shared_index_gives_the_same_analysis(result: TerritoryAnalysis) -> None:
    area = resolve_territory(PlanTerritory(orp="3206"))
    shared = analyse_territory(NOW, area, index=capacity_index(NOW))
    assert shared.capacities == result.capacities


def test_report_document_states_dates_and_numbers(
    result: TerritoryAnalysis, tmp_path: Path
) -> None:
    out = write_document(territory_document(result), "html", tmp_path / "t.html")
    text = html_text(out)
    assert "obyvatel k 1. 1. 2020" in text
    assert "stav k 30. 6. 2026" in text
    assert "65 a více let" in text
    tables = html_tables(out)
    capacity = tables["Kapacita na 1 000 obyvatel podle druhu služby"]
    row = next(r for r in capacity.rows if r[0].startswith("§ 40"))
    assert number(row[2]) == 20
    assert row[4] == f"{round(20 * 1000 / result.population, 2):.2f}".replace(".", ",")  # type: ignore[operator]
    changes = tables["Nové a ukončené služby"]
    assert [r[0] for r in changes.rows] == ["Služba 2", "Služba 6"]
    assert tables["Změněné služby"].rows == [["Služba 1", "kapacita"]]


def test_area_is_an_orp_or_a_preset() -> None:
    assert area_territory("3206").name == "ORP Kralovice"
    assert area_territory("Kralovice").obec_codes == area_territory("3206").obec_codes
    from kpss.errors import NotFoundError

    with pytest.raises(NotFoundError, match="neither a territory preset nor an ORP"):
        area_territory("Atlantida")
