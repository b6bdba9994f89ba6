"""Territory analysis (analytická část plánu): pure figures from a register snapshot.

What coordinators assemble by hand for the chapter "popis poskytovaných sociálních služeb
v území": services by kind, form and target group; registered capacity per 1,000
inhabitants beside the kraj, the country and every other ORP of the kraj; the obce no
field service of a kind reaches; providers; and what changed since an earlier snapshot.

Where a service counts follows :mod:`kpss.planning.register` (a field form in the obce of
its service area, other forms in the obce of their facilities). Population is the
packaged territory's and carries its date; figures the packaged data lacks (the number of
people aged 65+ per obec) are listed in :attr:`TerritoryAnalysis.missing` instead of
being guessed. Rendering lives in :mod:`kpss.planning.documents.territory`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

import attrs

from kpss.model.catalog import Catalog
from kpss.model.law import Form
from kpss.model.names import sort_key
from kpss.model.services import Service
from kpss.model.territory import Obec, Territory
from kpss.planning.coverage import Coverage, coverage
from kpss.planning.register import form_obce, select
from kpss.planning.territory import ResolvedTerritory
from kpss.rpss.snapshot_diff import SnapshotDiff, compare

__all__ = [
    "MISSING_65_PLUS",
    "CapacityComparison",
    "CapacityIndex",
    "ObecReach",
    "ProviderRow",
    "Tally",
    "TerritoryAnalysis",
    "analyse_territory",
    "area_territory",
    "capacity_index",
]

MISSING_65_PLUS = (
    "Počet obyvatel ve věku 65 a více let po obcích přibalená data neobsahují; "
    "podíl seniorů proto analýza neuvádí."
)


@attrs.frozen
class Tally:
    """A label and how many services it has (druh, forma, cílová skupina)."""

    label: str
    services: int


@attrs.frozen
class CapacityComparison:
    """Capacity of one kind in one unit per 1,000 inhabitants: here, kraj, country, ORP."""

    kind_key: str
    kind_label: str
    unit_label: str
    capacity: int
    services: int
    per_1000: float | None
    kraj_per_1000: float | None
    country_per_1000: float | None
    orp_per_1000: tuple[tuple[str, float | None], ...]
    """Every ORP of the kraj (name, figure) in Czech order of names."""


@attrs.frozen
class ObecReach:
    """How many kinds of field service reach one obec of the territory."""

    obec: Obec
    kinds: int


@attrs.frozen
class ProviderRow:
    """A provider with services in the territory."""

    name: str
    ico: str | None
    services: int
    kinds: tuple[str, ...]


@attrs.frozen
class CapacityIndex:
    """Registered capacity per (kind, unit) summed by ORP, kraj and the whole country.

    Built once per snapshot (:func:`capacity_index`) and shared by the analyses of many
    territories, so comparing every ORP of a kraj reads the register once.
    """

    on: dt.date | None
    by_orp: dict[tuple[str, str], dict[str, int]]
    by_kraj: dict[tuple[str, str], dict[str, int]]
    country: dict[tuple[str, str], int]
    population_orp: dict[str, int | None]
    population_kraj: dict[str, int | None]
    population_country: int | None


@attrs.frozen
class TerritoryAnalysis:
    """The analytical chapter's figures for one territory on one snapshot."""

    territory: str
    kraj: str | None
    population: int | None
    population_date: dt.date | None
    on: dt.date | None
    source: str | None
    services: int
    by_kind: tuple[Tally, ...]
    by_form: tuple[Tally, ...]
    by_group: tuple[Tally, ...]
    capacities: tuple[CapacityComparison, ...]
    coverage: Coverage
    reach: tuple[ObecReach, ...]
    field_kinds: int
    providers: tuple[ProviderRow, ...]
    changes: SnapshotDiff | None = None
    previous_on: dt.date | None = None
    missing: tuple[str, ...] = ()


def _per_1000(capacity: int, population: int | None) -> float | None:
    return round(capacity * 1000 / population, 2) if population else None


def _population(obce: Iterable[Obec]) -> int | None:
    total = 0
    for obec in obce:
        if obec.population is None:
            return None
        total += obec.population
    return total


def capacity_index(
    catalog: Catalog, *, on: dt.date | None = None, territory: Territory | None = None
) -> CapacityIndex:
    """Capacity per (kind, unit) in every ORP, kraj and the country, in one pass."""
    from kpss.reference import territory as packaged

    data = territory or packaged()
    day = on or catalog.snapshot_date
    by_orp: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_kraj: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    country: dict[tuple[str, str], int] = defaultdict(int)
    obce = data.obce
    for service in catalog:
        if service.kind is None or (day is not None and not service.is_active(day)):
            continue
        for form in service.forms:
            if not form.capacities:
                continue
            places = [obce[c] for c in form_obce(service, form) if c in obce]
            if not places:
                continue
            orps = {o.orp_code for o in places}
            kraje = {o.kraj_code for o in places}
            for cap in form.capacities:
                key = (service.kind.key, cap.unit)
                count = cap.count or 0
                country[key] += count
                for orp in orps:
                    by_orp[key][orp] += count
                for kraj in kraje:
                    by_kraj[key][kraj] += count
    members_orp: dict[str, list[Obec]] = defaultdict(list)
    members_kraj: dict[str, list[Obec]] = defaultdict(list)
    for obec in obce.values():
        members_orp[obec.orp_code].append(obec)
        members_kraj[obec.kraj_code].append(obec)
    return CapacityIndex(
        day,
        {k: dict(v) for k, v in by_orp.items()},
        {k: dict(v) for k, v in by_kraj.items()},
        dict(country),
        {code: _population(members) for code, members in members_orp.items()},
        {code: _population(members) for code, members in members_kraj.items()},
        _population(obce.values()),
    )


def _kraj_of(area: ResolvedTerritory, data: Territory) -> str | None:
    kraje = {data.obce[c].kraj_code for c in area.obec_codes if c in data.obce}
    return kraje.pop() if len(kraje) == 1 else None


def _tallies(counter: Counter[str]) -> tuple[Tally, ...]:
    return tuple(
        Tally(label, n)
        for label, n in sorted(counter.items(), key=lambda kv: (-kv[1], sort_key(kv[0])))
    )


def _providers(services: Iterable[Service]) -> tuple[ProviderRow, ...]:
    grouped: dict[str, list[Service]] = defaultdict(list)
    for service in services:
        grouped[service.provider.key].append(service)
    rows = []
    for members in grouped.values():
        provider = members[0].provider
        kinds = sorted({s.kind.label if s.kind else s.kind_code for s in members}, key=sort_key)
        rows.append(ProviderRow(provider.name, provider.ico, len(members), tuple(kinds)))
    rows.sort(key=lambda r: (sort_key(r.name), r.ico or ""))
    return tuple(rows)


def _in_area(catalog: Catalog, area: ResolvedTerritory, on: dt.date | None) -> Catalog:
    return Catalog.of(select(catalog, area.obec_codes, on), catalog.codes, catalog.source)


def area_territory(text: str, territory: Territory | None = None) -> ResolvedTerritory:
    """The territory people name as AREA: a territory preset (key or name) or an ORP (name or
    ČSÚ code); :class:`~kpss.errors.NotFoundError` naming what was tried otherwise."""
    from kpss.errors import NotFoundError
    from kpss.filters import territory_units
    from kpss.model.plan import PlanTerritory
    from kpss.model.territory import Area, Orp
    from kpss.planning.territory import resolve_territory

    try:
        units, _ = territory_units(area=text)
    except NotFoundError:
        try:
            units, _ = territory_units(orp=text)
        except NotFoundError as exc:
            raise NotFoundError(
                f"AREA {text!r}: neither a territory preset nor an ORP (name or ČSÚ code): {exc}"
            ) from exc
    unit = units[0]
    if isinstance(unit, Orp):
        return resolve_territory(PlanTerritory(orp=unit.code), territory)
    if isinstance(unit, Area):
        spec = PlanTerritory(obce=tuple(sorted(unit.obec_codes)), name=unit.name)
        return resolve_territory(spec, territory)
    raise NotFoundError(f"AREA {text!r}: expected an ORP or a territory preset")


def _ended_dates(diff: SnapshotDiff, catalog: Catalog) -> SnapshotDiff:
    """Mark services still in *catalog* with a last day as ended on it (not removed)."""
    ended = []
    for entry in diff.ended:
        later = catalog.service(entry.identifier)
        if later is not None and later.valid_to is not None:
            entry = attrs.evolve(entry, status="ended", date=later.valid_to)
        ended.append(entry)
    return attrs.evolve(diff, ended=tuple(ended))


def analyse_territory(
    catalog: Catalog,
    area: ResolvedTerritory,
    *,
    on: dt.date | None = None,
    previous: Catalog | None = None,
    index: CapacityIndex | None = None,
    territory: Territory | None = None,
) -> TerritoryAnalysis:
    """The figures of the territory analysis of *area* on *catalog* (its snapshot date).

    *previous*, an earlier snapshot, adds the new, ended and changed services; *index*
    (from :func:`capacity_index`) may be shared between the analyses of one snapshot.
    """
    from kpss.reference import code_snapshot, law
    from kpss.reference import territory as packaged

    data = territory or packaged()
    day = on or catalog.snapshot_date
    index = index or capacity_index(catalog, on=day, territory=data)
    services = select(catalog, area.obec_codes, day)
    codes = code_snapshot()

    def label(code: str) -> str:
        return catalog.codes.label(code) or codes.label(code) or code

    kinds: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    for service in services:
        kinds[service.kind.label if service.kind else label(service.kind_code)] += 1
        for form in {f.form.label if f.form else label(f.form_code) for f in service.forms}:
            forms[form] += 1
        for group in dict.fromkeys(service.target_groups):
            groups[label(group)] += 1

    here = Catalog.of(services, catalog.codes, catalog.source)  # coverage scans only these
    cov = coverage(here, area, on=day, territory=data)
    kraj = _kraj_of(area, data)
    orps = (
        sorted(
            (o for o in data.orp.values() if o.kraj_code == kraj), key=lambda o: sort_key(o.name)
        )
        if kraj
        else []
    )
    comparisons = []
    for row in cov.capacities:
        key = (row.kind.key, row.unit)
        per_orp = index.by_orp.get(key, {})
        comparisons.append(
            CapacityComparison(
                row.kind.key,
                row.kind.label,
                row.unit_label or label(row.unit),
                row.capacity,
                row.services,
                row.per_1000,
                _per_1000(index.by_kraj.get(key, {}).get(kraj, 0), index.population_kraj.get(kraj))
                if kraj
                else None,
                _per_1000(index.country.get(key, 0), index.population_country),
                tuple(
                    (o.name, _per_1000(per_orp.get(o.code, 0), index.population_orp.get(o.code)))
                    for o in orps
                ),
            )
        )

    field_kinds = len(law().with_form(Form.TERENNI))
    missing_by_obec: Counter[str] = Counter()
    for uncovered in cov.uncovered:
        for obec in uncovered.obce:
            missing_by_obec[obec.code] += 1
    reach = tuple(
        ObecReach(o, field_kinds - missing_by_obec[o.code])
        for o in sorted(
            (data.obce[c] for c in area.obec_codes if c in data.obce),
            key=lambda o: (sort_key(o.name), o.code),
        )
    )

    changes = None
    previous_on = None
    if previous is not None:
        previous_on = previous.snapshot_date
        changes = _ended_dates(
            compare(_in_area(previous, area, previous.snapshot_date), here),
            catalog,
        )

    missing = [MISSING_65_PLUS]
    if area.population is None:
        missing.append(
            "Počet obyvatel některé obce území v přibalených datech chybí; "
            "kapacity na 1 000 obyvatel proto analýza neuvádí."
        )
    return TerritoryAnalysis(
        territory=area.name,
        kraj=data.kraje[kraj].name if kraj and kraj in data.kraje else None,
        population=area.population,
        population_date=area.population_date,
        on=day,
        source=catalog.source,
        services=len(services),
        by_kind=_tallies(kinds),
        by_form=_tallies(forms),
        by_group=_tallies(groups),
        capacities=tuple(comparisons),
        coverage=cov,
        reach=reach,
        field_kinds=field_kinds,
        providers=_providers(services),
        changes=changes,
        previous_on=previous_on,
        missing=tuple(missing),
    )
