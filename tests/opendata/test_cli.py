"""The open-data formats on the command line: kpss export hsds/csv/json, kpss import HSDS."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from tests.opendata.data import write_register

from kpss.cli import cli


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_export_and_import_hsds(tmp_path: Path) -> None:
    source = write_register(tmp_path / "register", services=8)
    _run("export", "hsds", str(source), "--all", "-o", str(tmp_path / "hsds"))
    _run(
        "export", "hsds", str(source), "--all", "--set", "tabular=true", "-o", str(tmp_path / "tab")
    )
    assert len(json.loads((tmp_path / "hsds" / "services.json").read_text(encoding="utf-8"))) == 8
    output = _run(
        "import", str(tmp_path / "tab" / "datapackage.json"), "-o", str(tmp_path / "c.json")
    )
    # the ended services keep their last day in HSDS, so the default filter (active today)
    # leaves them out again
    assert "Read 8 records" in output
    assert "6 accepted, 2 filtered out" in output
    catalog = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert catalog["format"].startswith("kpss-catalog/")


def test_export_csv_and_public_json(tmp_path: Path) -> None:
    source = write_register(tmp_path / "register", services=5)
    _run("export", "csv", str(source), "--set", "headers=en", "-o", str(tmp_path / "a.csv"))
    assert (tmp_path / "a.csv").read_text(encoding="utf-8").startswith("id,name,")
    _run("export", "json", str(source), "--all", "-o", str(tmp_path / "p.json"))
    document = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert document["format"] == "kpss-public/1"
    assert len(document["services"]) == 5


def test_a_misspelt_setting_is_a_usage_error(tmp_path: Path) -> None:
    source = write_register(tmp_path / "register", services=5)
    result = CliRunner().invoke(
        cli, ["export", "csv", str(source), "--set", "row=facility", "-o", str(tmp_path / "a.csv")]
    )
    assert result.exit_code == 2
    assert "row" in result.output
    assert not (tmp_path / "a.csv").exists()
