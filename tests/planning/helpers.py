"""A small valid plan to start tests from, and helpers to change one part of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from kpss.model.actors import Role
from kpss.model.plan import (
    Activity,
    Body,
    Cost,
    FundingSource,
    Indicator,
    Measure,
    Period,
    Plan,
    PlanTerritory,
    Priority,
    TargetGroup,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plans" / "kralovice-2023-2025"


def activity(number: str, **changes: Any) -> Activity:
    """A complete activity (responsible, deadline, costs) numbered *number*."""
    base = Activity(
        number=number,
        title=f"Aktivita {number}",
        responsible="kralovice",
        start=dt.date(2023, 1, 1),
        deadline=dt.date(2024, 12, 31),
        costs=(
            Cost(2023, FundingSource.OBEC, 100_000),
            Cost(2024, FundingSource.OBEC, 120_000),
            Cost(2024, FundingSource.MPSV, 300_000),
        ),
    )
    return attrs.evolve(base, **changes)


def indicator(**changes: Any) -> Indicator:
    """A complete indicator with baseline and target."""
    return attrs.evolve(
        Indicator("Počet obcí s pečovatelskou službou", "obce", 20, 2022, 30, 2025), **changes
    )


def small_plan(**changes: Any) -> Plan:
    """A valid plan of ORP Kralovice 2023–2025: one priority, two measures, three activities."""
    measure_1 = Measure(
        number="1.1",
        title="Terénní služby",
        target_groups=("seniori",),
        service_kinds=("40",),
        responsible="kralovice",
        indicators=(indicator(),),
        activities=(activity("1.1.1"), activity("1.1.2", no_cost=True, costs=())),
    )
    measure_2 = Measure(
        number="1.2",
        title="Informovanost",
        activities=(
            activity(
                "1.2.1",
                start=dt.date(2025, 1, 1),
                deadline=dt.date(2025, 6, 30),
                costs=(Cost(2025, FundingSource.KRAJ, 50_000),),
            ),
        ),
    )
    base = Plan(
        title="Komunitní plán ORP Kralovice",
        territory=PlanTerritory(orp="3206"),
        period=Period(2023, 2025),
        target_groups=(TargetGroup("seniori", "Senioři", ("CilovaSkupinaOsoby/24",)),),
        bodies=(Body("kralovice", "Město Kralovice", Role.COMMISSIONER),),
        priorities=(Priority("1", "Udržení sítě služeb", measures=(measure_1, measure_2)),),
    )
    return attrs.evolve(base, **changes)


def replace_activity(plan: Plan, number: str, /, **changes: Any) -> Plan:
    """*plan* with the activity numbered *number* changed."""
    priorities = []
    for priority in plan.priorities:
        measures = tuple(
            attrs.evolve(
                m,
                activities=tuple(
                    attrs.evolve(a, **changes) if a.number == number else a for a in m.activities
                ),
            )
            for m in priority.measures
        )
        priorities.append(attrs.evolve(priority, measures=measures))
    return attrs.evolve(plan, priorities=tuple(priorities))


def replace_measure(plan: Plan, number: str, /, **changes: Any) -> Plan:
    """*plan* with the measure numbered *number* changed."""
    priorities = []
    for priority in plan.priorities:
        measures = tuple(
            attrs.evolve(m, **changes) if m.number == number else m for m in priority.measures
        )
        priorities.append(attrs.evolve(priority, measures=measures))
    return attrs.evolve(plan, priorities=tuple(priorities))
