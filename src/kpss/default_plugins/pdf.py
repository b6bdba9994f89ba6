"""Built-in plugin: the printed catalogue as PDF (``kpss export pdf SOURCE -o katalog.pdf``)."""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``pdf`` exporter: the catalogue laid out by WeasyPrint, tagged PDF/UA."""
    from kpss.publish.print.exporters import export_pdf
    from kpss.publish.print.settings import PDF_SETTINGS

    register(
        Exporter(
            name="pdf",
            description=(
                "printed catalogue (PDF/UA, A4 or A5): cover, contents, sections by target "
                "group, kind, obec or life situation, a card per service, indexes"
            ),
            export=export_pdf,
            media_type="application/pdf",
            suffix=".pdf",
            settings=PDF_SETTINGS,
        )
    )
