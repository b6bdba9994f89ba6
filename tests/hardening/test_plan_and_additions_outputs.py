"""Commands that write a plan or an additions file never write over what they read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpss.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "plans" / "kralovice-2023-2025"
SAMPLE = ROOT / "examples" / "data" / "rpss-plzensky"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    copy = tmp_path / "plan"
    shutil.copytree(PLAN, copy)
    return copy


def _unchanged(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    "command",
    [
        ["plan", "action-plan", "{plan}", "2025", "-o", "{plan}"],
        ["plan", "evaluate", "{plan}", "2024", "-o", "{plan}"],
        ["plan", "evaluate", "{plan}", "2024", "-o", "{plan}/plan.yaml"],
        [
            "plan",
            "indicators",
            "{plan}",
            str(SAMPLE / "rpss.json"),
            "--date",
            "2026-08-31",
            "-o",
            "{plan}",
        ],
    ],
)
def test_a_plan_is_not_written_over_itself(plan: Path, command: list[str]) -> None:
    before = _unchanged(plan)
    args = [part.replace("{plan}", str(plan)) for part in command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "-o/--output" in result.stderr
    assert _unchanged(plan) == before


def test_additions_init_never_replaces_its_register_even_with_force(tmp_path: Path) -> None:
    register = tmp_path / "rpss.json"
    shutil.copy(SAMPLE / "rpss.json", register)
    before = register.read_bytes()
    args = ["additions", "init", str(register), "--area", "Kralovicko", "--force"]
    result = CliRunner().invoke(cli, [*args, "-o", str(register)])
    assert result.exit_code == 2, result.output
    assert register.read_bytes() == before
    again = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "doplnky.yaml")])
    assert again.exit_code == 0, again.output
