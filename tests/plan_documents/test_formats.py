"""The three formats as files: tagged PDF, ODT valid against ODF 1.3 with SVG pictures,
accessible charts in HTML, escaping of hostile plan text, atomic writing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import attrs
import pytest
from lxml import etree
from pypdf import PdfReader
from tests.plan_documents.readback import ODF, html_tables, html_tree, odt_root
from tests.print.tools import flat, odf_schema, pdf_pages

from kpss.errors import UsageError
from kpss.model.actors import Role
from kpss.model.plan import Comment, Plan
from kpss.planning.documents import comments_document, plan_document, write_document
from kpss.planning.documents.blocks import Document, Heading

HOSTILE = '<script>alert("x")</script> & <b>tučně</b> ]]> \x07'


def test_pdf_is_tagged_czech_and_titled(exported: dict[str, Path], plan: Plan) -> None:
    reader = PdfReader(exported["pdf"])
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).lower().startswith("cs")
    assert flat(reader.metadata.title) == flat(plan.title)
    assert len(reader.pages) > 5


@pytest.mark.parametrize("part", ["content.xml", "styles.xml", "meta.xml"])
def test_odt_parts_are_valid_odf(exported: dict[str, Path], part: str) -> None:
    with zipfile.ZipFile(exported["odt"]) as package:
        tree = etree.fromstring(package.read(part))
    assert odf_schema().validate(tree), odf_schema().error_log


def test_odt_manifest_lists_every_picture(exported: dict[str, Path]) -> None:
    with zipfile.ZipFile(exported["odt"]) as package:
        names = package.namelist()
        manifest = etree.fromstring(package.read("META-INF/manifest.xml"))
        assert odf_schema("OpenDocument-v1.3-manifest-schema.rng").validate(manifest)
        assert names[0] == "mimetype"
        pictures = [n for n in names if n.startswith("Pictures/")]
        entries = {
            e.get(f"{{{manifest.nsmap['manifest']}}}full-path"): e.get(
                f"{{{manifest.nsmap['manifest']}}}media-type"
            )
            for e in manifest
        }
        assert pictures
        for name in pictures:
            assert entries[name] == "image/svg+xml"
            svg = etree.fromstring(package.read(name))
            assert svg.get("role") == "img"
            assert svg.find("{http://www.w3.org/2000/svg}title").text
    images = list(odt_root(exported["odt"]).iter(f"{{{ODF['draw']}}}image"))
    assert sorted(i.get(f"{{{ODF['xlink']}}}href") for i in images) == sorted(pictures)
    for image in images:
        frame = image.getparent()
        assert frame.find("svg:title", ODF).text


def test_every_html_chart_is_an_image_with_a_title_and_its_numbers_in_a_table(
    exported: dict[str, Path],
) -> None:
    tree = html_tree(exported["html"])
    figures = tree.findall(".//figure")
    assert len(figures) >= 4
    ids = set()
    for figure in figures:
        svg = figure.find("svg")
        assert svg.get("role") == "img"
        title = svg.find("title")
        assert title.text
        assert svg.get("aria-labelledby") == title.get("id")
        ids.add(title.get("id"))
        table = figure.getnext()
        assert table.tag == "table"
        bars = [flat(t.text_content()) for t in svg.iter("text")][1:]
        rows = [[flat(c.text_content()) for c in r] for r in table.findall("tbody/tr")]
        labels = [b for b in bars if b not in {r[1] for r in rows}]
        values = [b for b in bars if b in {r[1] for r in rows} and b not in labels]
        assert len(rows) == len(svg.findall("rect")) + sum(1 for r in rows if r[1] == "údaj chybí")
        for row in rows:
            assert row[1] in bars
        assert values
    assert len(ids) == len(figures)


def test_pdf_draws_the_charts(exported: dict[str, Path]) -> None:
    text = flat(" ".join(pdf_pages(exported["pdf"])))
    assert "Počet druhů terénních služeb, které dosahují do obce" in text
    assert "Služby podle druhu (počet služeb)" in text


def _hostile(plan: Plan) -> Plan:
    assert plan.comment_period is not None
    comment = Comment(99, HOSTILE, Role.USER, HOSTILE, HOSTILE, justification=HOSTILE)
    period = attrs.evolve(plan.comment_period, comments=(comment,))
    return attrs.evolve(plan, title=HOSTILE, comment_period=period, vision=HOSTILE)


@pytest.mark.parametrize("fmt", ["html", "odt", "pdf"])
def test_hostile_text_stays_text(plan: Plan, tmp_path: Path, fmt: str) -> None:
    out = write_document(comments_document(_hostile(plan)), fmt, tmp_path / f"x.{fmt}")
    shown = '<script>alert("x")</script> & <b>tučně</b> ]]>'
    if fmt == "html":
        tree = html_tree(out)
        assert tree.find(".//script") is None
        assert tree.find(".//main//b") is None
        row = html_tables(out)["Vypořádání připomínek k návrhu plánu"].rows[0]
        assert shown in row[1]
        assert "\x07" not in out.read_text(encoding="utf-8").split("</style>")[1]
    elif fmt == "odt":
        text = flat("".join(odt_root(out).itertext()))
        assert shown in text
    else:
        assert shown in flat(" ".join(pdf_pages(out)))


def test_full_plan_with_hostile_vision_escapes_in_html(plan: Plan, tmp_path: Path) -> None:
    out = write_document(plan_document(_hostile(plan)), "html", tmp_path / "p.html")
    tree = html_tree(out)
    assert tree.find(".//script") is None
    assert flat(tree.find(".//title").text) == flat(HOSTILE.replace("\x07", ""))


@pytest.mark.parametrize("fmt", ["html", "odt", "pdf"])
def test_failed_export_leaves_the_old_file(plan: Plan, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out" / f"old.{fmt}"
    out.parent.mkdir()
    out.write_bytes(b"old")
    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "document.html").write_text("<p>{{ no_such_variable }}</p>", encoding="utf-8")
    if fmt == "odt":  # the ODT writer refuses an anchor that is not a name
        document = Document("x", (), (Heading(1, "Kapitola", "1 not a name"),))
    else:
        document = comments_document(plan)
    with pytest.raises(Exception):  # noqa: B017,PT011 (UsageError or the template's error)
        write_document(document, fmt, out, template_dirs=[broken])
    assert out.read_bytes() == b"old"
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_writing_over_the_input_is_refused(plan: Plan, tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="input"):
        write_document(comments_document(plan), "html", source, inputs=[source])
    link = tmp_path / "link.html"
    link.symlink_to(source)
    with pytest.raises(UsageError, match="input"):
        write_document(comments_document(plan), "html", link, inputs=[source])
    assert source.read_text(encoding="utf-8") == "x"


def test_unknown_format_is_refused(plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="html, pdf, odt"):
        write_document(comments_document(plan), "docx", tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    ("author", "role", "shown"),
    [
        ("Jana Nováková", Role.USER, "občan/občanka"),
        ("Jan Novák", Role.PUBLIC, "občan/občanka"),
        ("Klub seniorů Kralovice", Role.USER, "Klub seniorů Kralovice"),  # a group member
        ("Město Plasy", Role.PUBLIC, "Město Plasy"),  # a body of the plan
        ("Domov pro seniory Plasy", Role.PROVIDER, "Domov pro seniory Plasy"),
    ],
)
def test_private_commenters_are_anonymous_in_every_format(
    plan: Plan, tmp_path: Path, author: str, role: Role, shown: str
) -> None:
    assert plan.comment_period is not None
    comment = Comment(1, author, role, "1", "Text připomínky.")
    period = attrs.evolve(plan.comment_period, comments=(comment,))
    document = comments_document(attrs.evolve(plan, comment_period=period))
    html_out = write_document(document, "html", tmp_path / "c.html")
    odt_out = write_document(document, "odt", tmp_path / "c.odt")
    row = html_tables(html_out)["Vypořádání připomínek k návrhu plánu"].rows[0]
    assert row[2].startswith(shown)
    odt_text = flat("".join(odt_root(odt_out).itertext()))
    assert shown in odt_text
    if shown != author:
        assert author not in html_out.read_text(encoding="utf-8")
        assert author not in odt_text
