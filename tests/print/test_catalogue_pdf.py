"""The printed catalogue (kpss export pdf): what its pages say, read back with pdftotext/pypdf."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from tests.print.conftest import (
    MARKUP_NAME,
    OFFER,
    RELATED_NAME,
    RELATED_PHONE,
    SECRET_POSTCODE,
    SECRET_STREET,
    TERRITORY,
    TITLE,
    BuiltPdf,
)
from tests.print.tools import LONE_AT_END, count_title, flat, leader_lines, pdf_pages

from kpss.errors import UsageError
from kpss.publish.print.book import Book, card_anchor, short_title
from kpss.publish.print.catalogue import write_catalogue_pdf
from kpss.publish.print.settings import PrintSettings
from kpss.publish.view import PublicCatalog, PublicService

ARRANGEMENTS = ("group", "kind", "obec", "situation")


def _expected_mentions(book: Book, service: PublicService) -> int:
    """Sections the service is in, plus the index lines that name its full title."""
    anchor = card_anchor(service)
    sections = sum(any(e.service.id == service.id for e in s.entries) for s in book.sections)
    in_obce = sum(any(r.target == anchor for r in o.refs) for o in book.obce)
    in_providers = short_title(service) == service.title  # no provider name to drop
    return sections + in_obce + in_providers


@pytest.mark.parametrize("by", ARRANGEMENTS)
def test_every_service_once_in_each_of_its_sections(
    built_pdf: Callable[..., BuiltPdf], print_view: PublicCatalog, by: str
) -> None:
    report, book = built_pdf(by)
    pages = [flat(p) for p in pdf_pages(report.path)]
    whole = " ".join(pages)
    placed = {e.service.id for s in book.sections for e in s.entries}
    assert placed == set(print_view.services), "every service of the territory is in the book"
    starts = [report.anchors[s.anchor] for s in book.sections]
    for number, section in enumerate(book.sections):
        first = starts[number]
        last = (
            starts[number + 1]
            if number + 1 < len(starts)
            else report.anchors["rejstrik-poskytovatelu"]
        )
        span = " ".join(pages[first - 1 : last])
        for entry in section.entries:
            assert count_title(span, entry.service.title) >= 1, (section.title, entry.service.title)
    for service in print_view.services.values():
        assert count_title(whole, service.title) == _expected_mentions(book, service), (
            by,
            service.title,
        )


def test_a_service_in_several_sections_has_one_card_and_references(
    built_pdf: Callable[..., BuiltPdf],
) -> None:
    report, book = built_pdf("group")
    cards = [e for s in book.sections for e in s.entries if e.card]
    references = [e for s in book.sections for e in s.entries if not e.card]
    assert references, "the sample has services in several target groups"
    assert len(cards) == len({e.service.id for e in cards})
    whole = flat(" ".join(pdf_pages(report.path)))
    assert whole.count("Registrační číslo:") == len(cards)


def test_repeat_prints_the_card_in_every_section(built_pdf: Callable[..., BuiltPdf]) -> None:
    report, book = built_pdf("group", repeat=True)
    entries = [e for s in book.sections for e in s.entries]
    assert all(e.card for e in entries)
    whole = flat(" ".join(pdf_pages(report.path)))
    assert whole.count("Registrační číslo:") == len(entries)


@pytest.mark.parametrize("by", ["group", "obec"])
def test_contents_page_numbers_point_at_the_sections(
    built_pdf: Callable[..., BuiltPdf], by: str
) -> None:
    report, book = built_pdf(by)
    layout = pdf_pages(report.path, layout=True)
    pages = [flat(p) for p in pdf_pages(report.path)]
    toc_pages = layout[report.anchors["obsah"] - 1 : report.anchors["cast-sluzby"] - 1]
    lines = [line for page in toc_pages for line in leader_lines(page)]
    titles = [flat(s.title) for s in book.sections]
    found = dict(lines)
    assert len(lines) >= len(book.sections) + 3
    for section, title in zip(book.sections, titles, strict=True):
        number = found.get(title)
        if number is None:  # a wrapped title: its last line carries the number
            number = next(n for text, n in lines if title.rstrip(".").endswith(text.rstrip(".")))
        assert number == report.anchors[section.anchor], title
        assert title in pages[number - 1], f"{title} is not on page {number}"
    assert found["Rejstřík poskytovatelů"] == report.anchors["rejstrik-poskytovatelu"]
    assert "Rejstřík poskytovatelů" in pages[found["Rejstřík poskytovatelů"] - 1]


def test_index_page_numbers_point_at_the_cards(built_pdf: Callable[..., BuiltPdf]) -> None:
    report, book = built_pdf("group")
    layout = pdf_pages(report.path, layout=True)
    pages = [flat(p) for p in pdf_pages(report.path)]
    first = report.anchors["rejstrik-poskytovatelu"]
    index_lines = [line for page in layout[first - 1 :] for line in leader_lines(page)]
    expected = sum(len(e.refs) for e in book.providers) + sum(len(e.refs) for e in book.obce)
    assert len(index_lines) == expected
    titles = {e.target: flat(e.service.title) for s in book.sections for e in s.entries}
    refs = [r for e in (*book.providers, *book.obce) for r in e.refs]
    for text, number in index_lines:
        assert number < first
        cards = [
            titles[r.target] for r in refs if flat(r.label).rstrip(".").endswith(text.rstrip("."))
        ]
        assert any(card in pages[number - 1] for card in cards), (text, number)
    for ref in refs:
        assert titles[ref.target] in pages[report.anchors[ref.target] - 1]


def test_cover_title_territory_and_date(built_pdf: Callable[..., BuiltPdf]) -> None:
    report, book = built_pdf("kind")
    cover = flat(pdf_pages(report.path)[0])
    assert TITLE in cover
    assert flat(TERRITORY) in cover
    assert f"Stav k {book.as_of.day}. {book.as_of.month}. {book.as_of.year}" in cover


def test_running_headers_name_the_section(built_pdf: Callable[..., BuiltPdf]) -> None:
    report, book = built_pdf("kind")
    layout = pdf_pages(report.path, layout=True)
    starts = [(report.anchors[s.anchor], flat(s.title)) for s in book.sections]
    first = starts[0][0]
    end = report.anchors.get("navazne-sluzby", report.anchors["rejstrik-poskytovatelu"])
    for number in range(first, end):
        header = flat(layout[number - 1].strip().splitlines()[0])
        current = [t for p, t in starts if p < number][-1:] + [t for p, t in starts if p == number]
        assert header.startswith(TITLE), header
        assert any(header.endswith(t) for t in [*current, flat(book.part_title)]), (number, header)
    numbers = [p.strip().splitlines()[-1].strip() for p in layout[1:]]
    assert numbers == [str(n) for n in range(2, len(layout) + 1)]


def test_secret_addresses_and_personal_data_never_printed(
    built_pdf: Callable[..., BuiltPdf], personal_names: list[str]
) -> None:
    for by in ARRANGEMENTS:
        report, _ = built_pdf(by)
        whole = flat(" ".join(pdf_pages(report.path)))
        assert SECRET_STREET not in whole
        assert SECRET_POSTCODE[:3] + " " + SECRET_POSTCODE[3:] not in whole
        assert "adresa neveřejná" in whole
        leaked = [name for name in personal_names if name in whole]
        assert not leaked, leaked


def test_injected_markup_is_printed_as_text(built_pdf: Callable[..., BuiltPdf]) -> None:
    report, _ = built_pdf("kind")
    whole = flat(" ".join(pdf_pages(report.path)))
    assert flat(MARKUP_NAME) in whole
    assert "alert(1)" in whole


def test_no_one_letter_word_ends_a_line_and_words_are_hyphenated(
    built_pdf: Callable[..., BuiltPdf],
) -> None:
    for page in ("A4", "A5"):
        report, _ = built_pdf("kind", page)
        lines = [line.rstrip() for p in pdf_pages(report.path) for line in p.splitlines()]
        lone = [line for line in lines if LONE_AT_END.search(line)]
        assert not lone, lone[:5]
        assert any(re.search(r"\w[-\u2010]$", line) for line in lines), "no hyphenated line"


def test_page_sizes_a4_and_a5(built_pdf: Callable[..., BuiltPdf]) -> None:
    sizes = {}
    for page in ("A4", "A5"):
        report, _ = built_pdf("kind", page)
        box = PdfReader(report.path).pages[3].mediabox
        sizes[page] = (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4))
    assert sizes == {"A4": (210, 297), "A5": (148, 210)}


def test_tagged_pdf_ua_with_czech_language_and_title(built_pdf: Callable[..., BuiltPdf]) -> None:
    report, _ = built_pdf("kind")
    reader = PdfReader(report.path)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower().startswith("cs")
    assert reader.metadata is not None
    assert reader.metadata.title == f"{TITLE} – {TERRITORY}"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid" in xmp


def test_fonts_are_embedded_and_carry_czech_letters(built_pdf: Callable[..., BuiltPdf]) -> None:
    report, _ = built_pdf("kind")
    reader = PdfReader(report.path)
    fonts: set[str] = set()
    for page in reader.pages[:4]:
        resources = page["/Resources"].get_object()
        for reference in resources.get("/Font", {}).values():
            font = reference.get_object()
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, "font not embedded"
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts
    assert all(re.match(r"(Liberation|DejaVu)", f) for f in fonts), fonts
    text = reader.pages[0].extract_text()
    assert "sociálních služeb" in text
    assert "Plzeňský" in text


def test_plugin_template_folder_brands_the_cover(print_view: PublicCatalog, tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    (brand / "partials").mkdir(parents=True)
    (brand / "partials" / "header.html").write_text(
        '<p class="brand-name">Obec Zkušebná – {{ title }}</p>\n', encoding="utf-8"
    )
    (brand / "branding.css").write_text(
        ".brand-name::after { content: ' (BRANDING)'; }\n", encoding="utf-8"
    )
    report = write_catalogue_pdf(
        _small(print_view),
        tmp_path / "k.pdf",
        title=TITLE,
        settings=PrintSettings(by="kind"),
        template_dirs=[brand],
    )
    cover = flat(pdf_pages(report.path)[0])
    assert f"Obec Zkušebná – {TITLE} (BRANDING)" in cover


def _small(view: PublicCatalog) -> PublicCatalog:
    import attrs

    keep = list(view.services)[:3]
    return attrs.evolve(view, services={i: view.services[i] for i in keep})


def test_progress_rises_to_the_end(print_view: PublicCatalog, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_catalogue_pdf(
        _small(print_view),
        tmp_path / "k.pdf",
        title=TITLE,
        settings=PrintSettings(by="kind"),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) >= 3


def test_a_failed_template_leaves_the_previous_file(
    print_view: PublicCatalog, tmp_path: Path
) -> None:
    out = tmp_path / "k.pdf"
    out.write_bytes(b"previous")
    broken = tmp_path / "broken"
    (broken / "partials").mkdir(parents=True)
    (broken / "partials" / "header.html").write_text("{{ no_such_variable }}", encoding="utf-8")
    with pytest.raises(Exception, match="no_such_variable"):
        write_catalogue_pdf(_small(print_view), out, title=TITLE, template_dirs=[broken])
    assert out.read_bytes() == b"previous"


def test_a_failure_while_writing_leaves_the_previous_file(
    print_view: PublicCatalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint.document

    def half_written(self: object, target: Any = None, **options: Any) -> None:
        target.write(b"%PDF-1.7 half")
        raise OSError("disk full")

    monkeypatch.setattr(weasyprint.document.Document, "write_pdf", half_written)
    out = tmp_path / "k.pdf"
    out.write_bytes(b"previous")
    with pytest.raises(OSError, match="disk full"):
        write_catalogue_pdf(_small(print_view), out, title=TITLE)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["k.pdf"]


def test_output_folder_is_refused(print_view: PublicCatalog, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        write_catalogue_pdf(_small(print_view), tmp_path, title=TITLE)


def test_local_additions_and_related_services_are_printed(
    built_pdf: Callable[..., BuiltPdf],
) -> None:
    report, book = built_pdf("kind")
    pages = [flat(p) for p in pdf_pages(report.path)]
    whole = " ".join(pages)
    marked = next(s for s in book.view.services.values() if s.title == MARKUP_NAME)
    start = report.anchors[card_anchor(marked)]
    card = " ".join(pages[start - 1 : start + 1])  # a long card may go on to the next page
    for shown in (
        OFFER,
        "zdarma – první konzultace zdarma",
        "čeština, ukrajinština",
        "Bezbariérový přístup",
        "Po 8:00–16:00",
        RELATED_NAME,
        "není registrovaná sociální služba",
    ):
        assert shown in card, shown
    chapter = pages[report.anchors["navazne-sluzby"] - 1]
    assert chapter.count(RELATED_NAME) == 1
    assert RELATED_PHONE in chapter
    assert "Spolek U Lípy" in chapter
    toc = pages[report.anchors["obsah"] - 1]
    assert "Návazné služby" in toc
    assert whole.count(RELATED_NAME) == 2  # the card's line and the chapter
