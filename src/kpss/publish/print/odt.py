"""A small OpenDocument Text writer (lxml): headings, paragraphs, lists, tables, a TOC.

Towns edit printed documents in LibreOffice or Word before they print them, so the file
uses real named styles (``Heading 1``–``3``, ``Text body``, ``Contents 1``–``2``,
``Table Contents``) and no direct formatting. Build a document, then :meth:`OdtDocument.save`
it::

    doc = OdtDocument("Katalog sociálních služeb")
    doc.paragraph("Katalog sociálních služeb", style=TITLE)
    doc.toc()
    doc.heading("Senioři", 1, anchor="seniori")
    doc.paragraph(["Viz ", Link("web", "https://example.cz"), ", s. ", PageRef("seniori")])
    doc.table([["telefon", "737 123 970"]])
    doc.save("katalog.odt")

**The table of contents is written filled in**: an entry per heading (down to
``toc(levels=…)``), each a hyperlink to its heading and a page-reference field
(``text:bookmark-ref``, format ``page``) for the number. LibreOffice computes such fields
whenever it lays the document out (opening, printing, converting to PDF), so the numbers
are right without refreshing the index, also after the town's edits; *Update index*
rebuilds the same entries from the templates written in the TOC source. Page numbers are
not written as fixed text because no layout of the ODT exists when kpss writes it (the PDF
is laid out by another engine with other fonts and breaks); a field stays true. Word shows
a field's value after *Update field* (F9). :class:`PageRef` is the same field for any
anchor (indexes, "see page …").

The package follows ODF 1.3: ``mimetype`` first and stored uncompressed, a manifest, and
``content.xml``, ``styles.xml``, ``meta.xml`` valid against the OASIS RELAX NG schema. Text is
escaped by lxml; characters XML cannot carry are dropped; only http, https, mailto and tel
addresses and ``#anchors`` become links.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Union

import attrs
from lxml import etree

from kpss.atomic import atomic_bytes
from kpss.errors import UsageError
from kpss.publish.urls import is_linkable

__all__ = [
    "HEADING",
    "INDEX",
    "INDEX_ENTRY",
    "MIMETYPE",
    "NOTE",
    "SUBTITLE",
    "TEXT_BODY",
    "TITLE",
    "Content",
    "Em",
    "Inline",
    "Link",
    "OdtDocument",
    "PageRef",
    "Strong",
]

MIMETYPE = "application/vnd.oasis.opendocument.text"
ODF_VERSION = "1.3"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
}
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

TITLE = "Title"
SUBTITLE = "Subtitle"
TEXT_BODY = "Text_20_body"
NOTE = "Note"
HEADING = "Heading_20_{level}"
TABLE_CONTENTS = "Table_20_Contents"
TABLE_HEADING = "Table_20_Heading"
CONTENTS = "Contents_20_{level}"
CONTENTS_HEADING = "Contents_20_Heading"
LIST_STYLE = "List_20_Bullet"
PAGE_BREAK = "P_break"
STRONG = "Strong_20_Emphasis"
EMPHASIS = "Emphasis"
INTERNET_LINK = "Internet_20_link"
#: Links inside the document (contents, indexes, "see page"): look like the text around.
INDEX_LINK = "Index_20_Link"
#: Index lines: a right tab stop with dot leaders at the margin (``name\tpage``).
INDEX = "Index"
#: An indented index line under a name (wrapped lines keep the indent).
INDEX_ENTRY = "Index_20_2"
MAX_HEADING = 3
_PARTS = ("content.xml", "styles.xml", "meta.xml")
#: Picture media types an ODT may hold, with their file suffix.
_PICTURES = {"image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpg"}
PAGE_SIZES = {"A4": ("21cm", "29.7cm"), "A5": ("14.8cm", "21cm")}

#: Characters XML 1.0 cannot carry (C0 controls but tab/newline/CR, lone surrogates, FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PIECES = re.compile(r"(\t|\n|  +)")
_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


@attrs.frozen
class Link:
    """A hyperlink: ``href`` http(s), mailto, tel or ``#anchor``; other targets stay text."""

    text: str
    href: str | None


@attrs.frozen
class PageRef:
    """The page number of an anchor, as a field the word processor computes at layout."""

    anchor: str
    text: str = ""
    """The value shown until the field is computed (empty: nothing)."""


@attrs.frozen
class Strong:
    """Bold text (the ``Strong Emphasis`` character style)."""

    text: str


@attrs.frozen
class Em:
    """Italic text (the ``Emphasis`` character style)."""

    text: str


Inline = Union[str, Link, PageRef, Strong, Em]  # noqa: UP007 (a runtime alias)
Content = Union[Inline, Sequence[Inline]]  # noqa: UP007


def clean(text: str) -> str:
    """*text* without the characters XML cannot carry."""
    return _NOT_XML.sub("", text)


def _check_anchor(anchor: str) -> str:
    if not _NAME.match(anchor):
        raise UsageError(
            f"ODT anchor {anchor!r}: expected a name (a letter, then letters, digits, -)"
        )
    return anchor


def _append_text(parent: etree._Element, text: str) -> None:
    """Append *text* to *parent*, with tabs, line breaks and runs of spaces as ODF elements."""
    last: etree._Element | None = parent[-1] if len(parent) else None

    def add(value: str) -> None:
        nonlocal last
        if not value:
            return
        if last is None:
            parent.text = (parent.text or "") + value
        else:
            last.tail = (last.tail or "") + value

    for piece in _PIECES.split(clean(text)):
        if piece == "\t":
            last = etree.SubElement(parent, _q("text", "tab"))
        elif piece == "\n":
            last = etree.SubElement(parent, _q("text", "line-break"))
        elif piece.startswith("  "):
            add(" ")
            last = etree.SubElement(parent, _q("text", "s"))
            if len(piece) > 2:
                last.set(_q("text", "c"), str(len(piece) - 1))
        else:
            add(piece)


def _inline(parent: etree._Element, content: Content) -> None:
    items: Iterable[Inline] = (
        [content] if isinstance(content, (str, Link, PageRef, Strong, Em)) else content
    )
    for item in items:
        if isinstance(item, str):
            _append_text(parent, item)
        elif isinstance(item, Link):
            href = item.href
            internal = (
                href is not None and href.startswith("#") and _NAME.match(href[1:]) is not None
            )
            if href and (internal or (is_linkable(href) and ":" in href)):
                link = etree.SubElement(parent, _q("text", "a"))
                link.set(_q("xlink", "type"), "simple")
                link.set(_q("xlink", "href"), href)
                style = INDEX_LINK if internal else INTERNET_LINK
                link.set(_q("text", "style-name"), style)
                link.set(_q("text", "visited-style-name"), style)
                _append_text(link, item.text)
            else:
                _append_text(parent, item.text)
        elif isinstance(item, PageRef):
            field = etree.SubElement(parent, _q("text", "bookmark-ref"))
            field.set(_q("text", "reference-format"), "page")
            field.set(_q("text", "ref-name"), _check_anchor(item.anchor))
            _append_text(field, item.text)
        else:
            span = etree.SubElement(parent, _q("text", "span"))
            span.set(_q("text", "style-name"), STRONG if isinstance(item, Strong) else EMPHASIS)
            _append_text(span, item.text)


def _plain(content: Content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, (Link, PageRef, Strong, Em)):
        content = [content]
    return "".join(
        i if isinstance(i, str) else ("" if isinstance(i, PageRef) else i.text) for i in content
    )


@attrs.define
class _Heading:
    text: str
    level: int
    anchor: str


class OdtDocument:
    """An ODT document built in order; :meth:`save` writes the package atomically.

    :param title: the document title (metadata).
    :param language: ``cs`` / ``CZ`` by default (spell checking and hyphenation).
    :param page: ``A4`` or ``A5``.
    """

    def __init__(
        self,
        title: str,
        *,
        language: str = "cs",
        country: str = "CZ",
        page: str = "A4",
        font: str = "Liberation Sans",
    ) -> None:
        if page not in PAGE_SIZES:
            raise UsageError(f"ODT page {page!r}: expected one of {', '.join(PAGE_SIZES)}")
        self.title = clean(title)
        self.language = language
        self.country = country
        self.page = page
        self.font = font
        self.headings: list[_Heading] = []
        self._body = etree.Element(_q("office", "text"), nsmap={k: NS[k] for k in NS})
        self._tocs: list[tuple[etree._Element, str, int]] = []
        self._anchors: set[str] = set()
        self._tables = 0
        self._column_styles: dict[tuple[float, ...], str] = {}
        #: Further files of the package (pictures) by path: (bytes, media type).
        self.files: dict[str, tuple[bytes, str]] = {}

    # -- content -----------------------------------------------------------------------
    def _anchor(self, anchor: str | None) -> str:
        if anchor is None:
            anchor = f"h{len(self.headings) + 1}"
        _check_anchor(anchor)
        if anchor in self._anchors:
            raise UsageError(f"ODT anchor {anchor!r} is used twice")
        self._anchors.add(anchor)
        return anchor

    def heading(self, content: Content, level: int, *, anchor: str | None = None) -> str:
        """A heading of *level* 1–3 (``Heading 1`` …); returns its anchor (for links, TOC)."""
        if not 1 <= level <= MAX_HEADING:
            raise UsageError(f"ODT heading level {level}: expected 1 to {MAX_HEADING}")
        name = self._anchor(anchor)
        element = etree.SubElement(self._body, _q("text", "h"))
        element.set(_q("text", "style-name"), HEADING.format(level=level))
        element.set(_q("text", "outline-level"), str(level))
        etree.SubElement(element, _q("text", "bookmark")).set(_q("text", "name"), name)
        _inline(element, content)
        self.headings.append(_Heading(clean(_plain(content)), level, name))
        return name

    def paragraph(
        self, content: Content, *, style: str = TEXT_BODY, anchor: str | None = None
    ) -> None:
        """A paragraph in a named paragraph style (``Text body`` by default)."""
        element = etree.SubElement(self._body, _q("text", "p"))
        element.set(_q("text", "style-name"), style)
        if anchor is not None:
            etree.SubElement(element, _q("text", "bookmark")).set(
                _q("text", "name"), self._anchor(anchor)
            )
        _inline(element, content)

    def bullets(self, items: Sequence[Content]) -> None:
        """A bulleted list, one paragraph per item."""
        if not items:
            return
        listing = etree.SubElement(self._body, _q("text", "list"))
        listing.set(_q("text", "style-name"), LIST_STYLE)
        for item in items:
            paragraph = etree.SubElement(
                etree.SubElement(listing, _q("text", "list-item")), _q("text", "p")
            )
            paragraph.set(_q("text", "style-name"), "List_20_Contents")
            _inline(paragraph, item)

    def table(
        self,
        rows: Sequence[Sequence[Content]],
        *,
        header: Sequence[str] | None = None,
        widths: Sequence[float] | None = None,
        name: str | None = None,
    ) -> None:
        """A table of text cells; *widths* are relative column widths (default equal)."""
        columns = max([len(r) for r in rows] + [len(header or ())])
        if columns == 0:
            return
        self._tables += 1
        table = etree.SubElement(self._body, _q("table", "table"))
        table.set(_q("table", "name"), clean(name or f"Tabulka{self._tables}"))
        table.set(_q("table", "style-name"), "Tbl")
        relative = tuple(widths or [1.0] * columns)
        for share in relative:
            column = etree.SubElement(table, _q("table", "table-column"))
            column.set(_q("table", "style-name"), self._column_style(share / sum(relative)))
        if header:
            head = etree.SubElement(table, _q("table", "table-header-rows"))
            self._row(head, header, columns, TABLE_HEADING)
        for row in rows:
            self._row(table, row, columns, TABLE_CONTENTS)

    def _column_style(self, share: float) -> str:
        key = (round(share, 4),)
        if key not in self._column_styles:
            self._column_styles[key] = f"Col{len(self._column_styles) + 1}"
        return self._column_styles[key]

    def _row(
        self, parent: etree._Element, cells: Sequence[Content], columns: int, style: str
    ) -> None:
        row = etree.SubElement(parent, _q("table", "table-row"))
        for index in range(columns):
            cell = etree.SubElement(row, _q("table", "table-cell"))
            cell.set(_q("office", "value-type"), "string")
            paragraph = etree.SubElement(cell, _q("text", "p"))
            paragraph.set(_q("text", "style-name"), style)
            if index < len(cells):
                _inline(paragraph, cells[index])

    def add_file(self, path: str, data: bytes, media_type: str) -> None:
        """Put a file (a picture) into the package at *path*, listed in the manifest."""
        if (
            path in self.files
            or path in _PARTS
            or path == "mimetype"
            or path.startswith("META-INF/")
        ):
            raise UsageError(f"ODT file {path!r} is already in the package")
        self.files[path] = (data, media_type)

    def picture(
        self,
        data: bytes,
        media_type: str,
        *,
        title: str,
        width_cm: float,
        height_cm: float,
    ) -> str:
        """A paragraph holding a picture (SVG, PNG or JPEG) with *title* as its alternative
        text; returns its path in the package (``Pictures/obrazek1.svg``)."""
        if media_type not in _PICTURES:
            known = ", ".join(_PICTURES)
            raise UsageError(f"ODT picture {media_type!r}: expected one of {known}")
        number = sum(p.startswith("Pictures/") for p in self.files) + 1
        path = f"Pictures/obrazek{number}.{_PICTURES[media_type]}"
        self.add_file(path, data, media_type)
        paragraph = etree.SubElement(self._body, _q("text", "p"))
        paragraph.set(_q("text", "style-name"), TEXT_BODY)
        frame = etree.SubElement(paragraph, _q("draw", "frame"))
        frame.set(_q("draw", "name"), f"obrazek{number}")
        frame.set(_q("text", "anchor-type"), "as-char")
        frame.set(_q("svg", "width"), f"{width_cm:.2f}cm")
        frame.set(_q("svg", "height"), f"{height_cm:.2f}cm")
        image = etree.SubElement(frame, _q("draw", "image"))
        for key, value in (
            ("href", path),
            ("type", "simple"),
            ("show", "embed"),
            ("actuate", "onLoad"),
        ):
            image.set(_q("xlink", key), value)
        image.set(_q("draw", "mime-type"), media_type)
        etree.SubElement(frame, _q("svg", "title")).text = clean(title)
        return path

    def page_break(self) -> None:
        """Start a new page."""
        etree.SubElement(self._body, _q("text", "p")).set(_q("text", "style-name"), PAGE_BREAK)

    def toc(self, title: str = "Obsah", levels: int = 2) -> None:
        """The table of contents here: headings of levels 1 to *levels*, filled at save."""
        element = etree.SubElement(self._body, _q("text", "table-of-content"))
        self._tocs.append((element, clean(title), levels))

    # -- writing -----------------------------------------------------------------------
    def _fill_toc(self, element: etree._Element, title: str, levels: int, number: int) -> None:
        element.set(_q("text", "style-name"), "Sect_toc")
        element.set(_q("text", "name"), f"Obsah{number}")
        element.set(_q("text", "protected"), "true")
        source = etree.SubElement(element, _q("text", "table-of-content-source"))
        source.set(_q("text", "outline-level"), str(levels))
        source.set(_q("text", "use-index-marks"), "false")
        template = etree.SubElement(source, _q("text", "index-title-template"))
        template.set(_q("text", "style-name"), CONTENTS_HEADING)
        template.text = title
        for level in range(1, levels + 1):
            entry = etree.SubElement(source, _q("text", "table-of-content-entry-template"))
            entry.set(_q("text", "outline-level"), str(level))
            entry.set(_q("text", "style-name"), CONTENTS.format(level=level))
            etree.SubElement(entry, _q("text", "index-entry-link-start"))
            etree.SubElement(entry, _q("text", "index-entry-text"))
            etree.SubElement(entry, _q("text", "index-entry-link-end"))
            tab = etree.SubElement(entry, _q("text", "index-entry-tab-stop"))
            tab.set(_q("style", "type"), "right")
            tab.set(_q("style", "leader-char"), ".")
            etree.SubElement(entry, _q("text", "index-entry-page-number"))
        body = etree.SubElement(element, _q("text", "index-body"))
        head = etree.SubElement(body, _q("text", "index-title"))
        head.set(_q("text", "name"), f"Obsah{number}_Head")
        paragraph = etree.SubElement(head, _q("text", "p"))
        paragraph.set(_q("text", "style-name"), CONTENTS_HEADING)
        paragraph.text = title
        for heading in self.headings:
            if heading.level > levels:
                continue
            line = etree.SubElement(body, _q("text", "p"))
            line.set(_q("text", "style-name"), CONTENTS.format(level=heading.level))
            _inline(line, [Link(heading.text, f"#{heading.anchor}"), "\t", PageRef(heading.anchor)])

    def content_xml(self) -> bytes:
        """``content.xml`` of the document as it stands (TOCs filled)."""
        for number, (element, title, levels) in enumerate(self._tocs, start=1):
            if len(element) == 0:
                self._fill_toc(element, title, levels, number)
        root = etree.Element(_q("office", "document-content"), nsmap={k: NS[k] for k in NS})
        root.set(_q("office", "version"), ODF_VERSION)
        automatic = etree.SubElement(root, _q("office", "automatic-styles"))
        self._automatic_styles(automatic)
        body = etree.SubElement(root, _q("office", "body"))
        body.append(self._body)
        try:
            return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        finally:
            body.remove(self._body)

    def _automatic_styles(self, parent: etree._Element) -> None:
        brk = _style(parent, PAGE_BREAK, "paragraph", parent_style="Standard")
        etree.SubElement(brk, _q("style", "paragraph-properties")).set(
            _q("fo", "break-before"), "page"
        )
        table = _style(parent, "Tbl", "table")
        props = etree.SubElement(table, _q("style", "table-properties"))
        props.set(_q("style", "width"), self._text_width())
        props.set(_q("table", "align"), "margins")
        props.set(_q("fo", "margin-top"), "0.1cm")
        props.set(_q("fo", "margin-bottom"), "0.2cm")
        width_cm = float(self._text_width().removesuffix("cm"))
        for (share,), name in self._column_styles.items():
            column = _style(parent, name, "table-column")
            etree.SubElement(column, _q("style", "table-column-properties")).set(
                _q("style", "column-width"), f"{width_cm * share:.3f}cm"
            )
        section = _style(parent, "Sect_toc", "section")
        etree.SubElement(section, _q("style", "section-properties")).set(
            _q("style", "editable"), "false"
        )

    def _text_width(self) -> str:
        width = float(PAGE_SIZES[self.page][0].removesuffix("cm"))
        return f"{width - 2 * _margin(self.page):.2f}cm"

    def styles_xml(self) -> bytes:
        """``styles.xml``: the named styles, the page layout and its footer page number."""
        return _styles(self)

    def meta_xml(self, created: dt.datetime | None = None) -> bytes:
        """``meta.xml``: title, language, generator and creation time."""
        root = etree.Element(_q("office", "document-meta"), nsmap={k: NS[k] for k in NS})
        root.set(_q("office", "version"), ODF_VERSION)
        meta = etree.SubElement(root, _q("office", "meta"))
        etree.SubElement(meta, _q("meta", "generator")).text = "kpss"
        etree.SubElement(meta, _q("dc", "title")).text = self.title
        etree.SubElement(meta, _q("dc", "language")).text = f"{self.language}-{self.country}"
        moment = (created or dt.datetime.now()).replace(microsecond=0).isoformat()
        etree.SubElement(meta, _q("meta", "creation-date")).text = moment
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def save(self, out: str | Path) -> Path:
        """Write the ``.odt`` package to *out*, replacing it only when complete."""
        target = Path(out)
        if target.is_dir():
            raise UsageError(f"{target} is a folder; expected the ODT file to write")
        listed = dict.fromkeys(_PARTS, "text/xml")
        listed.update((path, media) for path, (_, media) in self.files.items())
        parts = {
            "content.xml": self.content_xml(),
            "styles.xml": self.styles_xml(),
            "meta.xml": self.meta_xml(),
            **{path: data for path, (data, _) in self.files.items()},
            "META-INF/manifest.xml": _manifest(listed),
        }
        with atomic_bytes(target) as handle, zipfile.ZipFile(handle, "w") as package:
            package.writestr(
                zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED
            )
            for name, data in parts.items():
                package.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        return target


def _margin(page: str) -> float:
    return 2.0 if page == "A4" else 1.5


def _style(
    parent: etree._Element,
    name: str,
    family: str,
    *,
    parent_style: str | None = None,
    display: str | None = None,
    tag: str = "style",
) -> etree._Element:
    element = etree.SubElement(parent, _q("style", tag))
    element.set(_q("style", "name"), name)
    element.set(_q("style", "family"), family)
    if parent_style:
        element.set(_q("style", "parent-style-name"), parent_style)
    if display:
        element.set(_q("style", "display-name"), display)
    return element


def _paragraph_style(
    parent: etree._Element,
    name: str,
    display: str,
    *,
    parent_style: str | None = "Standard",
    next_style: str | None = None,
    klass: str = "text",
    outline: int | None = None,
    paragraph: dict[str, str] | None = None,
    text: dict[str, str] | None = None,
) -> etree._Element:
    element = _style(parent, name, "paragraph", parent_style=parent_style, display=display)
    element.set(_q("style", "class"), klass)
    if next_style:
        element.set(_q("style", "next-style-name"), next_style)
    if outline:
        element.set(_q("style", "default-outline-level"), str(outline))
    if paragraph:
        props = etree.SubElement(element, _q("style", "paragraph-properties"))
        for key, value in paragraph.items():
            prefix, _, local = key.partition(":")
            props.set(_q(prefix, local), value)
    if text:
        props = etree.SubElement(element, _q("style", "text-properties"))
        for key, value in text.items():
            prefix, _, local = key.partition(":")
            props.set(_q(prefix, local), value)
    return element


def _tab_stop(style: etree._Element, position: str) -> None:
    props = style.find(_q("style", "paragraph-properties"))
    if props is None:
        props = etree.SubElement(style, _q("style", "paragraph-properties"))
    stops = etree.SubElement(props, _q("style", "tab-stops"))
    stop = etree.SubElement(stops, _q("style", "tab-stop"))
    stop.set(_q("style", "position"), position)
    stop.set(_q("style", "type"), "right")
    stop.set(_q("style", "leader-style"), "dotted")
    stop.set(_q("style", "leader-text"), ".")


def _styles(doc: OdtDocument) -> bytes:
    root = etree.Element(_q("office", "document-styles"), nsmap={k: NS[k] for k in NS})
    root.set(_q("office", "version"), ODF_VERSION)
    fonts = etree.SubElement(root, _q("office", "font-face-decls"))
    face = etree.SubElement(fonts, _q("style", "font-face"))
    face.set(_q("style", "name"), doc.font)
    face.set(_q("svg", "font-family"), f"'{doc.font}'")
    face.set(_q("style", "font-family-generic"), "swiss")
    face.set(_q("style", "font-pitch"), "variable")
    styles = etree.SubElement(root, _q("office", "styles"))

    default = etree.SubElement(styles, _q("style", "default-style"))
    default.set(_q("style", "family"), "paragraph")
    default_text = etree.SubElement(default, _q("style", "text-properties"))
    default_text.set(_q("style", "font-name"), doc.font)
    default_text.set(_q("fo", "font-size"), "10pt")
    default_text.set(_q("fo", "language"), doc.language)
    default_text.set(_q("fo", "country"), doc.country)
    default_text.set(_q("fo", "hyphenate"), "true")
    default_text.set(_q("fo", "hyphenation-remain-char-count"), "2")
    default_text.set(_q("fo", "hyphenation-push-char-count"), "2")

    _paragraph_style(styles, "Standard", "Standard", parent_style=None)
    _paragraph_style(
        styles,
        TEXT_BODY,
        "Text body",
        paragraph={"fo:margin-top": "0cm", "fo:margin-bottom": "0.14cm", "fo:line-height": "115%"},
    )
    _paragraph_style(
        styles,
        "Heading",
        "Heading",
        next_style=TEXT_BODY,
        paragraph={
            "fo:margin-top": "0.42cm",
            "fo:margin-bottom": "0.21cm",
            "fo:keep-with-next": "always",
        },
        text={"fo:font-weight": "bold", "fo:hyphenate": "false"},
    )
    sizes = {1: "18pt", 2: "14pt", 3: "11pt"}
    for level in range(1, MAX_HEADING + 1):
        _paragraph_style(
            styles,
            HEADING.format(level=level),
            f"Heading {level}",
            parent_style="Heading",
            next_style=TEXT_BODY,
            outline=level,
            text={"fo:font-size": sizes[level], "fo:font-weight": "bold"},
        )
    _paragraph_style(
        styles,
        TITLE,
        "Title",
        parent_style="Heading",
        next_style=SUBTITLE,
        klass="chapter",
        paragraph={"fo:margin-top": "4cm", "fo:margin-bottom": "0.6cm"},
        text={"fo:font-size": "28pt", "fo:font-weight": "bold"},
    )
    _paragraph_style(
        styles,
        SUBTITLE,
        "Subtitle",
        parent_style="Heading",
        next_style=TEXT_BODY,
        klass="chapter",
        text={"fo:font-size": "16pt", "fo:font-weight": "normal"},
    )
    _paragraph_style(
        styles,
        NOTE,
        "Note",
        parent_style=TEXT_BODY,
        text={"fo:font-size": "8.5pt", "fo:color": "#444444"},
    )
    _paragraph_style(styles, TABLE_CONTENTS, "Table Contents", klass="extra")
    _paragraph_style(
        styles,
        TABLE_HEADING,
        "Table Heading",
        parent_style=TABLE_CONTENTS,
        klass="extra",
        text={"fo:font-weight": "bold"},
    )
    _paragraph_style(
        styles, "List_20_Contents", "List Contents", parent_style=TEXT_BODY, klass="list"
    )
    index = _paragraph_style(
        styles, INDEX, "Index", klass="index", paragraph={"fo:margin-bottom": "0.05cm"}
    )
    _tab_stop(index, doc._text_width())
    inner = _paragraph_style(
        styles,
        INDEX_ENTRY,
        "Index 2",
        parent_style=INDEX,
        klass="index",
        paragraph={"fo:margin-left": "0.5cm"},
    )
    _tab_stop(inner, f"{float(doc._text_width().removesuffix('cm')) - 0.5:.2f}cm")
    _paragraph_style(
        styles,
        CONTENTS_HEADING,
        "Contents Heading",
        parent_style="Heading",
        klass="index",
        text={"fo:font-size": "16pt", "fo:font-weight": "bold"},
    )
    text_width = doc._text_width()
    for level in (1, 2, 3):
        style = _paragraph_style(
            styles,
            CONTENTS.format(level=level),
            f"Contents {level}",
            parent_style="Index",
            klass="index",
            paragraph={"fo:margin-left": f"{(level - 1) * 0.5}cm", "fo:margin-top": "0.05cm"},
            text={"fo:font-weight": "bold"} if level == 1 else None,
        )
        _tab_stop(style, f"{float(text_width.removesuffix('cm')) - (level - 1) * 0.5:.2f}cm")

    for name, display, values in (
        (STRONG, "Strong Emphasis", {"fo:font-weight": "bold"}),
        (EMPHASIS, "Emphasis", {"fo:font-style": "italic"}),
        (INDEX_LINK, "Index Link", {"style:text-underline-style": "none"}),
        (
            INTERNET_LINK,
            "Internet link",
            {
                "fo:color": "#1f4e79",
                "style:text-underline-style": "solid",
                "style:text-underline-width": "auto",
                "style:text-underline-color": "font-color",
            },
        ),
    ):
        element = _style(styles, name, "text", display=display)
        properties = etree.SubElement(element, _q("style", "text-properties"))
        for key, value in values.items():
            prefix, _, local = key.partition(":")
            properties.set(_q(prefix, local), value)

    outline = etree.SubElement(styles, _q("text", "outline-style"))
    outline.set(_q("style", "name"), "Outline")
    for level in range(1, 11):
        item = etree.SubElement(outline, _q("text", "outline-level-style"))
        item.set(_q("text", "level"), str(level))
        item.set(_q("style", "num-format"), "")

    bullets = etree.SubElement(styles, _q("text", "list-style"))
    bullets.set(_q("style", "name"), LIST_STYLE)
    bullets.set(_q("style", "display-name"), "List Bullet")
    for level in range(1, 4):
        bullet = etree.SubElement(bullets, _q("text", "list-level-style-bullet"))
        bullet.set(_q("text", "level"), str(level))
        bullet.set(_q("text", "bullet-char"), "•")
        props = etree.SubElement(bullet, _q("style", "list-level-properties"))
        props.set(_q("text", "list-level-position-and-space-mode"), "label-alignment")
        align = etree.SubElement(props, _q("style", "list-level-label-alignment"))
        align.set(_q("text", "label-followed-by"), "listtab")
        align.set(_q("fo", "margin-left"), f"{0.6 * level:.1f}cm")
        align.set(_q("fo", "text-indent"), "-0.4cm")

    automatic = etree.SubElement(root, _q("office", "automatic-styles"))
    layout = etree.SubElement(automatic, _q("style", "page-layout"))
    layout.set(_q("style", "name"), "PageLayout")
    width, height = PAGE_SIZES[doc.page]
    props = etree.SubElement(layout, _q("style", "page-layout-properties"))
    props.set(_q("fo", "page-width"), width)
    props.set(_q("fo", "page-height"), height)
    props.set(_q("style", "print-orientation"), "portrait")
    for side in ("top", "bottom", "left", "right"):
        props.set(_q("fo", f"margin-{side}"), f"{_margin(doc.page)}cm")
    footer_style = etree.SubElement(layout, _q("style", "footer-style"))
    etree.SubElement(footer_style, _q("style", "header-footer-properties")).set(
        _q("fo", "min-height"), "0.6cm"
    )
    footer_paragraph = _paragraph_style(
        automatic,
        "Footer",
        "Footer",
        klass="extra",
        paragraph={"fo:text-align": "center"},
        text={"fo:font-size": "8pt"},
    )
    footer_paragraph.attrib.pop(_q("style", "display-name"))

    masters = etree.SubElement(root, _q("office", "master-styles"))
    master = etree.SubElement(masters, _q("style", "master-page"))
    master.set(_q("style", "name"), "Standard")
    master.set(_q("style", "page-layout-name"), "PageLayout")
    footer = etree.SubElement(master, _q("style", "footer"))
    number = etree.SubElement(footer, _q("text", "p"))
    number.set(_q("text", "style-name"), "Footer")
    page = etree.SubElement(number, _q("text", "page-number"))
    page.set(_q("text", "select-page"), "current")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _manifest(files: Mapping[str, str]) -> bytes:
    """``META-INF/manifest.xml`` listing the package and *files* (path → media type)."""
    root = etree.Element(f"{{{MANIFEST_NS}}}manifest", nsmap={"manifest": MANIFEST_NS})
    root.set(f"{{{MANIFEST_NS}}}version", ODF_VERSION)
    entries = [("/", MIMETYPE), *files.items()]
    for path, media in entries:
        entry = etree.SubElement(root, f"{{{MANIFEST_NS}}}file-entry")
        entry.set(f"{{{MANIFEST_NS}}}full-path", path)
        entry.set(f"{{{MANIFEST_NS}}}media-type", media)
        if path == "/":
            entry.set(f"{{{MANIFEST_NS}}}version", ODF_VERSION)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
