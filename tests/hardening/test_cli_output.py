"""The CLI checks settings before it reads, and prints plugin metadata without raw escapes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kpss.cli import cli
from kpss.plugins import manager as plugins
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter


def test_a_wrong_setting_fails_before_the_source_is_read(
    sample_register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the SOURCE was read before the settings were checked")

    monkeypatch.setattr("kpss.cli.export.load_source", never)
    args = ["export", "web", str(sample_register / "rpss.json"), "-o", str(tmp_path / "w")]
    result = CliRunner().invoke(cli, [*args, "--set", "colour=blue"])
    assert result.exit_code == 2, result.output
    assert "unknown setting 'colour'" in result.stderr


def test_export_list_shows_control_characters_of_a_plugin_escaped() -> None:
    class Sly:
        @hookimpl
        def register_exporters(self, register: Callable[[Exporter], None]) -> None:
            register(
                Exporter(
                    "sly",
                    "looks fine\x1b]8;;http://evil/\x07 click",
                    lambda catalog, out, options: None,
                )
            )

    with plugins.registered(Sly(), name="sly-plugin"):
        result = CliRunner().invoke(cli, ["export", "--list"])
        listed = CliRunner().invoke(cli, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\\x1b]8;;http://evil/" in result.stdout
    assert "\x1b" not in listed.stdout
