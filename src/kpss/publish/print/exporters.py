"""The exporter functions behind ``kpss export pdf``, ``kpss export odt`` and ``leaflet``.

Each reads the public view of the catalogue (:func:`kpss.publish.exporters.view_for_export`:
settings ``area`` and ``on``), its print settings (:mod:`kpss.publish.print.settings`) and
the template folders plugins register for it, and writes one file atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kpss.errors import UsageError
from kpss.model.catalog import Catalog
from kpss.plugins.records import ExportOptions
from kpss.publish.exporters import DEFAULT_TITLE, view_for_export
from kpss.publish.print.book import plan_book
from kpss.publish.print.catalogue import write_catalogue_pdf
from kpss.publish.print.catalogue_odt import write_catalogue_odt
from kpss.publish.print.leaflets import write_leaflets
from kpss.publish.print.settings import print_settings
from kpss.publish.view import PublicCatalog

__all__ = ["export_leaflet", "export_odt", "export_pdf"]


def _view(catalog: Catalog, options: ExportOptions) -> tuple[PublicCatalog, dict[str, Any]]:
    """The public view, and the title, territory, templates and progress of the export."""
    view = view_for_export(catalog, options)
    if not view.services:
        raise UsageError(
            "nothing to print: no service is left in the catalogue (check the territory, "
            "the filters and --active-on)"
        )
    territory = options.territory_name or (view.territory.label if view.territory else None)
    common = {
        "title": options.title or DEFAULT_TITLE,
        "territory_name": territory,
        "template_dirs": options.template_dirs,
        "progress": options.progress,
    }
    return view, common


def export_pdf(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """``kpss export pdf``: the printed catalogue as a tagged PDF file *out*."""
    settings = print_settings("pdf", options.settings)
    view, common = _view(catalog, options)
    write_catalogue_pdf(view, Path(out), settings=settings, **common)


def export_odt(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """``kpss export odt``: the catalogue as an editable OpenDocument Text file *out*."""
    settings = print_settings("odt", options.settings)
    view, common = _view(catalog, options)
    book = plan_book(
        view,
        title=common["title"],
        territory_name=common["territory_name"],
        by=settings.by,
        repeat=settings.repeat,
    )
    write_catalogue_odt(book, Path(out), settings, progress=options.progress)


def export_leaflet(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """``kpss export leaflet``: a two-sided A5 leaflet per life situation or kind, one PDF."""
    settings = print_settings("leaflet", options.settings)
    view, common = _view(catalog, options)
    write_leaflets(view, Path(out), by=settings.by, **common)
