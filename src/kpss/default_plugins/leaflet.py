"""Built-in plugin: leaflets (letáky), one A5 sheet per life situation or kind."""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``leaflet`` exporter (alias ``letak``): one PDF of two-sided A5 sheets."""
    from kpss.publish.print.exporters import export_leaflet
    from kpss.publish.print.settings import LEAFLET_SETTINGS

    register(
        Exporter(
            name="leaflet",
            description=(
                "leaflets as one PDF: an A5 sheet per life situation (or --set by=kind) with "
                "the services of the territory and their contacts, for two-sided print"
            ),
            export=export_leaflet,
            media_type="application/pdf",
            suffix=".pdf",
            aliases=("letak",),
            settings=LEAFLET_SETTINGS,
        )
    )
