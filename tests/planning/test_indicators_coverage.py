"""Indicators measured from register snapshots; coverage per 1,000 inhabitants; uncovered obce."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpss import law
from kpss.errors import UsageError
from kpss.model import (
    Address,
    Capacity,
    Catalog,
    Facility,
    Form,
    FormOfProvision,
    IndicatorValue,
    Plan,
    Provider,
    RegisterMeasure,
    RegisterQuery,
    Service,
)
from kpss.planning import (
    coverage,
    fill_indicators,
    load_plan,
    measure,
    measure_indicators,
    register_indicators,
    resolve_territory,
)
from kpss.planning.render import show_coverage, show_measurements

from .helpers import EXAMPLE, indicator, replace_measure, small_plan

KRALOVICE, PLASY, MANETIN, ZIHLE = "559075", "559351", "559202", "559695"
PLZEN = "554791"  # outside ORP Kralovice
BEDS = "TypKapacitySocialniSluzby/luzka"
CLIENTS = "TypKapacitySocialniSluzby/klient"


def service(
    identifier: str,
    kind: str,
    form: Form,
    *,
    at: str,
    area: tuple[str, ...] = (),
    capacity: int = 0,
    unit: str = BEDS,
    groups: tuple[str, ...] = ("CilovaSkupinaOsoby/24",),
    provider: str = "Poskytovatel A",
    since: dt.date = dt.date(2010, 1, 1),
    until: dt.date | None = None,
) -> Service:
    found = law().get(kind)
    assert found is not None
    assert found.register_code is not None
    capacities = (Capacity(capacity, unit),) if capacity else ()
    return Service(
        identifier=identifier,
        kind_code=found.register_code,
        provider=Provider(provider),
        kind=found,
        forms=(FormOfProvision(form.register_code, form, capacities=capacities),),
        target_groups=groups,
        facilities=(Facility(f"Zařízení {identifier}", Address(obec_code=at)),),
        service_area=frozenset(area),
        valid_from=since,
        valid_to=until,
    )


def snapshot(day: dt.date, *services: Service) -> Catalog:
    catalog = Catalog.of(services, source=f"snímek {day}")
    catalog.snapshot_date = day
    return catalog


RESPITE = RegisterQuery(RegisterMeasure.CAPACITY, kinds=("44",), capacity_unit=BEDS)


def test_capacity_counts_only_forms_located_in_the_territory() -> None:
    obce = {KRALOVICE, PLASY}
    catalog = snapshot(
        dt.date(2024, 1, 1),
        service("1", "44", Form.POBYTOVA, at=PLASY, capacity=5),
        service("2", "44", Form.POBYTOVA, at=PLZEN, area=(KRALOVICE,), capacity=30),  # elsewhere
        service("3", "44", Form.POBYTOVA, at=KRALOVICE, capacity=2, until=dt.date(2023, 12, 31)),
        service("4", "49", Form.POBYTOVA, at=KRALOVICE, capacity=40),  # another kind
    )
    assert measure(RESPITE, catalog, obce, dt.date(2024, 1, 1)) == 5
    assert measure(RESPITE, catalog, obce, dt.date(2023, 6, 1)) == 7
    field = RegisterQuery(RegisterMeasure.SERVICES, kinds=("40",), forms=(Form.TERENNI,))
    home_care = snapshot(
        dt.date(2024, 1, 1),
        service("5", "40", Form.TERENNI, at=PLZEN, area=(PLASY,)),  # goes to Plasy: counts
        service("6", "40", Form.TERENNI, at=PLZEN, area=(PLZEN,)),
    )
    assert measure(field, home_care, obce, None) == 1


def test_services_and_providers_by_target_group_with_plan_keys() -> None:
    plan = small_plan()
    catalog = snapshot(
        dt.date(2024, 1, 1),
        service("1", "40", Form.TERENNI, at=KRALOVICE, provider="A"),
        service("2", "39", Form.TERENNI, at=PLASY, provider="A"),
        service("3", "40", Form.TERENNI, at=PLASY, provider="B", groups=("CilovaSkupinaOsoby/26",)),
    )
    seniors = RegisterQuery(RegisterMeasure.SERVICES, target_groups=("seniori",))
    assert measure(seniors, catalog, {KRALOVICE, PLASY}, None, plan) == 2
    providers = RegisterQuery(RegisterMeasure.PROVIDERS)
    assert measure(providers, catalog, {KRALOVICE, PLASY}, None, plan) == 2
    only_plasy = RegisterQuery(RegisterMeasure.SERVICES, obce=(PLASY,))
    assert measure(only_plasy, catalog, {KRALOVICE}, None, plan) == 2


def _plan_with_register_indicator() -> Plan:
    values = (IndicatorValue(2023, 1, note="ručně"), IndicatorValue(2024, 99, dt.date(2024, 1, 1)))
    return replace_measure(
        small_plan(),
        "1.1",
        indicators=(indicator(name="Lůžka", unit="lůžka", register=RESPITE, values=values),),
    )


def test_fill_indicators_from_two_snapshots_by_date() -> None:
    plan = _plan_with_register_indicator()
    first = snapshot(dt.date(2024, 1, 1), service("1", "44", Form.POBYTOVA, at=PLASY, capacity=3))
    second = snapshot(
        dt.date(2025, 6, 30),
        service("1", "44", Form.POBYTOVA, at=PLASY, capacity=3),
        service("2", "44", Form.POBYTOVA, at=KRALOVICE, capacity=4, since=dt.date(2025, 3, 1)),
    )
    filled, measurements = fill_indicators(plan, [second, first])
    assert [(m.number, m.date, m.value) for m in measurements] == [
        ("1.1", dt.date(2024, 1, 1), 3),
        ("1.1", dt.date(2025, 6, 30), 7),
    ]
    values = filled.priorities[0].measures[0].indicators[0].values
    assert [(v.year, v.date, v.value) for v in values] == [
        (2023, None, 1),  # kept: entered by hand
        (2024, dt.date(2024, 1, 1), 3),  # replaced: same date
        (2025, dt.date(2025, 6, 30), 7),
    ]
    assert values[1].source == "registr poskytovatelů sociálních služeb"
    latest = filled.priorities[0].measures[0].indicators[0].value_for(2025)
    assert latest is not None
    assert latest.value == 7
    text = show_measurements(measurements)
    assert "1.1 Lůžka [lůžka] k 30. 6. 2025: 7 (cílová 30)" in text


def test_snapshots_by_explicit_dates_and_missing_date() -> None:
    plan = _plan_with_register_indicator()
    catalog = Catalog.of([service("1", "44", Form.POBYTOVA, at=PLASY, capacity=3)])
    found = measure_indicators(plan, {dt.date(2023, 5, 1): catalog})
    assert [(m.date, m.value) for m in found] == [(dt.date(2023, 5, 1), 3)]
    with pytest.raises(UsageError, match="no date"):
        measure_indicators(plan, [catalog])


def test_example_has_register_indicators() -> None:
    found = register_indicators(load_plan(EXAMPLE))
    assert [n for n, _, _ in found] == ["2.1.1", "2.1.1.2"]


def test_coverage_per_1000_inhabitants_and_uncovered_obce() -> None:
    area = resolve_territory(small_plan())
    assert len(area.obec_codes) == 44
    assert area.population == 22_367
    assert area.population_date == dt.date(2020, 1, 1)
    catalog = snapshot(
        dt.date(2025, 1, 1),
        service("1", "44", Form.POBYTOVA, at=PLASY, capacity=5),
        service("2", "49", Form.POBYTOVA, at=KRALOVICE, capacity=60),
        service("3", "49", Form.POBYTOVA, at=PLASY, capacity=40),
        service(
            "4",
            "40",
            Form.TERENNI,
            at=KRALOVICE,
            area=(KRALOVICE, PLASY, MANETIN),
            capacity=80,
            unit=CLIENTS,
        ),
        service("5", "40", Form.TERENNI, at=ZIHLE, area=(ZIHLE,)),
        service("6", "49", Form.POBYTOVA, at=PLZEN, capacity=200),
    )
    result = coverage(catalog, area)
    rows = {(r.kind.key, r.unit): r for r in result.capacities}
    assert set(rows) == {("40", CLIENTS), ("44", BEDS), ("49", BEDS)}
    assert rows[("49", BEDS)].capacity == 100
    assert rows[("49", BEDS)].services == 2
    assert rows[("49", BEDS)].per_1000 == round(100 * 1000 / 22_367, 2) == 4.47
    assert rows[("44", BEDS)].per_1000 == 0.22
    uncovered = {u.kind.key: u for u in result.uncovered}
    assert uncovered["40"].services == 2
    assert len(uncovered["40"].obce) == 40
    assert {KRALOVICE, PLASY, MANETIN, ZIHLE}.isdisjoint(o.code for o in uncovered["40"].obce)
    assert uncovered["39"].services == 0
    assert len(uncovered["39"].obce) == 44
    text = show_coverage(result)
    assert "Počet obyvatel: 22\u00a0367 (k 1. 1. 2020)" in text
    assert "§ 49 domovy pro seniory, Počet lůžek: 100; 2 služby; na 1 000 obyvatel 4,47" in text
    assert "§ 40 pečovatelská služba: nepokryto 40 obcí: Bezvěrov, Bílov" in text
    assert "§ 39 osobní asistence: v území žádná terénní služba" in text
    limited = coverage(catalog, area, kinds=("40",))
    assert [u.kind.key for u in limited.uncovered] == ["40"]
    assert [r.kind.key for r in limited.capacities] == ["40"]
    assert limited.to_data()["population_date"] == "2020-01-01"


def test_indicators_from_the_sample_register(sample_register: Path) -> None:
    from kpss import load

    plan = load_plan(EXAMPLE)
    result = load(sample_register / "rpss.json")
    day = dt.date(2026, 8, 31)  # the sample's reference date (manifest.json)
    filled, measurements = fill_indicators(plan, {day: result.catalog})
    by_number = {m.number: m.value for m in measurements}
    area = resolve_territory(plan)
    in_area = [
        s
        for s in result.catalog
        if s.is_active(day)
        and s.kind is not None
        and s.kind.key in ("39", "40")
        and (s.service_area or s.facility_obce()) & area.obec_codes
    ]
    assert by_number["2.1.1"] == len(in_area) > 0
    assert by_number["2.1.1.2"] >= 0
    assert filled != plan
    cov = coverage(result.catalog, area, on=day)
    assert cov.population == 22_367
    assert any(r.kind.key == "48" for r in cov.capacities)  # a DOZP in Kozojedy


def test_territory_from_a_plugin_preset_by_key_or_name() -> None:
    from kpss.model import Area, PlanTerritory

    presets = {"kralovicko": Area("kralovicko", "Kralovicko", frozenset({KRALOVICE, PLASY}))}
    by_key = resolve_territory(PlanTerritory(preset="kralovicko"), preset_areas=presets)
    by_name = resolve_territory(PlanTerritory(preset="KRALOVICKO"), preset_areas=presets)
    assert by_key == by_name
    assert by_key.name == "Kralovicko"
    assert by_key.population == 3_478 + 2_716
