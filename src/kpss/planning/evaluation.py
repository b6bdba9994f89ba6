"""Evaluation of a year (vyhodnocení): status per activity, indicators, spent vs planned."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from kpss.model.plan import (
    Evaluation,
    EvaluationItem,
    FundingSource,
    Indicator,
    ItemStatus,
    Plan,
)
from kpss.planning.action_plan import action_plan_for
from kpss.planning.budget import by_source
from kpss.planning.numbering import walk


@attrs.frozen
class IndicatorResult:
    """An indicator of an item in a year: actual value against baseline and target."""

    number: str
    name: str
    unit: str
    baseline: float | None
    target: float | None
    actual: float | None
    higher_is_better: bool = True
    year: int | None = None
    target_year: int | None = None

    @property
    def met(self) -> bool | None:
        """Whether the actual value reaches the target; ``None`` when either is missing."""
        if self.actual is None or self.target is None:
            return None
        if self.higher_is_better:
            return self.actual >= self.target
        return self.actual <= self.target

    @property
    def verdict(self) -> str:
        """Czech verdict: splněno, zatím nesplněno (before the target year), nesplněno …"""
        if self.actual is None:
            return "bez údaje"
        if self.target is None:
            return "bez cílové hodnoty"
        if self.met:
            return "cíl splněn"
        if self.year is not None and self.target_year is not None and self.year < self.target_year:
            return f"cíl zatím nesplněn, cílový rok {self.target_year}"
        return "cíl nesplněn"


@attrs.frozen
class EvaluationRow:
    """One activity in the year: status, note, planned and spent money per source."""

    number: str
    title: str
    status: ItemStatus
    planned: dict[FundingSource, int]
    spent: dict[FundingSource, int]
    note: str | None = None


@attrs.frozen
class EvaluationReport:
    """The evaluation report of a year."""

    year: int
    rows: tuple[EvaluationRow, ...]
    indicators: tuple[IndicatorResult, ...]
    summary: str | None = None

    @property
    def planned(self) -> dict[FundingSource, int]:
        """Planned money per source over all activities."""
        return _sum(r.planned for r in self.rows)

    @property
    def spent(self) -> dict[FundingSource, int]:
        """Spent money per source over all activities."""
        return _sum(r.spent for r in self.rows)

    def to_data(self) -> dict[str, object]:
        """JSON-ready form of the report."""

        def money(values: dict[FundingSource, int]) -> dict[str, int]:
            return {s.value: a for s, a in values.items()}

        return {
            "year": self.year,
            "summary": self.summary,
            "activities": [
                {
                    "number": r.number,
                    "title": r.title,
                    "status": r.status.value,
                    "note": r.note,
                    "planned": money(r.planned),
                    "spent": money(r.spent),
                }
                for r in self.rows
            ],
            "indicators": [
                {
                    "number": i.number,
                    "name": i.name,
                    "unit": i.unit,
                    "baseline": i.baseline,
                    "target": i.target,
                    "actual": i.actual,
                    "target_year": i.target_year,
                    "met": i.met,
                }
                for i in self.indicators
            ],
            "planned": money(self.planned),
            "spent": money(self.spent),
            "planned_total": sum(self.planned.values()),
            "spent_total": sum(self.spent.values()),
        }


def _sum(parts: Iterable[Mapping[FundingSource, int]]) -> dict[FundingSource, int]:
    result = dict.fromkeys(FundingSource, 0)
    for part in parts:
        for source, amount in part.items():
            result[source] += amount
    return {s: a for s, a in result.items() if a}


def evaluate(plan: Plan, year: int) -> EvaluationReport:
    """The evaluation of *year*: activities of the year's action plan and those evaluated.

    Planned money comes from the action plan of the year (stored, else derived from the
    plan's costs); status, note and spent money from the stored evaluation, else the
    activity's own status and nothing spent. Indicators show the year's actual value.
    """
    action_plan, _ = action_plan_for(plan, year)
    record = plan.evaluation(year)
    evaluated = {i.number: i for i in record.items} if record else {}
    planned = {i.number: i.budget for i in action_plan.items}
    numbers = list(dict.fromkeys([*planned, *evaluated]))
    rows = []
    for number in numbers:
        activity = plan.activity(number)
        item = evaluated.get(number)
        status = item.status if item else (activity.status if activity else ItemStatus.PLANNED)
        rows.append(
            EvaluationRow(
                number=number,
                title=activity.title if activity else "(aktivita chybí v plánu)",
                status=status,
                planned=by_source(planned.get(number, ())),
                spent=by_source(item.spent) if item else {},
                note=item.note if item else None,
            )
        )
    results = []
    for entry in walk(plan):
        indicators: tuple[Indicator, ...] = getattr(entry.item, "indicators", ())
        for indicator in indicators:
            value = indicator.value_for(year)
            results.append(
                IndicatorResult(
                    entry.item.number,
                    indicator.name,
                    indicator.unit,
                    indicator.baseline,
                    indicator.target,
                    value.value if value else None,
                    indicator.higher_is_better,
                    year,
                    indicator.target_year,
                )
            )
    return EvaluationReport(year, tuple(rows), tuple(results), record.summary if record else None)


def evaluation_record(plan: Plan, year: int) -> Evaluation:
    """The stored evaluation of *year*, else one to fill in: a line per activity of the
    year's action plan with the activity's current status and nothing spent yet."""
    stored = plan.evaluation(year)
    if stored is not None:
        return stored
    action_plan, _ = action_plan_for(plan, year)
    items = []
    for item in action_plan.items:
        activity = plan.activity(item.number)
        status = activity.status if activity else ItemStatus.PLANNED
        items.append(EvaluationItem(item.number, status))
    return Evaluation(year, tuple(items))
