"""Indicators measured from the register: fill their actual values from snapshots by date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

import attrs

from kpss.errors import UsageError
from kpss.model.catalog import Catalog
from kpss.model.plan import Activity, Goal, Indicator, IndicatorValue, Measure, Plan, Priority
from kpss.model.territory import Area, Territory
from kpss.planning.numbering import walk
from kpss.planning.register import measure
from kpss.planning.territory import resolve_territory

Snapshots = Iterable[Catalog] | Mapping[dt.date, Catalog]


@attrs.frozen
class Measurement:
    """One indicator measured on one snapshot."""

    number: str
    path: str
    name: str
    unit: str
    date: dt.date
    value: float
    target: float | None = None


def dated(snapshots: Snapshots) -> list[tuple[dt.date, Catalog]]:
    """Snapshots with their dates, oldest first; a catalogue without a date is an error."""
    if isinstance(snapshots, Mapping):
        pairs = list(snapshots.items())
    else:
        pairs = []
        for index, catalog in enumerate(snapshots):
            if catalog.snapshot_date is None:
                name = catalog.source or f"snapshot {index + 1}"
                raise UsageError(f"{name}: the register snapshot has no date; give its date")
            pairs.append((catalog.snapshot_date, catalog))
    return sorted(pairs, key=lambda pair: pair[0])


def register_indicators(plan: Plan) -> list[tuple[str, str, Indicator]]:
    """``(number, path, indicator)`` of every indicator defined as a register query."""
    found = []
    for entry in walk(plan):
        for index, indicator in enumerate(getattr(entry.item, "indicators", ())):
            if indicator.register is not None:
                found.append((entry.item.number, f"{entry.path}.indicators[{index}]", indicator))
    return found


def measure_indicators(
    plan: Plan,
    snapshots: Snapshots,
    *,
    territory: Territory | None = None,
    presets: Mapping[str, Area] | None = None,
) -> list[Measurement]:
    """Every register indicator of *plan* measured on every snapshot, by date."""
    obce = resolve_territory(plan, territory, presets).obec_codes
    result = []
    for day, catalog in dated(snapshots):
        for number, path, indicator in register_indicators(plan):
            assert indicator.register is not None
            value = measure(indicator.register, catalog, obce, day, plan)
            result.append(
                Measurement(
                    number, path, indicator.name, indicator.unit, day, value, indicator.target
                )
            )
    return result


def fill_indicators(
    plan: Plan,
    snapshots: Snapshots,
    *,
    territory: Territory | None = None,
    presets: Mapping[str, Area] | None = None,
    source: str = "registr poskytovatelů sociálních služeb",
) -> tuple[Plan, list[Measurement]]:
    """A copy of *plan* whose register indicators carry the values measured on *snapshots*.

    Each measurement becomes an :class:`IndicatorValue` of the snapshot's year and date; a
    value of the same date is replaced, other values are kept, values sorted by date.
    """
    measurements = measure_indicators(plan, snapshots, territory=territory, presets=presets)
    by_path: dict[str, list[Measurement]] = {}
    for item in measurements:
        by_path.setdefault(item.path, []).append(item)

    def update(path: str, indicator: Indicator) -> Indicator:
        found = by_path.get(path)
        if not found:
            return indicator
        days = {m.date for m in found}
        kept = [v for v in indicator.values if v.date not in days]
        new = [IndicatorValue(m.date.year, m.value, m.date, source) for m in found]
        values = sorted(
            [*kept, *new], key=lambda v: (v.year, v.date is None, v.date or dt.date.min)
        )
        return attrs.evolve(indicator, values=tuple(values))

    return map_indicators(plan, update), measurements


def map_indicators(plan: Plan, update: Callable[[str, Indicator], Indicator]) -> Plan:
    """A copy of *plan* with every indicator replaced by ``update(path, indicator)``."""

    def indicators(path: str, items: tuple[Indicator, ...]) -> tuple[Indicator, ...]:
        return tuple(update(f"{path}.indicators[{i}]", ind) for i, ind in enumerate(items))

    def activity(path: str, item: Activity) -> Activity:
        return attrs.evolve(item, indicators=indicators(path, item.indicators))

    def measure_(path: str, item: Measure) -> Measure:
        return attrs.evolve(
            item,
            indicators=indicators(path, item.indicators),
            activities=tuple(
                activity(f"{path}.activities[{i}]", a) for i, a in enumerate(item.activities)
            ),
        )

    def goal(path: str, item: Goal) -> Goal:
        return attrs.evolve(
            item,
            measures=tuple(
                measure_(f"{path}.measures[{i}]", m) for i, m in enumerate(item.measures)
            ),
        )

    def priority(path: str, item: Priority) -> Priority:
        return attrs.evolve(
            item,
            goals=tuple(goal(f"{path}.goals[{i}]", g) for i, g in enumerate(item.goals)),
            measures=tuple(
                measure_(f"{path}.measures[{i}]", m) for i, m in enumerate(item.measures)
            ),
        )

    return attrs.evolve(
        plan,
        priorities=tuple(priority(f"priorities[{i}]", p) for i, p in enumerate(plan.priorities)),
    )
