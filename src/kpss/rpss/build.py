"""Raw register items → a Catalog and its import report, for the register importers.

The ``rpss-json`` and ``rpss-xml`` importers share this pipeline (:func:`build_catalog`):
raw items are mapped to services one at a time, checked for duplicate ``identifikator``,
filtered, and kept; at the end providers are merged by IČO. Every record read ends as
accepted, filtered out or rejected (``read == accepted + filtered_out + rejected``);
problems that do not cost the record are warnings. Decisions:

- duplicate ``identifikator``: the later record is rejected, naming the first one's index;
- provider data differing between services of one IČO: the version used by most services
  wins (ties: the first seen) and every service with another version gets a warning naming
  the differing fields and the service whose version was kept;
- warnings about records that the filter leaves out are not reported (they are not part of
  the result), except file-level ones such as an unknown key;
- strict mode: any warning or rejected record makes the import fail with a
  :class:`StrictModeError` (a :class:`~kpss.errors.DataError`) that lists them and still
  carries the full report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from kpss import reference
from kpss.checks import law_findings
from kpss.errors import Finding, Location, Severity, StrictModeError
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.services import Service
from kpss.perf import paused_gc
from kpss.plugins.records import ImportOptions, ImportReport, ImportResult
from kpss.rpss.json_stream import RawItem
from kpss.rpss.mapping import UNKNOWN_KEY, Mapper, RecordRejected

#: How many problems a strict-mode error message lists (the report has them all).
STRICT_LISTED = 3
#: Whether services keep the newest ``realizacePoskytovani`` text as ``description``.
KEEP_DESCRIPTION = True


def _location(path: Path, raw: RawItem, identifier: str | None, field: str | None) -> Location:
    return Location(
        file=str(path),
        line=raw.line,
        byte=raw.byte,
        index=raw.index,
        identifier=identifier,
        field=field,
    )


def _error(path: Path, raw: RawItem, ident: str | None, field: str | None, msg: str) -> Finding:
    return Finding(msg, _location(path, raw, ident, field), Severity.ERROR)


def _warning(path: Path, raw: RawItem, ident: str | None, field: str | None, msg: str) -> Finding:
    return Finding(msg, _location(path, raw, ident, field), Severity.WARNING)


@attrs.frozen
class _Seen:
    index: int
    line: int | None


def _located(raw: RawItem, locate: Callable[[RawItem], int | None] | None) -> RawItem:
    if locate is None or raw.byte is not None:
        return raw
    return attrs.evolve(raw, byte=locate(raw))


def _provider_diff(a: Provider, b: Provider) -> list[str]:
    return [f.name for f in attrs.fields(Provider) if getattr(a, f.name) != getattr(b, f.name)]


def build_catalog(
    path: Path,
    items: Iterable[RawItem],
    options: ImportOptions,
    locate: Callable[[RawItem], int | None] | None = None,
) -> ImportResult:
    """Map, check, filter and merge raw register items into a catalogue and its report.

    *locate* gives the byte offset of the current item when one is needed (JSON).
    The garbage collector is paused meanwhile: the objects built are all kept anyway.
    """
    with paused_gc():
        return _build(path, items, options, locate)


def _build(
    path: Path,
    items: Iterable[RawItem],
    options: ImportOptions,
    locate: Callable[[RawItem], int | None] | None,
) -> ImportResult:
    codes = options.codes or reference.code_snapshot()
    mapper = Mapper(
        codes, reference.territory(), reference.law(), keep_description=KEEP_DESCRIPTION
    )
    report = ImportReport(source=str(path))
    seen: dict[str, _Seen] = {}
    kept: list[tuple[int, int | None, Service]] = []  # index, line (XML), service
    # Providers: the mapper shares equal objects, so most look-ups go by identity.
    canonical: dict[Provider, Provider] = {}
    by_id: dict[int, Provider] = {}
    alive: list[Provider] = []  # keeps the objects behind by_id's keys alive
    counts: dict[int, int] = {}
    variants: dict[str, list[Provider]] = {}
    first_of: dict[int, Service] = {}
    flt = options.filter
    for raw in items:
        report.read += 1
        if raw.error is not None:
            report.rejected.append(_error(path, raw, raw.identifier, raw.field, raw.error))
            continue
        ident = raw.data.get("identifikator") if isinstance(raw.data, dict) else None
        ident = ident if isinstance(ident, str) else None
        try:
            service = mapper.map(raw.data)
        except RecordRejected as exc:
            raw = _located(raw, locate)
            report.warnings.extend(
                _warning(path, raw, ident, i.field, i.message) for i in mapper.issues
            )
            report.rejected.append(_error(path, raw, ident, exc.field, exc.reason))
            continue
        if mapper.issues:
            raw = _located(raw, locate)
        found = [*mapper.issues, *law_findings(service)]
        if found and not mapper.issues:
            raw = _located(raw, locate)
        warnings = [_warning(path, raw, ident, i.field, i.message) for i in found]
        first = seen.get(service.identifier)
        if first is not None:
            raw = _located(raw, locate)
            where = f", line {first.line}" if first.line is not None else ""
            report.rejected.append(
                _error(
                    path,
                    raw,
                    service.identifier,
                    "identifikator",
                    f"duplicate identifikator {service.identifier}: already used by record "
                    f"{first.index}{where}; this later record is rejected",
                )
            )
            report.warnings.extend(warnings)
            continue
        seen[service.identifier] = _Seen(raw.index, raw.line)
        if not flt.accepts(service):
            # Warnings about records outside the filter are left out, except file-level ones.
            report.warnings.extend(w for w in warnings if w.message.startswith(UNKNOWN_KEY))
            report.filtered_out += 1
            continue
        report.warnings.extend(warnings)
        provider = by_id.get(id(service.provider))
        if provider is None:
            alive.append(service.provider)
            provider = by_id[id(service.provider)] = canonical.setdefault(
                service.provider, service.provider
            )
            if provider is service.provider:
                variants.setdefault(provider.key, []).append(provider)
                first_of[id(provider)] = service
        if provider is not service.provider:
            service = attrs.evolve(service, provider=provider)
        counts[id(provider)] = counts.get(id(provider), 0) + 1
        kept.append((raw.index, raw.line, service))
    catalog = Catalog(codes=codes, source=str(path))
    # The version used by most services wins; max() keeps the first seen among equals.
    winners = {key: max(found, key=lambda p: counts[id(p)]) for key, found in variants.items()}
    for index, line, service in kept:
        winner = winners[service.provider.key]
        if service.provider is not winner:
            held = first_of[id(winner)]
            fields = ", ".join(_provider_diff(winner, service.provider))
            total = sum(counts[id(p)] for p in variants[winner.key])
            message = (
                f"provider {winner.key} differs from its data in service {held.identifier} "
                f"(fields: {fields}); kept the version used by {counts[id(winner)]} of "
                f"{total} services"
            )
            report.warnings.append(
                Finding(
                    message,
                    Location(
                        file=str(path),
                        line=line,
                        index=index,
                        identifier=service.identifier,
                        field="poskytovatel",
                    ),
                    Severity.WARNING,
                )
            )
            service = attrs.evolve(service, provider=winner)
        catalog.add(service)
    report.accepted = len(catalog)
    check_strict(path, report, options.strict)
    return ImportResult(catalog, report)


def check_strict(path: Path, report: ImportReport, strict: bool) -> None:
    """Under *strict*, raise :class:`~kpss.errors.StrictModeError` when the report has any
    rejected record or warning (the error lists the first few and carries the report)."""
    problems = [*report.rejected, *report.warnings]
    if not strict or not problems:
        return
    listed = "; ".join(f"{e.location or ''}: {e.message}" for e in problems[:STRICT_LISTED])
    more = len(problems) - STRICT_LISTED
    tail = f"; and {more} more (see the report)" if more > 0 else ""
    raise StrictModeError(
        f"strict mode: {len(report.rejected)} rejected record(s) and {len(report.warnings)} "
        f"warning(s): {listed}{tail}",
        Location(file=str(path)),
        report,
    )
