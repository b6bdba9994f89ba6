"""Built-in plugin: the register's open-data JSON (``rpss.json``), importer and exporter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kpss.model.catalog import Catalog
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter, ExportOptions, Importer, ImportOptions, ImportResult
from kpss.rpss.build import build_catalog
from kpss.rpss.json_stream import JsonItemStream
from kpss.rpss.write import write_rpss
from kpss.sniff import head


def load_rpss_json(path: Path, options: ImportOptions) -> ImportResult:
    """Read the MPSV open-data file ``rpss.json``, streaming one record at a time."""
    stream = JsonItemStream(path, options.progress)
    return build_catalog(path, stream, options, stream.locate)


def detect_rpss_json(path: Path) -> bool:
    """A JSON object whose first key is ``polozky`` (the register's shape)."""
    start = head(path).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"{") and start[1:].lstrip().startswith(b'"polozky"')


def export_rpss_json(catalog: Catalog, out: Path, _options: ExportOptions) -> None:
    """Write *catalog* in the shape of the register's ``rpss.json``."""
    write_rpss(catalog, out, xml=False)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``rpss-json`` importer."""
    register(
        Importer(
            name="rpss-json",
            description="MPSV register of social-service providers, open data rpss.json",
            load=load_rpss_json,
            suffixes=(".json",),
            media_type="application/json",
            detect=detect_rpss_json,
            priority=10,
        )
    )


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``rpss-json`` exporter (a catalogue in the register's JSON shape)."""
    register(
        Exporter(
            name="rpss-json",
            description="catalogue in the shape of the register's rpss.json",
            export=export_rpss_json,
            media_type="application/json",
            suffix=".json",
            settings={},
        )
    )
