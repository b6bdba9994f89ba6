"""Built-in plugin: the static web catalogue (``kpss export web SOURCE -o DIR``)."""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``web`` exporter (alias ``html``)."""
    from kpss.publish.exporters import WEB_SETTINGS, export_web

    register(
        Exporter(
            name="web",
            description=(
                "static web catalogue (a folder): search, life situations, pages per "
                "service, provider, obec, kind and target group"
            ),
            export=export_web,
            media_type="text/html",
            settings=WEB_SETTINGS,
            aliases=("html",),
        )
    )
