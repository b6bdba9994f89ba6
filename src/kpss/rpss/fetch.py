"""``kpss fetch``: download the current register and its code lists (official addresses).

Files: ``<base>/rpss/rpss.json`` and ``<base>/ciselniky/<file>.json`` for the code lists of
registry-format.md §3, with ``<base>`` = ``https://data.mpsv.cz/od/soubory`` by default.
All or nothing: the files are downloaded into a staging folder and moved into place only
when every one has arrived whole. A response shorter than its ``Content-Length``, a broken
connection or, for ``.json`` files, a body that is not JSON (an HTML error page served
with status 200) is a :class:`FetchError`, and the old files stay as they were.
"""

from __future__ import annotations

import http.client
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from kpss import __version__
from kpss.atomic import atomic_bytes
from kpss.errors import KpssError

BASE_URL = "https://data.mpsv.cz/od/soubory"
REGISTER_PATH = "rpss/rpss.json"
#: Code-list files published beside the register (registry-format.md §3).
CODE_LIST_FILES: tuple[str, ...] = (
    "druhy-socialni-sluzby.json",
    "cilove-skupiny-osoby.json",
    "formy-soc-sluzby.json",
    "typy-kapacity-socialni-sluzby.json",
    "vekove-skupiny-osoby.json",
    "kraje.json",
    "okresy.json",
    "obce.json",
    "casti-obci.json",
)
CHUNK = 1 << 16

_WHITESPACE = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"

#: ``start(name, total_bytes_or_None)`` then ``advance(n)`` per chunk, for progress bars.
StartFile = Callable[[str, int | None], Callable[[int], None]]


class FetchError(KpssError):
    """A download failed (offline, refused, HTTP error); exit code 1."""


def targets(base_url: str = BASE_URL) -> list[tuple[str, str]]:
    """``(url, relative path)`` of every file to download."""
    base = base_url.rstrip("/")
    result = [(f"{base}/{REGISTER_PATH}", "rpss.json")]
    result += [(f"{base}/ciselniky/{name}", f"ciselniky/{name}") for name in CODE_LIST_FILES]
    return result


def download(
    url: str,
    target: Path,
    timeout: float = 60.0,
    start: StartFile | None = None,
    shown: Path | None = None,
) -> int:
    """Download *url* into *target* atomically; return the byte count.

    *shown* is the file named in progress and error messages (default *target*).
    """
    target_name = shown or target
    try:
        request = urllib.request.Request(url, headers={"User-Agent": f"kpss/{__version__}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            advance = start(target_name.name, total) if start else None
            count = 0
            head = b"" if target.suffix.lower() == ".json" else None  # until the first byte
            with atomic_bytes(target) as handle:
                while True:
                    chunk = response.read(CHUNK)
                    if not chunk:
                        break
                    if head is not None:
                        head = (head + chunk).lstrip(_WHITESPACE)
                        head = head.removeprefix(_BOM).lstrip(_WHITESPACE) if head else head
                        if head:
                            _check_json_start(url, head, response.headers.get("Content-Type"))
                            head = None
                    handle.write(chunk)
                    count += len(chunk)
                    if advance:
                        advance(len(chunk))
                # Inside the atomic block: a short or non-JSON body leaves the old file.
                if total is not None and count != total:
                    raise FetchError(
                        f"{url}: the download ended early ({count} of {total} bytes); "
                        f"{target_name} was left as it was"
                    )
                if head is not None:
                    raise FetchError(
                        f"{url}: the server sent no data; {target_name} was left as it was"
                    )
            return count
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(
            f"{url}: cannot connect ({exc.reason}); are you offline? "
            "Try again later or give another address with --base-url"
        ) from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: no answer within {timeout:g} s; are you offline?") from exc
    except ConnectionError as exc:
        raise FetchError(f"{url}: the connection failed ({exc}); are you offline?") from exc
    except http.client.IncompleteRead as exc:
        raise FetchError(
            f"{url}: the download ended early ({len(exc.partial)} bytes, then the connection "
            f"closed); {target_name} was left as it was"
        ) from exc
    except (http.client.InvalidURL, ValueError) as exc:  # an address urllib cannot use
        raise FetchError(f"{url}: not a usable address ({exc}); check --base-url") from exc
    except http.client.HTTPException as exc:
        raise FetchError(
            f"{url}: the server's answer is not valid HTTP ({type(exc).__name__}: {exc})"
        ) from exc


def _check_json_start(url: str, head: bytes, content_type: str | None) -> None:
    """A ``.json`` download must start with ``{`` or ``[`` (not an HTML error page)."""
    if head[:1] in (b"{", b"["):
        return
    sample = head[:40].decode("utf-8", "replace")
    kind = f" ({content_type})" if content_type else ""
    raise FetchError(
        f"{url}: the answer is not JSON{kind}: it starts with {sample!r}; "
        "is the address right (--base-url)?"
    )


def fetch(
    directory: str | Path,
    base_url: str = BASE_URL,
    timeout: float = 60.0,
    start: StartFile | None = None,
    files: Sequence[tuple[str, str]] | None = None,
) -> list[tuple[Path, int]]:
    """Download the register and the code lists into *directory*; return paths and sizes.

    All or nothing: the files are downloaded into a staging folder inside *directory* and
    moved into place only when every download has succeeded, so a failure leaves the old
    register and code lists together as they were.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kpss-fetch-", dir=folder))
    try:
        staged = []
        for url, relative in files or targets(base_url):
            target, temporary = folder / relative, staging / relative
            temporary.parent.mkdir(parents=True, exist_ok=True)
            try:
                size = download(url, temporary, timeout, start, shown=target)
            except FetchError as exc:
                raise FetchError(f"{exc}; no file in {folder} was changed") from exc
            staged.append((temporary, target, size))
        for _, target, _ in staged:  # what could stop a rename, before the first one
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                raise FetchError(f"{target} is a folder; no file in {folder} was changed")
        for temporary, target, _ in staged:
            os.replace(temporary, target)
        return [(target, size) for _, target, size in staged]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
