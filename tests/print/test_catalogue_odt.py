"""The catalogue as ODT (kpss export odt): structure, schema, content, LibreOffice's layout."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from tests.print import tools
from tests.print.conftest import (
    MARKUP_NAME,
    OFFER,
    RELATED_NAME,
    SECRET_POSTCODE,
    SECRET_STREET,
    TERRITORY,
    TITLE,
)

from kpss.cli import cli
from kpss.publish.print.book import Book, plan_book
from kpss.publish.print.catalogue_odt import write_catalogue_odt
from kpss.publish.print.odt import NS
from kpss.publish.print.settings import PrintSettings
from kpss.publish.view import PublicCatalog
from kpss.testing import RegisterInfo

TEXT = NS["text"]

Built = tuple[Path, Book]


@pytest.fixture(scope="module")
def built_odt(
    print_view: PublicCatalog, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Built]:
    cache: dict[str, Built] = {}

    def build(by: str) -> Built:
        if by not in cache:
            book = plan_book(print_view, title=TITLE, territory_name=TERRITORY, by=by)
            out = tmp_path_factory.mktemp("odt") / f"katalog-{by}.odt"
            write_catalogue_odt(book, out, PrintSettings(by=by))
            cache[by] = (out, book)
        return cache[by]

    return build


def _content(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("content.xml"))


def _text(element: etree._Element) -> str:
    return tools.flat("".join(element.itertext()))


@pytest.mark.parametrize("by", ["group", "kind", "obec", "situation"])
def test_valid_odf_and_every_service_once_per_section(
    built_odt: Callable[[str], Built], print_view: PublicCatalog, by: str
) -> None:
    path, book = built_odt(by)
    with zipfile.ZipFile(path) as package:
        assert package.infolist()[0].filename == "mimetype"
        for part in ("content.xml", "styles.xml", "meta.xml"):
            tree = etree.fromstring(package.read(part)).getroottree()
            assert tools.odf_schema().validate(tree), (part, tools.odf_schema().error_log)
    used, defined = tools.styles_used_and_defined(path)
    assert used <= defined, used - defined
    body = _content(path).find(".//office:text", NS)
    assert body is not None
    sections: list[tuple[str, list[str]]] = []
    in_part = False
    for element in body:
        level = element.get(f"{{{TEXT}}}outline-level")
        if element.tag == f"{{{TEXT}}}h" and level == "1":
            in_part = _text(element) == tools.flat(book.part_title)
            continue
        if not in_part:
            continue
        if element.tag == f"{{{TEXT}}}h" and level == "2":
            sections.append((_text(element), []))
        elif element.tag == f"{{{TEXT}}}h" and level == "3":
            sections[-1][1].append(_text(element))
        elif element.tag == f"{{{TEXT}}}p" and element.find("text:a", NS) is not None:
            link = element.find("text:a", NS)
            assert link is not None
            if _text(element).startswith("→"):
                sections[-1][1].append(_text(link))
            elif "(popis na uvedené straně)" in _text(element):  # by obec: one paragraph
                sections[-1][1].extend(_text(a) for a in element.findall("text:a", NS))
    assert [t for t, _ in sections] == [tools.flat(s.title) for s in book.sections]
    for (title, shown), section in zip(sections, book.sections, strict=True):
        assert sorted(shown) == sorted(tools.flat(e.service.title) for e in section.entries), title
    everywhere = {t for _, shown in sections for t in shown}
    assert everywhere == {tools.flat(s.title) for s in print_view.services.values()}


def test_toc_and_index_point_at_existing_bookmarks(built_odt: Callable[[str], Built]) -> None:
    path, book = built_odt("group")
    content = _content(path)
    bookmarks = {b.get(f"{{{TEXT}}}name") for b in content.iterfind(".//text:bookmark", NS)}
    toc = content.find(".//text:table-of-content/text:index-body", NS)
    assert toc is not None
    entries = [_text(p) for p in toc.findall("text:p", NS)]
    assert entries[:2] == ["O katalogu", tools.flat(book.part_title)]
    assert entries[2 : 2 + len(book.sections)] == [tools.flat(s.title) for s in book.sections]
    refs = [r.get(f"{{{TEXT}}}ref-name") for r in content.iterfind(".//text:bookmark-ref", NS)]
    assert refs
    assert set(refs) <= bookmarks
    cards = {e.target for s in book.sections for e in s.entries}
    index_targets = {r.target for e in (*book.providers, *book.obce) for r in e.refs}
    assert index_targets <= set(refs)
    assert cards <= bookmarks


def test_contacts_are_tables(built_odt: Callable[[str], Built], print_view: PublicCatalog) -> None:
    path, _ = built_odt("kind")
    content = _content(path)
    tables = content.findall(".//table:table", NS)
    with_contacts = [s for s in print_view.services.values() if s.contacts]
    related = [r for r in print_view.related.values() if r.contacts]
    assert len(tables) == len(with_contacts) + len(related)
    first = tables[0].find("table:table-row", NS)
    assert first is not None
    assert len(first.findall("table:table-cell", NS)) == 2


def test_no_secret_address_personal_data_or_markup(
    built_odt: Callable[[str], Built], personal_names: list[str]
) -> None:
    path, _ = built_odt("group")
    text = _text(_content(path))
    assert SECRET_STREET not in text
    assert SECRET_POSTCODE not in text
    assert "adresa neveřejná" in text
    assert not [n for n in personal_names if n in text]
    assert tools.flat(MARKUP_NAME) in text
    raw = zipfile.ZipFile(path).read("content.xml")
    assert b"<script>" not in raw
    assert b"&lt;script&gt;" in raw


def test_czech_non_breaking_spaces(built_odt: Callable[[str], Built]) -> None:
    path, _ = built_odt("kind")
    raw = "".join(_content(path).itertext())
    assert "k\u00a0soběstačnosti" in raw
    assert "v\u00a0nouzi" in raw
    assert " k soběstačnosti" not in raw


def test_libreoffice_converts_it_with_the_text_and_page_numbers(
    built_odt: Callable[[str], Built], tmp_path: Path
) -> None:
    path, book = built_odt("kind")
    pdf = tools.soffice_to_pdf(path, tmp_path)
    pages = [tools.flat(p) for p in tools.pdf_pages(pdf)]
    whole = " ".join(pages)
    for section in book.sections:
        for entry in section.entries:
            assert tools.flat(entry.service.title) in whole
    toc_page = next(n for n, p in enumerate(pages) if p.startswith("Obsah"))
    layout = tools.pdf_pages(pdf, layout=True)[toc_page]
    numbers = dict(tools.leader_lines(layout))
    for section in book.sections:
        number = numbers[tools.flat(section.title)]
        assert tools.flat(section.title) in pages[number - 1]
    assert "Rejstřík poskytovatelů" in pages[numbers["Rejstřík poskytovatelů"] - 1]


def test_cli_export_odt(print_register: RegisterInfo, tmp_path: Path) -> None:
    out = tmp_path / "katalog.odt"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "odt",
            str(print_register.json),
            "--codes",
            str(print_register.codes),
            "-o",
            str(out),
            "--set",
            "by=kind",
            "--title",
            "Katalog <zkouška>",
        ],
    )
    assert result.exit_code == 0, result.output
    content = _content(out)
    assert "Katalog <zkouška>" in _text(content)
    bad = CliRunner().invoke(
        cli, ["export", "odt", str(print_register.json), "-o", str(out), "--set", "by=street"]
    )
    assert bad.exit_code == 2
    assert "by" in bad.output


def test_local_additions_and_related_services(built_odt: Callable[[str], Built]) -> None:
    path, _ = built_odt("kind")
    content = _content(path)
    text = _text(content)
    for shown in (
        OFFER,
        "zdarma – první konzultace zdarma",
        "čeština, ukrajinština",
        "Bezbariérový přístup",
        RELATED_NAME,
        "není registrovaná sociální služba",
    ):
        assert shown in text, shown
    chapter = [h for h in content.iterfind(".//text:h", NS) if _text(h) == "Návazné služby"]
    assert len(chapter) == 1
    toc = content.find(".//text:table-of-content/text:index-body", NS)
    assert toc is not None
    assert "Návazné služby" in [_text(p) for p in toc.findall("text:p", NS)]


def test_progress_counts_the_sections(print_view: PublicCatalog, tmp_path: Path) -> None:
    book = plan_book(print_view, title=TITLE, by="kind")
    seen: list[tuple[int, int]] = []
    write_catalogue_odt(
        book,
        tmp_path / "k.odt",
        PrintSettings(by="kind"),
        progress=lambda d, t: seen.append((d, t)),
    )
    total = len(book.sections)
    assert seen == [(n, total) for n in range(1, total + 1)]
