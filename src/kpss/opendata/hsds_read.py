"""Reading HSDS 3 files into flat tables: JSON files or a tabular package.

The SOURCE is one file of an HSDS folder:

* ``datapackage.json`` of a tabular package: every resource named after an HSDS object
  kpss knows (``service``, ``organization`` …) is read from its CSV file;
* a JSON file (``services.json``, ``organizations.json`` …): an array of HSDS objects, an
  HSDS API page (``{"contents": [...]}``) or one object. The other JSON files kpss writes
  beside it (:data:`~kpss.opendata.hsds_write.JSON_FILES`) are read too, so any of them
  stands for the whole folder.

Objects nested in others are filed in their own tables (:mod:`kpss.opendata.hsds_flat`).
Errors name the file and the line (CSV) or the record and the path inside it (JSON).
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path, PurePosixPath
from typing import Any

from kpss.errors import DataError, Finding, Location, Severity
from kpss.jsonfile import read_json, read_text
from kpss.limits import MAX_CATALOG_BYTES, quoted
from kpss.opendata.hsds_flat import Flattener
from kpss.opendata.hsds_tables import TABLE, TABLES
from kpss.opendata.hsds_write import DATAPACKAGE, JSON_FILES
from kpss.safe_output import csv_cell

_KIND_OF_FILE = {name: kind for kind, name in JSON_FILES.items()}
_KIND_OF_FILE.update(
    {"service_at_locations.json": "service_at_location", "locations.json": "location"}
)
_KIND_OF_PATH = {t.path: t.name for t in TABLES}
_NUMBER_TYPES = ("number", "integer")


def read_hsds(path: Path) -> Flattener:
    """The HSDS objects of the folder *path* belongs to, filed by table."""
    if path.name == DATAPACKAGE:
        return _read_package(path)
    flattener = Flattener(str(path))
    own = _KIND_OF_FILE.get(path.name, "service")
    files = [(path, own)]
    if path.name in _KIND_OF_FILE:
        files += [
            (path.with_name(name), kind)
            for kind, name in JSON_FILES.items()
            if name != path.name and path.with_name(name).is_file()
        ]
    for file, kind in files:
        flattener.file = str(file)
        for index, record in enumerate(_json_records(file)):
            flattener.add(record, kind, Location(file=str(file), index=index))
    flattener.file = str(path)
    return flattener


def _json_records(path: Path) -> list[Any]:
    data = read_json(path, MAX_CATALOG_BYTES, "an HSDS JSON file")
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return list(data["contents"])
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return data
    raise DataError(
        f"expected an array of HSDS objects (or one object), got {type(data).__name__}",
        Location(file=str(path)),
    )


def _read_package(path: Path) -> Flattener:
    descriptor = read_json(path, MAX_CATALOG_BYTES, "a data package descriptor")
    where = Location(file=str(path))
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError("expected a data package: an object with a resources array", where)
    flattener = Flattener(str(path))
    for index, resource in enumerate(descriptor["resources"]):
        at = Location(file=str(path), path=f"resources[{index}]")
        if not isinstance(resource, dict):
            raise DataError("expected a resource object", at)
        relative = resource.get("path")
        kind = resource.get("name")
        if kind not in TABLE:
            kind = _KIND_OF_PATH.get(relative) if isinstance(relative, str) else None
        if kind is None:
            continue  # an object kpss does not model (program, funding, metadata …)
        file = _resource_file(path.parent, relative, at)
        rows = _csv_rows(file, kind, _number_fields(resource, kind), flattener.findings)
        flattener.add_all(rows, kind)
    return flattener


def _resource_file(folder: Path, relative: Any, at: Location) -> Path:
    """The CSV file of a resource: a relative path inside the package folder, nothing else."""
    if not isinstance(relative, str) or not relative.strip():
        raise DataError("expected the resource's path (a CSV file beside datapackage.json)", at)
    pure = PurePosixPath(relative)
    if "://" in relative or pure.is_absolute() or ".." in pure.parts or "\\" in relative:
        raise DataError(
            f"resource path {relative!r}: expected a relative path inside the package folder",
            at,
        )
    return folder / pure


def _number_fields(resource: dict[str, Any], kind: str) -> frozenset[str]:
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if isinstance(fields, list):
        return frozenset(
            f["name"]
            for f in fields
            if isinstance(f, dict)
            and f.get("type") in _NUMBER_TYPES
            and isinstance(f.get("name"), str)
        )
    return frozenset(f.name for f in TABLE[kind].fields if f.type in _NUMBER_TYPES)


def _csv_rows(
    path: Path, kind: str, numbers: frozenset[str], findings: list[Finding]
) -> list[tuple[dict[str, Any], Location]]:
    """The rows of one table; a cell that is not the number its column holds is dropped
    with a warning."""
    text = read_text(path, MAX_CATALOG_BYTES, f"the HSDS table {kind}")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[dict[str, Any], Location]] = []
    try:
        header = next(reader, None)
        if header is None:
            return rows
        for cells in reader:
            line = reader.line_num
            if not any(cells):
                continue
            if len(cells) != len(header):
                raise DataError(
                    f"{len(cells)} cells in a row of {len(header)} columns",
                    Location(file=str(path), line=line),
                )
            record: dict[str, Any] = {}
            for name, cell in zip(header, cells, strict=True):
                if cell == "":
                    continue
                if name not in numbers:
                    record[name] = plain_cell(cell)
                    continue
                number = _number(cell)
                if number is None:
                    findings.append(
                        Finding(
                            f"expected a number, got {quoted(cell)}; the value is left out",
                            Location(file=str(path), line=line, field=name),
                            Severity.WARNING,
                        )
                    )
                else:
                    record[name] = number
            rows.append((record, Location(file=str(path), line=line)))
    except csv.Error as exc:
        raise DataError(
            f"not valid CSV: {exc}", Location(file=str(path), line=reader.line_num)
        ) from exc
    return rows


def plain_cell(value: str) -> str:
    """The value :func:`kpss.safe_output.csv_cell` was given: its apostrophe taken off."""
    if value.startswith("'") and csv_cell(value[1:]) == value:
        return value[1:]
    return value


def _number(cell: str) -> int | float | None:
    try:
        value = float(cell)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and "." not in cell else value
