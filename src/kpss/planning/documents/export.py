"""Which document ``kpss plan export --part …`` writes, with the register analysis loaded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpss.errors import KpssError, UsageError
from kpss.model.plan import Plan
from kpss.planning.analysis import analyse_territory
from kpss.planning.documents.blocks import Document
from kpss.planning.documents.plan import (
    action_plan_document,
    comments_document,
    evaluation_document,
    plan_document,
)
from kpss.planning.territory import ResolvedTerritory, resolve_territory

__all__ = ["PARTS", "plan_part_document"]

PARTS = ("plan", "action-plan", "evaluation", "comments")


def plan_part_document(
    plan: Plan,
    part: str = "plan",
    year: int | None = None,
    *,
    register: Path | None = None,
    previous: Path | None = None,
    on: dt.date | dt.datetime | None = None,
    codes: Path | None = None,
) -> Document:
    """The document of *part*; with *register*, the plan gets its territory analysis."""
    if part not in PARTS:
        raise UsageError(f"part {part!r}: expected one of {', '.join(PARTS)}")
    if part in ("action-plan", "evaluation"):
        if year is None:
            raise UsageError(f"part {part} needs a year")
        if part == "action-plan":
            return action_plan_document(plan, year)
        return evaluation_document(plan, year)
    if part == "comments":
        return comments_document(plan)
    area: ResolvedTerritory | None
    try:
        area = resolve_territory(plan)
    except KpssError:
        if register is not None:
            raise
        area = None
    analysis = None
    if register is not None and area is not None:
        from kpss import load

        day = on.date() if isinstance(on, dt.datetime) else on
        catalog = load(register, codes=codes).catalog
        old = load(previous, codes=codes).catalog if previous is not None else None
        analysis = analyse_territory(catalog, area, on=day, previous=old)
    elif previous is not None:
        raise UsageError("--previous needs --register (the current snapshot)")
    return plan_document(plan, area, analysis)
