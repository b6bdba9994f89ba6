"""Write a planning :class:`~.blocks.Document` as HTML, PDF (tagged, PDF/UA-1) or ODT.

HTML comes from the ``plan`` templates (``document.html`` with ``static/plan.css``
inlined, so one file stands alone); the PDF is that HTML laid out by
:func:`kpss.publish.print.html_to_pdf`; the ODT is written with
:class:`kpss.publish.print.OdtDocument` (named styles, a filled table of contents), the
charts as SVG pictures in the package. Every writer replaces *out* only when complete and
refuses to write over the document's input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from kpss.atomic import atomic_text, refuse_inputs
from kpss.errors import UsageError
from kpss.planning.documents.blocks import (
    Bullets,
    Chart,
    Document,
    Heading,
    Paragraph,
    Table,
    typeset,
)
from kpss.publish.print import OdtDocument, Strong
from kpss.publish.print.odt import NOTE, SUBTITLE, TITLE
from kpss.publish.templates import own_template_dir, static_files, template_environment

__all__ = ["FORMATS", "odt_document", "render_html", "write_document"]

FORMATS = ("html", "pdf", "odt")
TEMPLATES = "plan"
CSS = "static/plan.css"


def render_html(
    document: Document, template_dirs: Sequence[Path] = (), generated: dt.date | None = None
) -> str:
    """The document as one HTML page (CSS inlined)."""
    environment = template_environment(TEMPLATES, template_dirs)
    css_file = static_files(TEMPLATES, template_dirs).get(CSS)
    css = css_file.read_text(encoding="utf-8") if css_file else ""
    return environment.get_template("document.html").render(
        document=document, css=css, generated=generated or dt.date.today()
    )


def _odt_table(odt: OdtDocument, table: Table) -> None:
    odt.paragraph(Strong(table.caption))
    odt.table([*table.rows, *table.foot], header=table.header, widths=table.widths)


def odt_document(document: Document) -> OdtDocument:
    """The document as an ODT (not yet saved); charts are SVG pictures in the package."""
    odt = OdtDocument(document.title)
    odt.paragraph(document.title, style=TITLE)
    for line in document.subtitle:
        odt.paragraph(line, style=SUBTITLE)
    odt.toc(levels=2)
    for block in document.blocks:
        if isinstance(block, Heading):
            odt.heading(block.full, block.level, anchor=block.anchor)
        elif isinstance(block, Paragraph):
            odt.paragraph(block.text, style=NOTE if block.note else "Text_20_body")
        elif isinstance(block, Bullets):
            odt.bullets(list(block.items))
        elif isinstance(block, Table):
            _odt_table(odt, block)
        elif isinstance(block, Chart):
            odt.picture(
                block.svg.encode("utf-8"),
                "image/svg+xml",
                title=block.title,
                width_cm=block.width_cm,
                height_cm=block.height_cm,
            )
            _odt_table(odt, block.table)
    return odt


def write_document(
    document: Document,
    fmt: str,
    out: str | Path,
    *,
    inputs: Sequence[Path] = (),
    template_dirs: Sequence[Path] = (),
    on_page: Callable[[int], None] | None = None,
) -> Path:
    """Write *document* as *fmt* (``html``, ``pdf``, ``odt``) to *out*; return *out*.

    *inputs* (the plan, the register) are never written over.
    """
    target = Path(out)
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")
    refuse_inputs(target, inputs)
    if target.is_dir():
        raise UsageError(f"{target} is a folder; expected the {fmt.upper()} file to write")
    document = typeset(document)
    if fmt == "odt":
        return odt_document(document).save(target)
    html = render_html(document, template_dirs)
    if fmt == "html":
        with atomic_text(target) as handle:
            handle.write(html)
        return target
    from kpss.publish.print import html_to_pdf

    folders = [Path(d) for d in template_dirs]
    html_to_pdf(html, own_template_dir(TEMPLATES), target, allowed=folders, on_page=on_page)
    return target
