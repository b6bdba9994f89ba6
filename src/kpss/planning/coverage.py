"""Coverage figures for planning: capacity per 1,000 inhabitants, obce no field service reaches.

Population is the packaged territory's (``Territory.population_date``, 1 January 2020 in
the bundled data); the figures say which date they use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import attrs

from kpss.model.catalog import Catalog
from kpss.model.law import Form, ServiceKind
from kpss.model.names import sort_key
from kpss.model.territory import Obec, Territory
from kpss.planning.register import form_obce, select
from kpss.planning.territory import ResolvedTerritory


@attrs.frozen
class CapacityRow:
    """Registered capacity of one kind in one capacity unit within the territory."""

    kind: ServiceKind
    unit: str
    unit_label: str | None
    capacity: int
    services: int
    per_1000: float | None


@attrs.frozen
class Uncovered:
    """Obce of the territory that no field (terénní) service of a kind covers."""

    kind: ServiceKind
    services: int
    obce: tuple[Obec, ...]


@attrs.frozen
class Coverage:
    """Coverage of a territory on a register snapshot."""

    territory: str
    population: int | None
    population_date: dt.date | None
    on: dt.date | None
    capacities: tuple[CapacityRow, ...]
    uncovered: tuple[Uncovered, ...]

    def to_data(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "territory": self.territory,
            "population": self.population,
            "population_date": self.population_date.isoformat() if self.population_date else None,
            "on": self.on.isoformat() if self.on else None,
            "capacities": [
                {
                    "kind": r.kind.key,
                    "kind_label": r.kind.label,
                    "unit": r.unit,
                    "unit_label": r.unit_label,
                    "capacity": r.capacity,
                    "services": r.services,
                    "per_1000": r.per_1000,
                }
                for r in self.capacities
            ],
            "uncovered": [
                {
                    "kind": u.kind.key,
                    "kind_label": u.kind.label,
                    "services": u.services,
                    "obce": [{"kod": o.code, "name": o.name} for o in u.obce],
                }
                for u in self.uncovered
            ],
        }


def coverage(
    catalog: Catalog,
    area: ResolvedTerritory,
    *,
    on: dt.date | None = None,
    kinds: Collection[str] = (),
    territory: Territory | None = None,
) -> Coverage:
    """Capacity per 1,000 inhabitants by kind and unit, and obce uncovered by field services.

    *on* defaults to the catalogue's snapshot date; *kinds* (law keys) to every kind found
    (capacities) and every kind the law allows in the field form (uncovered obce).
    """
    from kpss.reference import code_snapshot, law
    from kpss.reference import territory as packaged

    data = territory or packaged()
    day = on or catalog.snapshot_date
    obce = area.obec_codes
    services = select(catalog, obce, day, kinds)
    totals: dict[tuple[str, str], int] = {}
    members: dict[tuple[str, str], set[str]] = {}
    found_kinds: dict[str, ServiceKind] = {}
    for service in services:
        if service.kind is None:
            continue
        found_kinds[service.kind.key] = service.kind
        for form in service.forms:
            if not form_obce(service, form) & obce:
                continue
            for cap in form.capacities:
                key = (service.kind.key, cap.unit)
                totals[key] = totals.get(key, 0) + (cap.count or 0)
                members.setdefault(key, set()).add(service.identifier)
    table = law()
    order = list(table.keys())
    rows = []
    for (kind_key, unit), capacity in sorted(
        totals.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])
    ):
        label = catalog.codes.label(unit) or code_snapshot().label(unit)
        per_1000 = round(capacity * 1000 / area.population, 2) if area.population else None
        count = len(members[(kind_key, unit)])
        rows.append(CapacityRow(found_kinds[kind_key], unit, label, capacity, count, per_1000))
    field_kinds = [k for k in table.with_form(Form.TERENNI) if not kinds or k.key in kinds]
    uncovered = []
    for kind in field_kinds:
        covered: set[str] = set()
        count = 0
        for service in services:
            if service.kind is None or service.kind.key != kind.key:
                continue
            reach: set[str] = set()
            for form in service.forms:
                if form.form is Form.TERENNI:
                    reach |= form_obce(service, form) & obce
            if reach:
                count += 1
                covered |= reach
        missing = [data.obce[c] for c in obce - covered if c in data.obce]
        missing.sort(key=lambda o: (sort_key(o.name), o.code))
        uncovered.append(Uncovered(kind, count, tuple(missing)))
    return Coverage(
        area.name, area.population, area.population_date, day, tuple(rows), tuple(uncovered)
    )
