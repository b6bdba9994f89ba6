"""``kpss territory NAME|CODE``: show a territorial unit, its parents, obce and population."""

from __future__ import annotations

import json
from typing import Any

import click

from kpss import reference
from kpss.cli.quiet import is_quiet
from kpss.errors import AmbiguousNameError, PluginError
from kpss.find.places import describe, resolve
from kpss.model.territory import Area, Level, Obec, Territory, Unit
from kpss.safe_output import terminal_json, terminal_text

LEVELS = [lv.value for lv in Level]


def _codes(unit: Unit) -> dict[str, str]:
    result = {"kod": unit.code}
    for attr, label in (
        ("ruian_code", "kod_ruian"),
        ("csu_code", "kod_csu"),
        ("nuts", "nuts3"),
        ("lau", "lau1"),
    ):
        value = getattr(unit, attr, None)
        if value:
            result[label] = value
    return result


def unit_summary(territory: Territory, unit: Unit) -> dict[str, Any]:
    """A JSON-ready description of *unit*: codes, parents, population, member obce."""
    obce = territory.obce_of(unit)
    return {
        "level": unit.level.value,
        "name": unit.name,
        **_codes(unit),
        "parents": [
            {"level": p.level.value, "name": p.name, "kod": p.code} for p in territory.parents(unit)
        ],
        "population": territory.population(unit),
        "population_date": territory.population_date.isoformat()
        if territory.population_date
        else None,
        "obce": [{"kod": o.code, "name": o.name, "population": o.population} for o in obce],
    }


def _number(value: int | None) -> str:
    return "neznámý" if value is None else f"{value:,}".replace(",", "\u00a0")


def _date(territory: Territory) -> str:
    day = territory.population_date
    return f"k {day.day}. {day.month}. {day.year}" if day else "k neznámému datu"


def _presets() -> dict[str, Area]:
    """Territory presets of plugins; a plugin clash leaves them out with a warning."""
    from kpss.plugins.manager import get_presets, strict

    try:
        return get_presets()
    except PluginError as exc:
        if strict():
            raise
        click.echo(terminal_text(f"Warning: territory presets left out: {exc}"), err=True)
        return {}


@click.command()
@click.argument("query")
@click.option("--level", type=click.Choice(LEVELS), help="Look only at units of this level.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def territory(query: str, level: str | None, as_json: bool) -> None:
    """Show an obec, POU, ORP, okres, kraj or preset: codes, parents, obce and population.

    QUERY is an official name (case and diacritics ignored) or a code: obec (6 digits),
    ORP (ČSÚ 3206 or RÚIAN 639), okres (3402 or CZ0411), kraj (43 or CZ032).
    """
    data = reference.territory()
    try:
        found = resolve(data, query, Level(level) if level else None, presets=_presets())
    except AmbiguousNameError as exc:
        if level:
            raise
        hint = "choose one with --level, e.g. --level orp"
        raise AmbiguousNameError(exc.name, exc.candidates, exc.what, hint) from None
    unit = found.unit
    summary = unit_summary(data, unit)
    summary["same_name"] = [describe(u) for u in found.others]
    summary["notes"] = list(found.notes)
    if as_json:
        click.echo(terminal_json(json.dumps(summary, ensure_ascii=False, indent=2)))
        return

    def say(text: str, err: bool = False) -> None:  # names may come from a plugin's preset
        click.echo(terminal_text(text), err=err)

    if not is_quiet():
        for note in found.notes:
            say(f"Note: {note}", err=True)
    say(f"{unit.level.label}: {unit.name}")
    if isinstance(unit, Area) and unit.description:
        say(f"  {unit.description}")
    codes = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in _codes(unit).items())
    say(f"  kódy: {codes}")
    for parent in data.parents(unit):
        say(f"  {parent.level.label}: {parent.name} ({parent.code})")
    say(f"  počet obyvatel: {_number(summary['population'])} ({_date(data)})")
    if not isinstance(unit, Obec):
        obce = data.obce_of(unit)
        say(f"  obce ({len(obce)}):")
        for obec in obce:
            say(f"    {obec.name} ({obec.code}): {_number(obec.population)}")
    if found.others:
        say("  stejný název mají také: " + ", ".join(describe(u) for u in found.others))
