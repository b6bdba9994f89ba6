"""Plain-text Czech renderings of plans and reports, for councils and citizens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kpss.model.plan import Cost, FundingSource, Indicator, Plan
from kpss.planning.action_plan import ActionPlanReport
from kpss.planning.budget import by_source, by_year, format_kc, plan_costs
from kpss.planning.coverage import Coverage
from kpss.planning.diff import PlanDiff
from kpss.planning.evaluation import EvaluationReport
from kpss.planning.indicators import Measurement
from kpss.planning.numbering import Level, walk
from kpss.planning.territory import ResolvedTerritory

_LEVEL_LABELS = {level.value: level.label for level in Level}


def date_cz(day: dt.date | None) -> str:
    """``1. 3. 2023``; an empty string for ``None``."""
    return f"{day.day}. {day.month}. {day.year}" if day else ""


def number_cz(value: float | None) -> str:
    """A number with a decimal comma and non-breaking thousands; ``–`` for ``None``."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:,.2f}".replace(",", "\u00a0").replace(".", ",")


def plural(count: int, one: str, few: str, many: str) -> str:
    """``1 obec``, ``3 obce``, ``5 obcí``: the count with the Czech form it takes."""
    word = one if count == 1 else few if 2 <= count <= 4 else many
    return f"{number_cz(count)} {word}"


def _money(values: Mapping[FundingSource, int]) -> str:
    if not values:
        return "0\u00a0Kč"
    parts = [f"{s.label} {format_kc(a)}" for s, a in values.items()]
    return ", ".join(parts)


def _costs(costs: Sequence[Cost]) -> list[str]:
    lines = []
    for year, total in by_year(costs).items():
        parts = by_source(c for c in costs if c.year == year)
        lines.append(f"{year}: {format_kc(total)} ({_money(parts)})")
    return lines


def _indicator(indicator: Indicator) -> str:
    text = (
        f"{indicator.name} [{indicator.unit}]: výchozí {number_cz(indicator.baseline)}"
        f"{f' ({indicator.baseline_year})' if indicator.baseline_year else ''}, "
        f"cílová {number_cz(indicator.target)}"
        f"{f' ({indicator.target_year})' if indicator.target_year else ''}"
    )
    if indicator.values:
        shown = "; ".join(
            f"{v.year}: {number_cz(v.value)}" + (f" k {date_cz(v.date)}" if v.date else "")
            for v in indicator.values
        )
        text += f"; skutečnost {shown}"
    if indicator.register is not None:
        text += " (měřeno z registru)"
    return text


def body_name(plan: Plan, ref: str) -> str:
    """The name of the body *ref* names by key (or already by name)."""
    return next((b.name for b in plan.bodies if b.key == ref), ref)


def show_plan(plan: Plan, area: ResolvedTerritory | None = None) -> str:
    """The plan as readable Czech text: frame, vision, principles and the whole hierarchy."""
    out: list[str] = [plan.title, "=" * len(plan.title)]
    territory = area.name if area else (plan.territory.name or "")
    if area is not None:
        people = (
            f", {number_cz(area.population)} obyvatel k {date_cz(area.population_date)}"
            if area.population is not None
            else ""
        )
        territory += f" ({plural(len(area.obec_codes), 'obec', 'obce', 'obcí')}{people})"
    out.append(f"Území: {territory}")
    out.append(f"Období: {plan.period}")
    out.append(f"Verze: {plan.version}")
    status = plan.status.label
    if plan.approval:
        a = plan.approval
        status += f" ({a.body}, usnesení č. {a.resolution} ze dne {date_cz(a.date)})"
    out.append(f"Stav: {status}")
    if plan.kraj_plan:
        out.append(f"Střednědobý plán kraje: {plan.kraj_plan}")
    if plan.vision:
        out += ["", "Vize", plan.vision.strip()]
    if plan.principles:
        out += ["", "Zásady"] + [f"- {p}" for p in plan.principles]
    if plan.target_groups:
        out += ["", "Cílové skupiny"] + [f"- {g.name}" for g in plan.target_groups]
    out += _process(plan)
    out += ["", "Priority, opatření a aktivity"]
    for entry in walk(plan):
        item = entry.item
        depth = item.number.count(".")
        pad = "  " * depth
        out.append(f"{pad}{entry.level.label} {item.number} {item.title}")
        detail = pad + "    "
        responsible = getattr(item, "responsible", None)
        if responsible:
            out.append(f"{detail}Odpovědnost: {body_name(plan, responsible)}")
        partners = getattr(item, "partners", ())
        if partners:
            names = ", ".join(body_name(plan, p) for p in partners)
            out.append(f"{detail}Partneři: {names}")
        deadline = getattr(item, "deadline", None)
        if deadline:
            start = getattr(item, "start", None)
            span = f"{date_cz(start)} – {date_cz(deadline)}" if start else date_cz(deadline)
            out.append(f"{detail}Termín: {span}")
        costs = getattr(item, "costs", ())
        if costs:
            out.append(f"{detail}Náklady:")
            out += [f"{detail}  {line}" for line in _costs(costs)]
        elif getattr(item, "no_cost", False):
            out.append(f"{detail}Náklady: bez finančních nákladů")
        for indicator in getattr(item, "indicators", ()):
            out.append(f"{detail}Indikátor: {_indicator(indicator)}")
        link = getattr(item, "kraj_plan_link", None)
        if link:
            out.append(f"{detail}Vazba na plán kraje: {link}")
        status_value = getattr(item, "status", None)
        if status_value is not None and entry.level is not Level.PRIORITY:
            out.append(f"{detail}Stav: {status_value.label}")
    costs = plan_costs(plan)
    if costs:
        out += ["", "Financování (předpokládané náklady aktivit)"]
        out += [f"  {line}" for line in _costs(costs)]
        out.append(f"  celkem: {format_kc(sum(c.amount for c in costs))}")
    if plan.comment_period:
        cp = plan.comment_period
        settled = sum(1 for c in cp.comments if c.settlement is not None)
        out += [
            "",
            f"Připomínkování: {date_cz(cp.start)} – {date_cz(cp.end)}, "
            f"{plural(len(cp.comments), 'připomínka', 'připomínky', 'připomínek')}, "
            f"vypořádáno {settled}",
        ]
    if plan.history:
        out += ["", "Historie"]
        for version in plan.history:
            when = f" ({date_cz(version.date)})" if version.date else ""
            out.append(f"- verze {version.version}{when}: {version.title or ''}".rstrip(": "))
            out += [f"    {change}" for change in version.changes]
    return "\n".join(out) + "\n"


def _process(plan: Plan) -> list[str]:
    out: list[str] = []
    groups = ([plan.steering_group] if plan.steering_group else []) + list(plan.working_groups)
    if groups:
        out += ["", "Organizace plánování"]
        for group in groups:
            members = plural(len(group.members), "člen", "členové", "členů")
            out.append(f"- {group.name} ({members})")
    if plan.meetings:
        out += ["", "Setkání"]
        for meeting in sorted(plan.meetings, key=lambda m: m.date):
            place = f", {meeting.place}" if meeting.place else ""
            title = f": {meeting.title}" if meeting.title else ""
            out.append(f"- {date_cz(meeting.date)} {meeting.kind.label}{title}{place}")
    if plan.surveys:
        out += ["", "Průzkumy"]
        for survey in plan.surveys:
            count = (
                f", {plural(survey.respondents, 'respondent', 'respondenti', 'respondentů')}"
                if survey.respondents is not None
                else ""
            )
            out.append(f"- {survey.kind.label}: {survey.title}{count}")
    if plan.needs:
        out += ["", "Zjištěné potřeby"]
        for need in plan.needs:
            answered = f" (řeší {', '.join(need.addressed_by)})" if need.addressed_by else ""
            out.append(f"- {need.need}{answered}")
    return out


def show_action_plan(report: ActionPlanReport) -> str:
    """An action plan as Czech text with totals per source."""
    note = "" if report.stored else " (odvozeno z plánu)"
    out = [f"{report.title}{note}", ""]
    for row in report.rows:
        out.append(f"{row.number} {row.title}")
        if row.responsible:
            out.append(f"    Odpovědnost: {row.responsible}")
        if row.deadline:
            out.append(f"    Termín: {date_cz(row.deadline)}")
        if row.budget:
            out.append(f"    Rozpočet: {format_kc(row.total)} ({_money(row.budget)})")
        else:
            out.append("    Rozpočet: bez finančních nákladů v tomto roce")
        if row.note:
            out.append(f"    Poznámka: {row.note}")
    out += ["", "Celkem podle zdrojů:"]
    out += [f"  {s.label}: {format_kc(a)}" for s, a in report.totals.items()]
    out.append(f"  celkem: {format_kc(report.total)}")
    return "\n".join(out) + "\n"


def show_evaluation(report: EvaluationReport) -> str:
    """An evaluation report as Czech text: status, money, indicators."""
    out = [f"Vyhodnocení za rok {report.year}", ""]
    if report.summary:
        out += [report.summary.strip(), ""]
    for row in report.rows:
        out.append(f"{row.number} {row.title}: {row.status.label}")
        out.append(
            f"    plánováno {format_kc(sum(row.planned.values()))}, "
            f"čerpáno {format_kc(sum(row.spent.values()))}"
        )
        if row.note:
            out.append(f"    {row.note}")
    out += ["", "Čerpání podle zdrojů (plánováno / čerpáno):"]
    for source in FundingSource:
        planned, spent = report.planned.get(source, 0), report.spent.get(source, 0)
        if planned or spent:
            out.append(f"  {source.label}: {format_kc(planned)} / {format_kc(spent)}")
    out.append(
        f"  celkem: {format_kc(sum(report.planned.values()))} / "
        f"{format_kc(sum(report.spent.values()))}"
    )
    if report.indicators:
        out += ["", "Indikátory (výchozí → cílová, skutečnost):"]
        for ind in report.indicators:
            out.append(
                f"  {ind.number} {ind.name} [{ind.unit}]: {number_cz(ind.baseline)} → "
                f"{number_cz(ind.target)}, skutečnost {number_cz(ind.actual)} ({ind.verdict})"
            )
    return "\n".join(out) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, list):
        return plural(len(value), "položka", "položky", "položek")
    if isinstance(value, dict):
        for field in ("title", "name", "text", "need", "number", "key"):
            if isinstance(value.get(field), str):
                return f"„{value[field]}“"
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if value is None:
        return "–"
    return str(value)


def show_diff(diff: PlanDiff) -> str:
    """Differences between plan versions as Czech text."""
    if not diff:
        return "Beze změn.\n"
    out = []
    for kind, heading in (("added", "Přidáno"), ("removed", "Odstraněno"), ("changed", "Změněno")):
        changes = diff.of_kind(kind)
        if not changes:
            continue
        out.append(f"{heading} ({len(changes)}):")
        for change in changes:
            label = _LEVEL_LABELS.get(change.level, change.level.capitalize())
            name = f"{label} {change.number}" if change.number else "Plán"
            out.append(f"  {name} {change.title}")
            for field in change.fields:
                out.append(f"      {field.field}: {_value(field.old)} → {_value(field.new)}")
    return "\n".join(out) + "\n"


def show_measurements(measurements: Iterable[Measurement]) -> str:
    """Register indicators by date as Czech text."""
    out = []
    for m in measurements:
        target = f" (cílová {number_cz(m.target)})" if m.target is not None else ""
        out.append(
            f"{m.number} {m.name} [{m.unit}] k {date_cz(m.date)}: {number_cz(m.value)}{target}"
        )
    return "\n".join(out) + "\n" if out else "Plán nemá indikátory měřené z registru.\n"


def show_coverage(cov: Coverage) -> str:
    """Coverage figures as Czech text, naming the population reference date."""
    people = number_cz(cov.population)
    out = [
        f"Pokrytí území {cov.territory} k {date_cz(cov.on)}",
        f"Počet obyvatel: {people} (k {date_cz(cov.population_date)})",
        "",
        "Kapacita na 1 000 obyvatel podle druhu služby:",
    ]
    if not cov.capacities:
        out.append("  žádná registrovaná kapacita v území")
    for row in cov.capacities:
        unit = row.unit_label or row.unit
        out.append(
            f"  {row.kind.label}, {unit}: {number_cz(row.capacity)}; "
            f"{plural(row.services, 'služba', 'služby', 'služeb')}; "
            f"na 1 000 obyvatel {number_cz(row.per_1000)}"
        )
    out.append(
        "  (pobytové a ambulantní kapacity podle adresy zařízení, terénní podle území "
        "působnosti; terénní služba působící i mimo území se počítá celou kapacitou)"
    )
    out += ["", "Obce bez terénní služby daného druhu:"]
    for item in cov.uncovered:
        if item.services == 0:
            out.append(f"  {item.kind.label}: v území žádná terénní služba")
        elif item.obce:
            names = ", ".join(o.name for o in item.obce)
            count = plural(len(item.obce), "obec", "obce", "obcí")
            out.append(f"  {item.kind.label}: nepokryto {count}: {names}")
        else:
            out.append(f"  {item.kind.label}: pokryty všechny obce")
    return "\n".join(out) + "\n"
