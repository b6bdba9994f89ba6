"""Output that stays data: CSV cells are never formulas, control sequences from data never
reach the terminal raw, exporter settings are declared and checked (no ``javascript:``
links from ``--set``)."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import kpss
from kpss.cli import cli
from kpss.errors import UsageError
from kpss.model.territory import Area
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.manager import get_exporter, registered
from kpss.plugins.records import Exporter, ExportOptions, Setting, SettingKind
from kpss.rpss.item_writers import open_writer, write_all
from kpss.safe_output import csv_cell, terminal_json, terminal_text

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "rpss-plzensky" / "rpss.json"
ESCAPES = ("\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\u202e", "\x08\x08")
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\x08")


def _items() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(SAMPLE.read_text(encoding="utf-8"))["polozky"]
    return data


def _write(path: Path, items: list[dict[str, Any]]) -> Path:
    with open_writer(path, False) as writer:
        write_all(writer, iter(items), path)
    return path


def _no_raw_controls(text: str) -> None:
    found = [repr(c) for c in RAW_CONTROLS if c in text]
    assert not found, f"raw control characters reached the terminal: {found}"


# -- CSV --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x";"klik")', '\'=HYPERLINK("http://x";"klik")'),
        ("+420 737 123 970", "'+420 737 123 970"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12", "-12"),
        ("-3.5", "-3.5"),
        ("Domov = zázemí", "Domov = zázemí"),
        ("", ""),
        (None, ""),
        (85, "85"),
    ],
)
def test_csv_cell(value: object, expected: str) -> None:
    assert csv_cell(value) == expected


def test_match_csv_neutralises_formulas_from_the_list_and_the_register(tmp_path: Path) -> None:
    items = _items()
    hostile = copy.deepcopy(next(i for i in items if i["zarizeni"]))
    hostile["identifikator"] = "9999991"
    hostile["zarizeni"][0]["nazev"] = '=HYPERLINK("http://evil.example";"Domov")'
    source = _write(tmp_path / "rpss.json", [*items, hostile])
    local = tmp_path / "seznam.csv"
    local.write_text(
        "nazev,obec\n=1+2,Kralovice\n+cmd,Plasy\n-2+3+cmd|' /C calc'!A0,Plasy\n@SUM(1;2),Plasy\n",
        encoding="utf-8",
    )
    out = tmp_path / "shody.csv"
    result = CliRunner().invoke(
        cli, ["match", str(local), str(source), "--all", "--csv", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows[1:] for cell in row]
    dangerous = [c for c in cells if c and c[0] in "=+-@\t\r" and not c.lstrip("-").isdigit()]
    assert not dangerous
    assert "'=1+2" in cells
    assert "'@SUM(1;2)" in cells
    assert any(c.startswith("'=HYPERLINK(") for c in cells)  # the register's name, kept


# -- terminal ---------------------------------------------------------------------------
def test_terminal_text_escapes_every_control() -> None:
    shown = terminal_text("A\x1b]0;x\x07B\x9bC\u202eD\nE\tF\x7f")
    assert shown == "A\\x1b]0;x\\x07B\\x9bC\\u202eD\\x0aE\\x09F\\x7f"
    assert terminal_text("a\nb\tc\rd", multiline=True) == "a\nb\tc\\x0dd"
    text = json.dumps({"a": "x\x9b\x1by\u202e"}, ensure_ascii=False)
    assert json.loads(terminal_json(text)) == {"a": "x\x9b\x1by\u202e"}
    _no_raw_controls(terminal_json(text))


@pytest.fixture
def hostile_register(tmp_path: Path) -> Path:
    items = _items()
    victim = next(i for i in items if i["zarizeni"])
    victim["zarizeni"][0]["nazev"] = "Domov Qzx" + "".join(ESCAPES) + " konec"
    victim["doplnujiciInformaceVekoveSkupiny"] = "\x1b[8m"
    victim["x\x1b[2Jkey"] = 1  # an unknown key: named in the import report
    return _write(tmp_path / "rpss.json", items)


def test_search_prints_data_escaped(hostile_register: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "Domov Qzx", str(hostile_register), "--all"])
    assert result.exit_code == 0, result.output
    assert "Domov Qzx\\x1b]0;pwned\\x07" in result.output
    _no_raw_controls(result.output)
    as_json = CliRunner().invoke(
        cli, ["search", "Domov Qzx", str(hostile_register), "--all", "--json"]
    )
    assert as_json.exit_code == 0, as_json.output
    _no_raw_controls(as_json.output)
    labels = [hit["label"] for hit in json.loads(as_json.output)]
    assert any("\x1b]0;pwned\x07" in label for label in labels)  # the data itself is intact


def test_the_import_report_prints_data_escaped(hostile_register: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(hostile_register), "--all"])
    assert result.exit_code == 0, result.output
    assert "x\\x1b[2Jkey" in result.output
    _no_raw_controls(result.output)


def test_diff_text_prints_data_escaped(hostile_register: Path) -> None:
    for fmt in ("text", "md", "json"):
        result = CliRunner().invoke(
            cli, ["diff", str(SAMPLE), str(hostile_register), "--all", "--format", fmt]
        )
        assert result.exit_code == 0, result.output
        assert "Domov Qzx" in result.output, fmt
        _no_raw_controls(result.output)


def test_an_error_naming_a_hostile_file_name_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "rpss\x1b]0;x\x07.json"
    path.write_text('{"polozky": [', encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1
    assert "rpss\\x1b]0;x\\x07.json" in result.output
    _no_raw_controls(result.output)


def test_territory_prints_a_plugin_preset_escaped() -> None:
    class Presets:
        __name__ = "hostile-presets"

        @hookimpl
        def register_presets(self, register: Any) -> None:
            register(Area("qzx", "Qzx\x1b]0;pwned\x07", frozenset({"559075"}), "popis\x9b2J\u202e"))

    with registered(Presets()):
        text = CliRunner().invoke(cli, ["territory", "qzx"])
        as_json = CliRunner().invoke(cli, ["territory", "qzx", "--json"])
    assert text.exit_code == 0, text.output
    assert "Qzx\\x1b]0;pwned\\x07" in text.output
    _no_raw_controls(text.output)
    assert as_json.exit_code == 0, as_json.output
    _no_raw_controls(as_json.output)
    assert json.loads(as_json.output)["name"] == "Qzx\x1b]0;pwned\x07"


# -- exporter settings ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "value", "fine"),
    [
        ("url", "https://obec.example/katalog/", True),
        ("url", "/katalog/sluzby", True),
        ("url", "sluzby", True),
        ("url", "", True),
        ("url", "javascript:alert(1)", False),
        ("url", "JaVaScRiPt:alert(1)", False),
        ("url", "java\tscript:alert(1)", False),
        ("url", " javascript:alert(1)", False),
        ("url", "data:text/html,<script>", False),
        ("url", "vbscript:x", False),
        ("url", "ftp://example.org/", False),
        ("url", "//evil.example/x", False),
        ("url", "/\\evil.example", False),
        ("url", "https:///no-host", False),
        ("url", 5, False),
        ("text", "Katalog\nslužeb", True),
        ("text", "a\x1b]0;x\x07", False),
        ("choice", "no", True),
        ("choice", "maybe", False),
        ("date", "2026-02-28", True),
        ("date", dt.date(2026, 2, 28), True),
        ("date", "2026-02-30", False),
        ("date", "28. 2. 2026", False),
        ("path", ".", True),
        ("path", "/no/such/folder/qzx", False),
        ("any", object(), True),
    ],
)
def test_setting_kinds(kind: str, value: object, fine: bool) -> None:
    setting = Setting("x", kind, ("yes", "no"))
    assert setting.kind is SettingKind(kind)
    assert (setting.problem(value) is None) is fine


def _recording_exporter(settings: dict[str, Setting] | None) -> tuple[Exporter, list[Any]]:
    seen: list[Any] = []

    def export(_catalog: Any, out: Path, options: ExportOptions) -> None:
        seen.append(dict(options.settings))
        out.write_text("ok", encoding="utf-8")

    return Exporter("qzx", "test", export, settings=settings), seen


def _with_exporter(exporter: Exporter) -> Any:
    class Plugin:
        __name__ = "qzx-exporter"

        @hookimpl
        def register_exporters(self, register: Any) -> None:
            register(exporter)

    return registered(Plugin())


def test_unknown_setting_names_the_exporters_keys(tmp_path: Path) -> None:
    exporter, seen = _recording_exporter({"link": Setting("l", "url"), "mode": Setting("m")})
    with _with_exporter(exporter), pytest.raises(UsageError) as info:
        kpss.export(kpss.Catalog(), "qzx", tmp_path / "o.txt", settings={"lnk": "/x"})
    assert "unknown setting 'lnk' of the qzx exporter; its settings: link, mode" in str(info.value)
    assert seen == []
    assert not (tmp_path / "o.txt").exists()


def test_an_exporter_with_no_settings_takes_none(tmp_path: Path) -> None:
    exporter, seen = _recording_exporter({})
    with _with_exporter(exporter):
        with pytest.raises(UsageError, match="its settings: none"):
            kpss.export(kpss.Catalog(), "qzx", tmp_path / "o.txt", settings={"a": "b"})
        kpss.export(kpss.Catalog(), "qzx", tmp_path / "o.txt")
    assert seen == [{}]


def test_an_exporter_that_declares_nothing_is_not_checked(tmp_path: Path) -> None:
    exporter, seen = _recording_exporter(None)
    with _with_exporter(exporter):
        kpss.export(kpss.Catalog(), "qzx", tmp_path / "o.txt", settings={"anything": "x"})
    assert seen == [{"anything": "x"}]


def test_a_url_setting_never_takes_javascript(tmp_path: Path) -> None:
    exporter, seen = _recording_exporter({"link": Setting("l", "url")})
    with _with_exporter(exporter):
        with pytest.raises(UsageError, match="setting link='javascript:alert\\(1\\)'"):
            kpss.export(
                kpss.Catalog(), "qzx", tmp_path / "o.txt", settings={"link": "javascript:alert(1)"}
            )
        kpss.export(kpss.Catalog(), "qzx", tmp_path / "o.txt", settings={"link": "/katalog/"})
    assert seen == [{"link": "/katalog/"}]


def test_the_built_in_register_exporters_declare_no_settings() -> None:
    for name in ("rpss-json", "rpss-xml"):
        assert get_exporter(name).settings == {}


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("base_path=javascript:alert(1)", "setting base_path='javascript:alert(1)'"),
        ("site_url=javascript:alert(1)", "setting site_url="),
        ("base_path=//evil.example/", "not //host"),
        ("bogus=1", "its settings: author, base_path, date, sections, site_url"),
    ],
)
def test_wordpress_settings_are_checked_on_the_command_line(
    tmp_path: Path, setting: str, message: str
) -> None:
    out = tmp_path / "wp.xml"
    result = CliRunner().invoke(
        cli, ["export", "wordpress", str(SAMPLE), "--all", "-o", str(out), "--set", setting]
    )
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not out.exists()


def test_wordpress_with_a_relative_base_path_links_under_it(tmp_path: Path) -> None:
    out = tmp_path / "wp.xml"
    result = CliRunner().invoke(
        cli,
        ["export", "wordpress", str(SAMPLE), "--area", "Kralovicko", "-o", str(out), "-q",
         "--set", "base_path=/katalog"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert 'href="/katalog/' in text or "href=&quot;/katalog/" in text
    assert "javascript:" not in text
