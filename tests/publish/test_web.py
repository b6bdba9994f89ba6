"""kpss export web: the generated site, read back with lxml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html
from tests.publish import catalog_data

import kpss
from kpss.errors import UsageError
from kpss.plugins import manager
from kpss.plugins.records import ExportOptions
from kpss.publish import public_view
from kpss.publish.exporters import export_web
from kpss.publish.site import MARKER
from kpss.publish.typography import czech_key

PAGE_DIRS = ("sluzby", "poskytovatele", "obce", "druhy", "skupiny", "situace")


def _export(catalog: kpss.Catalog, out: Path, **settings: object) -> None:
    options = ExportOptions(
        title="Katalog sociálních služeb",
        territory_name="Kralovicko",
        settings={"area": catalog_data.kralovicko(), **settings},
    )
    export_web(catalog, out, options)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[kpss.Catalog, Path]:
    folder = tmp_path_factory.mktemp("web")
    catalog = catalog_data.catalog(folder)
    site = folder / "site"
    _export(catalog, site)
    return catalog, site


@pytest.fixture(scope="module")
def site(data: tuple[kpss.Catalog, Path]) -> Path:
    return data[1]


def _pages(site: Path) -> Iterator[Path]:
    yield from sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def _tree(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def _text(path: Path) -> str:
    return " ".join(_tree(path).text_content().split())


def test_every_page_type_exists(site: Path) -> None:
    for name in ("index.html", "hledat.html", "sitemap.xml", "static/kpss.css", MARKER):
        assert (site / name).is_file(), name
    for folder in PAGE_DIRS:
        pages = list((site / folder).glob("*.html"))
        assert (site / folder / "index.html") in pages
        assert len(pages) >= 2, folder


def test_no_broken_internal_link_and_no_external_resource(site: Path) -> None:
    checked = 0
    for page in _pages(site):
        tree = _tree(page)
        assert tree.get("lang") == "cs", page
        for element, attribute, target, _ in tree.iterlinks():
            parts = urlsplit(target)
            if parts.scheme:
                assert element.tag == "a", f"{page}: external {element.tag} {target}"
                assert parts.scheme in ("http", "https", "mailto", "tel"), target
                continue
            assert not target.startswith("//"), target
            if not parts.path:
                continue  # a link to an anchor of the same page
            resolved = (page.parent / unquote(parts.path)).resolve()
            assert resolved.is_file(), f"{page.relative_to(site)}: broken {attribute} {target}"
            checked += 1
    assert checked > 500


def test_sitemap_lists_every_page(site: Path) -> None:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", text))
    pages = {p.relative_to(site).as_posix() for p in _pages(site)}
    assert locs == pages


def test_every_obec_of_the_territory_has_a_page(site: Path) -> None:
    area = catalog_data.kralovicko()
    names = [a.text_content() for a in _tree(site / "obce" / "index.html").xpath("//main//li/a")]
    for code in area.obec_codes:
        page = site / "obce" / f"{code}.html"
        assert page.is_file(), code
        obec = kpss.territory().obec(code)
        assert obec is not None
        assert obec.name in names
    assert names == sorted(names, key=czech_key)


def test_an_obec_without_services_says_where_to_turn(
    data: tuple[kpss.Catalog, Path],
) -> None:
    catalog, site = data
    served = {code for s in catalog for code in s.obce()}
    empty = sorted(catalog_data.kralovicko().obec_codes - served)
    assert empty, "the test data should leave some obce without a service"
    text = _text(site / "obce" / f"{empty[0]}.html")
    assert "Kam se obrátit" in text
    assert "obecního úřadu obce s rozšířenou působností Kralovice" in text
    links = _tree(site / "obce" / f"{empty[0]}.html").xpath("//main//a/@href")
    assert any(h.startswith("../sluzby/") for h in links)


def test_secret_address_shows_only_the_obec(site: Path) -> None:
    found = False
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert catalog_data.SECRET_STREET not in text, page
        found = found or "adresa neveřejná" in text
    assert found


def test_no_statutory_body_or_facility_head_anywhere(site: Path) -> None:
    names = (*catalog_data.STATUTORY_NAME, *catalog_data.HEAD_NAME)
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            for name in names:
                assert name not in text, f"{name} in {path}"


def test_markup_in_data_is_shown_as_text(site: Path) -> None:
    seen = 0
    for page in _pages(site):
        tree = _tree(page)
        for script in tree.iter("script"):
            assert "alert" not in (script.text or ""), page
            assert script.get("src", "").startswith(("pagefind/", "../pagefind/")), page
        assert not tree.xpath("//b[text()='Poradna']"), page
        if catalog_data.INJECTED in tree.text_content():
            seen += 1
    assert seen >= 3  # the provider's page, its services, the list of providers


def test_javascript_urls_are_not_linked(site: Path) -> None:
    for page in _pages(site):
        for href in _tree(page).xpath("//a/@href"):
            assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
    pages_with_it = [
        p for p in (site / "sluzby").glob("*.html") if "javascript:alert(1)" in _text(p)
    ]
    assert pages_with_it, "the javascript: web should still be shown as text"


def test_czech_order_of_services_and_providers(site: Path) -> None:
    titles = [a.text_content() for a in _tree(site / "sluzby" / "index.html").xpath("//main//li/a")]
    assert titles == sorted(titles, key=czech_key)
    names = [
        a.text_content() for a in _tree(site / "poskytovatele" / "index.html").xpath("//main//li/a")
    ]
    kept = [n for n in names if n in catalog_data.SORTED_PROVIDERS[1:]]
    assert kept == [
        "Černá hora, o. p. s.",
        "Hodná péče, z. ú.",
        "Charita Kralovice",
        "Žitná, z. s.",
    ]


def test_life_situations_all_appear_with_their_services(data: tuple[kpss.Catalog, Path]) -> None:
    catalog, site = data
    sections = manager.get_catalogue_sections()
    view = public_view(catalog, catalog_data.kralovicko())
    home = _text(site / "index.html")
    for section in sections:
        assert section.title in home.replace("\u00a0", " ")
        page = next((site / "situace").glob(f"{section.key}.html"))
        links = {Path(h).stem for h in _tree(page).xpath("//main//ul[@class='kpss-list']//a/@href")}
        assert links == {s.identifier for s in catalog if section.contains(s)}
        assert links <= set(view.services)


def test_service_page_shows_what_a_citizen_needs(data: tuple[kpss.Catalog, Path]) -> None:
    catalog, site = data
    view = public_view(catalog, catalog_data.kralovicko())
    service = next(s for s in view.services.values() if s.forms and s.places and s.contacts)
    tree = _tree(site / "sluzby" / f"{service.slug}.html")
    text = " ".join(tree.text_content().split()).replace("\u00a0", " ")
    assert tree.xpath("string(//h1)").replace("\u00a0", " ") == service.title
    assert service.kind.label in text
    assert service.forms[0].label in text
    assert view.provider_of(service).name in text
    crumbs = tree.xpath("//nav[@class='kpss-crumbs']//li")
    assert [c.text_content().replace("\u00a0", " ") for c in crumbs][-1] == service.title
    assert tree.xpath("//form[@role='search']/@action") == ["../hledat.html"]
    assert tree.xpath("//input[@id='kpss-q']/@name") == ["q"]


def test_home_and_search_page_have_one_search_form_and_a_results_region(site: Path) -> None:
    for name in ("index.html", "hledat.html"):
        tree = _tree(site / name)
        assert len(tree.xpath("//input[@id='kpss-q']")) == 1, name
        assert tree.xpath("//div[@id='kpss-search-results']/@aria-live") == ["polite"]


def test_print_and_responsive_css(site: Path) -> None:
    css = (site / "static" / "kpss.css").read_text(encoding="utf-8")
    assert "@media print" in css
    assert "@media (max-width" in css
    assert "url(" not in css
    assert "@import" not in css
    head = _tree(site / "index.html").xpath("//meta[@name='viewport']/@content")
    assert head == ["width=device-width, initial-scale=1"]


def test_a_failed_export_leaves_the_previous_site(
    data: tuple[kpss.Catalog, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, _ = data
    out = tmp_path / "site"
    _export(catalog, out, search="no")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    import jinja2

    calls = {"n": 0}
    real = jinja2.Template.render

    def failing(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        calls["n"] += 1
        if calls["n"] == 20:
            raise RuntimeError("interrupted half way")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", failing)
    with pytest.raises(RuntimeError, match="half way"):
        _export(catalog, out, search="no")
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name != "site"]  # no temporary left


def test_a_folder_kpss_did_not_write_is_not_replaced(
    data: tuple[kpss.Catalog, Path], tmp_path: Path
) -> None:
    catalog, _ = data
    (tmp_path / "dopis.txt").write_text("důležité", encoding="utf-8")
    with pytest.raises(UsageError, match="kpss did not write"):
        _export(catalog, tmp_path, search="no")
    assert (tmp_path / "dopis.txt").read_text(encoding="utf-8") == "důležité"


def test_the_output_may_not_hold_the_source(tmp_path: Path) -> None:
    catalog = catalog_data.catalog(tmp_path)  # rpss.json is in tmp_path
    with pytest.raises(UsageError, match="SOURCE"):
        _export(catalog, tmp_path, search="no")


def test_progress_is_reported(data: tuple[kpss.Catalog, Path], tmp_path: Path) -> None:
    catalog, _ = data
    seen: list[tuple[int, int]] = []
    options = ExportOptions(settings={"search": "no"}, progress=lambda d, t: seen.append((d, t)))
    export_web(catalog, tmp_path / "site", options)
    assert seen
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_plugin_templates_override_kpss_templates(
    data: tuple[kpss.Catalog, Path], tmp_path: Path
) -> None:
    catalog, _ = data
    brand = tmp_path / "brand"
    (brand / "partials").mkdir(parents=True)
    (brand / "partials" / "header.html").write_text(
        '<header role="banner" class="obec">Obec {{ title }}</header>', encoding="utf-8"
    )
    (brand / "partials" / "where_to_turn.html").write_text(
        "<p class='urad'>Sociální odbor MěÚ, situace {{ section.key }}</p>", encoding="utf-8"
    )
    (brand / "branding.css").write_text(":root { --kpss-brand-primary: #000; }", encoding="utf-8")
    out = tmp_path / "site"
    export_web(catalog, out, ExportOptions(template_dirs=(brand,), settings={"search": "no"}))
    home = _tree(out / "index.html")
    assert home.xpath("string(//header[@class='obec'])") == "Obec Katalog sociálních služeb"
    assert home.xpath("//link[@rel='stylesheet']/@href") == ["static/kpss.css", "branding.css"]
    assert (out / "branding.css").read_text(encoding="utf-8").startswith(":root")
    debts = _tree(out / "situace" / "dluhy.html")
    assert debts.xpath("string(//p[@class='urad'])") == "Sociální odbor MěÚ, situace dluhy"


def test_local_additions_are_shown(data: tuple[kpss.Catalog, Path], tmp_path: Path) -> None:
    import attrs

    from kpss.model.contacts import Address
    from kpss.model.services import Accessibility, Charge, Photo, RelatedKind, RelatedService

    catalog, _ = data
    picture = tmp_path / "foto.jpg"
    picture.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    club = RelatedService(
        "Klub seniorů <Pohoda>",
        key="klub-pohoda",
        kind=RelatedKind.SENIOR_CLUB,
        address=Address(street="Náměstí", house_number=1, obec_code="559075"),
        offer=("setkávání",),
    )
    first = next(iter(catalog))
    enriched = attrs.evolve(
        first,
        offer=("dovoz obědů", "nákupy"),
        charge=Charge.FREE,
        languages=("cs", "uk"),
        accessibility=Accessibility(barrier_free=True),
        sign_language_video="https://video.example.cz/znakovy",
        photos=(Photo("", "Naše středisko", str(picture), "image/jpeg"),),
        related_services=(club,),
    )
    local = kpss.Catalog.of(
        [enriched if s.identifier == first.identifier else s for s in catalog],
        codes=catalog.codes,
    )
    local.related["klub-pohoda"] = club
    out = tmp_path / "site"
    _export(local, out, search="no")
    page = out / "sluzby" / f"{first.identifier}.html"
    tree = _tree(page)
    text = _text(page).replace("\u00a0", " ")
    for shown in ("dovoz obědů", "Zdarma", "čeština, ukrajinština", "Bezbariérový přístup"):
        assert shown in text, shown
    assert tree.xpath("//a[@href='https://video.example.cz/znakovy']")
    (img,) = tree.xpath("//img")
    assert img.get("alt") == "Naše středisko"
    assert (page.parent / img.get("src")).read_bytes() == picture.read_bytes()
    assert "Klub seniorů <Pohoda>" in text
    assert "není registrovaná sociální služba" in text
    obec = _text(out / "obce" / "559075.html")
    assert "Klub seniorů <Pohoda>" in obec
