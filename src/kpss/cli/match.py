"""``kpss match LOCAL SOURCE [filters] [--columns name=COL,...] -o OUT.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kpss import reference
from kpss.api import check_source
from kpss.atomic import atomic_text, refuse_inputs, refuse_overlap
from kpss.cli.options import codes_option, load_source, source_filters
from kpss.cli.quiet import is_quiet
from kpss.find.local_list import KEYS, parse_columns, read_local
from kpss.find.match import MARGIN, MATCH_SCORE, REVIEW_SCORE, Matcher
from kpss.safe_output import terminal_text


@click.command()
@click.argument("local", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@source_filters
@click.option(
    "--columns",
    metavar="KEY=COLUMN,...",
    help=f"Map the list's columns; keys: {', '.join(KEYS)}. Usual headers are recognised.",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Encoding of a CSV list (e.g. cp1250 for Excel on Czech Windows).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the result JSON.")
@click.option("--csv", "csv_out", type=click.Path(path_type=Path), help="Write a CSV table.")
@click.option(
    "--report", type=click.Path(path_type=Path), help="Write the readable report ('-': print)."
)
@click.option(
    "--match-score",
    default=MATCH_SCORE,
    show_default=True,
    type=float,
    help="Score from which the best service is a match.",
)
@click.option(
    "--review-score",
    default=REVIEW_SCORE,
    show_default=True,
    type=float,
    help="Score from which services are proposed for review.",
)
@click.option(
    "--margin",
    default=MARGIN,
    show_default=True,
    type=float,
    help="How far ahead of the runner-up a match must be.",
)
@codes_option("Folder with the official code lists (ciselniky).")
def match(
    local: Path,
    source: Path,
    columns: str | None,
    encoding: str,
    output: Path | None,
    csv_out: Path | None,
    report: Path | None,
    match_score: float,
    review_score: float,
    margin: float,
    codes: Path | None,
    **options: Any,
) -> None:
    """Match a local list of services (CSV or JSON) to the register services in SOURCE.

    Rows are matched by register identifikator, then IČO, then the same name in the same
    obec, then fuzzily (names without diacritics and legal forms; phones, webs, e-mails,
    street and house number, provider and kind as evidence). The register services not
    found are limited to the filtered territory.
    """
    check_source(local)
    check_source(source)
    outputs = [("-o/--output", output), ("--csv", csv_out), ("--report", report)]
    refuse_overlap(outputs)
    for option, target in outputs:
        if target is not None and str(target) != "-":
            refuse_inputs(target, [local, source, options.get("additions")], option)
    entries = read_local(local, parse_columns(columns), encoding)
    if not is_quiet():
        used = ", ".join(f"{key}={column}" for key, column in entries.mapping.items())
        click.echo(terminal_text(f"Note: columns used: {used}"), err=True)
    result = load_source(source, options, codes)
    matcher = Matcher(
        result.catalog,
        reference.territory(),
        match_score=match_score,
        review_score=review_score,
        margin=margin,
    )
    outcome = matcher.match(entries)
    if output is not None:
        outcome.write_json(output)
    if csv_out is not None:
        outcome.write_csv(csv_out)
    if report is not None:
        if str(report) == "-":
            click.echo(terminal_text(outcome.report(), multiline=True), nl=False)
        else:
            with atomic_text(report) as out:
                out.write(outcome.report())
    click.echo(
        f"{len(entries)} řádků: shoda {len(outcome.matched)}, k posouzení "
        f"{len(outcome.ambiguous)}, nenalezeno v registru {len(outcome.unmatched_local)}; "
        f"služeb registru chybějících v seznamu: {len(outcome.unmatched_register)}",
        err=output is None and report is not None and str(report) == "-",
    )
