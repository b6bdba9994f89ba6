"""Built-in plugin: HTML fragments for a municipal CMS (``kpss export fragment``)."""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``fragment`` exporter: a service list or one service's card."""
    from kpss.publish.exporters import FRAGMENT_SETTINGS, export_fragment

    register(
        Exporter(
            name="fragment",
            description=(
                "HTML fragment for a municipal CMS: a list of services or one card "
                "(--set service=ID), styles scoped under .kpss-fragment, no script"
            ),
            export=export_fragment,
            media_type="text/html",
            settings=FRAGMENT_SETTINGS,
            suffix=".html",
        )
    )
