"""The search index of the web catalogue: files, sizes, bad documents, kpss serve."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from kpss.errors import KpssError, UsageError
from kpss.publish.search import (
    BUNDLE_DIR,
    RESULTS_PER_PAGE,
    SearchDocument,
    SearchIndexError,
    script_tags,
    write_index,
)
from kpss.publish.serve import HOST, make_server

from .browser import served

LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy

DOCUMENTS = [
    SearchDocument(
        url="sluzby/1000001.html",
        title="Pečovatelská služba – Město Kralovice",
        type="service",
        summary="Terénní služba pro seniory v\u00a0ORP Kralovice",
        text="senioři osoby se zdravotním postižením Kralovice Plasy Město Kralovice",
    ),
    SearchDocument(
        url="sluzby/1000002.html",
        title="Domov pro seniory – Domov Sv. Anny",
        type="service",
        summary="Pobytová služba pro seniory",
        text="senioři Plasy " + "Posláním služby je podporovat uživatele. " * 50,
    ),
    SearchDocument(
        url="poskytovatele/00257061.html",
        title="Město Kralovice",
        type="provider",
        summary="Poskytovatel 1 služby",
        text="pečovatelská služba Kralovice",
    ),
    SearchDocument(
        url="obce/559024.html",
        title="Kralovice",
        type="obec",
        summary="Obec v\u00a0ORP Kralovice, 2 služby",
        text="Plzeňský kraj okres Plzeň-sever",
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    (folder / "index.html").write_text("<p>home</p>", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def stats(site: Path):  # type: ignore[no-untyped-def]
    return write_index(DOCUMENTS, site)


def bundle_files(site: Path) -> dict[str, int]:
    bundle = site / BUNDLE_DIR
    return {
        str(path.relative_to(bundle)): path.stat().st_size
        for path in bundle.rglob("*")
        if path.is_file()
    }


def test_bundle_has_the_engine_the_script_and_one_fragment_per_document(stats, site):
    files = bundle_files(site)
    assert {"pagefind.js", "pagefind-entry.json", "kpss-search.js"} <= set(files)
    assert sum(name.startswith("fragment/") for name in files) == len(DOCUMENTS)
    assert any(name.startswith("index/") for name in files)
    # Pagefind's own search UIs are not shipped: kpss-search.js draws the results.
    assert not [name for name in files if "-ui" in name or "highlight" in name]
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>home</p>"


def test_stats_match_the_files_on_disk(stats, site):
    files = bundle_files(site)
    assert stats.documents == len(DOCUMENTS)
    assert stats.files == len(files)
    assert stats.total_bytes == sum(files.values())
    fixed = sum(
        size
        for name, size in files.items()
        if name in {"pagefind.js", "pagefind-worker.js", "kpss-search.js", "pagefind-entry.json"}
        or name.startswith("wasm.")
        or name.endswith(".pf_meta")
    )
    chunk = max(size for name, size in files.items() if name.startswith("index/"))
    fragments = sorted(
        (size for name, size in files.items() if name.startswith("fragment/")), reverse=True
    )
    assert stats.max_query_bytes == fixed + chunk + sum(fragments[:RESULTS_PER_PAGE])
    assert stats.max_query_bytes < stats.total_bytes + 1


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """The stored record of each page (Pagefind: gzip, a signature, then JSON), by URL."""
    found = {}
    for path in (site / BUNDLE_DIR / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        record = json.loads(data)
        found[record["url"]] = record
    return found


def test_fragments_carry_title_summary_and_type_of_each_document(stats, site):
    records = fragments(site)
    assert set(records) == {"/" + document.url for document in DOCUMENTS}
    for document in DOCUMENTS:
        meta = records["/" + document.url]["meta"]
        assert meta == {"title": document.title, "summary": document.summary, "type": document.type}


def test_repeated_words_are_indexed_once(stats, site):
    content = fragments(site)["/sluzby/1000002.html"]["content"]
    assert content.count("Posláním") == 1
    assert "uživatele" in content


def test_index_is_replaced_whole(tmp_path):
    write_index(DOCUMENTS, tmp_path)
    first = set(bundle_files(tmp_path))
    write_index(DOCUMENTS[:1], tmp_path)
    second = bundle_files(tmp_path)
    assert sum(name.startswith("fragment/") for name in second) == 1
    assert len(first) > len(second)
    assert sorted(p.name for p in tmp_path.iterdir()) == [BUNDLE_DIR]


def document(**changes: str) -> SearchDocument:
    fields = {"url": "sluzby/1.html", "title": "T", "type": "service", "summary": "S", "text": ""}
    return SearchDocument(**{**fields, **changes})


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (document(type="sluzba"), r"search document 2 \('sluzby/1.html'\): type 'sluzba'"),
        (document(url="/sluzby/1.html"), r"search document 2 \('/sluzby/1.html'\): url must"),
        (document(url="../x.html"), r"url must be a path relative to the site root"),
        (document(url="sluzby/1.html?q=x"), r"url must"),
        (document(url="javascript:alert(1)//.html"), r"url must"),
        (document(url="0.html"), r"search document 2 \('0.html'\): another document has"),
    ],
)
def test_bad_documents_are_named_and_nothing_is_written(tmp_path, bad, message):
    with pytest.raises(SearchIndexError, match=message):
        write_index([document(url="0.html"), bad], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_missing_pagefind_binary_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # import fails as if not installed
    with pytest.raises(SearchIndexError, match=r"Pagefind binary.*pip install 'pagefind\[bin\]'"):
        write_index(DOCUMENTS, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_pagefind_settings_of_the_environment_are_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_OUTPUT_SUBDIR", "elsewhere")
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "h1, p")
    stats = write_index(DOCUMENTS, tmp_path)
    assert stats.documents == len(DOCUMENTS)
    assert not (tmp_path / "elsewhere").exists()
    assert len(fragments(tmp_path)) == len(DOCUMENTS)
    assert all(record["meta"]["title"] for record in fragments(tmp_path).values())


def test_script_tags_escape_the_root():
    tag = str(script_tags('../"><x>'))
    assert tag.startswith("<script ")
    assert "<x>" not in tag
    assert 'src="../&#34;&gt;&lt;x&gt;pagefind/kpss-search.js"' in tag
    assert str(script_tags("../")) == (
        '<script src="../pagefind/kpss-search.js" data-kpss-root="../" defer></script>'
    )


# -- kpss serve ---------------------------------------------------------------------------


def test_serve_gives_the_site_on_loopback_without_caching(stats, site):
    with served(site) as url:
        assert url.startswith(f"http://{HOST}:")
        with LOOPBACK.open(url + "pagefind/kpss-search.js") as response:
            assert response.headers["Content-Type"].startswith("text/javascript")
            assert response.headers["Cache-Control"] == "no-store"
            assert b"kpss" in response.read()
        with LOOPBACK.open(url) as response:
            assert response.read() == b"<p>home</p>"


def test_serve_binds_loopback_only(site):
    server = make_server(site, 0)
    try:
        address, port = server.server_address[:2]
        assert address == "127.0.0.1"
        assert port > 0
    finally:
        server.server_close()


def test_serve_refuses_a_missing_folder_and_a_taken_port(tmp_path, site):
    with pytest.raises(UsageError, match="not a folder"):
        make_server(tmp_path / "nothing", 0)
    first = make_server(site, 0)
    try:
        with pytest.raises(KpssError, match=r"cannot listen on 127\.0\.0\.1:\d+") as info:
            make_server(site, first.server_address[1])
        assert not isinstance(info.value, UsageError)  # a taken port is no usage error: exit 1
    finally:
        first.server_close()


SERVE_COMMAND = [sys.executable, "-m", "kpss", "serve"]


def test_serve_command_prints_the_url_and_stops_on_ctrl_c(stats, site):
    process = subprocess.Popen(
        [*SERVE_COMMAND, str(site), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith(f"Serving {site} at http://127.0.0.1:")
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        host_port = url.removeprefix("http://").rstrip("/")
        connection = http.client.HTTPConnection(host_port, timeout=10)
        connection.request("GET", "/index.html")
        assert connection.getresponse().read() == b"<p>home</p>"
        connection.close()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Stopped." in out
    assert "Traceback" not in err


def test_serve_command_refuses_a_bad_port(site):
    result = subprocess.run(
        [*SERVE_COMMAND, str(site), "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "70000" in result.stderr


def test_export_web_without_the_pagefind_binary_fails_clearly(tmp_path):
    """pagefind_bin installed but its binary gone: kpss export web names the fix, writes nothing."""
    fake = tmp_path / "fake"
    (fake / "pagefind_bin").mkdir(parents=True)
    (fake / "pagefind_bin" / "__init__.py").write_text(
        "def get_executable():\n    raise FileNotFoundError('Could not find pagefind')\n",
        encoding="utf-8",
    )
    sample = Path(__file__).resolve().parents[2] / "examples" / "data" / "rpss-plzensky"
    out = tmp_path / "site"
    command = [sys.executable, "-m", "kpss", "export", "web", str(sample / "rpss.json")]
    command += ["--codes", str(sample / "ciselniky"), "--orp", "Kralovice", "-o", str(out)]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(fake)},
    )
    assert result.returncode == 1, result.stderr
    assert "Pagefind binary" in result.stderr
    assert "pip install 'pagefind[bin]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake"]
