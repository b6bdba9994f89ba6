"""HTML to PDF with WeasyPrint: tagged (PDF/UA-1), offline, written atomically.

:func:`html_to_pdf` is the one way kpss lays out print output (the catalogue, leaflets,
plan documents). It

* loads nothing from the network: only ``file:`` URLs inside the allowed folders (the
  templates, the base folder) and ``data:`` URLs are read; any other address is refused
  and listed in :attr:`PdfResult.refused` (fonts come from fontconfig, i.e. the system or
  a ``@font-face`` file shipped in a template folder);
* writes a tagged PDF (``pdf/ua-1`` by default) whose language and title come from the
  HTML (``<html lang="cs">``, ``<title>``);
* replaces *out* only when the whole PDF is written;
* reports pages as WeasyPrint lays them out (``on_page(n)``).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import attrs

from kpss.atomic import atomic_bytes
from kpss.errors import UsageError

__all__ = ["PDF_UA", "PdfResult", "html_to_pdf", "local_fetcher", "page_anchors", "render_html"]

PDF_UA = "pdf/ua-1"
_PAGE_MESSAGE = re.compile(r"Creating layout - Page (\d+)")


@attrs.frozen
class PdfResult:
    """What :func:`html_to_pdf` wrote: pages, seconds WeasyPrint took, refused addresses."""

    path: Path
    pages: int
    layout_seconds: float
    """Parsing, styling, layout and writing by WeasyPrint (kpss's HTML excluded)."""
    refused: tuple[str, ...] = ()
    """Addresses the document asked for and did not get (network, outside the folders)."""
    anchors: Mapping[str, int] = attrs.field(factory=dict)
    """Each ``id`` of the HTML → the page (from 1) where it landed."""
    layout_cpu_seconds: float = 0.0
    """CPU time of this process during :attr:`layout_seconds` (other jobs excluded)."""


def _import_weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: Pango or its libraries missing
        raise UsageError(
            f"PDF output needs WeasyPrint and the Pango library ({exc}); "
            "install kpss with its dependencies (pip install kpss) and Debian's libpango"
        ) from exc
    return weasyprint


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == f or f in resolved.parents for f in folders)


def local_fetcher(allowed: Sequence[Path], refused: list[str]) -> Any:
    """A WeasyPrint URL fetcher that reads ``data:`` and files inside *allowed* only.

    Every other address (``http:``, ``https:``, ``ftp:``, a file elsewhere) is appended to
    *refused* and fails, so WeasyPrint leaves the resource out and goes on.
    """
    weasyprint = _import_weasyprint()
    folders = [Path(f).resolve() for f in allowed]
    base: Any = weasyprint.urls.URLFetcher

    class _LocalFetcher(base):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.partition(":")[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path))
                if path.is_file() and _inside(path, folders):
                    return super().fetch(url, headers)
            refused.append(url)
            raise ValueError(f"kpss prints offline; not loaded: {url}")

    return _LocalFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


class _PageCounter(logging.Handler):
    def __init__(self, on_page: Callable[[int], None]) -> None:
        super().__init__(logging.INFO)
        self.on_page = on_page
        self.highest = 0

    def emit(self, record: logging.LogRecord) -> None:
        found = _PAGE_MESSAGE.search(record.getMessage())
        if found and int(found.group(1)) > self.highest:
            self.highest = int(found.group(1))
            self.on_page(self.highest)


@contextmanager
def _pages_reported(on_page: Callable[[int], None] | None) -> Iterator[None]:
    if on_page is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler = _PageCounter(on_page)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def render_html(
    html: str,
    base_url: str | Path,
    *,
    allowed: Sequence[Path] = (),
    stylesheets: Sequence[Path] = (),
    on_page: Callable[[int], None] | None = None,
    refused: list[str] | None = None,
) -> Any:
    """Lay *html* out into a WeasyPrint ``Document`` (pages with their anchors), not written.

    Useful to read where anchors landed (``page.anchors``) before writing.
    """
    weasyprint = _import_weasyprint()
    base = Path(base_url)
    folders = [base.parent if base.is_file() else base, *allowed]
    fetcher = local_fetcher(folders, refused if refused is not None else [])
    sheets = [weasyprint.CSS(filename=str(s), url_fetcher=fetcher) for s in stylesheets]
    document = weasyprint.HTML(
        string=html,
        base_url=str(base.resolve()) + ("" if base.is_file() else "/"),
        url_fetcher=fetcher,
    )
    with _pages_reported(on_page):
        return document.render(stylesheets=sheets)


def html_to_pdf(
    html: str,
    base_url: str | Path,
    out: str | Path,
    *,
    allowed: Sequence[Path] = (),
    stylesheets: Sequence[Path] = (),
    variant: str | None = PDF_UA,
    on_page: Callable[[int], None] | None = None,
) -> PdfResult:
    """Write *html* as a PDF file *out* and say how many pages it has.

    :param base_url: the folder (or file) relative links and stylesheets resolve against;
        files in it may be loaded.
    :param allowed: further folders whose files may be loaded (template folders).
    :param stylesheets: extra CSS files applied after the document's own.
    :param variant: a WeasyPrint PDF variant; ``pdf/ua-1`` (tagged, for screen readers) by
        default, ``None`` for a plain PDF.
    :param on_page: called with the number of each page as it is laid out.
    """
    target = Path(out)
    if target.is_dir():
        raise UsageError(f"{target} is a folder; expected the PDF file to write")
    refused: list[str] = []
    started, cpu = time.perf_counter(), time.process_time()
    document = render_html(
        html, base_url, allowed=allowed, stylesheets=stylesheets, on_page=on_page, refused=refused
    )
    options: dict[str, Any] = {"pdf_variant": variant} if variant else {}
    with atomic_bytes(target) as handle:
        document.write_pdf(target=handle, **options)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return PdfResult(
        target,
        len(document.pages),
        seconds,
        tuple(dict.fromkeys(refused)),
        page_anchors(document),
        cpu,
    )


def page_anchors(document: Any) -> dict[str, int]:
    """Anchor → page number (from 1) of a laid-out WeasyPrint document."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            found.setdefault(anchor, number)
    return found
