"""README.md stays true: its API example runs and CI runs its test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def setup_commands() -> list[str]:
    (block,) = _blocks("bash")
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_two_setup_commands() -> None:
    assert len(setup_commands()) == 2


def test_ci_runs_the_readme_test_command() -> None:
    test_command = setup_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # .ci/run reads the command from README.md itself, so the two cannot drift apart.
    assert "grep -m1 -E '^\\.venv/bin/python -m pytest' README.md" in ci
    assert test_command.startswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_main_job() -> None:
    main_job = setup_commands()[0].split(" && ")[-1]
    assert main_job.startswith(".venv/bin/kpss export ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # .ci/run takes the main job from README.md's set-up command and runs it.
    assert "README.md" in ci
    assert 'bash -c "$MAIN_JOB"' in ci


def test_install_command_installs_every_plugin() -> None:
    install = setup_commands()[0]
    for plugin in sorted((ROOT / "plugins").glob("*/pyproject.toml")):
        assert f"-e 'plugins/{plugin.parent.name}[test]'" in install


def test_api_example_runs(capsys: object) -> None:
    (example,) = _blocks("python")
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)
    assert "orp" in namespace
