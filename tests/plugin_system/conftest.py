"""Fixtures for the plugin system: a clean plugin manager, fake installed distributions."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kpss.plugins import manager as plugins

FakeDistribution = Callable[..., Path]


@pytest.fixture(autouse=True)
def clean_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts with freshly loaded plugins and no plugin environment variables."""
    for name in (plugins.ENV_LOAD, plugins.ENV_STRICT, plugins.ENV_TRACE, plugins.ENV_DIR):
        monkeypatch.delenv(name, raising=False)
    plugins.reset()
    yield
    plugins.reset()


@pytest.fixture
def fake_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeDistribution]:
    """Install a distribution on ``sys.path``: a module plus a ``*.dist-info`` with entry points.

    ``fake_distribution("kpss-broken", {"broken": "raise RuntimeError('boom')"})`` makes a
    module ``kpss_broken_broken`` with that source, registered as entry point ``broken`` of
    group ``kpss``. Returns the folder (usable as ``PYTHONPATH`` for a subprocess).
    """
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    modules: list[str] = []

    def install(distribution: str, plugins_source: dict[str, str], version: str = "1.0") -> Path:
        lines = ["[kpss]"]
        for entry_name, source in plugins_source.items():
            module = f"{distribution.replace('-', '_')}_{entry_name.replace('-', '_')}"
            (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            lines.append(f"{entry_name} = {module}")
            modules.append(module)
        info = root / f"{distribution.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        importlib.invalidate_caches()
        plugins.reset()
        return root

    yield install
    for module in modules:
        sys.modules.pop(module, None)
    importlib.invalidate_caches()
