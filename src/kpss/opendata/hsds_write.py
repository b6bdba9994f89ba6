"""Writing HSDS records: JSON files, or the tabular package (``datapackage.json`` + CSV).

Both go into a folder that is replaced whole and atomically (:func:`kpss.atomic.
atomic_directory`). A folder kpss did not write (no :data:`MARKER` in it) is never
replaced, nor a folder that holds the export's own source.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from kpss.atomic import atomic_directory
from kpss.errors import DataError, Location
from kpss.opendata.csv_rows import write_row
from kpss.opendata.hsds_build import HsdsDocument
from kpss.opendata.hsds_flat import Flattener, flatten
from kpss.opendata.hsds_tables import HSDS_VERSION, TABLES, Table, resource_schema
from kpss.publish.output import check_output_folder
from kpss.rpss.item_writers import not_unicode_message
from kpss.safe_output import csv_cell

MARKER = ".kpss-hsds"
#: The JSON files of an HSDS export: object → file name.
JSON_FILES = {
    "service": "services.json",
    "organization": "organizations.json",
    "taxonomy": "taxonomies.json",
    "taxonomy_term": "taxonomy_terms.json",
}
DATAPACKAGE = "datapackage.json"


def write_hsds(
    document: HsdsDocument,
    out: Path,
    *,
    tabular: bool = False,
    source: str | None = None,
    title: str | None = None,
) -> None:
    """Write *document* into the folder *out*: JSON files, or the tabular package."""
    check_output_folder(out, source, marker=MARKER, what="HSDS")
    with atomic_directory(out) as folder:
        if tabular:
            _write_tabular(document, folder, title)
        else:
            for kind, records in (
                ("service", document.services),
                ("organization", document.organizations),
                ("taxonomy", document.taxonomies),
                ("taxonomy_term", document.taxonomy_terms),
            ):
                _write_json_list(folder / JSON_FILES[kind], records, Path(out) / JSON_FILES[kind])
        (folder / MARKER).write_text(
            "Written by kpss (kpss export hsds); the whole folder is replaced by the next "
            "export.\n",
            encoding="utf-8",
        )


def _write_json_list(path: Path, records: list[dict[str, Any]], shown: Path) -> None:
    """An array with one record per line (diffs stay per record)."""
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("[")
        for index, record in enumerate(records):
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            _write(handle, ("\n" if index == 0 else ",\n") + line, shown, index, record)
        handle.write("\n]\n")


def _write(handle: IO[str], text: str, shown: Path, index: int, record: dict[str, Any]) -> None:
    try:
        handle.write(text)
    except UnicodeEncodeError as exc:
        raise DataError(
            not_unicode_message(exc),
            Location(file=str(shown), index=index, identifier=str(record.get("name", "")) or None),
        ) from exc


def tables_of(document: HsdsDocument) -> Flattener:
    """The flat tables of *document* (every object once, linked by ids)."""
    tables = flatten(document.services, "service", Flattener(track=False))
    flatten(document.organizations, "organization", tables)
    flatten(document.taxonomies, "taxonomy", tables)
    flatten(document.taxonomy_terms, "taxonomy_term", tables)
    return tables


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_cell(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return csv_cell(str(value))


def _write_table(path: Path, table: Table, records: Iterable[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        columns = table.columns
        writer.writerow(columns)
        for index, record in enumerate(records):
            row = [_cell(record.get(name)) for name in columns]
            write_row(writer, row, Location(file=str(path), index=index))


def _write_tabular(document: HsdsDocument, folder: Path, title: str | None) -> None:
    flat = tables_of(document)
    resources = []
    for table in TABLES:
        _write_table(folder / table.path, table, flat.tables[table.name].values())
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": resource_schema(table),
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "kpss-hsds",
        "title": title or "Katalog sociálních služeb",
        "description": (
            "Registrované sociální služby, jejich poskytovatelé a místa poskytování ve "
            f"formátu Open Referral HSDS {HSDS_VERSION} (tabulková podoba), zapsal kpss."
        ),
        "hsds_version": HSDS_VERSION,
        "resources": resources,
    }
    with open(folder / DATAPACKAGE, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(package, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
