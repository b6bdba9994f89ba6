"""Plan rules of Plzeňský kraj, checked through the ``validate_plan`` hook.

Rule: a measure (opatření) that claims to implement the kraj's mid-term plan of social
services (střednědobý plán rozvoje sociálních služeb Plzeňského kraje, SPRSS) must name the
related measure of that plan, e.g. ``"SPRSS PK 2023–2025, opatření 2.3"``. A claim is
``contributes_to_kraj_plan: true`` or any text in ``kraj_plan_link``; the link names a
measure when it contains a measure number (``2.3``) or the word "opatření" with a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kpss.errors import Finding
from kpss.model.plan import Measure, Plan

_MEASURE_NUMBER = re.compile(r"\b\d+\.\d+(?:\.\d+)*\b|opatřen\w*\s+(?:č\.\s*)?\d+", re.IGNORECASE)
EXAMPLE = "SPRSS PK 2023–2025, opatření 2.3"


def measures_with_paths(plan: Plan) -> Iterator[tuple[str, Measure]]:
    """Every measure of *plan* with its path (``priorities[0].goals[1].measures[2]``)."""
    for p, priority in enumerate(plan.priorities):
        for m, measure in enumerate(priority.measures):
            yield f"priorities[{p}].measures[{m}]", measure
        for g, goal in enumerate(priority.goals):
            for m, measure in enumerate(goal.measures):
                yield f"priorities[{p}].goals[{g}].measures[{m}]", measure


def names_kraj_measure(link: str) -> bool:
    """Whether *link* names a measure of the kraj's plan (has a measure number)."""
    return bool(_MEASURE_NUMBER.search(link))


def check_kraj_plan_links(plan: Plan) -> list[Finding]:
    """Problems of measures that claim the kraj's plan without naming its measure."""
    problems = []
    for path, measure in measures_with_paths(plan):
        link = (measure.kraj_plan_link or "").strip()
        if not measure.claims_kraj_plan:
            continue
        where = f"{path}.kraj_plan_link"
        if not link:
            problems.append(
                Finding.at(
                    where,
                    f"measure {measure.number} claims to implement the mid-term plan of "
                    "Plzeňský kraj but does not name its measure "
                    f"(expected e.g. {EXAMPLE!r})",
                )
            )
        elif not names_kraj_measure(link):
            problems.append(
                Finding.at(
                    where,
                    f"measure {measure.number}: {link!r} names no measure of the mid-term "
                    f"plan of Plzeňský kraj (expected a measure number, e.g. {EXAMPLE!r})",
                )
            )
    return problems
