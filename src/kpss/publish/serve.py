"""Preview an exported web catalogue over HTTP on this computer only (``kpss serve DIR``).

The search of the catalogue (Pagefind: ES modules and WebAssembly) does not run from pages
opened from disk; this small server makes it work while a coordinator checks the export.
It binds 127.0.0.1 only, so nobody else on the network sees the preview.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kpss.errors import KpssError, UsageError

__all__ = ["HOST", "make_server", "serve", "server_url", "serving"]

HOST = "127.0.0.1"


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Files of the site, never cached (a new export shows on reload), no request log."""

    extensions_map = {  # noqa: RUF012 - the base class declares it as a plain dict
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the console shows only the address and errors."""


def make_server(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server of *directory* bound to 127.0.0.1:*port* (0 = a free port), not yet serving."""
    site = Path(directory)
    if not site.is_dir():
        raise UsageError(f"{site}: not a folder (expected the folder kpss export web wrote)")
    if not 0 <= port <= 65535:
        raise UsageError(f"port {port} is out of range (expected 0 to 65535; 0 = any free port)")
    handler = functools.partial(_PreviewHandler, directory=str(site.resolve()))
    try:
        return http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as error:
        raise KpssError(f"cannot listen on {HOST}:{port}: {error.strerror or error}") from None


def server_url(server: http.server.HTTPServer) -> str:
    """The address of the site's home page on *server*."""
    return f"http://{HOST}:{server.server_address[1]}/"


def serve(directory: Path, port: int = 0, *, ready: Callable[[str], None] | None = None) -> None:
    """Serve *directory* on 127.0.0.1 until interrupted (Ctrl-C); *ready* gets the URL."""
    with make_server(directory, port) as server:
        if ready is not None:
            ready(server_url(server))
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


@contextlib.contextmanager
def serving(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve *directory* in a background thread while the block runs; yields the URL."""
    with make_server(directory, port) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server_url(server)
        finally:
            server.shutdown()
            thread.join()
