"""The territory of a plan as a set of obce: an ORP, a preset area or listed obce."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from kpss.errors import NotFoundError, UsageError
from kpss.filters import preset_named
from kpss.model.plan import Plan, PlanTerritory
from kpss.model.territory import Area, Territory


@attrs.frozen
class ResolvedTerritory:
    """The obce of a plan's territory, its name and population at ``population_date``."""

    name: str
    obec_codes: frozenset[str]
    population: int | None
    population_date: dt.date | None


def presets() -> Mapping[str, Area]:
    """Territory presets from plugins (:func:`kpss.plugins.manager.get_presets`), by key."""
    from kpss.plugins.manager import (
        get_presets,  # plugins load lazily, only when a preset is needed
    )

    return get_presets()


def resolve_territory(
    spec: PlanTerritory | Plan,
    territory: Territory | None = None,
    preset_areas: Mapping[str, Area] | None = None,
) -> ResolvedTerritory:
    """The obce of *spec*; :class:`~kpss.errors.NotFoundError` for unknown codes or presets."""
    from kpss.reference import territory as packaged

    if isinstance(spec, Plan):
        spec = spec.territory
    data = territory or packaged()
    given = [bool(spec.orp), bool(spec.preset), bool(spec.obce)]
    if sum(given) != 1:
        raise UsageError("territory: expected exactly one of orp, preset or obce")
    if spec.orp:
        orp = data.orp_by_code(spec.orp)
        if orp is None:
            raise NotFoundError(f"territory.orp: no ORP has the ČSÚ code {spec.orp!r}")
        codes = data.obec_codes(orp)
        name = spec.name or f"ORP {orp.name}"
    elif spec.preset:
        areas = preset_areas if preset_areas is not None else presets()
        area = preset_named(areas, spec.preset)
        if area is None:
            known = ", ".join(sorted(areas)) or "none installed"
            raise NotFoundError(
                f"territory.preset: no territory preset {spec.preset!r} (known: {known})"
            )
        codes = frozenset(area.obec_codes)
        name = spec.name or area.name
    else:
        unknown = sorted(c for c in spec.obce if c not in data.obce)
        if unknown:
            raise NotFoundError(f"territory.obce: not obec codes: {', '.join(unknown)}")
        codes = frozenset(spec.obce)
        name = spec.name or f"{len(codes)} obcí"
    population = data.population(Area("plan", name, codes))
    return ResolvedTerritory(name, codes, population, data.population_date)
