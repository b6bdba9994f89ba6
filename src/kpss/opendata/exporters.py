"""The exporter functions of the open-data formats: ``hsds``, ``csv`` and ``json``.

Each reads the public view (:func:`kpss.publish.exporters.view_for_export`, with the
settings ``on`` and ``area`` every public output takes) and the settings of its own
(``--set KEY=VALUE``):

* ``hsds``: ``tabular`` (``true``: the tabular package instead of JSON files);
* ``csv``: ``rows`` (``service`` or ``facility``), ``headers`` (``cs`` or ``en``),
  ``bom`` (``true``: a UTF-8 byte-order mark, for Excel), ``delimiter`` (``,``, ``;``
  or ``tab``);
* ``json``: none.
"""

from __future__ import annotations

from pathlib import Path

from kpss.model.catalog import Catalog
from kpss.opendata.csv_rows import DELIMITERS, FACILITY_COLUMNS, SERVICE_COLUMNS, rows, write_csv
from kpss.opendata.hsds_build import build_hsds
from kpss.opendata.hsds_write import write_hsds
from kpss.opendata.public_json import write_public_json
from kpss.opendata.settings import choice, flag, on_day, status_day
from kpss.perf import paused_gc
from kpss.plugins.records import ExportOptions, Setting, SettingKind
from kpss.publish.exporters import VIEW_SETTINGS, view_for_export

__all__ = [
    "CSV_SETTINGS",
    "HSDS_SETTINGS",
    "JSON_SETTINGS",
    "export_csv",
    "export_hsds",
    "export_public_json",
]


def _choice(description: str, choices: tuple[str, ...], default: str) -> Setting:
    return Setting(description, SettingKind.CHOICE, choices, default)


_YES_NO = ("true", "false")
HSDS_SETTINGS: dict[str, Setting] = {
    **VIEW_SETTINGS,
    "tabular": _choice(
        "true: the tabular package (datapackage.json and one CSV per object)", _YES_NO, "false"
    ),
}
CSV_SETTINGS: dict[str, Setting] = {
    **VIEW_SETTINGS,
    "rows": _choice("one row per service or per facility", ("service", "facility"), "service"),
    "headers": _choice("Czech or English column headers", ("cs", "en"), "cs"),
    "bom": _choice("true: a UTF-8 byte-order mark (Excel)", _YES_NO, "false"),
    "delimiter": _choice("the cell separator", tuple(DELIMITERS), ","),
}
JSON_SETTINGS: dict[str, Setting] = dict(VIEW_SETTINGS)


def export_hsds(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """``kpss export hsds``: HSDS 3.0 JSON files, or the tabular package, in the folder *out*."""
    tabular = flag(options, "tabular")
    view = view_for_export(catalog, options, sections=())
    with paused_gc():  # some 300,000 records for the country, none in a cycle
        document = build_hsds(
            catalog,
            view,
            status_on=status_day(options, catalog.snapshot_date),
            view_on=on_day(options),
            progress=options.progress,
        )
        write_hsds(document, Path(out), tabular=tabular, source=catalog.source, title=options.title)


def export_csv(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """``kpss export csv``: one row per service (or per facility) in the file *out*."""
    per = choice(options, "rows", ("service", "facility"))
    headers = choice(options, "headers", ("cs", "en"))
    delimiter = choice(options, "delimiter", tuple(DELIMITERS))
    view = view_for_export(catalog, options, sections=())
    write_csv(
        Path(out),
        rows(view, catalog, per),
        SERVICE_COLUMNS if per == "service" else FACILITY_COLUMNS,
        headers=headers,
        bom=flag(options, "bom"),
        delimiter=delimiter,
    )


def export_public_json(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """``kpss export json``: the public view as one JSON document in the file *out*."""
    write_public_json(view_for_export(catalog, options), Path(out), options.title)
