"""Options shared by every command that reads a SOURCE: territory and content filters.

``--kraj/--okres/--orp/--obec NAME|CODE``, ``--area PRESET``, ``--active-on YYYY-MM-DD``
(default today), ``--all`` (keep ended services), ``--kind §|CODE``, ``--group CODE|NAME``,
and ``--additions FILE|DIR`` (local additions applied by :func:`load_source`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from kpss import reference
from kpss.cli.quiet import is_quiet
from kpss.filters import ImportFilter, ResolvedFilter, resolve_filter
from kpss.model.codes import CodeBook
from kpss.plugins.records import ImportResult

F = TypeVar("F", bound=Callable[..., Any])


def source_filters(func: F) -> F:
    """Add the territory and content filter options of the CLI contract to a command."""
    options = [
        click.option(
            "--kraj",
            multiple=True,
            metavar="NAME|CODE",
            help="Kraj by name, RÚIAN code (43) or NUTS3 (CZ032).",
        ),
        click.option(
            "--okres",
            multiple=True,
            metavar="NAME|CODE",
            help="Okres by name, RÚIAN code (3402) or LAU1 (CZ0411).",
        ),
        click.option(
            "--orp",
            multiple=True,
            metavar="NAME|CODE",
            help="ORP by name, ČSÚ code (3206) or RÚIAN code (639).",
        ),
        click.option(
            "--obec", multiple=True, metavar="NAME|CODE", help="Obec by name or six-digit code."
        ),
        click.option(
            "--area",
            multiple=True,
            metavar="PRESET",
            help="A territory preset registered by a plugin (e.g. Kralovicko).",
        ),
        click.option(
            "--active-on",
            type=click.DateTime(["%Y-%m-%d"]),
            default=None,
            help="Keep services provided on this day (default: today).",
        ),
        click.option("--all", "keep_all", is_flag=True, help="Keep ended and future services too."),
        click.option(
            "--kind",
            multiple=True,
            metavar="§|CODE",
            help="Service kind: §49, 49, DruhSocialniSluzby/13 or a name.",
        ),
        click.option(
            "--group",
            multiple=True,
            metavar="CODE|NAME",
            help="Target group: CilovaSkupinaOsoby/24, 24 or its label.",
        ),
        click.option(
            "--additions",
            type=click.Path(exists=True, path_type=Path),
            metavar="FILE|DIR",
            help="Local additions (doplňky): a YAML or CSV file, or a folder of them.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def codes_option(help: str, must_exist: bool = True) -> Callable[[F], F]:
    """The ``--codes DIR`` option (a folder of official code lists), passed as ``codes``."""
    return click.option(
        "--codes",
        "codes",
        type=click.Path(exists=must_exist, file_okay=False, path_type=Path),
        help=help,
    )


def filter_values(options: dict[str, Any]) -> dict[str, Any]:
    """Pick the filter options out of a command's keyword arguments."""
    keys = ("kraj", "okres", "orp", "obec", "area", "active_on", "keep_all", "kind", "group")
    return {k: options[k] for k in keys if k in options}


def resolve_options(
    options: dict[str, Any], codes: CodeBook, today: dt.date | None = None
) -> ResolvedFilter:
    """The filter of the parsed filter options (names resolved by :func:`resolve_filter`)."""
    values = filter_values(options)
    active: dt.datetime | None = values.get("active_on")
    return resolve_filter(
        kraj=values.get("kraj", ()),
        okres=values.get("okres", ()),
        orp=values.get("orp", ()),
        obec=values.get("obec", ()),
        area=values.get("area", ()),
        active_on=active.date() if active is not None else None,
        keep_all=bool(values.get("keep_all")),
        kind=values.get("kind", ()),
        group=values.get("group", ()),
        codes=codes,
        today=today,
    )


def build_filter(
    options: dict[str, Any], codes: CodeBook, today: dt.date | None = None
) -> tuple[ImportFilter, list[str]]:
    """An :class:`ImportFilter` from the parsed filter options, and notes for the user."""
    resolved = resolve_options(options, codes, today)
    return resolved.filter, list(resolved.notes)


@contextlib.contextmanager
def byte_progress(path: Path, label: str = "Reading") -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for reading *path* when it is a terminal, else nothing."""
    if is_quiet() or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(
        length=path.stat().st_size, label=f"{label} {path.name}", file=sys.stderr, show_eta=True
    ) as bar:
        yield bar.update


@contextlib.contextmanager
def work_progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar for (done, total) work such as pages, on a terminal only."""
    if is_quiet() or not sys.stderr.isatty():
        yield None
        return
    state: dict[str, Any] = {}
    try:

        def update(done: int, total: int) -> None:
            bar = state.get("bar")
            if bar is None:
                bar = state["bar"] = click.progressbar(
                    length=max(total, 1), label=label, file=sys.stderr
                )
                bar.__enter__()
            bar.update(done - bar.pos)

        yield update
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)


def load_source(
    path: str | Path,
    options: dict[str, Any],
    codes_dir: str | Path | None = None,
    strict: bool = False,
    enrich: bool = False,
) -> ImportResult:
    """Read a SOURCE with the filters given on the command line, printing notes to stderr."""
    from kpss.api import load

    codes = reference.code_book(codes_dir)
    resolved = resolve_options(options, codes)
    if not is_quiet():
        for note in resolved.notes:
            click.echo(f"Note: {note}", err=True)
    with byte_progress(Path(path)) as progress:
        return load(
            path,
            filter=resolved.filter,
            codes=codes,
            strict=strict,
            enrich=enrich,
            progress=progress,
            additions=options.get("additions"),
        )
