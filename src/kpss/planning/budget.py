"""Money of a plan: totals by year and funding source (whole Kč)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from kpss.model.plan import Cost, FundingSource, Plan

Totals = dict[tuple[int, FundingSource], int]


def totals(costs: Iterable[Cost]) -> Totals:
    """Sum of *costs* per (year, source), in year then source order."""
    result: dict[tuple[int, FundingSource], int] = defaultdict(int)
    for cost in costs:
        result[(cost.year, cost.source)] += cost.amount
    order = list(FundingSource)
    return dict(sorted(result.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))))


def by_source(costs: Iterable[Cost]) -> dict[FundingSource, int]:
    """Sum of *costs* per source (all years), in source order."""
    result: dict[FundingSource, int] = defaultdict(int)
    for cost in costs:
        result[cost.source] += cost.amount
    return {s: result[s] for s in FundingSource if s in result}


def by_year(costs: Iterable[Cost]) -> dict[int, int]:
    """Sum of *costs* per year."""
    result: dict[int, int] = defaultdict(int)
    for cost in costs:
        result[cost.year] += cost.amount
    return dict(sorted(result.items()))


def plan_costs(plan: Plan) -> list[Cost]:
    """The plan's estimated costs: every activity's, and those of measures without activities.

    Actions' costs are part of their activity's; a measure's own costs beside activities
    are a summary of them and are not counted twice.
    """
    costs: list[Cost] = []
    for measure in plan.measures():
        if measure.activities:
            costs += [c for a in measure.activities for c in a.costs]
        else:
            costs += measure.costs
    return costs


def plan_totals(plan: Plan) -> Totals:
    """The plan's estimated costs per (year, source), summed over its activities."""
    return totals(plan_costs(plan))


def format_kc(amount: int) -> str:
    """``1 250 000 Kč`` with non-breaking spaces between thousands."""
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0Kč"


def as_rows(table: Mapping[tuple[int, FundingSource], int]) -> list[dict[str, object]]:
    """JSON-ready rows ``{"year", "source", "amount"}``."""
    return [{"year": y, "source": s.value, "amount": a} for (y, s), a in table.items()]
