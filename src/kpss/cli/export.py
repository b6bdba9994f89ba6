"""``kpss export FORMAT SOURCE [filters] -o OUT`` and ``kpss export --list``.

FORMAT is the name or an alias of an exporter registered by a plugin (built-in or not).
The SOURCE is read with the shared filters and enriched by the ``enrich_service`` hooks
(:func:`kpss.load`), then written by :func:`kpss.export`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kpss.cli.options import (
    codes_option,
    load_source,
    resolve_options,
    source_filters,
    work_progress,
)
from kpss.cli.quiet import is_quiet
from kpss.errors import UsageError
from kpss.model.catalog import Catalog
from kpss.plugins import manager as plugin_manager
from kpss.safe_output import terminal_json, terminal_text


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set {pair!r}: expected KEY=VALUE")
        result[key.strip()] = value
    return result


def _list_formats(as_json: bool) -> None:
    exporters = plugin_manager.get_exporters()
    owners = plugin_manager.owners("exporters")
    rows: list[dict[str, Any]] = [
        {
            "name": e.name,
            "aliases": list(e.aliases),
            "description": e.description,
            "media_type": e.media_type,
            "suffix": e.suffix,
            "plugin": owners.get(e.name),
        }
        for e in sorted(exporters.values(), key=lambda e: e.name)
    ]
    if as_json:
        click.echo(terminal_json(json.dumps(rows, ensure_ascii=False, indent=2)))
        return
    if not rows:
        click.echo("No export formats are registered.")
        return
    width = max(len(r["name"]) for r in rows)
    for row in rows:
        aliases = f" (also: {', '.join(row['aliases'])})" if row["aliases"] else ""
        line = f"{row['name']:<{width}}  {row['description']}{aliases}  [plugin {row['plugin']}]"
        click.echo(terminal_text(line))


def _unlabelled_groups(catalog: Catalog) -> list[str]:
    """Target and age group ids of *catalog* that no loaded code list labels, sorted."""
    codes = {c for s in catalog for c in (*s.target_groups, *s.age_groups)}
    return sorted(c for c in codes if not catalog.label(c))


@click.command()
@click.argument("format_name", metavar="FORMAT", required=False)
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
@source_filters
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File or folder to write.")
@codes_option("Folder with the official code lists (ciselniky) to use for labels.")
@click.option("--title", help="Title of the catalogue (e.g. 'Katalog sociálních služeb').")
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="KEY=VALUE",
    help="An exporter-specific setting (repeatable).",
)
@click.option("--no-enrich", is_flag=True, help="Skip the enrich_service hooks of plugins.")
@click.option("--list", "list_formats", is_flag=True, help="List the export formats and exit.")
@click.option("--json", "as_json", is_flag=True, help="With --list: print JSON.")
def export(
    format_name: str | None,
    source: Path | None,
    output: Path | None,
    codes: Path | None,
    title: str | None,
    settings: tuple[str, ...],
    no_enrich: bool,
    list_formats: bool,
    as_json: bool,
    **filters: Any,
) -> None:
    """Export a catalogue read from SOURCE in FORMAT (see --list) to OUT.

    Formats come from plugins: kpss's built-in ones and any installed plugin (e.g.
    kpss-wordpress adds 'wordpress').
    """
    if list_formats:
        _list_formats(as_json)
        return
    if format_name is None or source is None:
        raise UsageError("expected FORMAT and SOURCE (or --list to see the formats)")
    if output is None:
        raise UsageError("expected -o/--output: the file or folder to write")
    from kpss.api import check_settings
    from kpss.api import export as run_export

    extra = _settings(settings)
    # An unknown format or a wrong --set fails before the SOURCE is read.
    check_settings(plugin_manager.get_exporter(format_name), extra)
    result = load_source(source, filters, codes, enrich=not no_enrich)
    quiet = is_quiet()
    report = result.report
    if not quiet and (report.rejected or report.warnings):
        click.echo(
            f"Note: {len(report.rejected)} record(s) rejected and {len(report.warnings)} "
            f"warning(s) while reading {source}; `kpss import` shows them",
            err=True,
        )
    unlabelled = _unlabelled_groups(result.catalog)
    if unlabelled:
        shown = ", ".join(unlabelled[:3]) + (" …" if len(unlabelled) > 3 else "")
        click.echo(
            terminal_text(
                f"Warning: {len(unlabelled)} target/age group code(s) have no label in the "
                f"code lists in use ({shown}); public outputs leave them out. Give the "
                "official code lists with --codes DIR (kpss fetch downloads them)."
            ),
            err=True,
        )
    resolved = resolve_options(filters, result.catalog.codes)
    with work_progress(f"Exporting {format_name}") as progress:
        exporter = run_export(
            result.catalog,
            format_name,
            output,
            title=title,
            territory_name=resolved.territory_name,
            settings=extra,
            progress=progress,
            area=resolved.area,
        )
    if not quiet:
        click.echo(f"Wrote {output} ({exporter.name}, {len(result.catalog)} services)", err=True)
        home = output / "index.html"
        if output.is_dir() and home.is_file():
            click.echo(f"Open {home} in a browser; to preview with search: kpss serve {output}")
