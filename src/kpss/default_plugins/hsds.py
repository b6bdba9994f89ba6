"""Built-in plugin: Open Referral HSDS 3.0, written and read.

``kpss export hsds SOURCE -o DIR`` writes HSDS JSON files (``--set tabular=true``: the
tabular package, ``datapackage.json`` with one CSV per object); ``kpss import
DIR/services.json`` or ``DIR/datapackage.json`` reads a catalogue written by kpss or by
another HSDS 3 system. The mapping is in ``docs/user-guide/open-data.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter, Importer


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``hsds`` importer."""
    from kpss.opendata.hsds_import import detect_hsds, load_hsds

    register(
        Importer(
            name="hsds",
            description=(
                "Open Referral HSDS 3 catalogue: services.json of JSON files, or "
                "datapackage.json of the tabular package"
            ),
            load=load_hsds,
            suffixes=(".json",),
            media_type="application/json",
            detect=detect_hsds,
            priority=15,
            claims_suffix=False,
        )
    )


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``hsds`` exporter."""
    from kpss.opendata.exporters import HSDS_SETTINGS, export_hsds

    register(
        Exporter(
            name="hsds",
            description=(
                "Open Referral HSDS 3.0 (a folder): JSON files, or with --set tabular=true "
                "the tabular package (datapackage.json and CSV)"
            ),
            export=export_hsds,
            settings=HSDS_SETTINGS,
            media_type="application/json",
        )
    )
