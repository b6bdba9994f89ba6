"""The ODT writer (OdtDocument): a valid ODF 1.3 package with styles, links, fields, a TOC."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from tests.print.tools import (
    flat,
    leader_lines,
    odf_schema,
    pdf_pages,
    soffice_to_pdf,
    styles_used_and_defined,
)

from kpss.errors import UsageError
from kpss.publish.print.odt import (
    MIMETYPE,
    NS,
    TITLE,
    Em,
    Link,
    OdtDocument,
    PageRef,
    Strong,
)

MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30">'
    b'<rect width="60" height="30"/></svg>'
)


def _sample(out: Path) -> Path:
    doc = OdtDocument("Zkouška <b>&</b>")
    doc.paragraph("Zkušební dokument", style=TITLE)
    doc.toc("Obsah", levels=2)
    doc.heading("První kapitola", 1, anchor="prvni")
    doc.paragraph(
        [
            "Text s ",
            Strong("tučným"),
            " a ",
            Em("kurzívou"),
            "; web ",
            Link("obce", "https://www.obec.cz"),
            ", skript ",
            Link("zlý", "javascript:alert(1)"),
            ", data ",
            Link("data", "data:text/html,x"),
            "; viz stranu ",
            PageRef("druha"),
            ".\tTabulátor\na nový řádek,   tři mezery, řídicí\x0bznak.",
        ]
    )
    doc.heading("Oddíl", 2, anchor="oddil")
    doc.table(
        [["telefon", "737 123 970"], ["e-mail", Link("info@obec.cz", "mailto:info@obec.cz")]],
        header=["Druh", "Kontakt"],
        widths=(1, 3),
    )
    doc.bullets(["jedna", ["dvě ", Strong("tučně")]])
    doc.picture(SVG, "image/svg+xml", title="Graf <služeb>", width_cm=6, height_cm=3)
    doc.heading("Pododdíl, který v obsahu není", 3, anchor="hluboko")
    for number in range(60):
        doc.paragraph(f"Odstavec {number} " + "slovo " * 60)
    doc.page_break()
    doc.heading("Druhá kapitola <script>", 1, anchor="druha")
    doc.paragraph("<i>značky</i> & entity &amp; zůstávají textem")
    return doc.save(out)


@pytest.fixture(scope="module")
def odt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _sample(tmp_path_factory.mktemp("odt") / "zkouska.odt")


def _xml(odt: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(odt) as package:
        return etree.fromstring(package.read(name))


def test_package_mimetype_first_and_stored(odt: Path) -> None:
    with zipfile.ZipFile(odt) as package:
        infos = package.infolist()
        assert infos[0].filename == "mimetype"
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[0].extra == b""
        assert package.read("mimetype") == MIMETYPE.encode("ascii")
        names = {i.filename for i in infos}
        manifest = etree.fromstring(package.read("META-INF/manifest.xml"))
    listed = {
        e.get(f"{{{MANIFEST}}}full-path"): e.get(f"{{{MANIFEST}}}media-type") for e in manifest
    }
    assert listed == {
        "/": MIMETYPE,
        "content.xml": "text/xml",
        "styles.xml": "text/xml",
        "meta.xml": "text/xml",
        "Pictures/obrazek1.svg": "image/svg+xml",
    }
    assert names == {"mimetype", "META-INF/manifest.xml", *(n for n in listed if n != "/")}
    with zipfile.ZipFile(odt) as package:
        assert package.read("Pictures/obrazek1.svg") == SVG
    # the bytes at offset 30 spell the mimetype: how file(1) and others recognise an ODT
    assert odt.read_bytes()[30:38] == b"mimetype"


@pytest.mark.parametrize("part", ["content.xml", "styles.xml", "meta.xml"])
def test_parts_valid_against_odf_13_schema(odt: Path, part: str) -> None:
    schema = odf_schema()
    document = _xml(odt, part).getroottree()
    assert schema.validate(document), schema.error_log


def test_manifest_valid_against_odf_13_manifest_schema(odt: Path) -> None:
    schema = odf_schema("OpenDocument-v1.3-manifest-schema.rng")
    assert schema.validate(_xml(odt, "META-INF/manifest.xml").getroottree()), schema.error_log


def test_schema_catches_a_broken_content(odt: Path) -> None:
    content = _xml(odt, "content.xml")
    body = content.find(".//office:text", NS)
    assert body is not None
    etree.SubElement(body, f"{{{NS['text']}}}no-such-element")
    assert not odf_schema().validate(content.getroottree())


def test_headings_use_named_styles_with_outline_levels(odt: Path) -> None:
    content = _xml(odt, "content.xml")
    headings = content.findall(".//text:h", NS)
    levels = [
        (h.get(f"{{{NS['text']}}}outline-level"), h.get(f"{{{NS['text']}}}style-name"))
        for h in headings
    ]
    assert levels == [
        ("1", "Heading_20_1"),
        ("2", "Heading_20_2"),
        ("3", "Heading_20_3"),
        ("1", "Heading_20_1"),
    ]
    styles = _xml(odt, "styles.xml")
    names = {
        s.get(f"{{{NS['style']}}}name"): s.get(f"{{{NS['style']}}}display-name")
        for s in styles.iterfind(".//style:style", NS)
    }
    for level in (1, 2, 3):
        assert names[f"Heading_20_{level}"] == f"Heading {level}"
    assert names["Text_20_body"] == "Text body"
    assert names["Contents_20_1"] == "Contents 1"


def test_toc_is_filled_with_links_and_page_fields(odt: Path) -> None:
    content = _xml(odt, "content.xml")
    toc = content.find(".//text:table-of-content", NS)
    assert toc is not None
    entries = toc.findall("text:index-body/text:p", NS)
    links = [
        (
            e.find("text:a", NS).get(f"{{{NS['xlink']}}}href"),
            flat("".join(e.find("text:a", NS).itertext())),
        )
        for e in entries
    ]
    assert links == [
        ("#prvni", "První kapitola"),
        ("#oddil", "Oddíl"),
        ("#druha", "Druhá kapitola <script>"),
    ]
    for entry in entries:
        field = entry.find("text:bookmark-ref", NS)
        assert field is not None
        assert field.get(f"{{{NS['text']}}}reference-format") == "page"
    bookmarks = {
        b.get(f"{{{NS['text']}}}name") for b in content.iterfind(".//text:h/text:bookmark", NS)
    }
    assert {"prvni", "oddil", "hluboko", "druha"} <= bookmarks
    source = toc.find("text:table-of-content-source", NS)
    assert source is not None
    assert source.get(f"{{{NS['text']}}}outline-level") == "2"


def test_text_is_escaped_links_only_safe_and_controls_dropped(odt: Path) -> None:
    content = _xml(odt, "content.xml")
    text = "".join(content.itertext())
    assert "<i>značky</i> & entity &amp; zůstávají textem" in text
    assert "\x0b" not in text
    assert "řídicíznak" in text
    hrefs = [a.get(f"{{{NS['xlink']}}}href") for a in content.iterfind(".//text:a", NS)]
    assert "https://www.obec.cz" in hrefs
    assert "mailto:info@obec.cz" in hrefs
    assert not [h for h in hrefs if h.startswith(("javascript:", "data:"))]
    assert "zlý" in text
    assert "data" in text
    assert content.find(".//text:tab", NS) is not None
    assert content.find(".//text:line-break", NS) is not None
    spaces = content.find(".//text:s", NS)
    assert spaces is not None
    assert spaces.get(f"{{{NS['text']}}}c") == "2"
    meta = _xml(odt, "meta.xml")
    assert meta.find(".//dc:title", NS).text == "Zkouška <b>&</b>"  # type: ignore[union-attr]


def test_tables_have_header_rows_and_cells(odt: Path) -> None:
    content = _xml(odt, "content.xml")
    table = content.find(".//table:table", NS)
    assert table is not None
    assert len(table.findall("table:table-column", NS)) == 2
    head = table.find("table:table-header-rows/table:table-row", NS)
    assert head is not None
    assert ["".join(c.itertext()) for c in head] == ["Druh", "Kontakt"]
    rows = [["".join(c.itertext()) for c in r] for r in table.findall("table:table-row", NS)]
    assert rows == [["telefon", "737 123 970"], ["e-mail", "info@obec.cz"]]


def test_wrong_use_is_refused(tmp_path: Path) -> None:
    doc = OdtDocument("x")
    doc.heading("A", 1, anchor="a")
    with pytest.raises(UsageError, match="used twice"):
        doc.heading("B", 1, anchor="a")
    with pytest.raises(UsageError, match="level 4"):
        doc.heading("C", 4)
    with pytest.raises(UsageError, match="anchor"):
        doc.paragraph("x", anchor="1 bad")
    with pytest.raises(UsageError, match="page"):
        OdtDocument("x", page="Letter")
    with pytest.raises(UsageError, match="is a folder"):
        doc.save(tmp_path)


def test_save_replaces_only_when_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "a.odt"
    out.write_bytes(b"previous")
    doc = OdtDocument("x")
    doc.paragraph("text")

    def broken() -> bytes:
        raise RuntimeError("styles failed")

    monkeypatch.setattr(doc, "meta_xml", broken)
    with pytest.raises(RuntimeError, match="styles failed"):
        doc.save(out)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["a.odt"]


def test_libreoffice_lays_out_the_toc_and_page_fields(odt: Path, tmp_path: Path) -> None:
    pdf = soffice_to_pdf(odt, tmp_path)
    pages = [flat(p) for p in pdf_pages(pdf)]
    layout = pdf_pages(pdf, layout=True)
    toc = dict(leader_lines(layout[0]))
    assert set(toc) == {"První kapitola", "Oddíl", "Druhá kapitola <script>"}
    for title, number in toc.items():
        assert title in pages[number - 1], (title, number)
    assert toc["Druhá kapitola <script>"] > toc["První kapitola"]
    # the "viz stranu" field shows the page of the second chapter
    assert f"viz stranu {toc['Druhá kapitola <script>']}." in pages[toc["První kapitola"] - 1]


def test_every_style_used_is_defined(odt: Path) -> None:
    used, defined = styles_used_and_defined(odt)
    assert {"Heading_20_1", "Text_20_body", "Internet_20_link", "Index_20_Link"} <= used
    assert used <= defined, used - defined


def test_pictures_have_alternative_text_and_known_types(odt: Path) -> None:
    content = _xml(odt, "content.xml")
    frame = content.find(".//draw:frame", NS)
    assert frame is not None
    image = frame.find("draw:image", NS)
    assert image is not None
    assert image.get(f"{{{NS['xlink']}}}href") == "Pictures/obrazek1.svg"
    assert frame.findtext("svg:title", namespaces=NS) == "Graf <služeb>"
    doc = OdtDocument("x")
    with pytest.raises(UsageError, match="image/gif"):
        doc.picture(b"GIF89a", "image/gif", title="x", width_cm=1, height_cm=1)
    with pytest.raises(UsageError, match="already"):
        doc.add_file("content.xml", b"", "text/xml")
