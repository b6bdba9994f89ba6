"""``kpss additions init`` and ``kpss additions check``: the coordinator's additions file.

``init SOURCE [filters] -o doplnky.yaml`` writes a starter file for a territory (never over
an existing file without ``--force``); ``check FILE SOURCE`` reads the additions and
measures them against the whole register (ended services included): errors make the exit
code 1, warnings alone 0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kpss import reference
from kpss.atomic import atomic_text, refuse_inputs
from kpss.cli.options import codes_option, load_source, resolve_options, source_filters
from kpss.cli.quiet import is_quiet
from kpss.errors import Severity, UsageError
from kpss.safe_output import terminal_json, terminal_text


@click.group("additions")
def additions() -> None:
    """Local additions (doplňky): descriptions, hours, fees, related services."""


@additions.command("init")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@source_filters
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The starter file to write (doplnky.yaml).",
)
@click.option("--force", is_flag=True, help="Write over an existing file.")
@codes_option("Folder with the official code lists (ciselniky).")
def init(source: Path, output: Path, force: bool, codes: Path | None, **options: Any) -> None:
    """Write a starter additions file: one entry per service of SOURCE (filtered)."""
    from kpss.additions.starter import starter_yaml

    if options.get("additions") is not None:
        raise UsageError("init writes a new additions file; --additions is not used here")
    # --force replaces an earlier additions file, never the register it is made from.
    refuse_inputs(output, [source, codes], "-o/--output")
    if output.exists() and not force:
        raise UsageError(f"{output} exists; it may hold filled additions (use --force to replace)")
    result = load_source(source, options, codes)
    name = resolve_options(options, result.catalog.codes).territory_name
    text = starter_yaml(
        result.catalog,
        reference.territory(),
        territory_name=name,
        file=output.name,
        source=str(source),
    )
    with atomic_text(output) as out:
        out.write(text)
    if not is_quiet():
        click.echo(
            f"Starter additions for {len(result.catalog)} services written to "
            f"{terminal_text(str(output))}.",
            err=True,
        )


@additions.command("check")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@codes_option("Folder with the official code lists (ciselniky).")
def check(file: Path, source: Path, as_json: bool, codes: Path | None) -> None:
    """Check the additions FILE (or folder) against the register SOURCE."""
    from kpss.additions.check import check_additions

    result = load_source(source, {"keep_all": True}, codes)
    findings = check_additions(file, result.catalog, territory=reference.territory())
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if as_json:
        data = [
            {
                "severity": f.severity.value,
                "file": f.location.file,
                "line": f.location.line,
                "identifikator": f.location.identifier,
                "path": f.location.path,
                "field": f.location.field,
                "message": f.message,
            }
            for f in findings
        ]
        click.echo(terminal_json(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        for finding in findings:
            word = "Error" if finding.severity is Severity.ERROR else "Warning"
            click.echo(f"{word}: {terminal_text(str(finding))}")
        click.echo(
            f"{terminal_text(str(file))}: {errors} error(s), {warnings} warning(s)",
            err=bool(findings),
        )
    if errors:
        raise SystemExit(1)
