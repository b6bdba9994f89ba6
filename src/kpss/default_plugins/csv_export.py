"""Built-in plugin: ``kpss export csv`` — the public view as a CSV table (columns in
``docs/user-guide/open-data.md``)."""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``csv`` exporter."""
    from kpss.opendata.exporters import CSV_SETTINGS, export_csv

    register(
        Exporter(
            name="csv",
            description=(
                "CSV table of the public view: one row per service (--set rows=facility: "
                "per facility), Czech or English headers, formula cells neutralised"
            ),
            export=export_csv,
            settings=CSV_SETTINGS,
            media_type="text/csv",
            suffix=".csv",
        )
    )
