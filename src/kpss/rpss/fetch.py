"""``kpss fetch``: download the current register and its code lists (official addresses).

Files: ``<base>/rpss/rpss.json`` and ``<base>/ciselniky/<file>.json`` for the code lists of
registry-format.md §3, with ``<base>`` = ``https://data.mpsv.cz/od/soubory`` by default.

All or nothing: the files are downloaded into a staging folder inside the target folder
and moved into place only when every one has arrived and been checked whole:

- complete: a body shorter than its ``Content-Length``, a cut chunk or a broken
  connection is a :class:`FetchError`;
- valid: UTF-8 JSON of the expected shape, read to its end — the register
  ``{"polozky": [{…}, …]}`` with kpss's own streaming reader (a cut body without
  ``Content-Length`` ends in the middle of a record and is caught here), a code list
  ``{"polozky": [{"id": …}, …]}``;
- plausible: not empty, and not fewer than :data:`MIN_SHARE` of the records of the file it
  replaces (unless ``force``): a half-published register must not replace a good one.

Otherwise nothing in the target folder changes. ``timeout`` bounds the whole download (every
file, connection and header included), not one read: a server that drips a byte at a time
is cut off at the deadline. Redirects are followed only to ``http`` and ``https`` addresses.
A fetch holds a lock on the target folder; the next fetch removes staging folders a killed
one left behind.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from kpss import __version__
from kpss.atomic import atomic_bytes
from kpss.errors import DataError, KpssError, UsageError

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
#: The default bound of a whole fetch, in seconds (the national register is ~100 MB).
TIMEOUT = 900.0
#: Seconds without a byte after which a connection counts as stalled (within the timeout).
IDLE_TIMEOUT = 60.0
#: A new file with fewer records than this share of the file it replaces is refused.
MIN_SHARE = 0.5
STAGING_PREFIX = ".kpss-fetch-"
SCHEMES = ("http", "https")

_WHITESPACE = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"

#: ``start(name, total_bytes_or_None)`` then ``advance(n)`` per chunk, for progress bars.
StartFile = Callable[[str, int | None], Callable[[int], None]]


class FetchError(KpssError):
    """A download failed (offline, refused, HTTP error, a broken file); exit code 1."""


def targets(base_url: str = BASE_URL) -> list[tuple[str, str]]:
    """``(url, relative path)`` of every file to download."""
    base = base_url.rstrip("/")
    result = [(f"{base}/{REGISTER_PATH}", "rpss.json")]
    result += [(f"{base}/ciselniky/{name}", f"ciselniky/{name}") for name in CODE_LIST_FILES]
    return result


# -- the deadline -----------------------------------------------------------------------
class Deadline:
    """The end of a fetch: sockets still open then are shut down, so no read outlives it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._timers: list[threading.Timer] = []

    def remaining(self) -> float:
        """Seconds left (``0`` once the deadline has passed)."""
        return max(self.end - time.monotonic(), 0.0)

    def socket_timeout(self) -> float:
        """The timeout of one socket operation: the idle bound, at most what is left."""
        return max(min(IDLE_TIMEOUT, self.remaining()), 0.001)

    def check(self) -> None:
        """Raise :class:`TimeoutError` once the deadline has passed."""
        if self.expired or self.remaining() <= 0:
            self.expired = True
            raise TimeoutError("the deadline passed")

    def watch(self, sock: socket.socket) -> None:
        """Shut *sock* down when the deadline comes (a blocked read then returns)."""

        def cut() -> None:
            self.expired = True
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(self.remaining(), cut)
        timer.daemon = True
        timer.start()
        self._timers.append(timer)

    def close(self) -> None:
        """Stop watching (call when the downloads are over)."""
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()


class _Watched:
    """A connection that hands its socket to a :class:`Deadline` once connected."""

    sock: Any

    def __init__(self, *args: Any, deadline: Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        self._deadline.check()
        super().connect()  # type: ignore[misc]
        self._deadline.watch(self.sock)


class _WatchedHTTP(_Watched, http.client.HTTPConnection):
    pass


class _WatchedHTTPS(_Watched, http.client.HTTPSConnection):
    pass


class _DeadlineOpen(urllib.request.AbstractHTTPHandler):
    """Opens connections through their deadline-watched twins."""

    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> http.client.HTTPResponse:
        return super().do_open(_connection(http_class, self._deadline), req, **kwargs)


class _HTTPHandler(_DeadlineOpen, urllib.request.HTTPHandler):
    pass


class _HTTPSHandler(_DeadlineOpen, urllib.request.HTTPSHandler):
    pass


def _connection(http_class: Any, deadline: Deadline) -> Callable[..., Any]:
    """A factory of the deadline-watched twin of *http_class* (urllib's connection class)."""
    secure = isinstance(http_class, type) and issubclass(http_class, http.client.HTTPSConnection)
    cls: type[_Watched] = _WatchedHTTPS if secure else _WatchedHTTP

    def make(*args: Any, **kwargs: Any) -> Any:
        return cls(*args, deadline=deadline, **kwargs)

    return make


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s); say clearly when a server points elsewhere."""

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any
    ) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            scheme = urllib.parse.urlsplit(target).scheme.lower()
            if scheme not in SCHEMES:
                fp.close()
                raise FetchError(
                    f"{req.full_url}: the server redirects to {target!r}; kpss follows "
                    "redirects to http and https addresses only"
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_302
    http_error_308 = http_error_302


def _opener(deadline: Deadline) -> urllib.request.OpenerDirector:
    """http(s) only (no ``file:``, ``ftp:`` or ``data:`` handlers), proxies from the
    environment, deadline-watched connections."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        _HTTPHandler(deadline),
        _HTTPSHandler(deadline),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


# -- one download -----------------------------------------------------------------------
def download(
    url: str,
    target: Path,
    timeout: float = TIMEOUT,
    start: StartFile | None = None,
    shown: Path | None = None,
    deadline: Deadline | None = None,
) -> int:
    """Download *url* into *target* atomically; return the byte count.

    *shown* is the file named in progress and error messages (default *target*);
    *deadline* is shared by the files of one fetch (default: *timeout* from now).
    """
    own = deadline is None
    limit = deadline or Deadline(timeout)
    target_name = shown or target
    try:
        return _download(url, target, target_name, limit, start)
    except Exception as exc:
        if limit.expired or limit.remaining() <= 0:
            raise FetchError(
                f"{url}: the download did not finish within {limit.seconds:g} s (--timeout); "
                f"{target_name} was left as it was"
            ) from exc
        if isinstance(exc, FetchError):
            raise
        raise _failure(url, target_name, exc) from exc
    finally:
        if own:
            limit.close()


def _download(
    url: str, target: Path, shown: Path, deadline: Deadline, start: StartFile | None
) -> int:
    deadline.check()
    request = urllib.request.Request(url, headers={"User-Agent": f"kpss/{__version__}"})
    with _opener(deadline).open(request, timeout=deadline.socket_timeout()) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        advance = start(shown.name, total) if start else None
        count = 0
        head = b"" if target.suffix.lower() == ".json" else None  # until the first byte
        with atomic_bytes(target) as handle:
            while True:
                chunk = response.read(CHUNK)
                deadline.check()
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
                    f"{shown} was left as it was"
                )
            if head is not None:
                raise FetchError(f"{url}: the server sent no data; {shown} was left as it was")
        return count


def _failure(url: str, shown: Path, exc: BaseException) -> FetchError:
    """One clear sentence for what went wrong with *url*."""
    if isinstance(exc, urllib.error.HTTPError):
        return FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}")
    if isinstance(exc, urllib.error.URLError):
        return FetchError(
            f"{url}: cannot connect ({exc.reason}); are you offline? "
            "Try again later or give another address with --base-url"
        )
    if isinstance(exc, TimeoutError):
        return FetchError(
            f"{url}: no data for {IDLE_TIMEOUT:g} s; are you offline? {shown} was left as it was"
        )
    if isinstance(exc, http.client.IncompleteRead):
        return FetchError(
            f"{url}: the download ended early ({len(exc.partial)} bytes, then the connection "
            f"closed); {shown} was left as it was"
        )
    if isinstance(exc, ConnectionError):
        return FetchError(f"{url}: the connection failed ({exc}); are you offline?")
    if isinstance(exc, http.client.InvalidURL | ValueError):  # an address urllib cannot use
        return FetchError(f"{url}: not a usable address ({exc}); check --base-url")
    if isinstance(exc, http.client.HTTPException):
        return FetchError(
            f"{url}: the server's answer is not valid HTTP ({type(exc).__name__}: {exc})"
        )
    if isinstance(exc, OSError):
        return FetchError(f"{url}: {exc.strerror or exc}; {shown} was left as it was")
    return FetchError(f"{url}: {type(exc).__name__}: {exc}")


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


# -- checking a downloaded file whole ---------------------------------------------------
def count_records(path: Path, register: bool) -> int:
    """The number of records of a register or code-list file, read to its end.

    Raise :class:`~kpss.errors.DataError` (without naming *path*) when the file is not
    complete UTF-8 JSON of the expected shape.
    """
    if register:
        return _count_register(path)
    return _count_code_list(path)


def _count_register(path: Path) -> int:
    from kpss.rpss.json_stream import JsonItemStream

    count = 0
    for item in JsonItemStream(path):
        if item.error is not None:
            raise DataError(f"record {item.index}: {item.error}")
        if not isinstance(item.data, dict):
            raise DataError(f"record {item.index} is not an object")
        count += 1
    return count


def _count_code_list(path: Path) -> int:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg} (byte {exc.pos})") from None
    items = data.get("polozky") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DataError('expected a code list {"polozky": [...]}')
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise DataError(f'item {index} is not a code-list entry {{"id": …}}')
    return len(items)


def _reason(exc: DataError) -> str:
    """The problem and its position, without the (staging) file name."""
    where = exc.location
    parts = [f"byte {where.byte}"] if where.byte is not None else []
    if where.index is not None:
        parts.append(f"record {where.index}")
    return exc.reason + (f" ({', '.join(parts)})" if parts else "")


def _previous_count(target: Path, register: bool) -> int | None:
    """The records of the file about to be replaced; ``None`` if it is missing or broken."""
    if not target.is_file():
        return None
    try:
        return count_records(target, register)
    except (DataError, OSError):
        return None


def check_download(url: str, staged: Path, target: Path, force: bool) -> int:
    """Check a downloaded file whole before it may replace *target*; return its records."""
    register = target.name == "rpss.json"
    try:
        count = count_records(staged, register)
    except DataError as exc:
        raise FetchError(
            f"{url}: the file is not a complete "
            f"{'register' if register else 'code list'}: {_reason(exc)}"
        ) from exc
    if force:
        return count
    if count == 0:
        raise FetchError(
            f"{url}: the file has no records; {target} was kept (--force takes it anyway)"
        )
    before = _previous_count(target, register)
    if before is not None and count < before * MIN_SHARE:
        raise FetchError(
            f"{url}: {count} records, fewer than {MIN_SHARE:.0%} of the {before} in {target}; "
            "is the publication complete? (--force takes it anyway)"
        )
    return count


# -- the fetch --------------------------------------------------------------------------
@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on *folder* (one fetch at a time); stale staging goes."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, still clean up
        fcntl = None  # type: ignore[assignment]
    fd = os.open(folder, os.O_RDONLY)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise FetchError(
                    f"another kpss fetch is writing into {folder}; wait for it to finish"
                ) from None
        for stale in folder.glob(f"{STAGING_PREFIX}*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        os.close(fd)


def _check_address(url: str) -> None:
    try:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
    except ValueError:  # not an address at all: the download says so
        return
    if scheme and scheme not in SCHEMES:
        raise UsageError(f"{url}: kpss downloads http and https addresses only (--base-url)")


def fetch(
    directory: str | Path,
    base_url: str = BASE_URL,
    timeout: float = TIMEOUT,
    start: StartFile | None = None,
    files: Sequence[tuple[str, str]] | None = None,
    force: bool = False,
) -> list[tuple[Path, int]]:
    """Download the register and the code lists into *directory*; return paths and sizes.

    See the module docstring: all or nothing, each file checked whole, *timeout* seconds
    for everything; *force* takes files with suspiciously few records.
    """
    folder = Path(directory)
    chosen = list(files or targets(base_url))
    for url, _ in chosen:
        _check_address(url)
    folder.mkdir(parents=True, exist_ok=True)
    deadline = Deadline(timeout)
    with _locked(folder):
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
        try:
            staged = []
            try:
                for url, relative in chosen:
                    target, temporary = folder / relative, staging / relative
                    temporary.parent.mkdir(parents=True, exist_ok=True)
                    size = download(url, temporary, timeout, start, target, deadline)
                    staged.append((url, temporary, target, size))
            finally:
                deadline.close()
            for url, temporary, target, _ in staged:  # whole, valid, plausible
                check_download(url, temporary, target, force)
            for *_, target, _ in staged:  # what could stop a rename, before the first one
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.is_dir():
                    raise FetchError(f"{target} is a folder")
            for _, temporary, target, _ in staged:
                os.replace(temporary, target)
            return [(target, size) for *_, target, size in staged]
        except FetchError as exc:
            raise FetchError(f"{exc}; no file in {folder} was changed") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
