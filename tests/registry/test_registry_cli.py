"""kpss import / convert / fetch on the command line (CliRunner), fetch against 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kpss.cli import cli
from kpss.rpss.fetch import CODE_LIST_FILES, fetch


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_import_prints_report_and_writes_json_report_and_catalogue(
    tmp_path: Path, small_register: Path
) -> None:
    report, catalog = tmp_path / "report.json", tmp_path / "catalog.json"
    result = run(
        "import",
        str(small_register / "rpss.json"),
        "--kraj",
        "Plzeňský kraj",
        "--active-on",
        "2026-08-31",
        "--report",
        str(report),
        "-o",
        str(catalog),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["read"] == 300
    assert data["read"] == data["accepted"] + data["filtered_out"] + len(data["rejected"])
    assert 0 < data["accepted"] < 300
    assert f"{data['accepted']} accepted" in result.output
    assert "Warnings by kind:" in result.output  # synthetic ids unknown to the packaged lists
    for entry in data["warnings"]:
        assert set(entry) >= {"index", "identifikator", "field", "message"}
    saved = json.loads(catalog.read_text(encoding="utf-8"))
    assert saved["format"] == "kpss-catalog/1"
    assert len(saved["services"]) == data["accepted"]
    again = run("import", str(catalog), "--all")
    assert again.exit_code == 0
    assert f"{data['accepted']} accepted" in again.output


def test_import_with_official_codes_has_no_unknown_codes(small_register: Path) -> None:
    result = run(
        "import",
        str(small_register / "rpss.xml"),
        "--all",
        "--codes",
        str(small_register / "ciselniky"),
    )
    assert result.exit_code == 0, result.output
    assert "unknown code" not in result.output
    assert "300 accepted" in result.output


def test_import_orp_and_obec_filters(small_register: Path, tmp_path: Path) -> None:
    from kpss import reference

    data = json.loads((small_register / "rpss.json").read_bytes())
    address = next(
        f["adresa"] for i in data["polozky"] for f in i["zarizeni"] if f["adresa"] is not None
    )
    obec = address["obec"]["id"].split("/")[1]
    orp = reference.territory().orp_of(obec)
    counts = {}
    for option, value in (("--obec", obec), ("--orp", orp.code)):
        report = tmp_path / f"{option}.json"
        result = run(
            "import",
            str(small_register / "rpss.json"),
            "--all",
            option,
            value,
            "--report",
            str(report),
        )
        assert result.exit_code == 0, result.output
        counts[option] = json.loads(report.read_text())["accepted"]
    assert 1 <= counts["--obec"] <= counts["--orp"] < 300


def test_import_strict_exit_1_and_report_still_written(rpss_factory, tmp_path: Path) -> None:
    folder = rpss_factory(services=60, seed=4, faults=("wrong-type",))
    report = tmp_path / "r.json"
    result = run(
        "import",
        str(folder / "rpss.json"),
        "--all",
        "--strict",
        "--codes",
        str(folder / "ciselniky"),
        "--report",
        str(report),
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "strict mode" in result.output
    assert any(
        w["field"] == "formy[0].kapacity[0].pocet"
        for w in json.loads(report.read_text())["warnings"]
    )


def test_import_usage_errors_exit_2(small_register: Path) -> None:
    result = run("import", str(small_register / "rpss.json"), "--all", "--active-on", "2026-01-01")
    assert result.exit_code == 2
    assert run("import", str(small_register / "rpss.json"), "--kind", "§999").exit_code == 2


def test_convert_cli(tmp_path: Path, small_register: Path) -> None:
    out = tmp_path / "r.xml"
    result = run("convert", str(small_register / "rpss.json"), str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (small_register / "rpss.xml").read_bytes()
    assert run("convert", str(small_register / "rpss.json"), str(tmp_path / "r.csv")).exit_code == 2


@pytest.mark.parametrize("where", ["before", "after", "none"])
def test_quiet_before_or_after_the_command_name(
    tmp_path: Path, small_register: Path, where: str
) -> None:
    files = [str(small_register / "rpss.json"), str(tmp_path / "r.xml")]
    args = {
        "before": ["-q", "convert", *files],
        "after": ["convert", *files, "--quiet"],
        "none": ["convert", *files],
    }[where]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert ("Wrote 300 records" in result.output) == (where == "none")


def test_every_command_accepts_quiet() -> None:
    for name in cli.list_commands(click.Context(cli)):
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "--quiet" in result.output, name


# -- fetch -------------------------------------------------------------------------------
@pytest.fixture
def server(
    small_register: Path, tmp_path_factory: pytest.TempPathFactory, serve_http: Callable[..., str]
) -> str:
    """A local HTTP server laid out like data.mpsv.cz/od/soubory."""
    root = tmp_path_factory.mktemp("www")
    (root / "rpss").mkdir()
    shutil.copy(small_register / "rpss.json", root / "rpss" / "rpss.json")
    (root / "ciselniky").mkdir()
    for name in CODE_LIST_FILES:
        source = small_register / "ciselniky" / name
        (root / "ciselniky" / name).write_bytes(
            source.read_bytes() if source.exists() else b'{"polozky": []}'
        )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    return serve_http(functools.partial(Quiet, directory=str(root)))


def test_fetch_downloads_register_and_code_lists(
    server: str, tmp_path: Path, small_register: Path
) -> None:
    target = tmp_path / "data"
    result = run("fetch", "--dir", str(target), "--base-url", server)
    assert result.exit_code == 0, result.output
    assert (target / "rpss.json").read_bytes() == (small_register / "rpss.json").read_bytes()
    assert sorted(p.name for p in (target / "ciselniky").iterdir()) == sorted(CODE_LIST_FILES)
    assert not [p for p in target.rglob("*") if p.name.startswith(".")]  # no temp files left
    assert (
        run(
            "import", str(target / "rpss.json"), "--all", "--codes", str(target / "ciselniky")
        ).exit_code
        == 0
    )


def test_fetch_progress_callback_counts_bytes(server: str, tmp_path: Path) -> None:
    sizes: dict[str, list[int]] = {}

    def start(name: str, total: int | None):  # type: ignore[no-untyped-def]
        sizes[name] = [total or -1]
        return sizes[name].append

    files = fetch(tmp_path, server, start=start)
    for path, size in files:
        assert sizes[path.name][0] == size == sum(sizes[path.name][1:])


def test_fetch_http_error_keeps_old_file(server: str, tmp_path: Path) -> None:
    (tmp_path / "rpss.json").write_text("old")
    result = run("fetch", "--dir", str(tmp_path), "--base-url", server + "/nothing")
    assert result.exit_code == 1
    assert "HTTP 404" in result.output
    assert (tmp_path / "rpss.json").read_text() == "old"


def test_fetch_offline_is_a_clear_message(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run(
        "fetch", "--dir", str(tmp_path), "--base-url", f"http://127.0.0.1:{port}", "--timeout", "5"
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "offline" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "rpss.json").exists()


def test_default_addresses_are_the_official_ones() -> None:
    from kpss.rpss.fetch import targets

    urls = [url for url, _ in targets()]
    assert urls[0] == "https://data.mpsv.cz/od/soubory/rpss/rpss.json"
    assert "https://data.mpsv.cz/od/soubory/ciselniky/druhy-socialni-sluzby.json" in urls
    assert len(urls) == 1 + 9


def test_warning_kinds_blank_values_but_keep_the_law_and_the_check(tmp_path: Path) -> None:
    from kpss.cli.register import _kind
    from kpss.errors import Finding

    kinds = [
        _kind(Finding(message))
        for message in (
            "DruhSocialniSluzby/999 is not a kind of Act 108/2006 kpss knows",
            "invalid IČO '123' (expected 8 digits with a valid mod-11 check digit)",
            "duplicate of zarizeni[3] (same name and address, 'Domov'); merged",
            "provider 25228714 differs from its data in service 1; kept the version used by 2",
        )
    ]
    assert kinds == [
        "DruhSocialniSluzby/N is not a kind of Act 108/2006 kpss knows",
        "invalid IČO … (expected 8 digits with a valid mod-11 check digit)",
        "duplicate of zarizeni[N] (same name and address, …); merged",
        "provider N differs from its data in service N; kept the version used by N",
    ]


def test_a_missing_source_is_a_usage_error_like_in_the_other_commands(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.json")
    for args in (["import", missing], ["convert", missing, str(tmp_path / "o.xml")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert "does not exist" in result.stderr


def test_diff_refuses_additions(sample_register: Path, tmp_path: Path) -> None:
    source = str(sample_register / "rpss.json")
    additions = str(sample_register / "doplnky.yaml")
    result = CliRunner().invoke(cli, ["diff", source, source, "--additions", additions])
    assert result.exit_code == 2
    assert "--additions does not apply to kpss diff" in result.stderr
