"""kpss-plzensky's branding in kpss's web export: the header partial and branding.css."""

from __future__ import annotations

from pathlib import Path

import kpss_plzensky
import pytest
from lxml import html as lxml_html

import kpss
from kpss.filters import resolve_filter
from kpss.plugins import manager as plugins
from kpss.plugins.records import ExportOptions
from kpss.publish.exporters import export_web

SAMPLE = Path(__file__).resolve().parents[3] / "examples" / "data" / "rpss-plzensky"


@pytest.fixture(autouse=True)
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (plugins.ENV_LOAD, plugins.ENV_STRICT, plugins.ENV_TRACE, plugins.ENV_DIR):
        monkeypatch.delenv(name, raising=False)
    plugins.reset()


def test_kralovicko_web_catalogue_carries_the_kraj_branding(tmp_path: Path) -> None:
    area = plugins.get_presets()["kralovicko"]
    found = resolve_filter(area=("Kralovicko",))
    catalog = kpss.load(
        SAMPLE / "rpss.json", filter=found.filter, codes=SAMPLE / "ciselniky"
    ).catalog
    assert len(catalog) > 0
    dirs = tuple(plugins.get_template_dirs("web"))
    assert kpss_plzensky.TEMPLATES in dirs
    out = tmp_path / "katalog"
    options = ExportOptions(
        title="Katalog sociálních služeb",
        territory_name="Kralovicko",
        template_dirs=dirs,
        settings={"area": area, "search": "no"},
    )
    export_web(catalog, out, options)
    assert (out / "branding.css").read_bytes() == (
        kpss_plzensky.TEMPLATES / "branding.css"
    ).read_bytes()
    for page in ("index.html", "obce/559075.html", "druhy/index.html"):
        tree = lxml_html.fromstring((out / page).read_bytes())
        header = tree.xpath("//header[@class='kpss-brand-header']")
        assert len(header) == 1, page
        text = " ".join(header[0].text_content().split())
        assert "Plzeňský kraj" in text
        assert "Kralovicko" in text
        sheets = tree.xpath("//link[@rel='stylesheet']/@href")
        assert sheets[-1].endswith("branding.css"), page
    # every obec of the region has its page
    assert {p.stem for p in (out / "obce").glob("*.html")} >= set(area.obec_codes)
