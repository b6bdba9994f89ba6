"""kpss export fragment: a list or a card for a municipal CMS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from tests.publish import catalog_data

import kpss
from kpss.errors import UsageError
from kpss.plugins.records import ExportOptions
from kpss.publish import public_view
from kpss.publish.exporters import export_fragment
from kpss.publish.fragment import SCOPE


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> kpss.Catalog:
    return catalog_data.catalog(tmp_path_factory.mktemp("fragment"))


def _fragment(catalog: kpss.Catalog, out: Path, **settings: object) -> lxml_html.HtmlElement:
    export_fragment(catalog, out, ExportOptions(settings=settings))
    text = out.read_text(encoding="utf-8")
    assert "<html" not in text
    assert "<body" not in text
    assert "<head" not in text
    (root,) = lxml_html.fragments_fromstring(text)
    return root


def test_list_has_no_chrome_no_script_and_scoped_css(catalog: kpss.Catalog, tmp_path: Path) -> None:
    root = _fragment(catalog, tmp_path / "sluzby.html")
    assert root.get("class") == SCOPE
    assert root.get("lang") == "cs"
    assert not root.xpath("//script")
    assert not root.xpath("//nav|//header|//footer")
    (style,) = root.xpath("//style")
    selectors = [
        s.strip() for rule in re.findall(r"([^{}]+)\{", style.text) for s in rule.split(",")
    ]
    assert selectors
    assert all(s.startswith(f".{SCOPE}") for s in selectors), selectors
    titles = root.xpath("//h3")
    assert len(titles) == len(public_view(catalog, sections=()).services)


def test_markup_and_javascript_urls_in_a_fragment(catalog: kpss.Catalog, tmp_path: Path) -> None:
    root = _fragment(catalog, tmp_path / "sluzby.html")
    assert catalog_data.INJECTED in root.text_content()
    assert not root.xpath("//b")
    hrefs = root.xpath("//a/@href")
    assert hrefs
    assert all(h.startswith(("mailto:", "tel:", "http")) for h in hrefs)
    assert "javascript:alert(1)" in root.text_content()


def test_a_card_of_one_service_linked_to_the_web_catalogue(
    catalog: kpss.Catalog, tmp_path: Path
) -> None:
    view = public_view(catalog, sections=())
    service = next(iter(view.services.values()))
    root = _fragment(
        catalog, tmp_path / "karta.html", service=service.id, link_base="www.obec.cz/katalog"
    )
    (title,) = root.xpath("//h3/a")
    assert title.get("href") == f"https://www.obec.cz/katalog/sluzby/{service.slug}.html"
    assert len(root.xpath("//div[@class='kpss-f-card']")) == 1


def test_a_list_narrowed_to_a_kind(catalog: kpss.Catalog, tmp_path: Path) -> None:
    view = public_view(catalog, sections=())
    kind = view.kinds[0]
    root = _fragment(catalog, tmp_path / "druh.html", kind=kind.key, heading="2")
    assert len(root.xpath("//h2")) == len(kind.services)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"service": "0000000"}, "no such service"),
        ({"kind": "999"}, "not in the catalogue"),
        ({"link_base": "javascript:alert(1)"}, "http or https"),
        ({"heading": "9"}, "from 2 to 6"),
    ],
)
def test_bad_settings_are_clear_errors(
    catalog: kpss.Catalog, tmp_path: Path, settings: dict[str, str], message: str
) -> None:
    out = tmp_path / "f.html"
    out.write_text("předchozí", encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        export_fragment(catalog, out, ExportOptions(settings=settings))
    assert out.read_text(encoding="utf-8") == "předchozí"
