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
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from lxml import etree

from kpss.atomic import atomic_bytes, atomic_text, refuse_inputs
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
from kpss.publish.print.odt import MIMETYPE, NOTE, ODF_VERSION, SUBTITLE, TITLE, clean
from kpss.publish.templates import own_template_dir, static_files, template_environment

__all__ = ["FORMATS", "PlanOdt", "odt_document", "render_html", "write_document"]

FORMATS = ("html", "pdf", "odt")
TEMPLATES = "plan"
CSS = "static/plan.css"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_XLINK = "http://www.w3.org/1999/xlink"
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


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


class PlanOdt(OdtDocument):
    """:class:`OdtDocument` with SVG pictures (charts) stored under ``Pictures/``."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.pictures: dict[str, bytes] = {}

    def svg_picture(self, svg: str, title: str, width_cm: float, height_cm: float) -> None:
        """A paragraph holding the SVG *svg* as a picture with *title* (alternative text)."""
        name = f"Pictures/graf{len(self.pictures) + 1}.svg"
        self.pictures[name] = svg.encode("utf-8")
        paragraph = etree.SubElement(self._body, f"{{{_TEXT}}}p")
        paragraph.set(f"{{{_TEXT}}}style-name", "Text_20_body")
        frame = etree.SubElement(paragraph, f"{{{_DRAW}}}frame", nsmap={"draw": _DRAW})
        frame.set(f"{{{_DRAW}}}name", name.removeprefix("Pictures/").removesuffix(".svg"))
        frame.set(f"{{{_TEXT}}}anchor-type", "as-char")
        frame.set(f"{{{_SVG}}}width", f"{width_cm:.2f}cm")
        frame.set(f"{{{_SVG}}}height", f"{height_cm:.2f}cm")
        image = etree.SubElement(frame, f"{{{_DRAW}}}image")
        image.set(f"{{{_XLINK}}}href", name)
        image.set(f"{{{_XLINK}}}type", "simple")
        image.set(f"{{{_XLINK}}}show", "embed")
        image.set(f"{{{_XLINK}}}actuate", "onLoad")
        image.set(f"{{{_DRAW}}}mime-type", "image/svg+xml")
        etree.SubElement(frame, f"{{{_SVG}}}title").text = clean(title)

    def save(self, out: str | Path) -> Path:
        """Write the package with its pictures, replacing *out* only when complete."""
        target = Path(out)
        if target.is_dir():
            raise UsageError(f"{target} is a folder; expected the ODT file to write")
        parts = {
            "content.xml": self.content_xml(),
            "styles.xml": self.styles_xml(),
            "meta.xml": self.meta_xml(),
            **self.pictures,
        }
        parts["META-INF/manifest.xml"] = _manifest(list(parts))
        with atomic_bytes(target) as handle, zipfile.ZipFile(handle, "w") as package:
            package.writestr(
                zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED
            )
            for name, data in parts.items():
                package.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        return target


def _manifest(files: Sequence[str]) -> bytes:
    root = etree.Element(f"{{{_MANIFEST}}}manifest", nsmap={"manifest": _MANIFEST})
    root.set(f"{{{_MANIFEST}}}version", ODF_VERSION)
    entries = [("/", MIMETYPE)] + [
        (f, "image/svg+xml" if f.endswith(".svg") else "text/xml") for f in files
    ]
    for path, media in entries:
        entry = etree.SubElement(root, f"{{{_MANIFEST}}}file-entry")
        entry.set(f"{{{_MANIFEST}}}full-path", path)
        entry.set(f"{{{_MANIFEST}}}media-type", media)
        if path == "/":
            entry.set(f"{{{_MANIFEST}}}version", ODF_VERSION)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _odt_table(odt: PlanOdt, table: Table) -> None:
    odt.paragraph(Strong(table.caption))
    odt.table([*table.rows, *table.foot], header=table.header, widths=table.widths)


def odt_document(document: Document) -> PlanOdt:
    """The document as an ODT (not yet saved)."""
    odt = PlanOdt(document.title)
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
            odt.svg_picture(block.svg, block.title, block.width_cm, block.height_cm)
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
