"""Built-in plugin: the register's XML rendition (``rpss.xml``), importer and exporter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kpss.model.catalog import Catalog
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter, ExportOptions, Importer, ImportOptions, ImportResult
from kpss.rpss.build import build_catalog
from kpss.rpss.write import write_rpss
from kpss.rpss.xml_rendition import NS
from kpss.rpss.xml_stream import iter_items
from kpss.sniff import head


def load_rpss_xml(path: Path, options: ImportOptions) -> ImportResult:
    """Read the XML rendition ``rpss.xml`` safely, one record at a time."""
    return build_catalog(path, iter_items(path, options.progress), options)


def detect_rpss_xml(path: Path) -> bool:
    """An XML document in the rendition's namespace."""
    start = head(path)
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and NS.encode() in start


def export_rpss_xml(catalog: Catalog, out: Path, _options: ExportOptions) -> None:
    """Write *catalog* in the XML rendition of the register."""
    write_rpss(catalog, out, xml=True)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``rpss-xml`` importer."""
    register(
        Importer(
            name="rpss-xml",
            description=f"XML rendition of the register (rpss.xml, {NS})",
            load=load_rpss_xml,
            suffixes=(".xml",),
            media_type="application/xml",
            detect=detect_rpss_xml,
            priority=10,
        )
    )


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``rpss-xml`` exporter (a catalogue in the XML rendition)."""
    register(
        Exporter(
            name="rpss-xml",
            description="catalogue in the XML rendition of the register (rpss.xml)",
            export=export_rpss_xml,
            media_type="application/xml",
            suffix=".xml",
            settings={},
        )
    )
