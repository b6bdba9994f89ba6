"""kpss-plzensky: discovery, planning-region presets, branding and the kraj-plan rule."""

from __future__ import annotations

import csv
import importlib.metadata
import json
from pathlib import Path

import kpss_plzensky
import pytest
from click.testing import CliRunner
from kpss_plzensky.regions import REGIONS
from kpss_plzensky.rules import check_kraj_plan_links, names_kraj_measure

from kpss import reference
from kpss.cli import cli
from kpss.model.plan import Goal, Measure, Period, Plan, PlanTerritory, Priority
from kpss.plugins import calls
from kpss.plugins import manager as plugins

ORP_CSV = Path(reference.__file__).parent / "data" / "territory" / "orp.csv"


@pytest.fixture(autouse=True)
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (plugins.ENV_LOAD, plugins.ENV_STRICT, plugins.ENV_TRACE, plugins.ENV_DIR):
        monkeypatch.delenv(name, raising=False)
    plugins.reset()


def test_plugin_is_discovered_through_its_entry_point() -> None:
    points = [ep for ep in importlib.metadata.entry_points(group="kpss") if ep.name == "plzensky"]
    assert len(points) == 1, "kpss-plzensky is not installed (pip install -e plugins/kpss-plzensky)"
    assert points[0].dist is not None
    assert points[0].dist.metadata["Name"] == "kpss-plzensky"
    assert points[0].load() is kpss_plzensky
    info = {p.name: p for p in plugins.get_plugins()}["plzensky"]
    assert info.status == "loaded"
    assert not info.builtin
    assert info.version == importlib.metadata.version("kpss-plzensky")
    assert plugins.plugin_hooks("plzensky") == [
        "register_presets",
        "register_template_dirs",
        "validate_plan",
    ]


def test_seven_regions_are_the_obce_of_their_orp() -> None:
    presets = plugins.get_presets()
    territory = reference.territory()
    with ORP_CSV.open(encoding="utf-8") as handle:
        rows = {row["orp_kod"]: row for row in csv.DictReader(handle)}
    assert {r.key for r in REGIONS} <= set(presets)
    for region in REGIONS:
        area = presets[region.key]
        orp = territory.orp_by_code(region.orp_code)
        assert orp is not None
        assert area.name == region.name
        assert area.obec_codes == territory.obec_codes(orp)
        assert len(area.obec_codes) == int(rows[region.orp_code]["pocet_obci"])
        assert rows[region.orp_code]["kraj_nuts"] == "CZ032"
        assert region.name.startswith(orp.name[:4]), (region.name, orp.name)
    assert len({r.key for r in REGIONS}) == 7


def test_area_option_and_territory_command_accept_presets() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["territory", "Kralovicko", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["level"] == "area"
    assert data["name"] == "Kralovicko"
    kralovice_orp = reference.territory().orp_by_code("3206")
    assert kralovice_orp is not None
    assert {o["kod"] for o in data["obce"]} == set(reference.territory().obec_codes(kralovice_orp))
    # the name without diacritics and case, as --area accepts it
    result = runner.invoke(cli, ["territory", "nyransko"])
    assert result.exit_code == 0, result.output
    assert "Nýřansko" in result.output


def test_area_filter_resolves_preset_by_folded_name() -> None:
    from kpss.filters import territory_units

    units, _ = territory_units(area=("horazdovicko", "Sušicko"))
    assert [u.name for u in units] == ["Horažďovicko", "Sušicko"]


def test_branding_template_folder() -> None:
    dirs = plugins.get_template_dirs("web")
    assert kpss_plzensky.TEMPLATES in dirs
    assert kpss_plzensky.TEMPLATES not in plugins.get_template_dirs("json")
    css = (kpss_plzensky.TEMPLATES / "branding.css").read_text(encoding="utf-8")
    assert "--kpss-brand-primary" in css
    header = (kpss_plzensky.TEMPLATES / "partials" / "header.html").read_text(encoding="utf-8")
    assert "Plzeňský kraj" in header
    assert "{{ title }}" in header
    import jinja2  # the [test] extra installs it: the header partial is a Jinja2 template

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(kpss_plzensky.TEMPLATES)), autoescape=True
    )
    html = env.get_template("partials/header.html").render(title="<b>K&S</b>")
    assert "&lt;b&gt;K&amp;S&lt;/b&gt;" in html


def _plan(*measures: Measure, goal_measures: tuple[Measure, ...] = ()) -> Plan:
    return Plan(
        title="Komunitní plán Kralovicka",
        territory=PlanTerritory(preset="kralovicko"),
        period=Period(2025, 2027),
        priorities=(
            Priority("1", "Senioři", measures=measures),
            Priority("2", "Rodiny", goals=(Goal("2.1", "Podpora rodin", measures=goal_measures),)),
        ),
    )


def test_kraj_plan_rule_flags_claims_without_a_measure() -> None:
    plan = _plan(
        Measure("1.1", "Odlehčovací služba", contributes_to_kraj_plan=True),
        Measure("1.2", "Pečovatelská služba", kraj_plan_link="SPRSS PK 2023–2025, opatření 2.3"),
        Measure("1.3", "Klub seniorů"),
        goal_measures=(Measure("2.1.1", "Poradna", kraj_plan_link="střednědobý plán kraje"),),
    )
    problems = check_kraj_plan_links(plan)
    assert [p.path for p in problems] == [
        "priorities[0].measures[0].kraj_plan_link",
        "priorities[1].goals[0].measures[0].kraj_plan_link",
    ]
    assert "1.1" in problems[0].message
    assert "does not name" in problems[0].message
    assert "'střednědobý plán kraje'" in problems[1].message


def test_kraj_plan_rule_runs_through_the_validate_plan_hook() -> None:
    plan = _plan(Measure("1.1", "Odlehčovací služba", contributes_to_kraj_plan=True))
    problems = calls.plugin_plan_problems(plan)
    assert [p.path for p in problems] == ["priorities[0].measures[0].kraj_plan_link"]
    fixed = _plan(Measure("1.1", "Odlehčovací služba", kraj_plan_link="opatření č. 4"))
    assert calls.plugin_plan_problems(fixed) == []


@pytest.mark.parametrize(
    ("link", "names"),
    [
        ("SPRSS PK 2023–2025, opatření 2.3", True),
        ("2.3.1", True),
        ("Opatření 7", True),
        ("SPRSS PK 2023–2025", False),
        ("viz krajský plán", False),
    ],
)
def test_what_counts_as_naming_a_measure(link: str, names: bool) -> None:
    assert names_kraj_measure(link) is names


EXAMPLE_PLAN = Path(__file__).resolve().parents[3] / "examples" / "plans" / "kralovice-2023-2025"


def test_kpss_plan_validate_applies_the_rule(tmp_path: Path) -> None:
    """The bundled example plan passes; without the link of a claiming measure it fails."""
    import shutil

    runner = CliRunner()
    result = runner.invoke(cli, ["plan", "validate", str(EXAMPLE_PLAN)])
    assert result.exit_code == 0, result.output
    plan_dir = tmp_path / "plan"
    shutil.copytree(EXAMPLE_PLAN, plan_dir)
    plan_file = plan_dir / "plan.yaml"
    text = plan_file.read_text(encoding="utf-8")
    link = "kraj_plan_link: SPRSS PK 2023–2025, opatření 1.1 Udržení stávající sítě služeb"
    assert text.count(link) == 1
    plan_file.write_text(text.replace(link, "kraj_plan_link: SPRSS PK 2023–2025"), "utf-8")
    result = runner.invoke(cli, ["plan", "validate", str(plan_dir)])
    assert result.exit_code == 1
    assert ".kraj_plan_link" in result.output
    assert "names no measure of the mid-term plan of Plzeňský kraj" in result.output
