"""``kpss duplicates SOURCE [filters] [--json]``: duplicate facilities and providers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kpss.atomic import atomic_text
from kpss.cli.options import codes_option, load_source, source_filters
from kpss.find.dedupe import DEFAULT_THRESHOLD, KINDS, find_duplicates
from kpss.safe_output import terminal_json, terminal_text

_KINDS = list(KINDS)
_LABELS = {
    "provider-variants": "poskytovatel zapsaný u svých služeb různě (jedno IČO)",
    "facility-entry": "zařízení uvedené u služby vícekrát",
    "facility-spelling": "jedno místo, různě zapsané názvy zařízení",
    "provider-spelling": "poskytovatelé s podobným názvem nebo stejným kontaktem",
}


@click.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@source_filters
@click.option(
    "--only", "kinds", multiple=True, type=click.Choice(_KINDS), help="Only this kind of finding."
)
@click.option("--threshold", default=DEFAULT_THRESHOLD, show_default=True, type=float)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write JSON to a file.")
@codes_option("Folder with the official code lists (ciselniky).")
def duplicates(
    source: Path,
    kinds: tuple[str, ...],
    threshold: float,
    as_json: bool,
    output: Path | None,
    codes: Path | None,
    **options: Any,
) -> None:
    """Report duplicate facilities and providers written in several ways, for data cleaning."""
    result = load_source(source, options, codes)
    groups = find_duplicates(result.catalog, threshold=threshold, kinds=kinds, report=result.report)
    data = [g.to_json() for g in groups]
    if output is not None:
        with atomic_text(output) as out:
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.write("\n")
    if as_json:
        click.echo(terminal_json(json.dumps(data, ensure_ascii=False, indent=2)))
        return
    if not groups:
        click.echo("Žádné duplicity nenalezeny.")
        return
    current = None
    for group in groups:
        if group.kind != current:
            current = group.kind
            count = sum(1 for g in groups if g.kind == current)
            click.echo(f"\n{_LABELS[current]} ({count}):")
        members = "; ".join(
            f"{m.label} [{m.id}]" + (f" ({m.detail})" if m.detail else "") for m in group.members
        )
        click.echo(terminal_text(f"  {group.score:5.1f}  {group.reason}: {members}"))
