"""Applying additions to a catalogue: a pure function, Catalog + Additions → Catalog.

Each filled field replaces the service's value and is recorded in ``Service.sources``
(:class:`~kpss.model.services.Provenance`: the field, file and line), so register data and
additions stay apart; register contacts are kept in ``contacts`` and the local ones go to
``local_contacts``. Related services that are not registered go to ``Catalog.related``
(only those serving the catalogue's obce when *obce* is given). Applying the same
additions twice gives the same catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import attrs

from kpss.additions.format import Additions, ServiceEntry
from kpss.errors import Finding, Location, Severity, StrictModeError
from kpss.filters import ImportFilter
from kpss.model.catalog import Catalog
from kpss.model.services import Provenance, Service
from kpss.perf import paused_gc
from kpss.plugins.records import ImportResult

#: How many identifiers a warning about entries outside the catalogue lists.
LISTED = 5


@attrs.frozen
class Applied:
    """The catalogue with the additions, and warnings about entries that did not apply."""

    catalog: Catalog
    warnings: tuple[Finding, ...] = ()


def apply_additions(
    catalog: Catalog,
    additions: Additions,
    *,
    obce: Iterable[str] | None = None,
    on: dt.date | None = None,
) -> Applied:
    """A copy of *catalog* with *additions* applied; *catalog* itself is not changed.

    :param obce: the obec codes the catalogue was limited to; related services serving
        none of them are left out (``None``: keep every related service).
    :param on: the day services must be provided on; an entry for a service that ended
        before it is a warning (default: today).
    """
    day = on or dt.date.today()
    result = catalog.copy()
    warnings: list[Finding] = []
    missing: list[ServiceEntry] = []
    with paused_gc():  # new service copies only: nothing for the collector to find
        for entry in additions.services.values():
            service = result.services.get(entry.identifier)
            if service is None:
                missing.append(entry)
                continue
            if service.valid_to is not None and service.valid_to < day:
                warnings.append(ended_warning(entry, service))
            if entry.fields:
                result.services[entry.identifier] = with_entry(service, entry)
    wanted = None if obce is None else frozenset(obce)
    for related in additions.related.values():
        if wanted is None or related.service.all_obce() & wanted:
            result.related[related.key] = related.service
    if missing:
        warnings.append(_missing_warning(missing, len(additions.services)))
    return Applied(result, tuple(warnings))


#: ``Service``'s attributes and their ``__init__`` names, looked up once (``attrs.evolve``
#: looks them up on every call, a third of the cost of applying a national file).
_SERVICE_FIELDS = tuple((a.name, a.alias) for a in attrs.fields(Service))


def with_entry(service: Service, entry: ServiceEntry) -> Service:
    """*service* with the fields of *entry* set and their provenance recorded."""
    changes: dict[str, object] = {field.attr: field.value for field in entry.fields}
    sources = {record.field: record for record in service.sources}
    for field in entry.fields:
        sources[field.attr] = Provenance(field.attr, entry.file, field.line)
    changes["sources"] = tuple(sources.values())
    values = {alias: changes.get(name, getattr(service, name)) for name, alias in _SERVICE_FIELDS}
    return Service(**values)  # type: ignore[arg-type]


def ended_warning(entry: ServiceEntry, service: Service) -> Finding:
    """The warning for an entry whose service is no longer provided."""
    ended = service.valid_to.isoformat() if service.valid_to else "?"
    return Finding(
        f"the service {service.title!r} ended on {ended}; remove its entry",
        Location(file=entry.file, line=entry.line, identifier=entry.identifier),
        Severity.WARNING,
    )


def _missing_warning(missing: list[ServiceEntry], total: int) -> Finding:
    listed = ", ".join(e.identifier for e in missing[:LISTED])
    more = f" and {len(missing) - LISTED} more" if len(missing) > LISTED else ""
    first = missing[0]
    return Finding(
        f"{len(missing)} of {total} entries were not applied: their services are not in "
        f"the catalogue (outside the filters, or not in the register): {listed}{more}; "
        "'kpss additions check' tells which",
        Location(file=first.file, line=first.line),
        Severity.WARNING,
    )


def apply_to_import(
    result: ImportResult, additions: Additions, import_filter: ImportFilter, strict: bool = False
) -> ImportResult:
    """*result* with *additions* applied; their warnings join the import report.

    Related services are limited to the filter's obce. Under *strict* a warning raises
    :class:`~kpss.errors.StrictModeError` carrying the report.
    """
    applied = apply_additions(
        result.catalog, additions, obce=import_filter.obce, on=import_filter.active_on
    )
    result.report.warnings.extend(applied.warnings)
    if strict and applied.warnings:
        first = applied.warnings[0]
        raise StrictModeError(
            f"strict mode: {len(applied.warnings)} warning(s) about the additions: {first}",
            first.location,
            result.report,
        )
    return ImportResult(applied.catalog, result.report)


def as_additions(value: str | Path | Additions) -> Additions:
    """*value* itself, or the additions read from the file or folder it names."""
    if isinstance(value, Additions):
        return value
    from kpss.additions.reader import read_additions

    return read_additions(value)
