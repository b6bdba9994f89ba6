"""kpss fetch never replaces good files with broken ones: every file is checked whole
before any is replaced, ``--timeout`` bounds the whole download, redirects go only to
http(s), and what a killed fetch leaves is cleaned up by the next one.

All servers listen on 127.0.0.1 (fixture ``serve_http``); nothing reaches the network.
"""

from __future__ import annotations

import fcntl
import http.server
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpss.cli import cli
from kpss.rpss.fetch import FetchError, fetch


def register(count: int) -> bytes:
    items = [{"identifikator": f"{1000000 + i}", "druhSocialniSluzby": None} for i in range(count)]
    return json.dumps({"polozky": items}).encode()


CODE_LIST = b'{"polozky": [{"id": "Kraj/43", "nazev": {"cs": "Plze\\u0148sk\\u00fd kraj"}}]}'
OLD = register(10)
#: Bodies by name; the handler serves ``/<name>/…``.
BODIES: dict[str, bytes] = {
    "good": register(9),
    "few": register(4),
    "half": register(5),
    "none": register(0),
    "invalid": b'{"polozky": [ this is not json',  # the hostile review's body
    "invalid-inside": b'{"polozky": [{"identifikator": "1"}, this is not json, {}]}',
    "not-objects": b'{"polozky": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}',
    "bad-utf8": register(9).replace(b'"1000003"', b'"10\xff0003"'),
    "array": b"[1, 2, 3]",
    "code-list": CODE_LIST,
    "code-list-bad": b'{"polozky": [{"nazev": "no id"}]}',
}


class Server(http.server.BaseHTTPRequestHandler):
    """``/<name>/…`` serves BODIES[name]; a few names misbehave instead."""

    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        name = self.path.strip("/").split("/")[0]
        if name == "cut":  # no Content-Length: the body just stops in the middle of a record
            self.send_response(200)
            self.end_headers()
            self.wfile.write(register(9)[:150])
            return
        if name.startswith("to-"):  # a redirect, e.g. /to-file/… → file:///etc/passwd
            target = {
                "to-file": "file:///etc/passwd",
                "to-ftp": "ftp://127.0.0.1/rpss.json",
                "to-data": "data:application/json,%7B%7D",
                "to-good": "/good/rpss/rpss.json",
            }[name]
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
            return
        if name == "drip":  # a byte at a time, forever
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self._drip()
            return
        if name == "drip-headers":  # never finishes its headers
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            self._drip(b"X-Slow: ")
            return
        if name == "stall":  # half the body, then silence (the test kills the fetch)
            body = register(9)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            time.sleep(30)
            return
        body = BODIES.get(name)
        if body is None:
            self.send_error(404)
            return
        if "/ciselniky/" in self.path and name in ("good", "few", "half", "none"):
            body = CODE_LIST
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, prefix: bytes = b"") -> None:
        try:
            self.wfile.write(prefix)
            for _ in range(600):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass


@pytest.fixture
def server(serve_http: Callable[..., str]) -> str:
    return serve_http(Server)


def _one(server: str, name: str, relative: str = "rpss.json") -> list[tuple[str, str]]:
    path = "rpss/rpss.json" if relative == "rpss.json" else relative
    return [(f"{server}/{name}/{path}", relative)]


def _old_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "ciselniky").mkdir(parents=True)
    (folder / "rpss.json").write_bytes(OLD)
    (folder / "ciselniky" / "kraje.json").write_bytes(CODE_LIST)
    return folder


def _unchanged(folder: Path) -> None:
    assert (folder / "rpss.json").read_bytes() == OLD
    assert (folder / "ciselniky" / "kraje.json").read_bytes() == CODE_LIST
    assert sorted(p.name for p in folder.iterdir()) == ["ciselniky", "rpss.json"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cut", "not a complete register: the file ends in the middle of a record"),
        ("invalid", "not a complete register: the file ends in the middle of a record"),
        ("invalid-inside", "not a complete register: not valid JSON"),
        ("not-objects", "record 0 is not an object"),
        ("bad-utf8", "invalid UTF-8"),
        ("array", 'expected a JSON object {"polozky"'),
        ("few", "4 records, fewer than 50% of the 10"),
        ("none", "the file has no records"),
    ],
)
def test_a_broken_or_implausible_register_replaces_nothing(
    server: str, tmp_path: Path, name: str, expected: str
) -> None:
    folder = _old_folder(tmp_path)
    files = [*_one(server, name), *_one(server, "good", "ciselniky/kraje.json")]
    with pytest.raises(FetchError) as info:
        fetch(folder, files=files, timeout=20)
    message = str(info.value)
    assert expected in message
    assert f"{server}/{name}/rpss/rpss.json" in message
    assert f"no file in {folder} was changed" in message
    assert ".kpss-fetch-" not in message  # the staging file is never named
    _unchanged(folder)


def test_half_the_records_is_still_plausible(server: str, tmp_path: Path) -> None:
    folder = _old_folder(tmp_path)
    fetch(folder, files=_one(server, "half"), timeout=20)
    assert (folder / "rpss.json").read_bytes() == BODIES["half"]


@pytest.mark.parametrize("name", ["few", "none"])
def test_force_takes_a_small_but_valid_register(server: str, tmp_path: Path, name: str) -> None:
    folder = _old_folder(tmp_path)
    args = ["fetch", "--dir", str(folder), "--base-url", f"{server}/{name}"]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 1
    assert "--force takes it anyway" in refused.output
    _unchanged(folder)
    taken = CliRunner().invoke(cli, [*args, "--force"])
    assert taken.exit_code == 0, taken.output
    assert (folder / "rpss.json").read_bytes() == BODIES[name]
    assert (folder / "ciselniky" / "obce.json").read_bytes() == CODE_LIST


def test_force_never_takes_invalid_json(server: str, tmp_path: Path) -> None:
    folder = _old_folder(tmp_path)
    with pytest.raises(FetchError, match="not valid JSON"):
        fetch(folder, files=_one(server, "invalid-inside"), timeout=20, force=True)
    _unchanged(folder)


def test_a_code_list_of_the_wrong_shape_replaces_nothing(server: str, tmp_path: Path) -> None:
    folder = _old_folder(tmp_path)
    files = [*_one(server, "good"), *_one(server, "code-list-bad", "ciselniky/kraje.json")]
    with pytest.raises(FetchError, match=r"not a complete code list: item 0 is not a code-list"):
        fetch(folder, files=files, timeout=20)
    _unchanged(folder)


def test_the_cli_exits_1_and_keeps_the_files(server: str, tmp_path: Path) -> None:
    folder = _old_folder(tmp_path)
    result = CliRunner().invoke(cli, ["fetch", "--dir", str(folder), "--base-url", f"{server}/cut"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "not a complete register" in result.output
    assert result.output.count("\n") == 1
    _unchanged(folder)


@pytest.mark.parametrize("name", ["drip", "drip-headers"])
def test_timeout_bounds_the_whole_download(server: str, tmp_path: Path, name: str) -> None:
    folder = _old_folder(tmp_path)
    began = time.monotonic()
    with pytest.raises(FetchError, match=r"did not finish within 1 s \(--timeout\)"):
        fetch(folder, files=_one(server, name), timeout=1)
    took = time.monotonic() - began
    assert took < 6, f"the fetch took {took:.1f} s with --timeout 1"
    _unchanged(folder)


def test_timeout_counts_every_file_together(server: str, tmp_path: Path) -> None:
    """A fast first file does not buy the dripping second one a fresh timeout."""
    folder = _old_folder(tmp_path)
    files = [*_one(server, "good"), *_one(server, "drip", "ciselniky/kraje.json")]
    began = time.monotonic()
    with pytest.raises(FetchError, match="did not finish within 2 s"):
        fetch(folder, files=files, timeout=2)
    assert time.monotonic() - began < 7
    _unchanged(folder)


@pytest.mark.parametrize("name", ["to-file", "to-ftp", "to-data"])
def test_redirects_only_to_http_or_https(server: str, tmp_path: Path, name: str) -> None:
    folder = _old_folder(tmp_path)
    with pytest.raises(FetchError, match="follows redirects to http and https addresses only"):
        fetch(folder, files=_one(server, name), timeout=20)
    _unchanged(folder)


def test_a_redirect_to_http_is_followed(server: str, tmp_path: Path) -> None:
    folder = _old_folder(tmp_path)
    fetch(folder, files=_one(server, "to-good"), timeout=20)
    assert (folder / "rpss.json").read_bytes() == BODIES["good"]


@pytest.mark.parametrize("base", ["file:///etc", "ftp://127.0.0.1/od", "javascript:alert(1)"])
def test_a_base_url_that_is_not_http_is_refused(tmp_path: Path, base: str) -> None:
    result = CliRunner().invoke(cli, ["fetch", "--dir", str(tmp_path), "--base-url", base])
    assert result.exit_code == 2
    assert "http and https addresses only" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_next_fetch_cleans_up_after_a_killed_one(server: str, tmp_path: Path) -> None:
    folder = _old_folder(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, "-m", "kpss", "fetch", "--dir", str(folder), "--base-url",
         f"{server}/stall"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not any(p.is_file() for p in folder.glob(".kpss-fetch-*/**/*")):
            assert child.poll() is None, "the fetch ended before it was killed"
            assert time.monotonic() < deadline, "the fetch never started writing"
            time.sleep(0.05)
        child.kill()
    finally:
        child.wait(10)
    assert list(folder.glob(".kpss-fetch-*")), "the killed fetch left nothing to clean up"
    assert (folder / "rpss.json").read_bytes() == OLD
    fetch(folder, files=_one(server, "good"), timeout=20)
    assert not list(folder.glob(".*")), "a later fetch left the killed one's staging folder"
    assert (folder / "rpss.json").read_bytes() == BODIES["good"]


def test_a_second_fetch_into_the_same_folder_waits_its_turn(server: str, tmp_path: Path) -> None:
    folder = _old_folder(tmp_path)
    holder = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # as a running fetch holds it
        (folder / ".kpss-fetch-live").mkdir()  # that fetch's staging must survive
        with pytest.raises(FetchError, match="another kpss fetch is writing into"):
            fetch(folder, files=_one(server, "good"), timeout=20)
        assert (folder / ".kpss-fetch-live").is_dir()
    finally:
        os.close(holder)
    _unchanged_but_staging = sorted(p.name for p in folder.iterdir())
    assert _unchanged_but_staging == [".kpss-fetch-live", "ciselniky", "rpss.json"]
