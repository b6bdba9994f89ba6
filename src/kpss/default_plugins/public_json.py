"""Built-in plugin: ``kpss export json`` — the public view as one JSON document (its JSON
Schema is :data:`kpss.opendata.public_json.SCHEMA`). The re-readable internal catalogue is
the ``kpss-catalog`` format."""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``json`` exporter."""
    from kpss.opendata.exporters import JSON_SETTINGS, export_public_json

    register(
        Exporter(
            name="json",
            description=(
                "the public view as JSON (what a citizen may see; schema kpss-public/1); "
                "the re-readable catalogue is kpss-catalog"
            ),
            export=export_public_json,
            settings=JSON_SETTINGS,
            media_type="application/json",
            suffix=".json",
        )
    )
