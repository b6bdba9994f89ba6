"""``kpss plugins`` filters and ``kpss export`` on a real register file with a preset area."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kpss import load, reference
from kpss.cli import cli
from kpss.filters import ImportFilter


def test_plugins_hook_filter() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["plugins", "--all", "--hook", "register_catalogue_sections"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("life_situations ")
    assert "plzensky" not in result.stdout
    result = runner.invoke(cli, ["plugins", "--json", "--hook", "validate_plan"])
    assert [p["name"] for p in json.loads(result.stdout)] == ["plzensky"]
    result = runner.invoke(cli, ["plugins", "--hook", "register_preset"])
    assert result.exit_code == 2
    assert "no such hook" in result.stderr


def test_export_catalogue_with_a_preset_area(sample_register: Path, tmp_path: Path) -> None:
    out = tmp_path / "kralovicko.json"
    args = ["export", "kpss-catalog", str(sample_register / "rpss.json"), "--area", "Kralovicko"]
    args += ["--all", "--codes", str(sample_register / "ciselniky"), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    territory = reference.territory()
    orp = territory.orp_by_code("3206")
    assert orp is not None
    obce = territory.obec_codes(orp)
    services = _services(data)
    assert services
    for service in services:  # every service is located in or serves Kralovicko
        codes = set(service.get("service_area", [])) | {
            f["address"]["obec_code"]
            for f in service.get("facilities", [])
            if f.get("address") and f["address"].get("obec_code")
        }
        assert codes & obce, service.get("identifier")
    expected = load(
        sample_register / "rpss.json",
        filter=ImportFilter(obce=obce, active_on=None),
        codes=reference.code_book(sample_register / "ciselniky"),
    )
    assert sorted(s["identifier"] for s in services) == sorted(expected.catalog.services)


def _services(data: object) -> list[dict[str, object]]:
    if isinstance(data, dict):
        if "services" in data:
            services = data["services"]
            return list(services.values()) if isinstance(services, dict) else list(services)
        for value in data.values():
            found = _services(value)
            if found:
                return found
    return []


def test_export_usage_errors(sample_register: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    source = str(sample_register / "rpss.json")
    result = runner.invoke(cli, ["export", "json", source])
    assert result.exit_code == 2
    assert "expected -o/--output" in result.stderr
    result = runner.invoke(cli, ["export"])
    assert result.exit_code == 2
    assert "expected FORMAT and SOURCE" in result.stderr
    result = runner.invoke(cli, ["export", "pdf-typo", source, "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "unknown export format 'pdf-typo'; known formats: " in result.stderr
    assert "wordpress" in result.stderr
    result = runner.invoke(cli, ["export", "json", source, "-o", "x", "--set", "novalue"])
    assert result.exit_code == 2
    assert "expected KEY=VALUE" in result.stderr
    result = runner.invoke(cli, ["export", "json", source, "--area", "Nowhere", "-o", "x"])
    assert result.exit_code == 2
    assert "unknown territory preset 'Nowhere'" in result.stderr
    assert "kralovicko" in result.stderr
