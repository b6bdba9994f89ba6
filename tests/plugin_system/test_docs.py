"""Docs and code agree: every hook is documented with its signature, tested, and specified.

In the manner of datasette's ``test_plugin_hooks_are_documented`` and
``test_plugin_hooks_have_tests``.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kpss.plugins import hookspecs
from kpss.plugins import manager as plugins

ROOT = Path(__file__).resolve().parents[2]
HOOK_DOCS = ROOT / "docs" / "plugins" / "hooks"
EXAMPLE = ROOT / "docs" / "plugins" / "kpss-mesto"
HEADING = re.compile(r"^# (\w+)\(([^)]*)\)\s*$")


def _spec_args(name: str) -> list[str]:
    caller = getattr(plugins.get_plugin_manager().hook, name)
    return list(caller.spec.argnames)


HOOKS = plugins.hook_names()


def test_hooks_exist() -> None:
    spec_functions = [
        name
        for name, value in vars(hookspecs).items()
        if inspect.isfunction(value) and hasattr(value, "kpss_spec")
    ]
    assert sorted(spec_functions) == HOOKS
    assert len(HOOKS) >= 8


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_are_documented(hook: str) -> None:
    page = HOOK_DOCS / f"{hook}.md"
    assert page.is_file(), f"hook {hook} has no page docs/plugins/hooks/{hook}.md"
    first = page.read_text(encoding="utf-8").splitlines()[0]
    match = HEADING.match(first)
    assert match, f"{page}: the first line must be '# {hook}(args)', got {first!r}"
    documented = [a.strip() for a in match.group(2).split(",") if a.strip()]
    assert match.group(1) == hook
    assert documented == _spec_args(hook), f"{page}: documented signature differs from the spec"
    text = page.read_text(encoding="utf-8")
    for arg in documented:
        assert f"\n`{arg}`\n: " in text, f"{page}: argument {arg} is not described"
    assert f".. autofunction:: kpss.plugins.hookspecs.{hook}" in text
    index = (HOOK_DOCS / "index.md").read_text(encoding="utf-8")
    assert f"\n{hook}\n" in index, f"{hook} is missing from the toctree of hooks/index.md"


def test_no_hook_page_without_a_hook() -> None:
    pages = {p.stem for p in HOOK_DOCS.glob("*.md")} - {"index"}
    assert pages == set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_specifications_have_full_docstrings(hook: str) -> None:
    doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
    for arg in _spec_args(hook):
        assert f":param {arg}:" in doc, f"hookspecs.{hook}: :param {arg}: missing"
    assert ":returns:" in doc
    assert "Example::" in doc
    assert "@hookimpl" in doc


def _test_sources() -> str:
    files = [*ROOT.joinpath("tests").rglob("test_*.py")]
    files += ROOT.joinpath("plugins").glob("*/tests/test_*.py")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_have_tests(hook: str) -> None:
    assert re.search(rf"^def test_hook_{hook}\(", _test_sources(), re.MULTILINE), (
        f"hook {hook} has no test_hook_{hook} test"
    )


def test_tutorial_plugin_works_when_installed(tmp_path: Path) -> None:
    """Install docs/plugins/kpss-mesto as its pyproject says, then run its own tests."""
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(EXAMPLE / "kpss_mesto.py", site)
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    lines = ["[kpss]", *(f"{k} = {v}" for k, v in project["entry-points"]["kpss"].items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), plugins.ENV_STRICT: "1"}
    env.pop(plugins.ENV_LOAD, None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(EXAMPLE / "test_kpss_mesto.py"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout


def test_tutorial_includes_the_example_files() -> None:
    tutorial = (ROOT / "docs" / "plugins" / "tutorial.md").read_text(encoding="utf-8")
    for name in ("kpss_mesto.py", "pyproject.toml", "test_kpss_mesto.py"):
        assert f"```{{literalinclude}} kpss-mesto/{name}" in tutorial
    assert "[project.entry-points.kpss]" in (EXAMPLE / "pyproject.toml").read_text("utf-8")
