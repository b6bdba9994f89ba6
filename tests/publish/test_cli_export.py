"""``kpss export web`` from the command line: the territory named by the filters is the
territory of the site (every obec of it has a page), and the user is told how to open it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kpss.cli import cli
from kpss.filters import resolve_filter
from kpss.plugins import manager as plugins


def test_every_obec_of_the_named_territory_has_a_page(
    sample_register: Path, tmp_path: Path
) -> None:
    out = tmp_path / "katalog"
    args = ["export", "web", str(sample_register / "rpss.json"), "--area", "Kralovicko"]
    args += ["--codes", str(sample_register / "ciselniky"), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"Open {out / 'index.html'}" in result.stdout
    assert f"kpss serve {out}" in result.stdout
    kralovicko = plugins.get_presets()["kralovicko"]
    pages = {p.stem for p in (out / "obce").glob("*.html")}
    assert kralovicko.obec_codes <= pages
    # A page of an obec outside Kralovicko exists only where one of its services has a
    # facility there, never for the whole area a field service covers.
    assert len(pages - kralovicko.obec_codes - {"index"}) < len(kralovicko.obec_codes)


def test_resolved_filter_gives_the_preset_or_an_area_of_the_units() -> None:
    preset = resolve_filter(area="Kralovicko", keep_all=True)
    assert preset.area is not None
    assert preset.area.key == "kralovicko"
    two = resolve_filter(orp=("Kralovice", "Nýřany"), keep_all=True)
    assert two.area is not None
    assert two.area.obec_codes == two.filter.obce
    assert two.area.name == "Kralovice, Nýřany"
    assert resolve_filter(keep_all=True).area is None


def test_a_relative_output_folder_works(
    sample_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The README's main job writes to build/katalog-kralovicko, a relative folder.
    monkeypatch.chdir(tmp_path)
    args = ["export", "web", str(sample_register / "rpss.json"), "--area", "Kralovicko"]
    args += ["--codes", str(sample_register / "ciselniky"), "-o", "build/katalog"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "katalog" / "index.html").is_file()
    assert (tmp_path / "build" / "katalog" / "pagefind" / "pagefind.js").is_file()


def test_codes_without_labels_never_reach_citizens(sample_register: Path, tmp_path: Path) -> None:
    # Without --codes only the packaged snapshot labels ids: the sample's synthetic target
    # and age groups have no label there. Pages leave them out; the user is told why.
    out = tmp_path / "katalog"
    args = ["export", "web", str(sample_register / "rpss.json"), "--area", "Kralovicko"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "have no label in the code lists in use" in result.stderr
    assert "--codes DIR" in result.stderr
    pages = [p for p in out.rglob("*.html") if "pagefind" not in p.parts]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "CilovaSkupinaOsoby/" not in text, page
        assert "VekovaSkupinaOsoby/" not in text, page
    assert (out / "skupiny" / "seniori.html").is_file()  # labelled groups stay
