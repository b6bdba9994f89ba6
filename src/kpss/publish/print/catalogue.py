"""The printed catalogue as HTML for WeasyPrint, and the PDF written from it.

:func:`catalogue_html` renders a :class:`~kpss.publish.print.book.Book` with the print
templates (``kpss/publish/templates/print``; a plugin's template folder for the ``pdf``
exporter overrides any file, ``branding.css`` and the cover's ``partials/header.html``
being the branding slot). :func:`write_catalogue_pdf` lays it out and says how long
kpss and WeasyPrint each took.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from kpss.publish.print.book import Book, plan_book
from kpss.publish.print.card import area_text, description_blocks, form_line
from kpss.publish.print.pdf import PdfResult, html_to_pdf
from kpss.publish.print.settings import PrintSettings
from kpss.publish.templates import (
    BRANDING_CSS,
    own_template_dir,
    static_files,
    template_environment,
)
from kpss.publish.view import PublicCatalog

__all__ = [
    "PRINT_TEMPLATES",
    "PrintReport",
    "catalogue_html",
    "print_assets",
    "print_pdf",
    "report",
    "write_catalogue_pdf",
]

#: The template folder of print output (``templates/print``).
PRINT_TEMPLATES = "print"
PRINT_CSS = "static/print.css"
#: Share of the progress bar given to building the HTML (the rest follows the layout).
_HTML_SHARE = 10
_PROGRESS_TOTAL = 100


@attrs.frozen
class PrintReport(PdfResult):
    """What a PDF export wrote, and how long kpss took to build its HTML.

    The rest (pages, anchors, WeasyPrint's seconds) is the :class:`PdfResult` of the layout.
    """

    html_seconds: float = 0.0
    """kpss: planning the document and rendering its HTML (wall seconds)."""
    html_cpu_seconds: float = 0.0
    """The same in CPU seconds of this process (the machine may be shared)."""


def print_assets(
    template_dirs: Sequence[Path], stylesheets: Sequence[str] = (PRINT_CSS,)
) -> tuple[list[Path], list[Path]]:
    """The *stylesheets* (then ``branding.css``) and the folders files may be read from.

    Each file is looked up in the plugins' folders first, then in kpss's print folder.
    """
    files = static_files(PRINT_TEMPLATES, template_dirs)
    sheets = [files[name] for name in (*stylesheets, BRANDING_CSS) if name in files]
    folders = [Path(d) for d in template_dirs] + [own_template_dir(PRINT_TEMPLATES)]
    return sheets, folders


def print_pdf(
    html: str,
    out: Path,
    *,
    template_dirs: Sequence[Path] = (),
    stylesheets: Sequence[str] = (PRINT_CSS,),
    on_page: Callable[[int], None] | None = None,
) -> PdfResult:
    """Lay out print HTML (relative links resolve in the print templates) into *out*."""
    sheets, folders = print_assets(template_dirs, stylesheets)
    return html_to_pdf(
        html,
        own_template_dir(PRINT_TEMPLATES),
        out,
        allowed=folders,
        stylesheets=sheets,
        on_page=on_page,
    )


def report(result: PdfResult, html_seconds: float, html_cpu_seconds: float) -> PrintReport:
    """A :class:`PrintReport` from the layout's result and kpss's own times."""
    return PrintReport(
        **attrs.asdict(result, recurse=False),
        html_seconds=html_seconds,
        html_cpu_seconds=html_cpu_seconds,
    )


def _globals(view: PublicCatalog, settings: PrintSettings) -> dict[str, Any]:
    return {
        "area_text": lambda service: area_text(service, view),
        "description": lambda service: description_blocks(service, settings.description),
        "form_line": form_line,
        "page_size": settings.page,
    }


def catalogue_html(
    book: Book,
    settings: PrintSettings,
    template_dirs: Sequence[Path] = (),
    *,
    generated: dt.date | None = None,
) -> str:
    """The whole catalogue as one HTML document (``catalogue.html``)."""
    environment = template_environment(PRINT_TEMPLATES, template_dirs)
    template = environment.get_template("catalogue.html")
    return template.render(
        book=book,
        view=book.view,
        title=book.title,
        territory_name=book.territory_name,
        generated=generated or dt.date.today(),
        settings=settings,
        **_globals(book.view, settings),
    )


def write_catalogue_pdf(
    view: PublicCatalog,
    out: Path,
    *,
    title: str,
    territory_name: str | None = None,
    settings: PrintSettings | None = None,
    template_dirs: Sequence[Path] = (),
    progress: Callable[[int, int], None] | None = None,
) -> PrintReport:
    """Write the catalogue of *view* as a PDF file *out* (replaced only when complete).

    *progress* gets ``(done, 100)``: the HTML is the first tenth, the layout the rest
    (estimated from the number of cards, so the bar never runs backwards).
    """
    settings = settings or PrintSettings()
    started, cpu = time.perf_counter(), time.process_time()
    book = plan_book(
        view, title=title, territory_name=territory_name, by=settings.by, repeat=settings.repeat
    )
    html = catalogue_html(book, settings, template_dirs)
    html_seconds, html_cpu = time.perf_counter() - started, time.process_time() - cpu
    on_page = None
    if progress is not None:
        progress(_HTML_SHARE, _PROGRESS_TOTAL)
        expected = max(4, book.cards // (2 if settings.page == "A4" else 1) + 6)

        def on_page(page: int) -> None:
            share = min(0.98, page / expected)
            progress(_HTML_SHARE + int(share * (_PROGRESS_TOTAL - _HTML_SHARE)), _PROGRESS_TOTAL)

    result = print_pdf(html, out, template_dirs=template_dirs, on_page=on_page)
    if progress is not None:
        progress(_PROGRESS_TOTAL, _PROGRESS_TOTAL)
    return report(result, html_seconds, html_cpu)
