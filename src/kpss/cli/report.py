"""``kpss report``: reports for planning built from the register.

``kpss report territory AREA SOURCE -o OUT.html|.pdf|.odt``: the territory analysis.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kpss.cli.options import codes_option
from kpss.cli.quiet import is_quiet
from kpss.errors import UsageError

SOURCE_ARG = click.Path(exists=True, path_type=Path)


def format_of(out: Path) -> str:
    """``html``, ``pdf`` or ``odt`` from the suffix of *out*."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt == "htm":
        fmt = "html"
    if fmt not in ("html", "pdf", "odt"):
        raise UsageError(f"-o {out}: expected a file ending in .html, .pdf or .odt")
    return fmt


@click.group()
def report() -> None:
    """Reports for community planning built from register snapshots."""


@report.command()
@click.argument("area")
@click.argument("source", type=SOURCE_ARG)
@click.option(
    "--previous",
    type=SOURCE_ARG,
    metavar="OLD_SOURCE",
    help="An earlier register snapshot: add the new, ended and changed services.",
)
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Date of SOURCE when it carries none (services active on that day count).",
)
@codes_option("Folder of code lists (ciselniky/) for labels of target groups and units.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write: .html, .pdf (tagged) or .odt.",
)
def territory(
    area: str,
    source: Path,
    previous: Path | None,
    on: dt.datetime | None,
    codes: Path | None,
    output: Path,
) -> None:
    """The territory analysis of AREA (an ORP or a preset) on the register SOURCE.

    Services by kind, form and target group; capacity per 1,000 inhabitants beside the
    kraj, the country and every ORP of the kraj; obce no field service reaches;
    providers; with --previous, what changed since the earlier snapshot.
    """
    from kpss import load
    from kpss.planning.analysis import analyse_territory, area_territory
    from kpss.planning.documents import territory_document, write_document

    fmt = format_of(output)
    resolved = area_territory(area)
    catalog = load(source, codes=codes).catalog
    old = load(previous, codes=codes).catalog if previous is not None else None
    analysis = analyse_territory(catalog, resolved, on=on.date() if on else None, previous=old)
    inputs = [source, *([previous] if previous else [])]
    write_document(territory_document(analysis), fmt, output, inputs=inputs)
    if not is_quiet():
        click.echo(f"Territory analysis of {resolved.name} written to {output}", err=True)
