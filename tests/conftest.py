"""Shared fixtures: the project's shared/ folder and synthetic register data from gen_rpss.py."""

from __future__ import annotations

import http.server
import os
import socketserver
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "rpss-plzensky"


def shared_dir() -> Path:
    """``../shared`` beside the checkout, or ``$KPSS_SHARED``."""
    return Path(os.environ.get("KPSS_SHARED", ROOT.parent / "shared")).resolve()


GenerateRegister = Callable[..., Path]


@pytest.fixture(scope="session")
def gen_rpss(tmp_path_factory: pytest.TempPathFactory) -> GenerateRegister:
    """Run ``gen_rpss.py OUT [args]`` into a fresh folder and return it.

    Example: ``gen_rpss("--services", "300", "--xml", "--fault", "truncated")``.
    """
    tool = shared_dir() / "tools" / "gen_rpss.py"
    if not tool.is_file():
        raise RuntimeError(f"{tool} is missing: the tests need the project's shared/ folder")
    cache: dict[tuple[str, ...], Path] = {}

    def generate(*args: str) -> Path:
        if args not in cache:
            out = tmp_path_factory.mktemp("rpss")
            subprocess.run(
                [sys.executable, str(tool), str(out), *args], check=True, capture_output=True
            )
            cache[args] = out
        return cache[args]

    return generate


@pytest.fixture(scope="session")
def small_register(gen_rpss: GenerateRegister) -> Path:
    """A national synthetic register of 300 services with its XML rendition and code lists."""
    return gen_rpss("--services", "300", "--seed", "7", "--xml")


@pytest.fixture(scope="session")
def sample_register() -> Path:
    """The bundled sample: 200 synthetic services in Plzeňský kraj (examples/data)."""
    return SAMPLE


ServeHttp = Callable[[Callable[..., socketserver.BaseRequestHandler]], str]


@pytest.fixture
def serve_http() -> Iterator[ServeHttp]:
    """Start HTTP servers on 127.0.0.1 for one test (never the real network): their URLs."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(handler: Callable[..., socketserver.BaseRequestHandler]) -> str:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()
