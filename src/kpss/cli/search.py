"""``kpss search QUERY SOURCE [filters] [--limit N] [--json]``: ranked services, providers, obce."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kpss import reference
from kpss.cli.options import (
    codes_option,
    load_source,
    resolve_options,
    source_filters,
)
from kpss.errors import UsageError
from kpss.find.search import SearchIndex
from kpss.model.law import Form
from kpss.safe_output import terminal_json, terminal_text

_TYPE_LABELS = {"service": "služba", "provider": "poskytovatel", "obec": "obec"}


@click.command()
@click.argument("query")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@source_filters
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(["service", "provider", "obec"]),
    help="Only hits of this type (repeatable).",
)
@click.option(
    "--form",
    "forms",
    multiple=True,
    type=click.Choice([f.value for f in Form]),
    help="Only services provided in this form: pob, amb, ter (repeatable).",
)
@codes_option("Folder with the official code lists (ciselniky).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def search(
    query: str,
    source: Path,
    limit: int,
    types: tuple[str, ...],
    forms: tuple[str, ...],
    codes: Path | None,
    as_json: bool,
    **options: Any,
) -> None:
    """Search services, providers and obce by (half-remembered) name.

    Case, diacritics and legal forms do not matter ("domov seniory kromeriz"); typos and
    word order are tolerated. Filters limit the services read from SOURCE and the obce.
    """
    if not query.strip():
        raise UsageError("QUERY is empty: say what to look for (a name, a kind, an obec)")
    result = load_source(source, options, codes)
    territory = reference.territory()
    scope = resolve_options(options, result.catalog.codes).filter.obce
    index = SearchIndex(result.catalog, territory, obce=scope)
    hits = index.search(query, limit=limit, types=types, forms=[Form(f) for f in forms])
    if as_json:
        text = json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2)
        click.echo(terminal_json(text))
        return
    if not hits:
        click.echo(terminal_text(f"Nic nenalezeno pro „{query}“."))
        return
    for hit in hits:
        label = terminal_text(f"{hit.label} [{hit.id}]")
        click.echo(f"{hit.score:5.1f}  {_TYPE_LABELS[hit.type]:<12} {label}")
        if hit.matched:
            click.echo(terminal_text(f"       shoda: {'; '.join(hit.matched[:3])}"))
