"""Options shared by every command that reads a SOURCE: territory and content filters.

``--kraj/--okres/--orp/--obec NAME|CODE``, ``--area PRESET``, ``--active-on YYYY-MM-DD``
(default today), ``--all`` (keep ended services), ``--kind §|CODE``, ``--group CODE|NAME``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from kpss import reference
from kpss.cli.quiet import is_quiet
from kpss.errors import NotFoundError, UsageError
from kpss.extensions import ImportFilter, ImportResult
from kpss.model.codes import CILOVA_SKUPINA, CodeBook
from kpss.model.names import fold
from kpss.model.territory import Area, Level, Unit
from kpss.places import obec_codes, resolve

F = TypeVar("F", bound=Callable[..., Any])

_TERRITORY_OPTIONS = (
    ("kraj", Level.KRAJ),
    ("okres", Level.OKRES),
    ("orp", Level.ORP),
    ("obec", Level.OBEC),
)


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


def _presets() -> dict[str, Area]:
    from kpss.plugins import get_presets

    return get_presets()


def territory_units(options: dict[str, Any]) -> tuple[list[Unit], list[str]]:
    """Units named by the territory options, and notes for the user (e.g. ČSÚ vs RÚIAN)."""
    data = reference.territory()
    units: list[Unit] = []
    notes: list[str] = []
    for name, level in _TERRITORY_OPTIONS:
        for text in options.get(name, ()):
            found = resolve(data, text, level)
            units.append(found.unit)
            notes.extend(found.notes)
    areas: Sequence[str] = options.get("area", ())
    if areas:
        presets = _presets()
        by_name = {fold(a.name): a for a in presets.values()}
        for text in areas:
            area = presets.get(text) or by_name.get(fold(text))
            if area is None:
                known = ", ".join(sorted(presets)) or "none (no plugin registers presets)"
                raise NotFoundError(f"unknown territory preset {text!r}; known presets: {known}")
            units.append(area)
    return units, notes


def kind_codes(texts: Sequence[str]) -> frozenset[str]:
    """Register codes (``DruhSocialniSluzby/…``) or kind keys for ``--kind`` values."""
    result: set[str] = set()
    for text in texts:
        if text.startswith("DruhSocialniSluzby/"):
            result.add(text)
            continue
        kind = reference.law().resolve(text)
        if kind is None:
            raise UsageError(
                f"--kind {text!r}: expected a § of Act 108/2006 (e.g. §49), "
                "a register code (DruhSocialniSluzby/13) or a kind name"
            )
        result.add(kind.register_code or kind.key)
    return frozenset(result)


def group_codes(texts: Sequence[str], codes: CodeBook) -> frozenset[str]:
    """Target-group ids for ``--group`` values: an id, its number, or its label."""
    result: set[str] = set()
    labels = {fold(c.label): c.id for c in codes.items(CILOVA_SKUPINA) if c.label}
    for text in texts:
        if text.startswith(f"{CILOVA_SKUPINA}/"):
            result.add(text)
        elif text.isdigit():
            result.add(f"{CILOVA_SKUPINA}/{text}")
        elif fold(text) in labels:
            result.add(labels[fold(text)])
        else:
            raise UsageError(
                f"--group {text!r}: expected a target-group id "
                "(CilovaSkupinaOsoby/24), its number or a label of a loaded "
                "code list"
            )
    return frozenset(result)


def build_filter(
    options: dict[str, Any], codes: CodeBook, today: dt.date | None = None
) -> tuple[ImportFilter, list[str]]:
    """An :class:`ImportFilter` from the parsed filter options, and notes for the user."""
    units, notes = territory_units(options)
    active: dt.datetime | None = options.get("active_on")
    if options.get("keep_all"):
        if active is not None:
            raise UsageError("--all and --active-on exclude each other")
        active_on = None
    else:
        active_on = active.date() if active is not None else (today or dt.date.today())
    return ImportFilter(
        obce=obec_codes(reference.territory(), units) if units else None,
        active_on=active_on,
        kinds=kind_codes(options.get("kind", ())),
        target_groups=group_codes(options.get("group", ()), codes),
    ), notes


def filter_values(options: dict[str, Any]) -> dict[str, Any]:
    """Pick the filter options out of a command's keyword arguments."""
    keys = ("kraj", "okres", "orp", "obec", "area", "active_on", "keep_all", "kind", "group")
    return {k: options[k] for k in keys if k in options}


def load_source(
    path: str | Path,
    options: dict[str, Any],
    codes_dir: str | Path | None = None,
    strict: bool = False,
) -> ImportResult:
    """Read a SOURCE with the filters given on the command line, printing notes to stderr."""
    from kpss.registry import load

    quiet = is_quiet()
    codes = reference.code_book(codes_dir)
    import_filter, notes = build_filter(filter_values(options), codes)
    if not quiet:
        for note in notes:
            click.echo(f"Note: {note}", err=True)
    return load(
        path, filter=import_filter, codes=codes, strict=strict, progress=None if quiet else "auto"
    )
