"""Leaflets (kpss export leaflet): an A5 sheet per life situation or kind, two-sided."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from tests.print.conftest import MARKUP_NAME, SECRET_STREET, TERRITORY, TITLE
from tests.print.tools import LONE_AT_END, count_title, flat, pdf_pages

from kpss.cli import cli
from kpss.errors import UsageError
from kpss.publish.print.leaflets import LeafletReport, plan_leaflets, write_leaflets
from kpss.publish.view import PublicCatalog
from kpss.testing import RegisterInfo

Built = tuple[LeafletReport, list]


@pytest.fixture(scope="module")
def built_leaflets(
    print_view: PublicCatalog, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Built]:
    cache: dict[str, Built] = {}

    def build(by: str) -> Built:
        if by not in cache:
            out = tmp_path_factory.mktemp("leaflet") / f"letaky-{by}.pdf"
            report = write_leaflets(print_view, out, title=TITLE, territory_name=TERRITORY, by=by)
            cache[by] = (report, plan_leaflets(print_view, by))
        return cache[by]

    return build


@pytest.mark.parametrize("by", ["situation", "kind"])
def test_each_leaflet_starts_on_a_front_page_with_its_services(
    built_leaflets: Callable[[str], Built], print_view: PublicCatalog, by: str
) -> None:
    report, leaflets = built_leaflets(by)
    pages = [flat(p) for p in pdf_pages(report.path)]
    assert len(pages) == report.pages
    starts = []
    for leaflet in leaflets:
        number = next(n for n, p in enumerate(pages, start=1) if p.startswith(flat(leaflet.title)))
        starts.append(number)
    assert all(n % 2 == 1 for n in starts), starts  # a right-hand page: a new sheet
    assert starts == sorted(starts)
    for index, leaflet in enumerate(leaflets):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(pages)
        text = " ".join(pages[starts[index] - 1 : end])
        for line in leaflet.lines:
            assert count_title(text, line.title) == 1, (leaflet.title, line.title)
        assert report.sheets[leaflet.key] == (end - starts[index] + 2) // 2
    if by == "kind":
        assert {line.title for lf in leaflets for line in lf.lines} == {
            s.title for s in print_view.services.values()
        }


def test_leaflets_are_a5_tagged_and_fit_a_sheet(built_leaflets: Callable[[str], Built]) -> None:
    report, leaflets = built_leaflets("situation")
    reader = PdfReader(report.path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 210)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert set(report.sheets) == {lf.key for lf in leaflets}
    assert all(n == 1 for n in report.sheets.values()), report.sheets


def test_leaflets_show_contacts_and_where_to_turn(built_leaflets: Callable[[str], Built]) -> None:
    report, leaflets = built_leaflets("situation")
    whole = flat(" ".join(pdf_pages(report.path)))
    advised = [lf for lf in leaflets if lf.where_to_turn]
    assert advised
    assert all(flat(lf.where_to_turn or "") in whole for lf in advised)
    phones = [
        c.value
        for lf in leaflets
        for line in lf.lines
        for c in line.contacts
        if c.kind == "telefon"
    ]
    assert phones
    assert all(flat(p) in whole for p in phones)


def test_no_secret_address_personal_data_or_markup(
    built_leaflets: Callable[[str], Built], personal_names: list[str]
) -> None:
    for by in ("situation", "kind"):
        report, _ = built_leaflets(by)
        pages = pdf_pages(report.path)
        whole = flat(" ".join(pages))
        assert SECRET_STREET not in whole
        assert not [n for n in personal_names if n in whole]
        lines = [line.rstrip() for p in pages for line in p.splitlines()]
        assert not [line for line in lines if LONE_AT_END.search(line)]
    report, _ = built_leaflets("kind")
    assert flat(MARKUP_NAME) in flat(" ".join(pdf_pages(report.path)))


def test_nothing_to_print_is_an_error(print_view: PublicCatalog, tmp_path: Path) -> None:
    import attrs

    empty = attrs.evolve(print_view, services={})
    with pytest.raises(UsageError, match="no leaflet"):
        write_leaflets(empty, tmp_path / "x.pdf", title=TITLE)
    assert not (tmp_path / "x.pdf").exists()


def test_cli_export_leaflet(print_register: RegisterInfo, tmp_path: Path) -> None:
    out = tmp_path / "letaky.pdf"
    args = ["export", "leaflet", str(print_register.json), "--codes", str(print_register.codes)]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--set", "by=kind"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    bad = CliRunner().invoke(cli, [*args, "-o", str(out), "--set", "page=A4"])
    assert bad.exit_code == 2
    assert "page" in bad.output
