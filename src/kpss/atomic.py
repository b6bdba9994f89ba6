"""Writers never leave half-written output and never write over their input.

Each writer writes to a temporary sibling, then renames it over the target: the target
appears whole on success and stays as it was on error. An error while writing (a full
disk, a read-only file system, no permission) names the *output*, never the temporary
file: ``OSError(ENOSPC, "No space left on device (… left as it was)", "katalog.json")``.

:func:`refuse_inputs` is the check every command and :func:`kpss.export` make before
writing: an output that is one of the inputs, or a folder holding one (a folder output is
replaced whole), is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from kpss.errors import UsageError

#: Errors of writing data (not of what the writer reads meanwhile, e.g. a network).
WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EACCES, errno.EPERM}
)


@contextlib.contextmanager
def atomic_text(path: str | Path, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Write text to *path* atomically: it appears whole on success, untouched on error."""
    with _atomic(Path(path)) as (fd, _), os.fdopen(fd, "w", encoding=encoding, newline="") as f:
        yield f
        f.flush()
        os.fsync(f.fileno())


@contextlib.contextmanager
def atomic_bytes(path: str | Path) -> Iterator[IO[bytes]]:
    """Write bytes to *path* atomically: it appears whole on success, untouched on error."""
    with _atomic(Path(path)) as (fd, _), os.fdopen(fd, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Build a folder in a temporary sibling; it replaces *path* only when complete."""
    target = Path(path)
    existed = target.exists()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise _about_output(exc, target, existed) from exc
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; outputs get the usual mode
        try:
            yield tmp
        except OSError as exc:
            if _from_writing(exc, tmp):
                raise _about_output(exc, target, existed) from exc
            raise
        try:
            if target.exists():
                old = target.with_name(f".{target.name}.old")
                os.replace(target, old)
                os.replace(tmp, target)
                _remove_tree(old)
            else:
                os.replace(tmp, target)
        except OSError as exc:
            raise _about_output(exc, target, existed) from exc
    except BaseException:
        _remove_tree(tmp)
        raise


def refuse_inputs(
    output: str | Path, inputs: Iterable[str | Path | None], what: str = "output"
) -> None:
    """Raise :class:`~kpss.errors.UsageError` when writing *output* would destroy an input.

    That is when *output* is an input (also through a link) or an existing folder that
    holds one: folder outputs are replaced whole.
    """
    target = Path(output)
    if not target.exists():
        return
    for given in inputs:
        if given is None:
            continue
        source = Path(given)
        if _same_file(target, source):
            raise UsageError(
                f"{what} {target} is the input {source} itself: writing it would destroy "
                "the input; choose another file"
            )
        if target.is_dir() and _inside(source, target):
            raise UsageError(
                f"{what} {target} is a folder that holds the input {source}: the output "
                "would replace the folder and the input with it; choose another folder"
            )


def refuse_overlap(outputs: Iterable[tuple[str, str | Path | None]]) -> None:
    """Raise :class:`~kpss.errors.UsageError` when two outputs of one command are one file."""
    seen: list[tuple[str, Path]] = []
    for option, given in outputs:
        if given is None or str(given) == "-":
            continue
        path = Path(given)
        for other_option, other in seen:
            if path.absolute() == other.absolute() or (
                path.exists() and other.exists() and _same_file(path, other)
            ):
                raise UsageError(
                    f"{option} and {other_option} name the same file {path}; give two files"
                )
        seen.append((option, path))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.absolute() == b.absolute()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _from_writing(exc: OSError, temporary: str | Path) -> bool:
    """Whether *exc*, raised while the caller wrote, is about the temporary output."""
    name = exc.filename
    if name is None:
        return exc.errno in WRITE_ERRNOS
    return str(name) == str(temporary) or str(name).startswith(f"{temporary}{os.sep}")


def _about_output(exc: OSError, target: Path, existed: bool) -> OSError:
    """The same error, naming *target* and saying the old output is unharmed."""
    kept = f"{target} was left as it was" if existed else f"{target} was not written"
    reason = exc.strerror or str(exc)
    return OSError(exc.errno, f"{reason} ({kept})", str(target))


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[tuple[int, str]]:
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _about_output(exc, path, existed) from exc
    try:
        try:
            os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
            yield fd, tmp_name
        except OSError as exc:
            if _from_writing(exc, tmp_name):
                raise _about_output(exc, path, existed) from exc
            raise
        try:
            os.replace(tmp_name, path)
        except OSError as exc:
            raise _about_output(exc, path, existed) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
