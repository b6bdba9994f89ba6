"""Measuring a plan's territory on a register snapshot (a :class:`~kpss.model.catalog.Catalog`).

Where a service counts: a residential or outpatient form (pobytová, ambulantní) counts in
the obce of its facilities (for a hidden address, the service area); a field form
(terénní) counts in the obce of its service area (lacking one, of its facilities). So a
domov in Plzeň that accepts people from the whole kraj does not count as capacity of ORP
Kralovice, while a pečovatelská služba that goes to Kralovice's obce does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from kpss.model.catalog import Catalog
from kpss.model.law import Form
from kpss.model.plan import Plan, RegisterMeasure, RegisterQuery
from kpss.model.services import FormOfProvision, Service


def form_obce(service: Service, form: FormOfProvision) -> frozenset[str]:
    """The obce where one form of *service* is provided (see the module note)."""
    facilities = service.facility_obce()
    if form.form is Form.TERENNI:
        return service.service_area or facilities
    return facilities or service.service_area


def service_obce(service: Service) -> frozenset[str]:
    """The obce where any form of *service* is provided."""
    if not service.forms:
        return service.obce()
    found: frozenset[str] = frozenset()
    for form in service.forms:
        found |= form_obce(service, form)
    return found


def _matches_kind(service: Service, kinds: Collection[str]) -> bool:
    if not kinds:
        return True
    return (service.kind is not None and service.kind.key in kinds) or service.kind_code in kinds


def select(
    catalog: Catalog,
    obce: Collection[str],
    on: dt.date | None,
    kinds: Collection[str] = (),
    target_groups: Collection[str] = (),
) -> list[Service]:
    """Services active on *on* of the given kinds and target groups located in *obce*."""
    found = []
    for service in catalog:
        if on is not None and not service.is_active(on):
            continue
        if not _matches_kind(service, kinds):
            continue
        if target_groups and not set(service.target_groups) & set(target_groups):
            continue
        if service_obce(service) & set(obce):
            found.append(service)
    return found


def register_groups(plan: Plan | None, groups: Iterable[str]) -> tuple[str, ...]:
    """Register ``CilovaSkupinaOsoby/…`` ids of *groups* (plan keys are expanded)."""
    result: list[str] = []
    for group in groups:
        known = plan.target_group(group) if plan is not None else None
        result.extend(known.register_codes if known else (group,))
    return tuple(dict.fromkeys(result))


def measure(
    query: RegisterQuery,
    catalog: Catalog,
    obce: Collection[str],
    on: dt.date | None,
    plan: Plan | None = None,
) -> float:
    """The value of *query* on *catalog* for services active on *on* in *obce*.

    ``query.obce``, when given, replaces *obce*. Target groups given as plan keys use the
    plan's register codes.
    """
    where = set(query.obce) if query.obce else set(obce)
    groups = register_groups(plan, query.target_groups)
    services = select(catalog, where, on, query.kinds, groups)
    forms = set(query.forms)
    if query.measure is RegisterMeasure.CAPACITY:
        total = 0
        for service in services:
            for form in service.forms:
                if forms and form.form not in forms:
                    continue
                if not form_obce(service, form) & where:
                    continue
                total += sum(c.count or 0 for c in form.capacities if c.unit == query.capacity_unit)
        return total
    if forms:
        services = [
            s for s in services if any(f.form in forms and form_obce(s, f) & where for f in s.forms)
        ]
    if query.measure is RegisterMeasure.PROVIDERS:
        return len({s.provider.key for s in services})
    return len(services)
