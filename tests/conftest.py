"""Shared fixtures: synthetic registers (``kpss.testing``, through its pytest plugin), the
bundled sample and local HTTP servers."""

from __future__ import annotations

import http.server
import socketserver
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kpss.testing import RegisterFactory, RegisterInfo

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "rpss-plzensky"


@pytest.fixture(scope="session")
def small_register(rpss_factory: RegisterFactory) -> RegisterInfo:
    """A national synthetic register of 300 services with its XML rendition and code lists."""
    return rpss_factory(services=300, seed=7, xml=True)


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
