"""Built-in plugin: the register's open-data JSON (``rpss.json``) as importer and exporter."""

from __future__ import annotations

from collections.abc import Callable

from kpss.extensions import Exporter, Importer
from kpss.hookspecs import hookimpl


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``rpss-json`` importer."""
    from kpss.registry.load import BUILTIN

    register(next(i for i in BUILTIN if i.name == "rpss-json"))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``rpss-json`` exporter (a catalogue in the register's JSON shape)."""
    from kpss.registry.writers import export_rpss_json

    register(
        Exporter(
            name="rpss-json",
            description="catalogue in the shape of the register's rpss.json",
            export=export_rpss_json,
            media_type="application/json",
            suffix=".json",
        )
    )
