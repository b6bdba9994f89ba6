"""The HSDS importer: ``kpss import DIR/services.json`` or ``DIR/datapackage.json``."""

from __future__ import annotations

import re
from pathlib import Path

from kpss.opendata.hsds_catalog import catalog_from_tables
from kpss.opendata.hsds_read import read_hsds
from kpss.opendata.hsds_write import DATAPACKAGE, JSON_FILES
from kpss.perf import paused_gc
from kpss.plugins.records import ImportOptions, ImportResult
from kpss.rpss.build import check_strict
from kpss.sniff import head

_UUID = rb'"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"'
_HSDS_START = re.compile(rb'\A\s*(?:\[\s*)?\{\s*"id"\s*:\s*' + _UUID)
_PACKAGE_MARKS = (b'"tabular-data-package"', b'"services.csv"')


def load_hsds(path: Path, options: ImportOptions) -> ImportResult:
    """Read an HSDS 3 catalogue (JSON files or a tabular package) into a catalogue."""
    with paused_gc():  # every HSDS object of the folder is held until the catalogue is made
        flat = read_hsds(path)
        if options.progress is not None:
            options.progress(path.stat().st_size)
        result = catalog_from_tables(flat, options, str(path))
    check_strict(path, result.report, options.strict)
    return result


def detect_hsds(path: Path) -> bool:
    """``datapackage.json`` of an HSDS package, or a JSON file named as kpss names them
    (``services.json`` …) holding an array, an HSDS object or an HSDS API page."""
    if path.name == DATAPACKAGE:
        start = head(path, 1 << 16)
        return all(mark in start for mark in _PACKAGE_MARKS)
    if path.name not in JSON_FILES.values():
        return False
    start = head(path, 512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"[") or _HSDS_START.match(start) is not None or b'"contents"' in start
