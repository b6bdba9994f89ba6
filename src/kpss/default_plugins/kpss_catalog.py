"""Built-in plugin: catalogues saved by kpss (``kpss-catalog/1`` JSON), read and written.

The file is the whole :class:`~kpss.model.catalog.Catalog` through the one converter
(:mod:`kpss.convert`), so everything kpss knows survives a round trip; ``kpss import -o``
writes it and every command reads it as a SOURCE.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kpss.atomic import atomic_text
from kpss.convert import structure, unstructure
from kpss.errors import DataError, Finding, Location, Severity
from kpss.jsonfile import read_json
from kpss.limits import MAX_CATALOG_BYTES
from kpss.model.catalog import Catalog
from kpss.model.codes import CodeBook
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import (
    Exporter,
    ExportOptions,
    Importer,
    ImportOptions,
    ImportReport,
    ImportResult,
)
from kpss.rpss.item_writers import not_unicode_message
from kpss.rpss.json_stream import bad_field, unencodable
from kpss.sniff import head

FORMAT_MARK = b'"kpss-catalog/'


def load_kpss_catalog(path: Path, options: ImportOptions) -> ImportResult:
    """Read a catalogue saved by kpss, keeping the services the filter accepts."""
    data = read_json(path, MAX_CATALOG_BYTES, "a kpss catalogue")
    if options.progress is not None:
        options.progress(path.stat().st_size)
    secrecy = _fail_closed(data, str(path))
    catalog = structure(data, Catalog, Location(file=str(path)))
    report = ImportReport(source=str(path), read=len(catalog), warnings=secrecy)
    kept = Catalog(
        codes=catalog.codes if list(catalog.codes) else options.codes or CodeBook(),
        source=catalog.source or str(path),
        snapshot_date=catalog.snapshot_date,
    )
    for service in catalog:
        if options.filter.accepts(service):
            kept.add(service)
        else:
            report.filtered_out += 1
    wanted = options.filter.obce
    kept.related.update(
        (key, related)
        for key, related in catalog.related.items()
        if wanted is None or related.all_obce() & wanted
    )
    report.accepted = len(kept)
    return ImportResult(kept, report)


#: What a secret facility's address keeps: its territorial part (see kpss.rpss.mapping).
TERRITORIAL_FIELDS = frozenset(
    {"obec_code", "cast_obce_code", "okres_code", "kraj_code", "district_code"}
)


def _fail_closed(data: Any, file: str) -> list[Finding]:
    """Apply kpss's secrecy rule to the raw facilities of a catalogue (which may be written
    by hand): a facility is secret unless ``secret_address`` is exactly ``false``; a secret
    one keeps only the territorial part of its address. A value that is not a clean
    boolean is warned about."""
    found: list[Finding] = []
    services = data.get("services") if isinstance(data, dict) else None
    for index, service in enumerate(services if isinstance(services, list) else []):
        facilities = service.get("facilities") if isinstance(service, dict) else None
        for f_index, facility in enumerate(facilities if isinstance(facilities, list) else []):
            if not isinstance(facility, dict) or facility.get("secret_address") is False:
                continue
            flag = facility.get("secret_address", "missing")
            if flag is not True:
                ident = service.get("identifier")
                found.append(
                    Finding(
                        f"secret_address is {flag!r}, not true or false: the address is "
                        "treated as secret (only its obec is kept)",
                        Location(
                            file=file,
                            index=index,
                            identifier=ident if isinstance(ident, str) else None,
                            field=f"services[{index}].facilities[{f_index}].secret_address",
                        ),
                        Severity.WARNING,
                    )
                )
            facility["secret_address"] = True
            address = facility.get("address")
            if isinstance(address, dict):
                facility["address"] = {k: v for k, v in address.items() if k in TERRITORIAL_FIELDS}
    return found


def detect_kpss_catalog(path: Path) -> bool:
    """A kpss catalogue: ``"format": "kpss-catalog/…"`` near the start."""
    return FORMAT_MARK in head(path, 512)


def write_catalog(catalog: Catalog, path: str | Path) -> None:
    """Write the kpss catalogue file (``kpss-catalog/1``), atomically."""
    data = unstructure(catalog)
    try:
        with atomic_text(path) as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
    except UnicodeEncodeError as exc:
        raise _catalog_error(path, data, exc) from exc


def _catalog_error(path: str | Path, data: Any, exc: UnicodeEncodeError) -> DataError:
    """Name the service (and field) of the catalogue whose text is not valid Unicode."""
    services = data.get("services") if isinstance(data, dict) else None
    for index, service in enumerate(services if isinstance(services, list) else []):
        field = bad_field(service, unencodable)
        if field is not None:
            ident = service.get("identifier") if isinstance(service, dict) else None
            return DataError(
                not_unicode_message(exc),
                Location(
                    file=str(path),
                    index=index,
                    identifier=ident if isinstance(ident, str) and not unencodable(ident) else None,
                    field=f"services[{index}].{field}",
                ),
            )
    return DataError(
        not_unicode_message(exc), Location(file=str(path), field=bad_field(data, unencodable))
    )


def export_catalog(catalog: Catalog, out: Path, _options: ExportOptions) -> None:
    """Write *catalog* as a kpss catalogue file."""
    write_catalog(catalog, out)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``kpss-catalog`` importer."""
    register(
        Importer(
            name="kpss-catalog",
            description="catalogue saved by kpss (kpss import -o CATALOG.json)",
            load=load_kpss_catalog,
            suffixes=(".json",),
            media_type="application/json",
            detect=detect_kpss_catalog,
            priority=20,
            claims_suffix=False,
        )
    )


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``kpss-catalog`` exporter: the re-readable kpss catalogue file."""
    register(
        Exporter(
            name="kpss-catalog",
            description="kpss catalogue JSON (kpss-catalog/1), readable by every kpss command",
            export=export_catalog,
            media_type="application/json",
            suffix=".json",
        )
    )
