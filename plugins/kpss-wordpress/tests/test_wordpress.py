"""kpss-wordpress: discovery, WXR structure, escaping, and no secret addresses."""

from __future__ import annotations

import datetime as dt
import html
import importlib.metadata
import re
from pathlib import Path

import kpss_wordpress
import pytest
from kpss_wordpress.pages import slugify
from kpss_wordpress.wxr import NS, export_wxr
from lxml import etree
from lxml import html as lxml_html

from kpss.errors import UsageError
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.codes import Code, CodeBook, CodeList
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.law import Form
from kpss.model.services import Capacity, Facility, FormOfProvision, Service
from kpss.plugins import manager as plugins
from kpss.plugins.records import ExportOptions
from kpss.reference import law

SECRET_STREET = "Tajná ulice"
GROUPS = CodeBook.of(
    [
        CodeList(
            "CilovaSkupinaOsoby",
            {
                "CilovaSkupinaOsoby/24": Code("CilovaSkupinaOsoby/24", "senioři"),
                "CilovaSkupinaOsoby/26": Code("CilovaSkupinaOsoby/26", "pečující osoby"),
            },
        )
    ]
)


@pytest.fixture(autouse=True)
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (plugins.ENV_LOAD, plugins.ENV_STRICT, plugins.ENV_TRACE, plugins.ENV_DIR):
        monkeypatch.delenv(name, raising=False)
    plugins.reset()


def _catalog() -> Catalog:
    table = law()
    care = table.resolve("40")
    shelter = table.resolve("57")
    assert care is not None
    assert shelter is not None
    provider = Provider("Charita <Kralovice> & spol.", "00000019")
    other = Provider("Azyl, z. s.", "00000027")
    services = [
        Service(
            identifier="1000001",
            kind_code=care.register_code or "",
            kind=care,
            provider=provider,
            name='Pečovatelská služba <script>alert("x")</script> & péče',
            forms=(
                FormOfProvision(
                    "FormaSocialniSluzby/ter",
                    Form.TERENNI,
                    capacities=(Capacity(12, "TypKapacitySocialniSluzby/klienti"),),
                ),
            ),
            target_groups=("CilovaSkupinaOsoby/24", "CilovaSkupinaOsoby/999"),
            facilities=(
                Facility(
                    "Středisko Kralovice",
                    Address(street="Markova", house_number=2, postcode="33141", obec_code="559075"),
                ),
            ),
            service_area=frozenset({"559075"}),
            contacts=(
                Contact(ContactKind.EMAIL, "pecovatelska@example.org"),
                Contact(ContactKind.WEB, "javascript:alert(1)"),
                Contact(ContactKind.PHONE, "+420 373 000 000", note="po–pá"),
            ),
        ),
        Service(
            identifier="1000002",
            kind_code=shelter.register_code or "",
            kind=shelter,
            provider=other,
            name="Azylový dům pro matky s dětmi",
            target_groups=("CilovaSkupinaOsoby/26",),
            facilities=(
                Facility(
                    "Azylový dům",
                    Address(street=SECRET_STREET, house_number=7, obec_code="559075"),
                    secret_address=True,
                ),
            ),
        ),
        Service(
            identifier="1000003",
            kind_code="DruhSocialniSluzby/999",
            provider=other,
            name="Služba neznámého druhu",
        ),
    ]
    return Catalog.of(services, codes=GROUPS, source="test")


def _export(tmp_path: Path, **settings: str) -> tuple[Path, etree._Element]:
    out = tmp_path / "katalog.xml"
    options = ExportOptions(title="Katalog Kralovicka", settings={"date": "2025-03-01", **settings})
    export_wxr(_catalog(), out, options)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return out, etree.parse(str(out), parser).getroot()


def _pages(root: etree._Element) -> dict[str, etree._Element]:
    """Items by title as WordPress shows it (``post_title`` is HTML-escaped in the file)."""
    return {html.unescape(item.findtext("title") or ""): item for item in root.iter("item")}


def _wp(item: etree._Element, name: str) -> str:
    return item.findtext(f"{{{NS['wp']}}}{name}") or ""


def test_plugin_is_discovered_through_its_entry_point() -> None:
    points = [ep for ep in importlib.metadata.entry_points(group="kpss") if ep.name == "wordpress"]
    assert len(points) == 1, (
        "kpss-wordpress is not installed (pip install -e plugins/kpss-wordpress)"
    )
    assert points[0].dist is not None
    assert points[0].dist.metadata["Name"] == "kpss-wordpress"
    assert points[0].load() is kpss_wordpress
    assert plugins.get_exporters()["wordpress"] is kpss_wordpress.EXPORTER
    assert plugins.get_exporter("wxr") is kpss_wordpress.EXPORTER
    assert plugins.owners("exporters")["wordpress"] == "wordpress"


def test_wxr_structure(tmp_path: Path) -> None:
    _, root = _export(tmp_path, site_url="https://www.kralovice.cz")
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    assert root.nsmap["wp"] == "http://wordpress.org/export/1.2/"
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext(f"{{{NS['wp']}}}wxr_version") == "1.2"
    assert channel.findtext(f"{{{NS['wp']}}}base_site_url") == "https://www.kralovice.cz"
    items = list(root.iter("item"))
    ids = [int(_wp(i, "post_id")) for i in items]
    assert ids == list(range(1, len(items) + 1))
    assert {_wp(i, "post_type") for i in items} == {"page"}
    pages = _pages(root)
    root_page = pages["Katalog Kralovicka"]
    assert _wp(root_page, "post_parent") == "0"
    by_id = {_wp(i, "post_id"): i for i in items}
    # parents come first and exist
    for item in items:
        parent = _wp(item, "post_parent")
        if parent != "0":
            assert int(parent) < int(_wp(item, "post_id"))
            assert parent in by_id
    index_titles = {"Všechny služby", "Druhy služeb", "Cílové skupiny"}
    for title in index_titles:
        assert _wp(pages[title], "post_parent") == _wp(root_page, "post_id")
    services_id = _wp(pages["Všechny služby"], "post_id")
    service_items = [i for i in items if _wp(i, "post_parent") == services_id]
    assert len(service_items) == 3
    kinds_id = _wp(pages["Druhy služeb"], "post_id")
    kind_titles = {i.findtext("title") for i in items if _wp(i, "post_parent") == kinds_id}
    assert kind_titles == {
        "§ 40 pečovatelská služba",
        "§ 57 azylové domy",
        "druh služby DruhSocialniSluzby/999",  # no label in the code lists: none invented
    }
    groups_id = _wp(pages["Cílové skupiny"], "post_id")
    group_titles = {i.findtext("title") for i in items if _wp(i, "post_parent") == groups_id}
    # labels from catalog.codes; an id no code list labels is left out, never invented
    assert group_titles == {"senioři", "pečující osoby"}
    slugs = [_wp(i, "post_name") for i in service_items]
    assert len(set(slugs)) == len(slugs)
    assert all(s.isascii() for s in slugs)


def _body(item: etree._Element) -> lxml_html.HtmlElement:
    text = item.findtext(f"{{{NS['content']}}}encoded")
    assert text
    return lxml_html.fragment_fromstring(text, create_parent="div")


def test_escaping_of_markup_in_names(tmp_path: Path) -> None:
    out, root = _export(tmp_path)
    raw = out.read_bytes()
    assert b"<script>" not in raw
    title = 'Pečovatelská služba <script>alert("x")</script> & péče'
    page = _pages(root)[title]
    # WordPress prints post_title as HTML: the title is HTML-escaped inside the XML
    assert page.findtext("title") == html.escape(title, quote=False)
    assert "&amp;lt;script&amp;gt;" in raw.decode("utf-8")
    body = _body(page)
    assert body.findall(".//script") == []
    assert "Charita <Kralovice> & spol." in body.text_content()
    links = [a.get("href") for a in body.iter("a")]
    assert "mailto:pecovatelska@example.org" in links
    assert not any(h and h.lower().startswith("javascript") for h in links)
    assert "javascript:alert(1)" in body.text_content()  # shown as text, not as a link
    index = _body(_pages(root)["Všechny služby"])
    assert title in [a.text_content() for a in index.iter("a")]


def test_service_page_content(tmp_path: Path) -> None:
    _, root = _export(tmp_path)
    body = _body(_pages(root)['Pečovatelská služba <script>alert("x")</script> & péče'])
    text = body.text_content()
    assert "§ 40 pečovatelská služba" in text
    assert "terénní – kapacita 12" in text
    assert "senioři" in text
    assert "Markova 2, 331 41 Kralovice" in text
    assert "IČO 00000019" in text


def test_secret_address_never_exported(tmp_path: Path) -> None:
    out, root = _export(tmp_path)
    assert SECRET_STREET.encode() not in out.read_bytes()
    body = _body(_pages(root)["Azylový dům pro matky s dětmi"])
    assert "Azylový dům – Kralovice – adresa neveřejná" in body.text_content()


def test_links_follow_the_page_hierarchy(tmp_path: Path) -> None:
    _, root = _export(tmp_path, base_path="/socialni")
    pages = _pages(root)
    service = pages["Azylový dům pro matky s dětmi"]
    slug = _wp(service, "post_name")
    assert slug == slugify("Azylový dům pro matky s dětmi", "1000002")
    expected = f"/socialni/katalog-socialnich-sluzeb/vsechny-sluzby/{slug}/"
    kind_page = _body(pages["§ 57 azylové domy"])
    assert [a.get("href") for a in kind_page.iter("a")] == [expected]


def test_export_is_deterministic_and_atomic(tmp_path: Path) -> None:
    first, _ = _export(tmp_path)
    data = first.read_bytes()
    second, _ = _export(tmp_path)
    assert second.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["katalog.xml"]
    assert dt.date(2025, 3, 1).isoformat().encode() in data


def test_bad_date_setting_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=re.escape("date='1. 3. 2025'")):
        export_wxr(_catalog(), tmp_path / "x.xml", ExportOptions(settings={"date": "1. 3. 2025"}))
    assert not (tmp_path / "x.xml").exists()


SAMPLE = Path(__file__).resolve().parents[3] / "examples" / "data" / "rpss-plzensky"


def test_cli_export_of_the_sample_register(tmp_path: Path) -> None:
    """``kpss export wordpress`` on the bundled sample register, filtered to one ORP."""
    from click.testing import CliRunner

    from kpss import load
    from kpss.cli import cli

    out = tmp_path / "kralovice.xml"
    args = ["export", "wxr", str(SAMPLE / "rpss.json"), "--orp", "Kralovice", "--all"]
    args += ["--codes", str(SAMPLE / "ciselniky"), "-o", str(out), "--set", "date=2025-01-01"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(out), parser).getroot()
    items = list(root.iter("item"))
    expected = load(
        SAMPLE / "rpss.json",
        filter=_kralovice_filter(),
        codes=_codes(),
    ).catalog
    services = [i for i in items if _wp(i, "post_parent") == "2"]
    assert len(services) == len(expected) > 0
    identifiers = set()
    for item in services:
        for meta in item.iter(f"{{{NS['wp']}}}postmeta"):
            if meta.findtext(f"{{{NS['wp']}}}meta_key") == "kpss_identifikator":
                identifiers.add(meta.findtext(f"{{{NS['wp']}}}meta_value"))
    assert identifiers == set(expected.services)


def _people(data: object) -> set[str]:
    """Full names of every person in raw register data (facility heads, statutory bodies)."""
    found: set[str] = set()
    if isinstance(data, dict):
        if data.get("jmeno") and data.get("prijmeni"):
            found.add(f"{data['jmeno']} {data['prijmeni']}")
            found.add(f"{data['prijmeni']} {data['jmeno']}")
        for value in data.values():
            found |= _people(value)
    elif isinstance(data, list):
        for value in data:
            found |= _people(value)
    return found


def test_no_personal_data_and_secret_facilities_marked(tmp_path: Path) -> None:
    """The whole sample register: no person's name reaches the file; secret places marked."""
    import json

    from click.testing import CliRunner

    from kpss.cli import cli

    raw_register = json.loads((SAMPLE / "rpss.json").read_text(encoding="utf-8"))
    people = _people(raw_register)
    assert people, "the sample should contain facility heads to check against"
    out = tmp_path / "all.xml"
    args = ["export", "wordpress", str(SAMPLE / "rpss.json"), "--all", "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--codes", str(SAMPLE / "ciselniky")])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    leaked = sorted(name for name in people if name in text)
    assert leaked == []
    root = etree.fromstring(out.read_bytes(), etree.XMLParser(resolve_entities=False))
    bodies = [_body(i).text_content() for i in root.iter("item")]
    assert any("Azylový dům Domažlice – adresa neveřejná" in b for b in bodies)


def _codes() -> CodeBook:
    from kpss.reference import code_book

    return code_book(SAMPLE / "ciselniky")


def _kralovice_filter() -> object:
    from kpss.plugins.records import ImportFilter
    from kpss.reference import territory

    data = territory()
    orp = data.orp_by_code("3206")
    assert orp is not None
    return ImportFilter(obce=data.obec_codes(orp), active_on=None)


def test_text_blocks_keep_paragraphs_and_lists() -> None:
    from kpss_wordpress.pages import text_blocks

    blocks = text_blocks("Poslání\n- první <b>\n- druhý & třetí\n\nZávěr")
    markup = "".join(etree.tostring(b, encoding="unicode", method="html") for b in blocks)
    assert markup == (
        "<h3>Poslání</h3><ul><li>první &lt;b&gt;</li><li>druhý &amp; třetí</li></ul><p>Závěr</p>"
    )


def test_contacts_are_linked_only_with_safe_schemes(tmp_path: Path) -> None:
    _, root = _export(tmp_path)
    body = _body(_pages(root)['Pečovatelská služba <script>alert("x")</script> & péče'])
    links = {a.text_content(): a.get("href") for a in body.iter("a")}
    assert links == {
        "pecovatelska@example.org": "mailto:pecovatelska@example.org",
        "+420 373 000 000": "tel:+420373000000",
    }


def test_life_situation_pages_from_catalogue_sections(tmp_path: Path) -> None:
    _, root = _export(tmp_path)
    pages = _pages(root)
    situations = pages["Životní situace"]
    assert _wp(situations, "post_parent") == _wp(pages["Katalog Kralovicka"], "post_id")
    children = {
        i.findtext("title"): i
        for i in root.iter("item")
        if _wp(i, "post_parent") == _wp(situations, "post_id")
    }
    # built-in sections that hold a service of the test catalogue (§ 40, § 57, group 26)
    assert set(children) == {
        "Pečuji o blízkého, který se o sebe nepostará",
        "Stárnu a potřebuji pomoc doma",
        "Hrozí mi ztráta bydlení / jsem bez domova",
        "Vracím se z výkonu trestu",
    }
    homeless = _body(children["Hrozí mi ztráta bydlení / jsem bez domova"])
    assert [a.text_content() for a in homeless.iter("a")] == ["Azylový dům pro matky s dětmi"]
    assert "Kam se ještě obrátit" in homeless.text_content()
    _, without = _export(tmp_path, sections="no")
    assert "Životní situace" not in _pages(without)
