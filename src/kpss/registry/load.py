"""``load(...)``: read a register file (JSON or XML) or a kpss catalogue into a Catalog.

The register importers share one pipeline (:func:`build_catalog`): raw items are mapped to
services one at a time, checked for duplicate ``identifikator``, filtered, and kept; at the
end providers are merged by IČO. Every record read ends as accepted, filtered out or
rejected (``read == accepted + filtered_out + rejected``); problems that do not cost the
record are warnings. Decisions:

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

import contextlib
import gc
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import attrs

from kpss import reference
from kpss.errors import DataError, Location, UsageError
from kpss.extensions import (
    Importer,
    ImportFilter,
    ImportOptions,
    ImportReport,
    ImportResult,
    ReportEntry,
)
from kpss.jsonfile import read_json
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.codes import CodeBook
from kpss.model.services import Service
from kpss.registry.jsonstream import RawItem
from kpss.registry.mapping import UNKNOWN_KEY, Mapper, RecordRejected

Progress = Callable[[int], None]
RawReader = Callable[[Path, Progress | None], Iterator[RawItem]]
#: How many problems a strict-mode error message lists (the report has them all).
STRICT_LISTED = 3
#: Whether services keep the newest ``realizacePoskytovani`` text as ``description``.
KEEP_DESCRIPTION = True


class StrictModeError(DataError):
    """Strict mode met warnings or rejected records; ``report`` has every one of them."""

    def __init__(self, message: str, location: Location, report: ImportReport) -> None:
        super().__init__(message, location)
        self.report = report


def passes(service: Service, flt: ImportFilter) -> bool:
    """Whether *service* passes the filter (territory = facility obce ∪ service area)."""
    if flt.active_on is not None and not service.is_active(flt.active_on):
        return False
    if (
        flt.kinds
        and service.kind_code not in flt.kinds
        and (service.kind is None or service.kind.key not in flt.kinds)
    ):
        return False
    if flt.target_groups and flt.target_groups.isdisjoint(service.target_groups):
        return False
    return flt.obce is None or not flt.obce.isdisjoint(service.obce())


def _location(path: Path, raw: RawItem, identifier: str | None, field: str | None) -> Location:
    return Location(
        file=str(path),
        line=raw.line,
        byte=raw.byte,
        index=raw.index,
        identifier=identifier,
        field=field,
    )


def _entry(path: Path, raw: RawItem, ident: str | None, field: str | None, msg: str) -> ReportEntry:
    return ReportEntry(msg, raw.index, ident, field, _location(path, raw, ident, field))


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
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(path, items, options, locate)
    finally:
        if enabled:
            gc.enable()


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
            report.rejected.append(_entry(path, raw, raw.identifier, raw.field, raw.error))
            continue
        ident = raw.data.get("identifikator") if isinstance(raw.data, dict) else None
        ident = ident if isinstance(ident, str) else None
        try:
            service = mapper.map(raw.data)
        except RecordRejected as exc:
            raw = _located(raw, locate)
            report.warnings.extend(
                _entry(path, raw, ident, i.field, i.message) for i in mapper.issues
            )
            report.rejected.append(_entry(path, raw, ident, exc.field, exc.reason))
            continue
        if mapper.issues:
            raw = _located(raw, locate)
        warnings = [_entry(path, raw, ident, i.field, i.message) for i in mapper.issues]
        first = seen.get(service.identifier)
        if first is not None:
            raw = _located(raw, locate)
            where = f", line {first.line}" if first.line is not None else ""
            report.rejected.append(
                _entry(
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
        if not passes(service, flt):
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
                ReportEntry(
                    message,
                    index,
                    service.identifier,
                    "poskytovatel",
                    Location(
                        file=str(path),
                        line=line,
                        index=index,
                        identifier=service.identifier,
                        field="poskytovatel",
                    ),
                )
            )
            service = attrs.evolve(service, provider=winner)
        catalog.add(service)
    report.accepted = len(catalog)
    _check_strict(path, report, options.strict)
    return ImportResult(catalog, report)


def _check_strict(path: Path, report: ImportReport, strict: bool) -> None:
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


# -- the three built-in importers --------------------------------------------------------
def load_rpss_json(path: Path, options: ImportOptions) -> ImportResult:
    """Importer ``rpss-json``: the MPSV open-data file ``rpss.json``."""
    from kpss.registry.jsonstream import JsonItemStream

    stream = JsonItemStream(path, options.progress)
    return build_catalog(path, stream, options, stream.locate)


def load_rpss_xml(path: Path, options: ImportOptions) -> ImportResult:
    """Importer ``rpss-xml``: the XML rendition ``rpss.xml``."""
    from kpss.registry.xmlstream import iter_items

    return build_catalog(path, iter_items(path, options.progress), options)


def load_kpss_catalog(path: Path, options: ImportOptions) -> ImportResult:
    """Importer ``kpss-catalog``: a catalogue saved by kpss (format ``kpss-catalog/1``)."""
    from kpss.convert import structure

    data = read_json(path)
    if options.progress is not None:
        options.progress(path.stat().st_size)
    catalog = structure(data, Catalog, Location(file=str(path)))
    report = ImportReport(source=str(path), read=len(catalog))
    kept = Catalog(
        codes=catalog.codes if list(catalog.codes) else options.codes or CodeBook(),
        source=catalog.source or str(path),
        snapshot_date=catalog.snapshot_date,
    )
    for service in catalog:
        if passes(service, options.filter):
            kept.add(service)
        else:
            report.filtered_out += 1
    report.accepted = len(kept)
    return ImportResult(kept, report)


def _head(path: Path, size: int = 4096) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def detect_rpss_json(path: Path) -> bool:
    """A JSON object whose first key is ``polozky`` (the register's shape)."""
    head = _head(path).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and head[1:].lstrip().startswith(b'"polozky"')


def detect_rpss_xml(path: Path) -> bool:
    """An XML document in the rendition's namespace."""
    head = _head(path)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and b"urn:kpss:rpss:1" in head


def detect_kpss_catalog(path: Path) -> bool:
    """A kpss catalogue: ``"format": "kpss-catalog/…"`` near the start."""
    return b'"kpss-catalog/' in _head(path, 512)


BUILTIN: tuple[Importer, ...] = (
    Importer(
        name="kpss-catalog",
        description="catalogue saved by kpss (kpss import -o CATALOG.json)",
        load=load_kpss_catalog,
        suffixes=(".json",),
        media_type="application/json",
        detect=detect_kpss_catalog,
    ),
    Importer(
        name="rpss-json",
        description="MPSV register of social-service providers, open data rpss.json",
        load=load_rpss_json,
        suffixes=(".json",),
        media_type="application/json",
        detect=detect_rpss_json,
    ),
    Importer(
        name="rpss-xml",
        description="XML rendition of the register (rpss.xml, urn:kpss:rpss:1)",
        load=load_rpss_xml,
        suffixes=(".xml",),
        media_type="application/xml",
        detect=detect_rpss_xml,
    ),
)
_BUILTIN_ORDER = [importer.name for importer in BUILTIN]


def choose_importer(path: Path, name: str | None = None) -> Importer:
    """The importer called *name*, else the first whose ``detect``/suffix fits *path*."""
    from kpss.plugins import get_importers

    importers = get_importers()
    if name is not None:
        if name not in importers:
            known = ", ".join(sorted(importers))
            raise UsageError(f"unknown importer {name!r}; known importers: {known}")
        return importers[name]
    ordered = sorted(
        importers.values(),
        key=lambda i: _BUILTIN_ORDER.index(i.name) if i.name in _BUILTIN_ORDER else 99,
    )
    for importer in ordered:
        if importer.detect is not None and importer.detect(path):
            return importer
    suffix = path.suffix.lower()
    for importer in ordered:
        if suffix in importer.suffixes and importer.name != "kpss-catalog":
            return importer
    known = ", ".join(sorted(importers))
    raise DataError(
        f"cannot tell the format of this file (known importers: {known}); "
        "expected a register rpss.json / rpss.xml or a catalogue saved by kpss",
        Location(file=str(path)),
    )


@contextlib.contextmanager
def progress_callback(
    path: Path, progress: Progress | Literal["auto"] | None, label: str = "Reading"
) -> Iterator[Progress | None]:
    """A byte-count callback: the given one, or ``"auto"``: a bar on stderr if a terminal."""
    if progress != "auto":
        yield progress
        return
    if not sys.stderr.isatty():
        yield None
        return
    import click

    size = path.stat().st_size
    with click.progressbar(
        length=size, label=f"{label} {path.name}", file=sys.stderr, show_eta=True
    ) as bar:
        yield bar.update


def load(
    source: str | Path,
    *,
    filter: ImportFilter | None = None,
    codes: CodeBook | str | Path | None = None,
    strict: bool = False,
    progress: Callable[[int], None] | Literal["auto"] | None = None,
    importer: str | None = None,
) -> ImportResult:
    """Read a register file (``rpss.json``, ``rpss.xml``) or a kpss catalogue.

    *codes* is a code book or a directory of official ``ciselniky/*.json`` files (laid over
    the packaged snapshot); *progress* receives byte counts (``"auto"``: a progress bar on
    stderr when it is a terminal); *importer* names an importer instead of detecting one.
    """
    path = Path(source)
    if not path.is_file():
        raise DataError("no such file", Location(file=str(path)))
    book = codes if isinstance(codes, CodeBook) else reference.code_book(codes)
    chosen = choose_importer(path, importer)
    with progress_callback(path, progress) as callback:
        options = ImportOptions(
            filter=filter or ImportFilter(), codes=book, strict=strict, progress=callback
        )
        return chosen.load(path, options)


def report_json(report: ImportReport) -> dict[str, Any]:
    """The report in the CLI contract's JSON shape (plus the position of each entry)."""

    def entry(e: ReportEntry, text_key: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "index": e.index,
            "identifikator": e.identifier,
            "field": e.field,
            text_key: e.message,
        }
        if e.location is not None:
            if e.location.byte is not None:
                data["byte"] = e.location.byte
            if e.location.line is not None:
                data["line"] = e.location.line
        return data

    return {
        "source": report.source,
        "read": report.read,
        "accepted": report.accepted,
        "filtered_out": report.filtered_out,
        "rejected": [entry(e, "reason") for e in report.rejected],
        "warnings": [entry(e, "message") for e in report.warnings],
    }
