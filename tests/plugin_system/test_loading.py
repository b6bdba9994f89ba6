"""Loading plugins: lazy, each on its own, broken ones named, strict mode, subsets, typos."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpss.cli import cli
from kpss.errors import PluginError
from kpss.plugins import manager as plugins

FakeDistribution = Callable[..., Path]
HEADER = """
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter, Importer
from kpss.model.territory import Area
"""

BROKEN = "raise RuntimeError('boom: the plugin cannot start')"
KPSS_SCRIPT = Path(sys.executable).parent / "kpss"


def test_importing_kpss_loads_no_plugin() -> None:
    code = (
        "import sys, kpss, kpss.plugins.manager, kpss.plugins.hookspecs, kpss.plugins.records\n"
        "loaded = [m for m in sys.modules if m.startswith(('kpss.default_plugins.', "
        "'kpss_plzensky', 'kpss_wordpress'))]\n"
        "assert loaded == [], loaded\n"
        "assert kpss.plugins.manager._manager is None\n"
        "kpss.plugins.manager.get_presets()\n"
        "assert 'kpss_plzensky' in sys.modules\n"
        "assert 'kpss.default_plugins.life_situations' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_builtin_and_installed_plugins_are_listed() -> None:
    infos = {i.name: i for i in plugins.get_plugins()}
    assert infos["life_situations"].builtin
    assert infos["life_situations"].distribution == "kpss"
    assert infos["plzensky"].status == "loaded"
    assert infos["wordpress"].distribution == "kpss-wordpress"
    assert "life_situations" not in {i.name for i in plugins.get_plugins(include_builtin=False)}


def test_broken_plugin_warns_and_others_keep_working(fake_distribution: FakeDistribution) -> None:
    fake_distribution("kpss-broken", {"broken": BROKEN})
    with pytest.warns(plugins.KpssPluginWarning, match=r"plugin 'broken': failed to load .*boom"):
        presets = plugins.get_presets()
    assert "kralovicko" in presets
    assert "wordpress" in plugins.get_exporters()
    info = {i.name: i for i in plugins.get_plugins()}["broken"]
    assert info.status == "failed"
    assert info.distribution == "kpss-broken"
    assert "RuntimeError: boom" in info.problems[0]


def test_strict_mode_makes_a_broken_plugin_an_error(
    fake_distribution: FakeDistribution, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_distribution("kpss-broken", {"broken": BROKEN})
    monkeypatch.setenv(plugins.ENV_STRICT, "1")
    with pytest.raises(PluginError, match=r"plugin 'broken': failed to load.*KPSS_STRICT_PLUGINS"):
        plugins.get_plugin_manager()
    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 1
    assert "Error: plugin 'broken'" in result.stderr
    # --help still works (the CLI contract), listing the built-in commands with the error.
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    assert "territory" in result.stdout
    assert "Error: plugin 'broken'" in result.stderr


def test_cli_help_and_plugins_survive_a_broken_plugin(fake_distribution: FakeDistribution) -> None:
    fake_distribution("kpss-broken", {"broken": BROKEN})
    runner = CliRunner()
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    assert "territory" in result.stdout
    assert "Warning: plugin 'broken': failed to load" in result.stderr
    result = runner.invoke(cli, ["plugins"])
    assert result.exit_code == 0, result.output
    assert "broken 1.0 [FAILED]" in result.stdout
    assert "problem: failed to load (kpss_broken_broken): RuntimeError: boom" in result.stdout
    assert "plzensky" in result.stdout


def test_installed_kpss_script_survives_a_broken_plugin(
    fake_distribution: FakeDistribution,
) -> None:
    site = fake_distribution("kpss-broken", {"broken": BROKEN})
    env = {**os.environ, "PYTHONPATH": str(site)}
    for name in (plugins.ENV_LOAD, plugins.ENV_STRICT, plugins.ENV_TRACE):
        env.pop(name, None)
    done = subprocess.run([str(KPSS_SCRIPT), "--help"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Commands:" in done.stdout
    assert "Warning: plugin 'broken': failed to load" in done.stderr
    assert "Traceback" not in done.stderr
    done = subprocess.run(
        [str(KPSS_SCRIPT), "plugins", "--json"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    listed = {p["name"]: p for p in json.loads(done.stdout)}
    assert listed["broken"]["status"] == "failed"
    assert listed["plzensky"]["status"] == "loaded"
    strict = {**env, plugins.ENV_STRICT: "1"}
    done = subprocess.run([str(KPSS_SCRIPT), "plugins"], capture_output=True, text=True, env=strict)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: plugin 'broken'")


def test_load_only_named_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(plugins.ENV_LOAD, "plzensky")
    infos = {i.name: i for i in plugins.get_plugins()}
    assert infos["plzensky"].status == "loaded"
    assert infos["wordpress"].status == "skipped"
    assert infos["life_situations"].status == "loaded"  # built-ins are always loaded
    assert "wordpress" not in plugins.get_exporters()
    assert "kralovicko" in plugins.get_presets()
    assert plugins.get_catalogue_sections()


def test_load_plugins_by_distribution_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # As in llm: the name pip knows (kpss-wordpress) works as well as the entry point's.
    monkeypatch.setenv(plugins.ENV_LOAD, "kpss-wordpress")
    with warnings.catch_warnings():
        warnings.simplefilter("error", plugins.KpssPluginWarning)  # no "not installed"
        infos = {i.name: i for i in plugins.get_plugins()}
    assert infos["wordpress"].status == "loaded"
    assert infos["plzensky"].status == "skipped"
    assert "wordpress" in plugins.get_exporters()
    assert "kralovicko" not in plugins.get_presets()


def test_builtins_load_from_module_paths_without_metadata() -> None:
    # Built-ins come from DEFAULT_PLUGINS, not from installed entry points.
    infos = {i.name: i for i in plugins.get_plugins() if i.builtin}
    assert {i.module for i in infos.values()} == set(plugins.DEFAULT_PLUGINS)
    assert all(i.status == "loaded" for i in infos.values())
    assert {"rpss-json", "rpss-xml", "kpss-catalog"} <= set(plugins.get_importers())


def test_load_plugins_empty_loads_only_builtins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(plugins.ENV_LOAD, "")
    assert plugins.get_presets() == {}
    assert {i.name for i in plugins.get_plugins() if i.status == "loaded"} == {
        i.name for i in plugins.get_plugins() if i.builtin
    }


def test_load_plugins_names_a_missing_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(plugins.ENV_LOAD, "plzensky, nonexistent")
    with pytest.warns(plugins.KpssPluginWarning, match="'nonexistent': named in KPSS_LOAD"):
        plugins.get_plugin_manager()


def test_misspelled_hook_is_caught(fake_distribution: FakeDistribution) -> None:
    source = HEADER + (
        "@hookimpl\n"
        "def register_exporter(register):\n"
        "    pass\n"
        "@hookimpl\n"
        "def register_presets(register):\n"
        "    register(Area('typo-area', 'Typo Area', frozenset({'559075'})))\n"
    )
    fake_distribution("kpss-typo", {"typo": source})
    with pytest.warns(
        plugins.KpssPluginWarning,
        match="plugin 'typo': hook implementation 'register_exporter' matches no kpss hook; "
        "did you mean 'register_exporters'",
    ):
        presets = plugins.get_presets()
    assert "typo-area" in presets  # the rest of the plugin still works


def test_misspelled_hook_argument_is_caught(fake_distribution: FakeDistribution) -> None:
    source = HEADER + "@hookimpl\ndef register_presets(register, terrain):\n    pass\n"
    fake_distribution("kpss-badarg", {"badarg": source})
    with pytest.warns(plugins.KpssPluginWarning, match="plugin 'badarg': does not fit.*terrain"):
        plugins.get_plugin_manager()
    assert {i.name: i for i in plugins.get_plugins()}["badarg"].status == "failed"


def test_strict_mode_catches_typos_too(
    fake_distribution: FakeDistribution, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_distribution("kpss-typo", {"typo": HEADER + "@hookimpl\ndef enrich(service):\n    pass\n"})
    monkeypatch.setenv(plugins.ENV_STRICT, "yes")
    with pytest.raises(PluginError, match="'enrich' matches no kpss hook"):
        plugins.get_plugin_manager()


def test_same_exporter_name_from_two_plugins_is_an_error(
    fake_distribution: FakeDistribution,
) -> None:
    source = HEADER + (
        "@hookimpl\n"
        "def register_exporters(register):\n"
        "    register(Exporter(name='wordpress', description='another', export=print))\n"
    )
    fake_distribution("kpss-copycat", {"copycat": source})
    with pytest.raises(PluginError) as caught:
        plugins.get_exporters()
    message = str(caught.value)
    assert "exporter 'wordpress' is registered by both plugin" in message
    assert "'copycat'" in message
    assert "'wordpress'" in message
    result = CliRunner().invoke(cli, ["plugins"])  # still lists what each plugin registers
    assert result.exit_code == 0, result.output
    assert "exporters: wordpress" in result.stdout


def test_alias_clashing_with_a_name_is_an_error(fake_distribution: FakeDistribution) -> None:
    source = HEADER + (
        "@hookimpl\n"
        "def register_exporters(register):\n"
        "    register(Exporter(name='wp2', description='x', export=print, aliases=('wxr',)))\n"
    )
    fake_distribution("kpss-alias", {"alias": source})
    with pytest.raises(PluginError, match=r"exporter 'wxr' is registered by both.*'alias'"):
        plugins.get_exporter("wp2")


def test_same_importer_name_is_an_error(fake_distribution: FakeDistribution) -> None:
    source = HEADER + (
        "@hookimpl\n"
        "def register_importers(register):\n"
        "    register(Importer(name='town-csv', description='x', load=print))\n"
    )
    fake_distribution("kpss-one", {"one": source})
    fake_distribution("kpss-two", {"two": source})
    with pytest.raises(PluginError, match="importer 'town-csv' is registered by both plugin"):
        plugins.get_importers()


def test_a_hook_that_raises_is_reported_and_skipped(fake_distribution: FakeDistribution) -> None:
    source = HEADER + (
        "@hookimpl\n"
        "def register_presets(register):\n"
        "    register(Area('half', 'Half', frozenset()))\n"
        "    raise KeyError('missing data file')\n"
    )
    fake_distribution("kpss-raiser", {"raiser": source})
    with pytest.warns(plugins.KpssPluginWarning, match="'raiser': register_presets failed"):
        presets = plugins.get_presets()
    assert "half" not in presets  # nothing half-registered
    assert "kralovicko" in presets


def test_registering_the_wrong_type_is_reported(fake_distribution: FakeDistribution) -> None:
    source = HEADER + (
        "@hookimpl\ndef register_exporters(register):\n    register({'name': 'dict'})\n"
    )
    fake_distribution("kpss-wrong", {"wrong": source})
    with pytest.warns(plugins.KpssPluginWarning, match="register\\(\\) expects Exporter, got dict"):
        exporters = plugins.get_exporters()
    assert "wordpress" in exporters


def test_duplicate_entry_point_name(fake_distribution: FakeDistribution) -> None:
    source = HEADER + "@hookimpl\ndef register_exporters(register):\n    pass\n"
    fake_distribution("kpss-imposter", {"plzensky": source})
    with pytest.warns(plugins.KpssPluginWarning, match="used by both distributions") as caught:
        plugins.get_plugin_manager()
    message = str(caught[0].message)
    assert "'kpss-imposter'" in message
    assert "'kpss-plzensky'" in message
    # the first on sys.path wins (the fake one, prepended); the other is not half-loaded
    assert {i.name: i for i in plugins.get_plugins()}["plzensky"].distribution == "kpss-imposter"
    assert plugins.get_presets() == {}


def test_trace_prints_hook_calls(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(plugins.ENV_TRACE, "1")
    plugins.get_catalogue_sections()
    err = capsys.readouterr().err
    assert "kpss trace: register_catalogue_sections(register=" in err
    assert "in plugin 'life_situations'" in err


def test_plugins_json_lists_registrations() -> None:
    result = CliRunner().invoke(cli, ["plugins", "--all", "--json"])
    assert result.exit_code == 0, result.output
    listed = {p["name"]: p for p in json.loads(result.stdout)}
    assert listed["plzensky"]["registers"]["presets"] == [
        "blovicko",
        "horazdovicko",
        "klatovsko",
        "kralovicko",
        "nyransko",
        "presticko",
        "susicko",
    ]
    assert listed["wordpress"]["registers"] == {"exporters": ["wordpress"]}
    assert listed["wordpress"]["hooks"] == ["register_exporters"]
    assert listed["life_situations"]["builtin"] is True
    assert "dluhy" in listed["life_situations"]["registers"]["sections"]
    result = CliRunner().invoke(cli, ["plugins", "--json"])
    assert "life_situations" not in {p["name"] for p in json.loads(result.stdout)}


def test_plugins_dir_loads_loose_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "mikroregion.py").write_text(
        HEADER + "@hookimpl\n"
        "def register_presets(register, territory):\n"
        "    register(territory.area('mikro', 'Mikroregion', ['559075', '558656']))\n",
        encoding="utf-8",
    )
    (folder / "rozbity.py").write_text("import does_not_exist_anywhere\n", encoding="utf-8")
    (folder / "_helper.py").write_text("raise RuntimeError('not a plugin')\n", encoding="utf-8")
    monkeypatch.setenv(plugins.ENV_DIR, str(folder))
    with pytest.warns(plugins.KpssPluginWarning, match=r"plugin 'rozbity': failed to load \("):
        presets = plugins.get_presets()
    assert presets["mikro"].obec_codes == {"559075", "558656"}
    assert "kralovicko" in presets
    infos = {i.name: i for i in plugins.get_plugins()}
    assert infos["mikroregion"].module == str(folder / "mikroregion.py")
    assert infos["mikroregion"].distribution is None
    assert "_helper" not in infos
    result = CliRunner().invoke(cli, ["territory", "mikro", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["population"] is not None

    plugins.reset()
    monkeypatch.setenv(plugins.ENV_LOAD, "plzensky")
    assert "mikro" not in plugins.get_presets()
    assert {i.name: i for i in plugins.get_plugins()}["mikroregion"].status == "skipped"


def test_plugins_dir_that_is_not_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(plugins.ENV_DIR, str(tmp_path / "missing"))
    with pytest.warns(plugins.KpssPluginWarning, match="KPSS_PLUGINS_DIR names .*missing"):
        plugins.get_plugin_manager()


def test_an_unexpected_exception_is_one_line_unless_debug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kpss.cli.territory as territory_cli

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero in a plugin")

    monkeypatch.setattr(territory_cli, "resolve", broken)
    result = CliRunner().invoke(cli, ["territory", "Kralovice"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: unexpected ZeroDivisionError: division by zero in a plugin (a bug in kpss or "
        "in a plugin; run with --debug for the traceback and please report it)"
    ]
    debug = CliRunner().invoke(cli, ["--debug", "territory", "Kralovice"])
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.stderr


def test_a_hook_wrapper_is_reported_not_ignored_silently(
    fake_distribution: FakeDistribution,
) -> None:
    source = HEADER + (
        "@hookimpl(wrapper=True)\n"
        "def enrich_service(service):\n"
        "    return (yield)\n"
        "@hookimpl\n"
        "def register_presets(register):\n"
        "    register(Area('wrap-area', 'Wrap Area', frozenset({'559075'})))\n"
    )
    fake_distribution("kpss-wrap", {"wrap": source})
    with pytest.warns(
        plugins.KpssPluginWarning,
        match="plugin 'wrap': hook wrapper 'enrich_service' is not supported",
    ):
        presets = plugins.get_presets()
    assert "wrap-area" in presets
