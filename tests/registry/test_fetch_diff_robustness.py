"""kpss fetch against a misbehaving local server; kpss diff with unreadable records."""

from __future__ import annotations

import datetime as dt
import http.server
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpss.cli import cli
from kpss.errors import Finding, Location
from kpss.filters import ImportFilter
from kpss.rpss.diff_render import render
from kpss.rpss.fetch import FetchError, fetch
from kpss.rpss.snapshot_diff import Entry, SnapshotDiff, diff_files

#: A register and a code list at once: one record, an object with an ``id``.
GOOD = b'{"polozky": [{"id": "Kraj/43", "identifikator": "1234567"}]}'
HTML = b"<!DOCTYPE html><html><body>Service unavailable</body></html>"


class Misbehaving(http.server.BaseHTTPRequestHandler):
    """Each path is one way for a download to go wrong (or right)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        name = self.path.strip("/").split("/")[0]
        if name == "garbage":  # not HTTP at all
            self.wfile.write(b"HELLO THERE\r\n\r\n")
            return
        self.send_response(200)
        if name == "short":  # promises 1000 bytes, sends 15, closes
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(GOOD)
        elif name == "chunked":  # a chunk cut short, then the connection closes
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"64\r\n" + GOOD)
        elif name == "html":
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(HTML)))
            self.end_headers()
            self.wfile.write(HTML)
        elif name == "empty":
            self.send_header("Content-Length", "3")
            self.end_headers()
            self.wfile.write(b" \n ")
        else:  # "good": a BOM and leading whitespace are fine
            body = b"\xef\xbb\xbf\n " + GOOD
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def server(serve_http: Callable[..., str]) -> str:
    return serve_http(Misbehaving)


def _fetch_one(server: str, kind: str, folder: Path) -> None:
    fetch(folder, files=[(f"{server}/{kind}/rpss/rpss.json", "rpss.json")], timeout=10)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("short", "ended early"),
        ("chunked", "ended early"),
        ("html", "not JSON"),
        ("empty", "no data"),
        ("garbage", "not valid HTTP"),
    ],
)
def test_failed_download_keeps_the_old_file(
    server: str, tmp_path: Path, kind: str, expected: str
) -> None:
    (tmp_path / "rpss.json").write_bytes(b'{"polozky": ["old"]}')
    with pytest.raises(FetchError, match=expected) as info:
        _fetch_one(server, kind, tmp_path)
    assert f"{server}/{kind}/rpss/rpss.json" in str(info.value)
    assert (tmp_path / "rpss.json").read_bytes() == b'{"polozky": ["old"]}'
    assert [p.name for p in tmp_path.iterdir()] == ["rpss.json"]  # no temporary file left


def test_fetch_is_all_or_nothing(server: str, tmp_path: Path) -> None:
    old = {"rpss.json": b'{"polozky": ["old"]}', "ciselniky/a.json": b'{"polozky": ["old a"]}'}
    for relative, data in old.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(data)
    files = [
        (f"{server}/good/rpss/rpss.json", "rpss.json"),  # succeeds ...
        (f"{server}/good/ciselniky/a.json", "ciselniky/a.json"),
        (f"{server}/html/ciselniky/b.json", "ciselniky/b.json"),  # ... but this one fails
    ]
    with pytest.raises(FetchError, match=f"not JSON.*no file in {tmp_path} was changed"):
        fetch(tmp_path, files=files, timeout=10)
    for relative, data in old.items():
        assert (tmp_path / relative).read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ciselniky", "rpss.json"]
    fetch(tmp_path, files=files[:2], timeout=10)
    assert (tmp_path / "rpss.json").read_bytes().endswith(GOOD)
    assert (tmp_path / "ciselniky" / "a.json").read_bytes().endswith(GOOD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ciselniky", "rpss.json"]


def test_json_after_a_bom_and_whitespace_is_saved(server: str, tmp_path: Path) -> None:
    _fetch_one(server, "good", tmp_path)
    assert (tmp_path / "rpss.json").read_bytes().endswith(GOOD)


@pytest.mark.parametrize("base", ["nonsense", "http://[::1", "http://127.0.0.1:notaport"])
def test_unusable_base_url_is_one_error_line(tmp_path: Path, base: str) -> None:
    result = CliRunner().invoke(cli, ["fetch", "--dir", str(tmp_path), "--base-url", base])
    assert result.exit_code == 1
    assert "unexpected" not in result.output
    assert "Error: " in result.output
    assert f"{base}/rpss/rpss.json" in result.output
    assert "not a usable address" in result.output
    assert result.output.count("\n") == 1


# -- diff ------------------------------------------------------------------------------
def _break_record(source: Path, target: Path, position: int) -> str:
    """Copy *source* with bad UTF-8 in one record's text; return that record's identifier."""
    data = json.loads(source.read_bytes())
    victim = data["polozky"][position]
    victim["doplnujiciInformaceVekoveSkupiny"] = "BROKEN-HERE"
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    target.write_bytes(raw.replace(b"BROKEN-HERE", b"broken \xff here"))
    return str(victim["identifikator"])


def _active_position(source: Path) -> int:
    items = json.loads(source.read_bytes())["polozky"]
    for position, item in enumerate(items):
        if item["datumPoskytovaniDo"] is None and item["datumPoskytovaniOd"] < "2026-01-01":
            return position
    raise AssertionError("no active service in the sample")


def test_record_rejected_in_new_is_unreadable_not_ended(
    tmp_path: Path, small_register: Path
) -> None:
    old = small_register / "rpss.json"
    position = _active_position(old)
    new = tmp_path / "new.json"
    ident = _break_record(old, new, position)
    flt = ImportFilter(active_on=dt.date(2026, 8, 31))
    codes = small_register / "ciselniky"
    result = diff_files(old, new, filter=flt, codes=codes)
    assert ident not in {e.identifier for e in result.ended}
    [bad] = result.unreadable_new
    assert (bad.identifier, bad.index, bad.field) == (
        ident,
        position,
        "doplnujiciInformaceVekoveSkupiny",
    )
    assert "UTF-8" in bad.message
    assert bad.location.byte is not None
    assert result.unreadable_old == ()
    data = json.loads(render(result, "json"))
    assert data["unreadable_new"][0]["identifikator"] == ident
    assert data["unreadable_new"][0]["index"] == position
    assert data["unreadable_old"] == []
    assert ident in render(result, "text").split("Nečitelné záznamy v NOVÉM")[1]
    assert ident in render(result, "md").split("## Nečitelné záznamy v NOVÉM")[1]
    # The other way round: rejected in OLD is not a new service.
    back = diff_files(new, old, filter=flt, codes=codes)
    assert ident not in {e.identifier for e in back.new}
    assert [u.identifier for u in back.unreadable_old] == [ident]


def test_diff_cli_warns_about_unreadable_records(tmp_path: Path, small_register: Path) -> None:
    old = small_register / "rpss.json"
    new = tmp_path / "new.json"
    ident = _break_record(old, new, _active_position(old))
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "Warning: 1 record(s) of NEW could not be read" in result.output
    assert ident in result.output.split("## Nečitelné záznamy v NOVÉM")[1]


def test_markdown_escapes_newlines_backticks_links_and_html() -> None:
    hostile = "Domov\n# nadpis `kód` [odkaz](http://x) <script>|*_"
    diff = SnapshotDiff(
        "old.json",
        "new.json",
        (Entry("1", hostile, "Poskytovatel", "registered"),),
        (),
        (),
        (),
        (Finding("bad\nreason <b>", Location(index=4, identifier="2", field="nazev", byte=120)),),
    )
    md = render(diff, "md")
    entry = next(line for line in md.splitlines() if line.startswith("- 1 "))
    assert "\\`kód\\`" in entry
    assert "\\[odkaz\\](http://x)" in entry
    assert "\\<script\\>" in entry
    assert "\\|\\*\\_" in entry
    assert "# nadpis" not in md.replace("\\# nadpis", "")  # no heading from the title
    assert not any(line.startswith("# nadpis") for line in md.splitlines())
    unreadable = next(line for line in md.splitlines() if line.startswith("- 2 "))
    assert "bad reason \\<b\\>" in unreadable
    assert "záznam 4, bajt 120, pole nazev" in unreadable


def test_fetch_checks_every_target_before_it_replaces_any(server: str, tmp_path: Path) -> None:
    (tmp_path / "rpss.json").write_bytes(b'{"polozky": ["old"]}')
    (tmp_path / "ciselniky" / "a.json").mkdir(parents=True)  # a folder where a file goes
    files = [
        (f"{server}/good/rpss/rpss.json", "rpss.json"),
        (f"{server}/good/ciselniky/a.json", "ciselniky/a.json"),
    ]
    with pytest.raises(FetchError, match="is a folder; no file in"):
        fetch(tmp_path, files=files, timeout=10)
    assert (tmp_path / "rpss.json").read_bytes() == b'{"polozky": ["old"]}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ciselniky", "rpss.json"]


def test_an_unreadable_record_without_identifier_makes_removals_uncertain() -> None:
    from kpss.model import Catalog, Provider, Service
    from kpss.rpss.snapshot_diff import compare

    provider = Provider("Charita Kralovice", "03593207")
    gone, came = Service("1", "x", provider), Service("2", "x", provider)
    nameless = Finding("invalid UTF-8 at byte 99", Location(index=5))
    sure = compare(Catalog.of([gone]), Catalog.of([came]))
    assert [(e.identifier, e.status) for e in (*sure.new, *sure.ended)] == [
        ("2", "registered"),
        ("1", "removed"),
    ]
    both = {"unreadable_old": (nameless,), "unreadable_new": (nameless,)}
    unsure = compare(Catalog.of([gone]), Catalog.of([came]), **both)
    assert [(e.identifier, e.status) for e in (*unsure.new, *unsure.ended)] == [
        ("2", "appeared"),
        ("1", "missing"),
    ]
    assert "mezi nečitelnými záznamy" in render(unsure, "text")
