"""A community plan with kpss: the example plan of ORP Kralovice 2023–2025.

Loads the plan folder, validates it, prints the action plan and the evaluation of a year,
compares two versions, and measures the plan's register indicators on two small register
snapshots (built here in memory; with real data use ``kpss.rpss.build``).

Run: python examples/plan_kralovice.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

import kpss
from kpss.model import (
    Address,
    Capacity,
    Catalog,
    Facility,
    Form,
    FormOfProvision,
    ItemStatus,
    Provider,
    Service,
)
from kpss.planning import (
    action_plan_report,
    coverage,
    diff_plans,
    errors,
    evaluate,
    fill_indicators,
    format_kc,
    resolve_territory,
)
from kpss.planning.render import show_coverage, show_diff, show_measurements

PLAN = Path(__file__).resolve().parent / "plans" / "kralovice-2023-2025"


def snapshot(day: dt.date, respite_beds: int) -> Catalog:
    """A tiny invented register snapshot: pečovatelská služba and odlehčovací služba."""
    law = kpss.law()
    provider = Provider("Domov pro seniory Plasy, příspěvková organizace")
    home_care = Service(
        identifier="9000001",
        kind_code="DruhSocialniSluzby/4",
        provider=provider,
        kind=law.get("40"),
        forms=(FormOfProvision("FormaSocialniSluzby/ter", Form.TERENNI),),
        facilities=(Facility("Pečovatelská služba Plasy", Address(obec_code="559351")),),
        service_area=frozenset({"559351", "559075", "559202", "559695"}),  # Plasy, Kralovice …
        valid_from=dt.date(2010, 1, 1),
    )
    services = [home_care]
    if respite_beds:
        beds = Capacity(respite_beds, "TypKapacitySocialniSluzby/luzka")
        services.append(
            Service(
                identifier="9000002",
                kind_code="DruhSocialniSluzby/8",
                provider=provider,
                kind=law.get("44"),
                forms=(
                    FormOfProvision("FormaSocialniSluzby/pob", Form.POBYTOVA, capacities=(beds,)),
                ),
                facilities=(Facility("Odlehčovací služba Plasy", Address(obec_code="559351")),),
                valid_from=dt.date(2025, 3, 1),
            )
        )
    catalog = Catalog.of(services, source="ukázkový snímek registru")
    catalog.snapshot_date = day
    return catalog


def main() -> None:
    plan = kpss.load_plan(PLAN)
    area = resolve_territory(plan)
    print(f"{plan.title}: {len(plan.activities())} aktivit, území {area.name}")
    print(f"  {len(area.obec_codes)} obcí, {area.population} obyvatel (k {area.population_date})")

    problems = kpss.validate_plan(plan)
    print(
        f"validace: {len(errors(problems))} chyb, {len(problems) - len(errors(problems))} varování"
    )
    assert not errors(problems), problems

    report = action_plan_report(plan, 2025)
    print(f"akční plán 2025 (odvozený: {not report.stored}): {format_kc(report.total)}")
    evaluation = evaluate(plan, 2023)
    planned, spent = sum(evaluation.planned.values()), sum(evaluation.spent.values())
    print(f"vyhodnocení 2023: plánováno {format_kc(planned)}, čerpáno {format_kc(spent)}")

    # A new version: activity 3.1.2 is cancelled and a new activity 3.1.3 is added.
    measure = plan.priorities[2].measures[0]
    dropped = attrs.evolve(measure.activities[1], status=ItemStatus.CANCELLED)
    added = attrs.evolve(measure.activities[0], number="3.1.3", title="Letní příměstský tábor")
    new_measure = attrs.evolve(measure, activities=(measure.activities[0], dropped, added))
    new_priority = attrs.evolve(plan.priorities[2], measures=(new_measure,))
    priorities = (*plan.priorities[:2], new_priority, *plan.priorities[3:])
    new_plan = attrs.evolve(plan, version="3.1", priorities=priorities)
    print(show_diff(diff_plans(plan, new_plan)), end="")

    snapshots = [snapshot(dt.date(2024, 1, 1), 0), snapshot(dt.date(2025, 6, 30), 5)]
    filled, measurements = fill_indicators(plan, snapshots)
    print(show_measurements(measurements), end="")
    print(show_coverage(coverage(snapshots[-1], area, kinds=("40", "44"))), end="")
    assert filled != plan


if __name__ == "__main__":
    main()
