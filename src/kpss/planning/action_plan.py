"""Yearly action plans (akční plány): activities selected for a year with their budget."""

from __future__ import annotations

import datetime as dt

import attrs

from kpss.model.plan import ActionPlan, ActionPlanItem, FundingSource, ItemStatus, Plan
from kpss.planning.budget import by_source

#: Activities in these states are not carried into a new action plan.
CLOSED = frozenset({ItemStatus.DONE, ItemStatus.CANCELLED})


def derive_action_plan(plan: Plan, year: int) -> ActionPlan:
    """An action plan for *year*: open activities running in that year, with its costs.

    An activity runs in a year between its start (or its first cost) and its deadline;
    done and cancelled activities are left out. Numbers are the plan's numbers.
    """
    items = []
    for activity in plan.activities():
        if activity.status in CLOSED or not activity.runs_in(year):
            continue
        budget = tuple(c for c in activity.costs if c.year == year)
        items.append(ActionPlanItem(activity.number, budget))
    return ActionPlan(year, tuple(items), title=f"Akční plán na rok {year}")


def action_plan_for(plan: Plan, year: int) -> tuple[ActionPlan, bool]:
    """The stored action plan of *year* (and ``True``), else a derived one (and ``False``)."""
    stored = plan.action_plan(year)
    if stored is not None:
        return stored, True
    return derive_action_plan(plan, year), False


@attrs.frozen
class ActionPlanRow:
    """One line of an action plan with the activity's details and budget per source."""

    number: str
    title: str
    responsible: str | None
    deadline: dt.date | None
    budget: dict[FundingSource, int]
    note: str | None = None

    @property
    def total(self) -> int:
        """Budget of the line from all sources, in Kč."""
        return sum(self.budget.values())


@attrs.frozen
class ActionPlanReport:
    """An action plan ready to print: lines and totals per source."""

    year: int
    title: str
    stored: bool
    rows: tuple[ActionPlanRow, ...]

    @property
    def totals(self) -> dict[FundingSource, int]:
        """Budget per source over all lines, in source order."""
        result = {s: sum(r.budget.get(s, 0) for r in self.rows) for s in FundingSource}
        return {s: a for s, a in result.items() if a}

    @property
    def total(self) -> int:
        """The whole budget of the year, in Kč."""
        return sum(r.total for r in self.rows)

    def to_data(self) -> dict[str, object]:
        """JSON-ready form of the report."""
        return {
            "year": self.year,
            "title": self.title,
            "stored": self.stored,
            "items": [
                {
                    "number": r.number,
                    "title": r.title,
                    "responsible": r.responsible,
                    "deadline": r.deadline.isoformat() if r.deadline else None,
                    "budget": {s.value: a for s, a in r.budget.items()},
                    "total": r.total,
                    "note": r.note,
                }
                for r in self.rows
            ],
            "totals": {s.value: a for s, a in self.totals.items()},
            "total": self.total,
        }


def action_plan_report(plan: Plan, year: int) -> ActionPlanReport:
    """The action plan of *year* (stored, else derived) with per-source budget totals."""
    action_plan, stored = action_plan_for(plan, year)
    rows = []
    for item in action_plan.items:
        activity = plan.activity(item.number)
        rows.append(
            ActionPlanRow(
                number=item.number,
                title=activity.title if activity else "(aktivita chybí v plánu)",
                responsible=_body(plan, activity.responsible) if activity else None,
                deadline=activity.deadline if activity else None,
                budget=by_source(item.budget),
                note=item.note,
            )
        )
    title = action_plan.title or f"Akční plán na rok {year}"
    return ActionPlanReport(year, title, stored, tuple(rows))


def _body(plan: Plan, ref: str | None) -> str | None:
    if ref is None:
        return None
    return next((b.name for b in plan.bodies if b.key == ref), ref)
