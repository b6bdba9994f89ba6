"""Built-in plugin: catalogues saved by kpss (``kpss-catalog/1`` JSON), read and written."""

from __future__ import annotations

from collections.abc import Callable

from kpss.extensions import Exporter, Importer
from kpss.hookspecs import hookimpl


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``kpss-catalog`` importer."""
    from kpss.registry.load import BUILTIN

    register(next(i for i in BUILTIN if i.name == "kpss-catalog"))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``json`` exporter: the kpss catalogue file (``kpss-catalog/1``)."""
    from kpss.registry.writers import export_catalog_json

    register(
        Exporter(
            name="json",
            description="kpss catalogue JSON (kpss-catalog/1), readable by every kpss command",
            export=export_catalog_json,
            media_type="application/json",
            suffix=".json",
            aliases=("kpss-catalog",),
        )
    )
