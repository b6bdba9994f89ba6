"""Built-in plugin: the catalogue as editable OpenDocument Text (``kpss export odt``)."""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``odt`` exporter: the catalogue for LibreOffice and Word."""
    from kpss.publish.print.exporters import export_odt
    from kpss.publish.print.settings import ODT_SETTINGS

    register(
        Exporter(
            name="odt",
            description=(
                "the catalogue as OpenDocument Text to edit in LibreOffice or Word: heading "
                "styles, a filled-in table of contents, contact tables, indexes"
            ),
            export=export_odt,
            media_type="application/vnd.oasis.opendocument.text",
            suffix=".odt",
            settings=ODT_SETTINGS,
        )
    )
