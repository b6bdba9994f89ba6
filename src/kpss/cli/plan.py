"""``kpss plan``: validate, show, diff a community plan; action plans, evaluation, indicators.

PLAN is a plan file (``.yaml``, ``.yml``, ``.json``) or a plan folder (``plan.yaml`` …).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import click

from kpss.atomic import refuse_inputs
from kpss.cli.options import codes_option
from kpss.cli.quiet import is_quiet
from kpss.errors import KpssError, UsageError
from kpss.model.catalog import Catalog
from kpss.model.plan import ActionPlan, Evaluation, Plan
from kpss.planning import (
    action_plan_for,
    action_plan_report,
    coverage,
    diff_plans,
    errors,
    evaluate,
    evaluation_record,
    fill_indicators,
    load_plan,
    plan_to_data,
    render,
    resolve_territory,
    save_plan,
    validate_plan,
)
from kpss.planning.indicators import register_indicators

PLAN_ARG = click.Path(exists=True, path_type=Path)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
def plan() -> None:
    """Community plans: validate, show, diff, action plans, evaluation, indicators.

    PLAN is a plan file (.yaml, .yml, .json) or a plan folder (plan.yaml, proces.yaml, …).
    """


@plan.command()
@click.argument("path", metavar="PLAN", type=PLAN_ARG)
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
@click.option("--no-region-rules", is_flag=True, help="Do not run the plugins' region rules.")
@click.option(
    "--register",
    "register_file",
    type=PLAN_ARG,
    help="A register snapshot: warn about related services it does not hold.",
)
def validate(path: Path, as_json: bool, no_region_rules: bool, register_file: Path | None) -> None:
    """Check a plan; list every problem with its path. Exit 1 when there are errors."""
    loaded = load_plan(path)
    catalog = None
    if register_file is not None:
        from kpss import load

        catalog = load(register_file).catalog
    problems = validate_plan(loaded, catalog=catalog, region_rules=not no_region_rules)
    failed = errors(problems)
    if as_json:
        _echo_json(
            {
                "valid": not failed,
                "problems": [
                    {"path": p.path, "message": p.message, "severity": p.severity} for p in problems
                ],
            }
        )
    else:
        for problem in problems:
            kind = "error" if problem.severity != "warning" else "warning"
            click.echo(f"{path}: {kind}: {problem.path}: {problem.message}", err=bool(failed))
        warnings = len(problems) - len(failed)
        summary = f"{path}: {len(failed)} error(s), {warnings} warning(s)"
        click.echo(summary, err=bool(failed))
    if failed:
        raise SystemExit(1)


@plan.command()
@click.argument("path", metavar="PLAN", type=PLAN_ARG)
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON data.")
def show(path: Path, as_json: bool) -> None:
    """Show a plan in Czech: frame, vision, priorities, measures, activities, money."""
    loaded = load_plan(path)
    if as_json:
        _echo_json(plan_to_data(loaded))
        return
    try:
        area = resolve_territory(loaded)
    except KpssError:
        area = None
    click.echo(render.show_plan(loaded, area), nl=False)


@plan.command()
@click.argument("old", type=PLAN_ARG)
@click.argument("new", type=PLAN_ARG)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def diff(old: Path, new: Path, fmt: str) -> None:
    """Added, removed and changed items (by number) between two plan versions."""
    result = diff_plans(load_plan(old), load_plan(new))
    if fmt == "json":
        _echo_json(result.to_data())
    else:
        click.echo(render.show_diff(result), nl=False)


@plan.command("action-plan")
@click.argument("path", metavar="PLAN", type=PLAN_ARG)
@click.argument("year", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the plan with this action plan stored in it (file or folder; may be PLAN; "
    "YAML comments are not kept).",
)
def action_plan(path: Path, year: int, as_json: bool, output: Path | None) -> None:
    """The action plan of YEAR: stored in the plan, else derived from its activities."""
    loaded = load_plan(path)
    _check_year(loaded, year)
    report = action_plan_report(loaded, year)
    if output is not None:
        stored, _ = action_plan_for(loaded, year)
        refuse_inputs(output, _plan_files(path), "-o/--output")  # YAML comments would be lost
        _save_with_yearly(loaded, "action_plans", stored, output, "action plan")
    if as_json:
        _echo_json(report.to_data())
    else:
        click.echo(render.show_action_plan(report), nl=False)


@plan.command("evaluate")
@click.argument("path", metavar="PLAN", type=PLAN_ARG)
@click.argument("year", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the plan with an evaluation record of YEAR to fill in (the stored one, else "
    "one line per activity of the year's action plan); YAML comments are not kept.",
)
def evaluate_command(path: Path, year: int, as_json: bool, output: Path | None) -> None:
    """Evaluation of YEAR: status per activity, indicators, spent vs planned per source."""
    loaded = load_plan(path)
    _check_year(loaded, year)
    report = evaluate(loaded, year)
    if output is not None:
        record = evaluation_record(loaded, year)
        refuse_inputs(output, _plan_files(path), "-o/--output")  # YAML comments would be lost
        _save_with_yearly(loaded, "evaluations", record, output, "evaluation")
    if as_json:
        _echo_json(report.to_data())
    else:
        click.echo(render.show_evaluation(report), nl=False)


def _plan_files(path: Path) -> list[Path]:
    """The plan and, for a plan folder, each file in it (an output must be none of them)."""
    return [path, *(sorted(path.iterdir()) if path.is_dir() else [])]


def _save_with_yearly(
    loaded: Plan,
    field: str,
    record: ActionPlan | Evaluation,
    output: Path,
    what: str,
) -> None:
    """Save *loaded* with *record* replacing the stored one of its year in *field*."""
    others = [r for r in getattr(loaded, field) if r.year != record.year]
    yearly = tuple(sorted([*others, record], key=lambda r: r.year))
    changes: dict[str, Any] = {field: yearly}
    save_plan(attrs.evolve(loaded, **changes), output)
    if not is_quiet():
        click.echo(f"Plan with the {what} {record.year} written to {output}", err=True)


def _check_year(loaded: Plan, year: int) -> None:
    if not loaded.period.start <= year <= loaded.period.end:
        raise UsageError(f"year {year} is outside the plan period {loaded.period}")


@plan.command()
@click.argument("path", metavar="PLAN", type=PLAN_ARG)
@click.argument("snapshots", metavar="[SNAPSHOT]...", nargs=-1, type=PLAN_ARG)
@click.option(
    "--date",
    "dates",
    multiple=True,
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Date of each SNAPSHOT, in order (needed when a snapshot does not carry one).",
)
@codes_option("Folder of code lists (ciselniky/) for the snapshots.")
@click.option(
    "--coverage",
    "with_coverage",
    is_flag=True,
    help="Also print capacity per 1,000 inhabitants and obce without field services "
    "(on the last snapshot).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="§|NAME",
    help="Limit coverage figures to these service kinds (44, §44 or a name; repeatable).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the plan with the measured values filled in (file or folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def indicators(
    path: Path,
    snapshots: Sequence[Path],
    dates: Sequence[dt.datetime],
    codes: Path | None,
    with_coverage: bool,
    kinds: Sequence[str],
    output: Path | None,
    as_json: bool,
) -> None:
    """Measure the plan's register indicators on register SNAPSHOTs, by date.

    A SNAPSHOT is a register file (rpss.json, rpss.xml) or a kpss catalogue; its date is
    the catalogue's snapshot date or the matching --date. Without SNAPSHOT, list the
    register indicators. With --coverage, also print capacity per 1,000 inhabitants of the
    plan's territory and the obce no field service of a kind reaches (last snapshot).
    """
    loaded = load_plan(path)
    if not snapshots:
        if with_coverage or output:
            raise UsageError("give at least one SNAPSHOT (a register file or a kpss catalogue)")
        rows = [
            {"number": n, "path": p, "name": i.name, "unit": i.unit}
            for n, p, i in register_indicators(loaded)
        ]
        if as_json:
            _echo_json({"indicators": rows})
        else:
            for row in rows:
                click.echo(f"{row['number']} {row['name']} [{row['unit']}] ({row['path']})")
        return
    if dates and len(dates) != len(snapshots):
        raise UsageError(f"give one --date per SNAPSHOT ({len(snapshots)}), got {len(dates)}")
    kind_keys = [_kind_key(k) for k in kinds]
    area = resolve_territory(loaded)
    catalogs = _load_snapshots(loaded, area.obec_codes, snapshots, codes)
    pairs: dict[dt.date, Catalog] = {}
    for index, (file, catalog) in enumerate(zip(snapshots, catalogs, strict=True)):
        day = dates[index].date() if dates else catalog.snapshot_date
        if day is None:
            raise UsageError(
                f"{file}: the register snapshot carries no date; give it with --date YYYY-MM-DD "
                "(once per SNAPSHOT, in order)"
            )
        pairs[day] = catalog
    updated, measurements = fill_indicators(loaded, pairs)
    last_day = max(pairs)
    cov = coverage(pairs[last_day], area, on=last_day, kinds=kind_keys) if with_coverage else None
    if as_json:
        data: dict[str, Any] = {
            "measurements": [
                {
                    "number": m.number,
                    "path": m.path,
                    "name": m.name,
                    "unit": m.unit,
                    "date": m.date.isoformat(),
                    "value": m.value,
                    "target": m.target,
                }
                for m in measurements
            ]
        }
        if cov is not None:
            data["coverage"] = cov.to_data()
        _echo_json(data)
    else:
        click.echo(render.show_measurements(measurements), nl=False)
        if cov is not None:
            click.echo()
            click.echo(render.show_coverage(cov), nl=False)
    if output is not None:
        refuse_inputs(output, [*_plan_files(path), *snapshots], "-o/--output")
        save_plan(updated, output)
        if not is_quiet():
            click.echo(f"Plan with measured values written to {output}", err=True)


def _kind_key(text: str) -> str:
    from kpss.reference import law

    kind = law().resolve(text)
    if kind is None:
        raise UsageError(f"--kind {text!r}: no such service kind (expected e.g. 44, §44 or a name)")
    return kind.key


def _load_snapshots(
    loaded: Plan,
    obce: frozenset[str],
    files: Sequence[Path],
    codes: Path | None,
) -> list[Catalog]:
    from kpss import load
    from kpss.filters import ImportFilter

    wanted = set(obce)
    for _, _, indicator in register_indicators(loaded):
        if indicator.register is not None:
            wanted |= set(indicator.register.obce)
    catalogs = []
    for file in files:
        result = load(file, filter=ImportFilter(obce=frozenset(wanted)), codes=codes)
        if not is_quiet() and result.report.rejected:
            click.echo(f"{file}: {len(result.report.rejected)} record(s) rejected", err=True)
        catalogs.append(result.catalog)
    return catalogs


@plan.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["html", "pdf", "odt"]))
@click.argument("path", metavar="PLAN", type=PLAN_ARG)
@click.argument("year", metavar="[YEAR]", type=int, required=False)
@click.option(
    "--part",
    type=click.Choice(["plan", "action-plan", "evaluation", "comments"]),
    default="plan",
    show_default=True,
    help="What to export: the whole plan, the action plan or evaluation of YEAR "
    "(--part action-plan 2025), or the settlement of comments.",
)
@click.option(
    "--register",
    "register_file",
    type=PLAN_ARG,
    help="A register snapshot: add the territory analysis to the analytical chapter.",
)
@click.option("--previous", type=PLAN_ARG, help="An earlier snapshot for the analysis.")
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Date of the --register snapshot when it carries none.",
)
@codes_option("Folder of code lists (ciselniky/) for the --register snapshot.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
def export_command(
    fmt: str,
    path: Path,
    year: int | None,
    part: str,
    register_file: Path | None,
    previous: Path | None,
    on: dt.datetime | None,
    codes: Path | None,
    output: Path,
) -> None:
    """Write the plan (or a part of it) as FORMAT html, pdf (tagged) or odt."""
    from kpss.planning.documents.export import plan_part_document
    from kpss.planning.documents.output import write_document

    loaded = load_plan(path)
    if part in ("action-plan", "evaluation"):
        if year is None:
            raise UsageError(f"--part {part} needs the YEAR: --part {part} 2025")
        _check_year(loaded, year)
    elif year is not None:
        raise UsageError(f"YEAR {year} is given only with --part action-plan or evaluation")
    document = plan_part_document(
        loaded, part, year, register=register_file, previous=previous, on=on, codes=codes
    )
    inputs = [p for p in (path, register_file, previous) if p is not None]
    write_document(document, fmt, output, inputs=inputs)
    if not is_quiet():
        click.echo(f"{output} written", err=True)
