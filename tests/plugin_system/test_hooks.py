"""One test per hook (``test_hook_<name>``), each through a plugin registered for the test."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import click
import pytest
from click.testing import CliRunner

from kpss import reference
from kpss.cli import cli
from kpss.cli.options import build_filter
from kpss.errors import Finding, NotFoundError, PluginError
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.plan import Measure, Period, Plan, PlanTerritory, Priority
from kpss.model.services import RelatedService, Service
from kpss.model.territory import Area, Territory
from kpss.plugins import calls as hook_calls
from kpss.plugins import manager as plugins
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import (
    CatalogueSection,
    Exporter,
    ExportOptions,
    Importer,
    ImportOptions,
    ImportReport,
    ImportResult,
    TemplateDirectory,
)


def _catalog() -> Catalog:
    table = reference.law()
    debt = table.resolve("37")
    care = table.resolve("44")
    assert debt is not None
    assert care is not None
    provider = Provider("Poradna, z. ú.", "00000019")
    return Catalog.of(
        [
            Service("2000001", debt.register_code or "", provider, kind=debt, name="Poradna"),
            Service(
                "2000002",
                care.register_code or "",
                provider,
                kind=care,
                name="Odlehčovací služba",
                target_groups=("CilovaSkupinaOsoby/26",),
            ),
            Service("2000003", "DruhSocialniSluzby/999", provider, name="Neznámá"),
        ],
        codes=reference.code_book(),
    )


def test_hook_register_importers(tmp_path: Path) -> None:
    def load(path: Path, options: ImportOptions) -> ImportResult:
        report = ImportReport(source=str(path), read=3, accepted=3)
        return ImportResult(_catalog(), report)

    class TownCsv:
        @hookimpl
        def register_importers(self, register: Callable[[Importer], None]) -> None:
            register(Importer("town-csv", "Town list", load, suffixes=(".csv",)))

    with plugins.registered(TownCsv(), name="town"):
        importer = plugins.get_importer("town-csv")
        assert importer.suffixes == (".csv",)
        assert plugins.owners("importers")["town-csv"] == "town"
        result = importer.load(tmp_path / "list.csv", ImportOptions())
        assert len(result.catalog) == 3
    with pytest.raises(NotFoundError, match="unknown importer 'town-csv'"):
        plugins.get_importer("town-csv")


@pytest.fixture
def patched_source(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Make ``kpss export`` read a fixed catalogue instead of a register file."""
    calls: list[dict[str, Any]] = []

    def load_source(
        path: Any, options: dict[str, Any], codes_dir: Any = None, enrich: bool = False
    ) -> ImportResult:
        calls.append({"path": path, "options": options, "codes": codes_dir})
        catalog = hook_calls.enrich(_catalog()) if enrich else _catalog()
        return ImportResult(catalog, ImportReport(read=3, accepted=3))

    monkeypatch.setattr("kpss.cli.export.load_source", load_source)
    return calls


def test_hook_register_exporters(tmp_path: Path, patched_source: list[dict[str, Any]]) -> None:
    written: list[tuple[Catalog, ExportOptions]] = []

    def write(catalog: Catalog, out: Path, options: ExportOptions) -> None:
        written.append((catalog, options))
        out.write_text("\n".join(s.title for s in catalog), encoding="utf-8")

    class Plain:
        @hookimpl
        def register_exporters(self, register: Callable[[Exporter], None]) -> None:
            register(Exporter("plain", "Titles, one a line", write, suffix=".txt", aliases=("t",)))

        @hookimpl
        def enrich_service(self, service: Service) -> Service:
            return attrs.evolve(service, name=f"{service.title} (ověřeno)")

        @hookimpl
        def register_template_dirs(self, register: Callable[[TemplateDirectory], None]) -> None:
            register(TemplateDirectory(tmp_path, exporters=("plain",)))

    source = tmp_path / "rpss.json"
    source.write_text("{}", encoding="utf-8")
    out = tmp_path / "out.txt"
    runner = CliRunner()
    with plugins.registered(Plain(), name="plain-plugin"):
        assert plugins.get_exporter("t").name == "plain"
        listing = runner.invoke(cli, ["export", "--list"])
        assert listing.exit_code == 0, listing.output
        assert "plain" in listing.stdout
        assert "[plugin plain-plugin]" in listing.stdout
        listing = runner.invoke(cli, ["export", "--list", "--json"])
        rows = {r["name"]: r for r in json.loads(listing.stdout)}
        assert rows["plain"]["aliases"] == ["t"]
        args = ["export", "t", str(source), "--area", "Kralovicko", "-o", str(out)]
        result = runner.invoke(cli, [*args, "--title", "Katalog", "--set", "color=blue"])
        assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0].endswith("(ověřeno)")
    catalog, options = written[0]
    assert all(s.title.endswith("(ověřeno)") for s in catalog)
    assert options.title == "Katalog"
    assert options.territory_name == "Kralovicko"
    assert options.settings == {"color": "blue"}
    assert options.template_dirs == (tmp_path,)
    assert patched_source[0]["options"]["area"] == ("Kralovicko",)
    result = runner.invoke(cli, ["export", "plain", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert "unknown export format 'plain'" in result.stderr


def test_hook_register_presets() -> None:
    class Town:
        @hookimpl
        def register_presets(self, register: Callable[[Area], None], territory: Territory) -> None:
            register(territory.area("mikroregion-x", "Mikroregion Kralovicko-sever", ["559075"]))

    with plugins.registered(Town(), name="town"):
        presets = plugins.get_presets()
        assert presets["mikroregion-x"].obec_codes == frozenset({"559075"})
        import_filter, _ = build_filter(
            {"area": ("mikroregion kralovicko-sever",)}, reference.code_book()
        )
        assert import_filter.obce == frozenset({"559075"})
        result = CliRunner().invoke(cli, ["territory", "mikroregion-x", "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["obce"][0]["kod"] == "559075"

    class Clash:
        @hookimpl
        def register_presets(self, register: Callable[[Area], None]) -> None:
            register(Area("kralovicko-2", "KRALOVICKO", frozenset()))

    with plugins.registered(Clash(), name="clash"), pytest.raises(PluginError) as caught:
        plugins.get_presets()
    assert "territory preset 'kralovicko' is registered by both" in str(caught.value)
    assert "'clash'" in str(caught.value)
    assert "'plzensky'" in str(caught.value)


def test_hook_enrich_service() -> None:
    class Hours:
        @hookimpl
        def enrich_service(self, service: Service, catalog: Catalog) -> Service | None:
            assert service.identifier in catalog
            if service.identifier != "2000002":
                return None
            return attrs.evolve(service, hours_note="po–pá 7–15")

    class Related:
        @hookimpl(trylast=True)
        def enrich_service(self, service: Service) -> Service | None:
            if not service.hours_note:
                return None
            extra = RelatedService("Klub pečujících", "setkání každé úterý")
            return attrs.evolve(service, related_services=(extra,))

    class Broken:
        @hookimpl
        def enrich_service(self, service: Service) -> Service:
            raise RuntimeError("local database unavailable")

    original = _catalog()
    with plugins.registered(Hours(), name="hours"), plugins.registered(Related(), name="related"):
        enriched = hook_calls.enrich(original)
        with plugins.registered(Broken(), name="broken-enricher"):
            with pytest.warns(plugins.KpssPluginWarning) as caught:
                still = hook_calls.enrich(original)
            assert len(caught) == 1  # reported once, then skipped
            assert "plugin 'broken-enricher': enrich_service failed for service 2000001" in str(
                caught[0].message
            )
    service = enriched.service("2000002")
    assert service is not None
    assert service.hours_note == "po–pá 7–15"
    assert service.related_services[0].name == "Klub pečujících"  # trylast saw the hours
    assert still.service("2000002") == service
    assert original.service("2000002") is not None
    assert original.service("2000002").hours_note is None  # type: ignore[union-attr]


def test_enrich_refuses_a_different_service() -> None:
    class Swapper:
        @hookimpl
        def enrich_service(self, service: Service) -> Service:
            return attrs.evolve(service, identifier="other")

    with plugins.registered(Swapper(), name="swapper"):
        with pytest.warns(plugins.KpssPluginWarning, match="returned service 'other'"):
            enriched = hook_calls.enrich(_catalog())
        assert sorted(enriched.services) == ["2000001", "2000002", "2000003"]


def _plan() -> Plan:
    return Plan(
        title="Komunitní plán",
        territory=PlanTerritory(orp="3206"),
        period=Period(2025, 2027),
        priorities=(Priority("1", "Senioři", measures=(Measure("1.1", "Terénní služby"),)),),
    )


def test_hook_validate_plan() -> None:
    class Rule:
        @hookimpl
        def validate_plan(self, plan: Plan) -> Iterator[Finding]:
            for i, measure in enumerate(plan.priorities[0].measures):
                if not measure.indicators:
                    yield Finding.at(
                        f"priorities[0].measures[{i}].indicators", "needs an indicator"
                    )

    class Sloppy:
        @hookimpl
        def validate_plan(self, plan: Plan) -> list[str]:
            return ["not a problem object"]

    with (
        plugins.registered(Rule(), name="rule"),
        plugins.registered(Sloppy(), name="sloppy"),
        pytest.warns(plugins.KpssPluginWarning, match="'sloppy': validate_plan failed"),
    ):
        problems = hook_calls.plugin_plan_problems(_plan())
    assert problems == [Finding.at("priorities[0].measures[0].indicators", "needs an indicator")]


def test_hook_register_catalogue_sections() -> None:
    sections = plugins.get_catalogue_sections()
    titles = [s.title for s in sections]
    assert titles[:3] == [
        "Mám dluhy",
        "Pečuji o dítě s postižením",
        "Pečuji o blízkého, který se o sebe nepostará",
    ]
    catalog = _catalog()
    by_key = {s.key: s for s in sections}
    assert [s.identifier for s in by_key["dluhy"].services(catalog)] == ["2000001"]
    assert [s.identifier for s in by_key["pecuji-o-blizkeho"].services(catalog)] == ["2000002"]

    class Local:
        @hookimpl
        def register_catalogue_sections(self, register: Callable[[CatalogueSection], None]) -> None:
            register(
                CatalogueSection(
                    "nevim",
                    "Nevím, kam se obrátit",
                    match=lambda s: s.kind is None,
                    order=1,
                )
            )

    with plugins.registered(Local(), name="local"):
        first = plugins.get_catalogue_sections()[0]
        assert first.key == "nevim"
        assert [s.identifier for s in first.services(catalog)] == ["2000003"]

    class Clash:
        @hookimpl
        def register_catalogue_sections(self, register: Callable[[CatalogueSection], None]) -> None:
            register(CatalogueSection("dluhy", "Dluhy jinak"))

    with plugins.registered(Clash(), name="clash"), pytest.raises(PluginError) as caught:
        plugins.get_catalogue_sections()
    assert "'life_situations'" in str(caught.value)
    assert "'clash'" in str(caught.value)


def test_hook_register_template_dirs(tmp_path: Path) -> None:
    print_dir = tmp_path / "print"
    print_dir.mkdir()
    missing = tmp_path / "missing"

    class Branding:
        @hookimpl
        def register_template_dirs(self, register: Callable[[TemplateDirectory], None]) -> None:
            register(TemplateDirectory(print_dir, exporters=("pdf",)))
            register(TemplateDirectory(tmp_path))
            register(TemplateDirectory(missing))

    with plugins.registered(Branding(), name="branding"):
        with pytest.warns(plugins.KpssPluginWarning, match=f"template folder {missing} is missing"):
            pdf = plugins.get_template_dirs("pdf")
        # the most recently registered plugin comes first, and its order is kept
        assert pdf[:2] == [print_dir, tmp_path]
        assert missing not in pdf
        web = plugins.get_template_dirs("web")
        assert web[0] == tmp_path
        assert print_dir not in web
        registers = plugins.plugin_registrations("branding")["template_dirs"]
        assert registers == [str(print_dir), str(tmp_path), str(missing)]


def test_hook_register_commands() -> None:
    @click.command(name="kraj-report")
    @click.argument("year", type=int)
    def kraj_report(year: int) -> None:
        """Print the kraj's yearly report."""
        click.echo(f"report {year}")

    class Commands:
        @hookimpl
        def register_commands(self, register: Callable[[click.Command], None]) -> None:
            register(kraj_report)

    runner = CliRunner()
    with plugins.registered(Commands(), name="commands"):
        result = runner.invoke(cli, ["--help"])
        assert result.exit_code == 0, result.output
        assert "kraj-report" in result.stdout
        result = runner.invoke(cli, ["kraj-report", "2025"])
        assert result.exit_code == 0, result.output
        assert result.stdout == "report 2025\n"

    @click.command(name="export")
    def fake_export() -> None:
        """Pretend to be the built-in export."""

    class Hijack:
        @hookimpl
        def register_commands(self, register: Callable[[click.Command], None]) -> None:
            register(fake_export)

    with plugins.registered(Hijack(), name="hijack"):
        result = runner.invoke(cli, ["--help"])
        assert result.exit_code == 0, result.output
        assert "command 'export' is registered by both plugin 'kpss'" in result.stderr
        assert "'hijack'" in result.stderr
        result = runner.invoke(cli, ["export", "--list"])  # the built-in still answers
        assert result.exit_code == 0, result.output


def test_registered_rejects_misspelled_hooks() -> None:
    class Typo:
        @hookimpl
        def register_preset(self, register: Callable[[Area], None]) -> None:
            """Misspelled."""

    with (
        pytest.raises(PluginError, match="did you mean 'register_presets'"),
        plugins.registered(Typo(), name="typo"),
    ):
        pass
    assert plugins.get_plugin_manager().get_plugin("typo") is None


def test_snapshot_date_survives_enrich() -> None:
    catalog = _catalog()
    catalog.snapshot_date = dt.date(2025, 1, 31)
    assert hook_calls.enrich(catalog).snapshot_date == dt.date(2025, 1, 31)


def test_template_directory_takes_a_str_path_and_a_list_of_exporters() -> None:
    from kpss.plugins.records import TemplateDirectory

    directory = TemplateDirectory("/tmp/branding", exporters=["web", "pdf"])
    assert directory.path == Path("/tmp/branding")
    assert directory.exporters == ("web", "pdf")
    assert directory.applies_to("pdf")
    assert not directory.applies_to("csv")
    hash(directory)  # frozen records stay hashable
