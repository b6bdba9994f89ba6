"""``kpss additions init|check`` and ``--additions`` on the commands that read a SOURCE."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpss.additions import read_with_problems
from kpss.cli import cli

from .helpers import write


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def source(sample_register: Path) -> str:
    return str(sample_register / "rpss.json")


def test_init_writes_a_starter_for_the_territory(source: str, tmp_path: Path) -> None:
    out = tmp_path / "doplnky.yaml"
    code, _, err = run("additions", "init", source, "--area", "Kralovicko", "-o", str(out))
    assert code == 0, err
    assert "for 6 services" in err
    additions, problems = read_with_problems(out)
    assert problems == []
    assert len(additions.services) == 6
    assert "# Doplňky ke katalogu sociálních služeb – Kralovicko" in out.read_text("utf-8")


def test_init_never_writes_over_a_file(source: str, tmp_path: Path) -> None:
    out = write(tmp_path, "doplnky.yaml", "# vyplněné doplňky\n")
    code, _, err = run("additions", "init", source, "--area", "Kralovicko", "-o", str(out))
    assert code == 2
    assert "use --force" in err
    assert out.read_text("utf-8") == "# vyplněné doplňky\n"
    code, _, err = run(
        "additions", "init", source, "--obec", "Kralovice", "-o", str(out), "--force"
    )
    assert code == 0, err
    assert "sluzby:" in out.read_text("utf-8")


def test_check_of_the_example_passes(source: str, sample_register: Path) -> None:
    code, out, err = run("additions", "check", str(sample_register / "doplnky.yaml"), source)
    assert code == 0, err
    assert out.endswith("doplnky.yaml: 0 error(s), 0 warning(s)\n")


def test_check_errors_exit_1_and_name_file_line_field(source: str, tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", 'sluzby:\n  "6947467":\n    "pop\\x1bsi": x\n')
    code, out, err = run("additions", "check", str(path), source)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"Error: {path}, line 2, identifikator 6947467, field identifikator")
    assert "closest: 6947466 " in lines[0]
    assert lines[1].startswith(f"Error: {path}, line 3")
    assert "unknown key 'pop\\x1bsi'" in lines[1]  # shown as an escape, never sent
    assert "\x1b" not in out
    assert "2 error(s), 0 warning(s)" in err


def test_check_json(source: str, tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", 'sluzby:\n  "6947466":\n    nazev: Noclehárna Aš\n')
    code, out, err = run("additions", "check", str(path), source, "--json")
    assert code == 0, err
    (finding,) = json.loads(out)
    assert finding["severity"] == "warning"
    assert (finding["line"], finding["field"], finding["identifikator"]) == (2, "nazev", "6947466")


def test_import_with_additions_saves_them_in_the_catalogue(
    source: str, sample_register: Path, tmp_path: Path
) -> None:
    out = tmp_path / "katalog.json"
    example = str(sample_register / "doplnky.yaml")
    code, _, err = run(
        "-q", "import", source, "--area", "Kralovicko", "--additions", example, "-o", str(out)
    )
    assert code == 0, err
    data = json.loads(out.read_text("utf-8"))
    assert [r["key"] for r in data["related"]] == [
        "klub-senioru-kralovice",
        "socialni-prace-mu-kralovice",
    ]
    service = next(s for s in data["services"] if s["identifier"] == "6947466")
    assert service["charge"] == "za-uhradu"
    assert {s["field"] for s in service["sources"]} >= {"description", "opening_hours"}


def test_additions_errors_stop_the_command_with_their_positions(
    source: str, tmp_path: Path
) -> None:
    bad = write(tmp_path, "d.yaml", 'sluzby:\n  "6947466":\n    uhrada: asi\n')
    code, _, err = run("search", "pečovatelská", source, "--additions", str(bad))
    assert code == 1
    assert f"{bad}, line 3, identifikator 6947466, field uhrada" in err
    assert "Traceback" not in err
