"""``kpss territory`` and the CLI's error handling."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from kpss.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_kralovice_shows_orp_obce_and_population() -> None:
    code, out, _ = run("territory", "Kralovice")
    assert code == 0
    assert out.startswith("obec s rozšířenou působností (ORP): Kralovice")
    assert "kraj: Plzeňský kraj (43)" in out
    assert "počet obyvatel: 22\u00a0367 (k 1. 1. 2020)" in out
    assert "obce (44):" in out
    assert "    Plasy (559351):" in out
    assert "stejný název mají také: POU Kralovice (32061), obec Kralovice (559075)" in out


def test_json_output() -> None:
    code, out, _ = run("territory", "Aš", "--level", "obec", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["level"], data["kod"], data["name"]) == ("obec", "554499", "Aš")
    assert [p["name"] for p in data["parents"]] == ["Aš", "Aš", "Cheb", "Karlovarský kraj"]
    assert data["population_date"] == "2020-01-01"


def test_ambiguous_name_exits_2_listing_candidates() -> None:
    code, out, err = run("territory", "Lhota")
    assert code == 2
    assert out == ""
    assert err.startswith("Error: name 'Lhota' is ambiguous, candidates: obec Lhota (513041);")
    assert "Traceback" not in err


def test_a_code_of_two_levels_lists_both_and_level_chooses() -> None:
    code, _, err = run("territory", "3206")
    assert code == 2
    assert "ORP Kralovice (3206); okres Mělník (3206)" in err
    assert "choose one with --level" in err
    code, out, _ = run("territory", "3206", "--level", "orp")
    assert code == 0
    assert out.startswith("obec s rozšířenou působností (ORP): Kralovice")
    code, out, _ = run("territory", "43", "--level", "kraj")
    assert code == 0
    assert out.startswith("kraj: Plzeňský kraj")


def test_unknown_name_exits_2() -> None:
    code, _, err = run("territory", "Atlantis")
    assert code == 2
    assert "no territorial unit is called or coded 'Atlantis'" in err


def test_version_and_help_work_in_a_real_process() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "kpss", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("kpss, version ")
    helped = subprocess.run(
        [sys.executable, "-m", "kpss", "--help"], capture_output=True, text=True, check=True
    )
    assert "territory" in helped.stdout
