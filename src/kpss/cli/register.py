"""Register commands: ``kpss import``, ``kpss convert``, ``kpss diff``, ``kpss fetch``."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kpss import reference
from kpss.atomic import atomic_text, refuse_inputs, refuse_overlap
from kpss.cli.options import (
    byte_progress,
    codes_option,
    load_source,
    resolve_options,
    source_filters,
)
from kpss.cli.quiet import is_quiet
from kpss.errors import DataError, Finding, Location, UsageError
from kpss.model.codes import CODE_ID
from kpss.plugins.records import ImportReport
from kpss.rpss.fetch import TIMEOUT
from kpss.safe_output import terminal_json, terminal_text

#: How many rejected records / warnings the human report lists (the JSON report has all).
LISTED = 10


# Numbers that vary (not those of "Act 108/2006", "mod-11" or "8 digits").
_NUMBER = re.compile(r"(?<!Act )(?<!mod-)(?<![/\w])\d+\b(?! digits)")


def _kind(entry: Finding) -> str:
    """A warning's kind for the summary: its message with the specific values blanked."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "…", entry.message)
    return _NUMBER.sub("N", CODE_ID.sub(r"\1/N", text))


def _describe(entry: Finding) -> str:
    where = str(entry.location) if entry.location else f"record {entry.index}"
    return f"{where}: {entry.message}"


def report_text(report: ImportReport) -> str:
    """A short human report; thousands of warnings are summarised by kind."""
    lines = [
        f"Read {report.read} records from {report.source}: {report.accepted} accepted, "
        f"{report.filtered_out} filtered out, {len(report.rejected)} rejected, "
        f"{len(report.warnings)} warnings."
    ]
    if report.rejected:
        lines.append("Rejected:")
        lines += [f"  {_describe(e)}" for e in report.rejected[:LISTED]]
        if len(report.rejected) > LISTED:
            lines.append(f"  … and {len(report.rejected) - LISTED} more (see --report)")
    if report.warnings:
        lines.append("Warnings by kind:")
        for kind, count in Counter(_kind(e) for e in report.warnings).most_common():
            lines.append(f"  {count:>6} × {kind}")
        lines.append(f"First {min(LISTED, len(report.warnings))} warnings:")
        lines += [f"  {_describe(e)}" for e in report.warnings[:LISTED]]
        if len(report.warnings) > LISTED:
            lines.append(f"  … and {len(report.warnings) - LISTED} more (see --report)")
    return "\n".join(lines)


def _write_json(path: Path, data: Any) -> None:
    with atomic_text(path) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


@click.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@source_filters
@codes_option(
    "Folder of official code lists (ciselniky/*.json); default: the packaged snapshot.",
    must_exist=False,
)
@click.option("--strict", is_flag=True, help="Fail on any warning or rejected record.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the full import report as JSON.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Save the catalogue (kpss-catalog/1 JSON) for other commands.",
)
def import_(
    source: Path,
    codes: Path | None,
    strict: bool,
    report_path: Path | None,
    output: Path | None,
    **filters: Any,
) -> None:
    """Read a register file (rpss.json / rpss.xml) or a saved catalogue and report on it."""
    from kpss.api import export
    from kpss.convert import report_json
    from kpss.errors import StrictModeError

    inputs = [source, filters.get("additions")]
    refuse_overlap([("-o/--output", output), ("--report", report_path)])
    for option, target in (("-o/--output", output), ("--report", report_path)):
        if target is not None:
            refuse_inputs(target, inputs, option)
    try:
        result = load_source(source, filters, codes, strict=strict)
    except StrictModeError as exc:
        if report_path is not None:
            _write_json(report_path, report_json(exc.report))
        raise
    report = result.report
    if report_path is not None:
        _write_json(report_path, report_json(report))
    nothing = report.read > 0 and len(report.rejected) == report.read
    if output is not None and not nothing:
        export(result.catalog, "kpss-catalog", output, inputs=inputs)
    click.echo(terminal_text(report_text(report), multiline=True))
    if nothing:
        raise DataError(
            f"every record was rejected ({report.read} of {report.read}); nothing was "
            "imported" + (f" and {output} was not written" if output is not None else ""),
            Location(file=str(source)),
        )
    if output is not None:
        click.echo(terminal_text(f"Catalogue saved to {output} ({len(result.catalog)} services)."))


@click.command("convert")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def convert(source: Path, target: Path) -> None:
    """Convert a register file between JSON and the XML rendition (by extension), losslessly."""
    from kpss.api import check_source
    from kpss.rpss.copy import convert as run

    check_source(source)

    def warn(message: str) -> None:
        click.echo(terminal_text(f"Warning: {message}"), err=True)

    with byte_progress(source, "Converting") as progress:
        count = run(source, target, progress, warn=warn)
    if not is_quiet():
        click.echo(f"Wrote {count} records to {target}.", err=True)


@click.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@source_filters
@codes_option("Folder of official code lists (ciselniky/*.json).", must_exist=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
def diff(
    old: Path, new: Path, codes: Path | None, fmt: str, output: Path | None, **filters: Any
) -> None:
    """New, ended and changed services between two register snapshots."""
    from kpss.api import check_source
    from kpss.rpss.diff_render import render
    from kpss.rpss.snapshot_diff import diff_files

    if filters.get("additions") is not None:
        raise UsageError(
            "--additions does not apply to kpss diff: it compares what the register says "
            "in two snapshots"
        )
    check_source(old)
    check_source(new)
    if output is not None:
        refuse_inputs(output, [old, new], "-o/--output")
    book = reference.code_book(codes)
    resolved = resolve_options(filters, book)
    if not is_quiet():
        for note in resolved.notes:
            click.echo(f"Note: {note}", err=True)
    with byte_progress(old, "Comparing") as progress:
        result = diff_files(old, new, filter=resolved.filter, codes=book, progress=progress)
    if not is_quiet():
        for label, bad in (("OLD", result.unreadable_old), ("NEW", result.unreadable_new)):
            if bad:
                click.echo(
                    f"Warning: {len(bad)} record(s) of {label} could not be read; they are "
                    "listed as unreadable, not as new or ended services",
                    err=True,
                )
    text = render(result, fmt)
    if output is None:
        shown = terminal_json(text) if fmt == "json" else terminal_text(text, multiline=True)
        click.echo(shown, nl=False)
    else:
        with atomic_text(output) as handle:
            handle.write(text)


@click.command("fetch")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to put rpss.json and ciselniky/.",
)
@click.option(
    "--base-url", default=None, help="Another http(s) address instead of the official one."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=TIMEOUT,
    show_default=True,
    help="Seconds for the whole download (every file).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Take files with no records or with fewer than half the records of the old ones.",
)
def fetch(directory: Path, base_url: str | None, timeout: float, force: bool) -> None:
    """Download the current register (rpss.json) and its code lists.

    All or nothing: every file is checked whole (complete, valid JSON of the register's
    shape, a plausible number of records against the files it replaces) before any file
    in DIR is replaced.
    """
    from kpss.rpss.fetch import BASE_URL
    from kpss.rpss.fetch import fetch as run

    show = not is_quiet() and sys.stderr.isatty()
    bars: list[Any] = []

    def start(name: str, total: int | None) -> Callable[[int], None]:
        for bar in bars:
            bar.render_finish()
        bars.clear()
        if not show:
            return lambda _n: None
        bar = click.progressbar(length=total, label=f"Downloading {name}", file=sys.stderr)
        bar.__enter__()
        bars.append(bar)
        return bar.update

    try:
        files = run(directory, base_url or BASE_URL, timeout, start, force=force)
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)
    if not is_quiet():
        total = sum(size for _, size in files)
        click.echo(f"Downloaded {len(files)} files ({total:,} bytes) into {directory}.", err=True)
