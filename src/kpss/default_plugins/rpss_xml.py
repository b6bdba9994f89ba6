"""Built-in plugin: the register's XML rendition (``rpss.xml``) as importer and exporter."""

from __future__ import annotations

from collections.abc import Callable

from kpss.extensions import Exporter, Importer
from kpss.hookspecs import hookimpl


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``rpss-xml`` importer."""
    from kpss.registry.load import BUILTIN

    register(next(i for i in BUILTIN if i.name == "rpss-xml"))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``rpss-xml`` exporter (a catalogue in the XML rendition)."""
    from kpss.registry.writers import export_rpss_xml

    register(
        Exporter(
            name="rpss-xml",
            description="catalogue in the XML rendition of the register (rpss.xml)",
            export=export_rpss_xml,
            media_type="application/xml",
            suffix=".xml",
        )
    )
