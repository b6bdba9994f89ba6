"""A community plan as a document: the whole plan, an action plan, an evaluation, comments.

Chapters are numbered (``1``, ``1.1`` …) by the document; priorities, goals, measures and
activities keep the plan's own numbers. Money is whole Kč with row and column sums. Private
persons who commented (role *veřejnost*, not one of the plan's bodies or group members)
appear only as "občan/občanka".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kpss.model.actors import Role
from kpss.model.plan import (
    Activity,
    Comment,
    Cost,
    FundingSource,
    Indicator,
    Measure,
    Plan,
    Settlement,
)
from kpss.planning.action_plan import action_plan_report
from kpss.planning.analysis import TerritoryAnalysis
from kpss.planning.budget import plan_costs
from kpss.planning.documents.blocks import (
    Block,
    Bullets,
    Document,
    Numbering,
    Paragraph,
    Table,
    czech_text,
)
from kpss.planning.documents.territory import territory_blocks
from kpss.planning.evaluation import evaluate
from kpss.planning.numbering import walk
from kpss.planning.render import body_name, number_cz, plural
from kpss.planning.territory import ResolvedTerritory
from kpss.publish.typography import czech_date

__all__ = [
    "PRIVATE_COMMENTER",
    "action_plan_document",
    "commenter",
    "comments_document",
    "evaluation_document",
    "plan_document",
]

PRIVATE_COMMENTER = "občan/občanka"


def _money(amount: int) -> str:
    return number_cz(amount)


def _span(start: object, deadline: object) -> str:
    first = czech_date(start) if start else ""  # type: ignore[arg-type]
    last = czech_date(deadline) if deadline else ""  # type: ignore[arg-type]
    return f"{first} – {last}" if first and last else last or first


def _groups(plan: Plan, keys: Iterable[str]) -> str:
    names = []
    for key in keys:
        group = plan.target_group(key)
        names.append(group.name if group else key)
    return ", ".join(names)


def money_table(
    caption: str,
    label: str,
    rows: Sequence[tuple[str, Sequence[Cost]]],
    *,
    extra: Sequence[tuple[str, Sequence[str]]] = (),
) -> Table:
    """Rows by *label* × funding source in Kč, with a row sum and a footer of column sums.

    *extra* are further text columns (header, a value per row) placed after *label*.
    """
    sources = [s for s in FundingSource if any(c.source is s for _, costs in rows for c in costs)]
    header = (label, *(h for h, _ in extra), *(s.label for s in sources), "Celkem")
    body = []
    column_sums = [0] * len(sources)
    for index, (name, costs) in enumerate(rows):
        amounts = [sum(c.amount for c in costs if c.source is s) for s in sources]
        column_sums = [a + b for a, b in zip(column_sums, amounts, strict=True)]
        body.append(
            (
                name,
                *(values[index] for _, values in extra),
                *(_money(a) for a in amounts),
                _money(sum(amounts)),
            )
        )
    first_number = 1 + len(extra)
    foot = (
        "Celkem",
        *("" for _ in extra),
        *(_money(a) for a in column_sums),
        _money(sum(column_sums)),
    )
    return Table(
        f"{caption} (Kč)",
        header,
        tuple(body),
        (foot,),
        numeric=frozenset(range(first_number, len(header))),
        css_class="money",
    )


def _frame(plan: Plan, area: ResolvedTerritory | None) -> Table:
    rows: list[tuple[str, str]] = []
    territory = area.name if area else (plan.territory.name or "")
    if area is not None:
        people = (
            f", {number_cz(area.population)} obyvatel k {czech_date(area.population_date)}"
            if area.population is not None and area.population_date
            else ""
        )
        territory += f" ({plural(len(area.obec_codes), 'obec', 'obce', 'obcí')}{people})"
    rows.append(("Území", territory))
    rows.append(("Období", str(plan.period)))
    rows.append(("Verze", plan.version))
    rows.append(("Stav", plan.status.label))
    if plan.approval:
        a = plan.approval
        rows.append(
            ("Schváleno", f"{a.body}, usnesení č. {a.resolution} ze dne {czech_date(a.date)}")
        )
    if plan.coordinator:
        rows.append(("Koordinátor", plan.coordinator))
    if plan.kraj_plan:
        rows.append(("Střednědobý plán kraje", plan.kraj_plan))
    return Table(
        "Základní údaje o plánu",
        ("Údaj", "Hodnota"),
        tuple((k, czech_text(v)) for k, v in rows),
        widths=(1.0, 3.0),
        css_class="facts",
    )


def _vision(plan: Plan, n: Numbering) -> list[Block]:
    blocks: list[Block] = [n.heading(1, "Vize a zásady")]
    if plan.vision:
        blocks += [n.heading(2, "Vize"), Paragraph(czech_text(plan.vision.strip()))]
    if plan.principles:
        blocks += [n.heading(2, "Zásady"), Bullets(tuple(czech_text(p) for p in plan.principles))]
    if plan.target_groups:
        blocks.append(n.heading(2, "Cílové skupiny"))
        blocks.append(Bullets(tuple(czech_text(g.name) for g in plan.target_groups)))
    return blocks


def _members(group_members: Iterable[object]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for member in group_members:
        name = getattr(member, "name", "")
        organisation = getattr(member, "organization", None)
        role = getattr(member, "role", None)
        function = getattr(member, "function", None) or ""
        who = f"{name} ({organisation})" if organisation else name
        rows.append((czech_text(who), role.label if role else "", function))
    return tuple(rows)


def _process(plan: Plan, n: Numbering) -> list[Block]:
    blocks: list[Block] = [n.heading(1, "Proces plánování")]
    groups = ([plan.steering_group] if plan.steering_group else []) + list(plan.working_groups)
    if groups:
        blocks.append(n.heading(2, "Řídící a pracovní skupiny"))
        for group in groups:
            details = []
            if group.target_groups:
                details.append(f"cílové skupiny: {_groups(plan, group.target_groups)}")
            if group.leader:
                details.append(f"vede: {group.leader}")
            caption = group.name + (f" ({'; '.join(details)})" if details else "")
            blocks.append(
                Table(
                    czech_text(caption),
                    ("Člen", "Role", "Funkce"),
                    _members(group.members),
                    widths=(3.0, 1.2, 1.4),
                )
            )
    if plan.meetings:
        blocks.append(n.heading(2, "Setkání"))
        blocks.append(
            Table(
                "Setkání v průběhu plánování",
                ("Datum", "Druh", "Téma", "Místo", "Účast"),
                tuple(
                    (
                        czech_date(m.date),
                        m.kind.label,
                        czech_text(m.title or ""),
                        czech_text(m.place or ""),
                        number_cz(m.attendance) if m.attendance is not None else "",
                    )
                    for m in sorted(plan.meetings, key=lambda m: m.date)
                ),
                numeric=frozenset({4}),
                widths=(1.0, 1.4, 2.4, 2.2, 0.7),
            )
        )
    if plan.surveys:
        blocks.append(n.heading(2, "Průzkumy a ankety"))
        for survey in plan.surveys:
            when = _span(survey.start, survey.end)
            who = (
                f", {plural(survey.respondents, 'respondent', 'respondenti', 'respondentů')}"
                if survey.respondents is not None
                else ""
            )
            blocks.append(
                Paragraph(
                    czech_text(
                        f"{survey.title} ({survey.kind.label}{', ' + when if when else ''}{who})."
                    )
                )
            )
            for number, question in enumerate(survey.questions, start=1):
                if question.answers:
                    blocks.append(
                        Table(
                            czech_text(f"Otázka {number}: {question.text}"),
                            ("Odpověď", "Počet"),
                            tuple(
                                (czech_text(a.option), number_cz(a.count)) for a in question.answers
                            ),
                            numeric=frozenset({1}),
                            widths=(4.0, 1.0),
                        )
                    )
                if question.summary:
                    blocks.append(Paragraph(czech_text(question.summary)))
    return blocks


def _needs(plan: Plan, n: Numbering, analysis: TerritoryAnalysis | None) -> list[Block]:
    blocks: list[Block] = [n.heading(1, "Analytická část")]
    if analysis is not None:
        blocks += territory_blocks(analysis, n, level=2)
    else:
        blocks.append(
            Paragraph(
                czech_text(
                    "Popis služeb v území z registru se do dokumentu doplní, když export "
                    "dostane stav registru (kpss plan export … --register SOUBOR)."
                ),
                note=True,
            )
        )
    if plan.needs:
        blocks.append(n.heading(2, "Zjištěné potřeby"))
        blocks.append(
            Table(
                "Zjištěné potřeby a položky plánu, které na ně odpovídají",
                ("Potřeba", "Cílová skupina", "Doklad", "Zdroj", "Řeší"),
                tuple(
                    (
                        czech_text(need.need),
                        _groups(plan, [need.target_group]),
                        czech_text(need.evidence),
                        czech_text(_source_name(plan, need.source)),
                        ", ".join(need.addressed_by),
                    )
                    for need in plan.needs
                ),
                widths=(2.4, 1.2, 2.6, 1.4, 0.8),
            )
        )
    return blocks


def _source_name(plan: Plan, source: str) -> str:
    survey = next((s for s in plan.surveys if s.key == source), None)
    if survey:
        return survey.title
    groups = ([plan.steering_group] if plan.steering_group else []) + list(plan.working_groups)
    group = next((g for g in groups if g.key == source), None)
    return group.name if group else source


def _item_facts(plan: Plan, item: Measure | Activity) -> list[tuple[str, str]]:
    facts: list[tuple[str, str]] = []
    if item.target_groups:
        facts.append(("Cílové skupiny", _groups(plan, item.target_groups)))
    if item.responsible:
        facts.append(("Odpovědnost", body_name(plan, item.responsible)))
    if item.partners:
        facts.append(("Partneři", ", ".join(body_name(plan, p) for p in item.partners)))
    span = _span(item.start, item.deadline)
    if span:
        facts.append(("Termín", span))
    if item.service_kinds:
        facts.append(("Druhy služeb", ", ".join(f"§ {k}" for k in item.service_kinds)))
    if isinstance(item, Measure) and item.claims_kraj_plan:
        facts.append(
            ("Vazba na plán kraje", item.kraj_plan_link or "přispívá k plnění plánu kraje")
        )
    facts.append(("Stav", item.status.label))
    return facts


def _activity_cell(activity: Activity) -> str:
    text = f"{activity.number} {activity.title}"
    if activity.description:
        text += "\n" + activity.description.strip()
    return czech_text(text)


def _strategy(plan: Plan, n: Numbering) -> list[Block]:
    blocks: list[Block] = [n.heading(1, "Priority, cíle, opatření a aktivity")]
    for priority in plan.priorities:
        blocks.append(
            n.heading(2, czech_text(f"Priorita {priority.number} {priority.title}"), numbered=False)
        )
        if priority.description:
            blocks.append(Paragraph(czech_text(priority.description.strip())))
        sections: list[tuple[str | None, Sequence[Measure]]] = [(None, priority.measures)]
        sections += [(f"Cíl {g.number} {g.title}", g.measures) for g in priority.goals]
        for goal_title, measures in sections:
            if goal_title:
                blocks.append(Paragraph(czech_text(goal_title)))
            for measure in measures:
                blocks += _measure(plan, measure, n)
    return blocks


def _measure(plan: Plan, measure: Measure, n: Numbering) -> list[Block]:
    blocks: list[Block] = [
        n.heading(3, czech_text(f"Opatření {measure.number} {measure.title}"), numbered=False)
    ]
    if measure.description:
        blocks.append(Paragraph(czech_text(measure.description.strip())))
    blocks.append(
        Table(
            f"Opatření {measure.number}",
            ("Údaj", "Hodnota"),
            tuple((k, czech_text(v)) for k, v in _item_facts(plan, measure)),
            widths=(1.0, 3.0),
            css_class="facts",
        )
    )
    if measure.activities:
        rows = []
        for activity in measure.activities:
            rows.append(
                (
                    _activity_cell(activity),
                    czech_text(
                        body_name(plan, activity.responsible) if activity.responsible else ""
                    ),
                    _span(activity.start, activity.deadline),
                    _groups(plan, activity.target_groups),
                    "bez nákladů"
                    if activity.no_cost
                    else _money(sum(c.amount for c in activity.costs)),
                )
            )
            for action in activity.actions:
                rows.append(
                    (
                        czech_text(f"{action.number} {action.title}"),
                        czech_text(
                            body_name(plan, action.responsible) if action.responsible else ""
                        ),
                        _span(action.start, action.deadline),
                        "",
                        _money(sum(c.amount for c in action.costs)) if action.costs else "",
                    )
                )
        blocks.append(
            Table(
                f"Aktivity opatření {measure.number}",
                ("Aktivita", "Odpovědný subjekt", "Termín", "Cílové skupiny", "Náklady (Kč)"),
                tuple(rows),
                numeric=frozenset({4}),
                widths=(3.4, 1.6, 1.3, 1.3, 1.0),
            )
        )
    return blocks


def _budget(plan: Plan, n: Numbering) -> list[Block]:
    costs = plan_costs(plan)
    blocks: list[Block] = [n.heading(1, "Financování")]
    if not costs:
        blocks.append(Paragraph("Plán neuvádí předpokládané náklady."))
        return blocks
    blocks.append(
        Paragraph(
            czech_text(
                "Předpokládané náklady aktivit (u opatření bez aktivit náklady opatření) "
                "v celých Kč podle roku a zdroje financování."
            )
        )
    )
    years = sorted({c.year for c in costs})
    blocks.append(
        money_table(
            "Rozpočet plánu podle let a zdrojů",
            "Rok",
            [(str(y), [c for c in costs if c.year == y]) for y in years],
        )
    )
    by_priority = []
    for priority in plan.priorities:
        mine = [
            c
            for m in priority.all_measures()
            for c in ([c for a in m.activities for c in a.costs] if m.activities else m.costs)
        ]
        by_priority.append((czech_text(f"{priority.number} {priority.title}"), mine))
    blocks.append(money_table("Rozpočet plánu podle priorit a zdrojů", "Priorita", by_priority))
    return blocks


def _indicator_rows(plan: Plan) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for entry in walk(plan):
        indicators: tuple[Indicator, ...] = getattr(entry.item, "indicators", ())
        for indicator in indicators:
            latest = max(indicator.values, key=lambda v: (v.year, v.date is not None), default=None)
            measured = (
                f"{number_cz(latest.value)} ({latest.year})" if latest is not None else "neměřeno"
            )
            if indicator.register is not None:
                source = "registr poskytovatelů sociálních služeb"
            elif latest is not None and latest.source:
                source = latest.source
            else:
                source = ""
            baseline = number_cz(indicator.baseline) + (
                f" ({indicator.baseline_year})" if indicator.baseline_year else ""
            )
            target = number_cz(indicator.target) + (
                f" ({indicator.target_year})" if indicator.target_year else ""
            )
            rows.append(
                (
                    entry.item.number,
                    czech_text(indicator.name),
                    indicator.unit,
                    baseline,
                    target,
                    measured,
                    czech_text(source),
                )
            )
    return rows


def _indicators(plan: Plan, n: Numbering) -> list[Block]:
    rows = _indicator_rows(plan)
    if not rows:
        return []
    return [
        n.heading(1, "Indikátory"),
        Table(
            "Indikátory plnění: výchozí, cílová a naměřená hodnota",
            ("Položka", "Indikátor", "Jednotka", "Výchozí", "Cílová", "Naměřeno", "Zdroj"),
            tuple(rows),
            numeric=frozenset({3, 4, 5}),
            widths=(0.8, 2.6, 1.0, 1.0, 1.0, 1.1, 1.6),
        ),
    ]


#: Roles in which people comment for themselves: the public and users of services (being
#: a user of a social service is itself sensitive).
PERSONAL_ROLES = frozenset({Role.PUBLIC, Role.USER})


def commenter(plan: Plan, comment: Comment) -> str:
    """Who commented, as published: private persons only as "občan/občanka".

    A commenter in the role *veřejnost* or *uživatel* is a private person unless the plan
    itself names them: one of its bodies or a member of one of its groups (an
    organisation such as a users' club). Other roles (obec, provider) are organisations.
    """
    if comment.role not in PERSONAL_ROLES:
        return comment.author
    groups = ([plan.steering_group] if plan.steering_group else []) + list(plan.working_groups)
    named = {b.name for b in plan.bodies} | {b.key for b in plan.bodies}
    named |= {m.name for g in groups for m in g.members}
    return comment.author if comment.author in named else PRIVATE_COMMENTER


def settlement_summary(comments: Sequence[Comment]) -> str:
    """``5 připomínek, vypořádáno 5: akceptováno 3, …``."""
    settled = [c for c in comments if c.settlement is not None]
    parts = [
        f"{s.label} {sum(1 for c in settled if c.settlement is s)}"
        for s in Settlement
        if any(c.settlement is s for c in settled)
    ]
    text = (
        f"{plural(len(comments), 'připomínka', 'připomínky', 'připomínek')}, "
        f"vypořádáno {len(settled)}"
    )
    return text + (f": {', '.join(parts)}" if parts else "")


def _comments(plan: Plan, n: Numbering) -> list[Block]:
    period = plan.comment_period
    if period is None:
        return []
    blocks: list[Block] = [n.heading(1, "Vypořádání připomínek")]
    text = (
        "Návrh plánu byl zveřejněn k připomínkám "
        f"od {czech_date(period.start)} do {czech_date(period.end)}"
    )
    if period.announced:
        text += f" ({period.announced})"
    blocks.append(Paragraph(czech_text(text + ". " + settlement_summary(period.comments) + ".")))
    rows = []
    for comment in sorted(period.comments, key=lambda c: c.number):
        who = f"{commenter(plan, comment)}\n{comment.role.label}"
        received = czech_date(comment.received) if comment.received else ""
        rows.append(
            (
                str(comment.number),
                czech_text(f"{comment.text}\nČást: {comment.part}"),
                czech_text(who + (f"\n{received}" if received else "")),
                comment.settlement.label if comment.settlement else "nevypořádáno",
                czech_text(comment.justification or ""),
            )
        )
    blocks.append(
        Table(
            "Vypořádání připomínek k návrhu plánu",
            ("Č.", "Připomínka", "Kdo", "Vypořádání", "Odůvodnění"),
            tuple(rows),
            widths=(0.4, 2.9, 1.6, 1.5, 2.8),
            css_class="settlement",
        )
    )
    return blocks


def _history(plan: Plan, n: Numbering) -> list[Block]:
    if not plan.history:
        return []
    rows = []
    for version in plan.history:
        approval = ""
        if version.approval:
            a = version.approval
            approval = f"{a.body}, usnesení č. {a.resolution} ze dne {czech_date(a.date)}"
        changes = "\n".join(version.changes)
        rows.append(
            (
                version.version,
                czech_date(version.date) if version.date else "",
                str(version.period) if version.period else "",
                czech_text("\n".join(x for x in (version.title or "", changes) if x)),
                czech_text(approval),
            )
        )
    return [
        n.heading(1, "Historie verzí"),
        Table(
            "Verze plánu",
            ("Verze", "Datum", "Období", "Změny", "Schválení"),
            tuple(rows),
            widths=(0.6, 1.0, 0.9, 3.6, 2.2),
        ),
    ]


def plan_document(
    plan: Plan,
    area: ResolvedTerritory | None = None,
    analysis: TerritoryAnalysis | None = None,
) -> Document:
    """The whole plan: frame, vision, process, analysis, strategy, money, indicators,
    comments and version history."""
    n = Numbering()
    blocks: list[Block] = [n.heading(1, "Základní údaje"), _frame(plan, area)]
    blocks += _vision(plan, n)
    blocks += _process(plan, n)
    blocks += _needs(plan, n, analysis)
    blocks += _strategy(plan, n)
    blocks += _budget(plan, n)
    blocks += _indicators(plan, n)
    blocks += _comments(plan, n)
    blocks += _history(plan, n)
    return Document(czech_text(plan.title), _subtitle(plan), tuple(blocks))


def _subtitle(plan: Plan) -> tuple[str, ...]:
    lines = [f"Období {plan.period}, verze {plan.version}, {plan.status.label}"]
    if plan.approval:
        a = plan.approval
        lines.append(f"Schválilo {a.body} usnesením č. {a.resolution} dne {czech_date(a.date)}")
    return tuple(czech_text(x) for x in lines)


def action_plan_document(plan: Plan, year: int) -> Document:
    """The action plan of *year*: activities, responsible bodies, deadlines, budget."""
    report = action_plan_report(plan, year)
    n = Numbering()
    blocks: list[Block] = [n.heading(1, report.title)]
    if not report.stored:
        blocks.append(
            Paragraph("Akční plán není v plánu uložen; je odvozen z aktivit plánu.", note=True)
        )
    rows = [
        (
            czech_text(f"{row.number} {row.title}"),
            [Cost(year, s, a) for s, a in row.budget.items()],
        )
        for row in report.rows
    ]
    blocks.append(
        money_table(
            f"Aktivity a rozpočet akčního plánu {year}",
            "Aktivita",
            rows,
            extra=(
                ("Odpovědný subjekt", [czech_text(r.responsible or "") for r in report.rows]),
                ("Termín", [czech_date(r.deadline) if r.deadline else "" for r in report.rows]),
            ),
        )
    )
    notes = [f"{r.number}: {r.note}" for r in report.rows if r.note]
    if notes:
        blocks += [n.heading(2, "Poznámky"), Bullets(tuple(czech_text(x) for x in notes))]
    return Document(czech_text(report.title), (czech_text(plan.title),), tuple(blocks))


def evaluation_document(plan: Plan, year: int) -> Document:
    """The evaluation of *year*: status of activities, planned and spent money, indicators."""
    report = evaluate(plan, year)
    n = Numbering()
    title = f"Vyhodnocení plnění plánu za rok {year}"
    blocks: list[Block] = [n.heading(1, "Plnění aktivit")]
    if report.summary:
        blocks.append(Paragraph(czech_text(report.summary.strip())))
    planned_total = 0
    spent_total = 0
    rows = []
    for row in report.rows:
        planned = sum(row.planned.values())
        spent = sum(row.spent.values())
        planned_total += planned
        spent_total += spent
        rows.append(
            (
                czech_text(f"{row.number} {row.title}"),
                row.status.label,
                _money(planned),
                _money(spent),
                czech_text(row.note or ""),
            )
        )
    blocks.append(
        Table(
            f"Plnění aktivit v roce {year} (Kč)",
            ("Aktivita", "Stav", "Plánováno", "Čerpáno", "Poznámka"),
            tuple(rows),
            (("Celkem", "", _money(planned_total), _money(spent_total), ""),),
            numeric=frozenset({2, 3}),
            widths=(3.0, 1.2, 1.1, 1.1, 2.6),
            css_class="money",
        )
    )
    spent_rows = [
        (czech_text(f"{row.number} {row.title}"), [Cost(year, s, a) for s, a in row.spent.items()])
        for row in report.rows
    ]
    if any(costs for _, costs in spent_rows):
        blocks.append(n.heading(1, "Čerpání podle zdrojů"))
        blocks.append(money_table(f"Čerpání v roce {year} podle zdrojů", "Aktivita", spent_rows))
    if report.indicators:
        blocks.append(n.heading(1, "Indikátory"))
        blocks.append(
            Table(
                f"Indikátory v roce {year}",
                ("Položka", "Indikátor", "Jednotka", "Výchozí", "Cílová", "Skutečnost"),
                tuple(
                    (
                        r.number,
                        czech_text(r.name),
                        r.unit,
                        number_cz(r.baseline),
                        number_cz(r.target),
                        number_cz(r.actual) if r.actual is not None else "neměřeno",
                    )
                    for r in report.indicators
                ),
                numeric=frozenset({3, 4, 5}),
                widths=(0.8, 3.0, 1.1, 1.0, 1.0, 1.0),
            )
        )
    return Document(title, (czech_text(plan.title),), tuple(blocks))


def comments_document(plan: Plan) -> Document:
    """The settlement of comments (vypořádání připomínek) on its own."""
    n = Numbering()
    blocks = _comments(plan, n)
    if not blocks:
        blocks = [
            n.heading(1, "Vypořádání připomínek"),
            Paragraph("Plán neobsahuje připomínkování."),
        ]
    return Document("Vypořádání připomínek", (czech_text(plan.title),), tuple(blocks))
