"""Validation of a plan: every problem with the path of the offending part, not the first only.

Paths read like ``priorities[1].measures[0].activities[2].responsible``. Errors make a plan
invalid; warnings are worth a look but allowed. Region rules (a kraj's own requirements)
come in last through the plugin hook ``validate_plan``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from kpss.errors import Finding, KpssError, ValidationError
from kpss.model.catalog import Catalog
from kpss.model.plan import (
    Action,
    ActionPlan,
    ActionPlanItem,
    Activity,
    Cost,
    Evaluation,
    EvaluationItem,
    Indicator,
    Measure,
    Plan,
    PlanStatus,
    Priority,
    RegisterMeasure,
    Settlement,
)
from kpss.model.territory import Area, Territory
from kpss.planning.budget import Totals, format_kc, plan_totals, totals
from kpss.planning.numbering import check_numbering, walk
from kpss.planning.territory import resolve_territory

WARNING = "warning"
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)*")


def validate_plan(
    plan: Plan,
    *,
    territory: Territory | None = None,
    presets: Mapping[str, Area] | None = None,
    catalog: Catalog | None = None,
    region_rules: bool = True,
) -> list[Finding]:
    """Every problem of *plan*: numbering, required fields, dates, money, process, region rules.

    *territory* and *presets* default to the packaged territory and the plugins' presets.
    With a register *catalog*, related services (register identifiers) that it does not
    hold are warned about. With ``region_rules=False`` the plugin hook is not called.
    """
    from kpss.reference import law
    from kpss.reference import territory as packaged

    data = territory or packaged()
    checker = _Checker(plan, data, frozenset(law().keys()))
    checker.frame(presets)
    problems = checker.problems
    problems += check_numbering(plan)
    checker.items()
    checker.money()
    checker.process()
    checker.implementation()
    if catalog is not None:
        checker.services(catalog)
    if region_rules:
        problems += region_problems(plan)
    return problems


def errors(problems: Iterable[Finding]) -> list[Finding]:
    """Only the problems of severity ``error``."""
    return [p for p in problems if p.severity != WARNING]


def check_plan(
    plan: Plan,
    *,
    territory: Territory | None = None,
    presets: Mapping[str, Area] | None = None,
    catalog: Catalog | None = None,
    region_rules: bool = True,
) -> list[Finding]:
    """Validate; raise :class:`~kpss.errors.ValidationError` on errors, else return warnings."""
    problems = validate_plan(
        plan, territory=territory, presets=presets, catalog=catalog, region_rules=region_rules
    )
    if errors(problems):
        raise ValidationError(problems, subject=f"plan {plan.title!r}")
    return problems


def region_problems(plan: Plan) -> list[Finding]:
    """Problems found by region plugins through the ``validate_plan`` hook (run last)."""
    from kpss.plugins.calls import plugin_plan_problems as hook  # plugins load lazily

    return list(hook(plan))


class _Checker:
    def __init__(self, plan: Plan, territory: Territory, kinds: frozenset[str]) -> None:
        self.plan = plan
        self.territory = territory
        self.kinds = kinds
        self.problems: list[Finding] = []
        self.groups = {g.key for g in plan.target_groups}
        self.bodies = {b.key for b in plan.bodies} | {b.name for b in plan.bodies}
        self.numbers = {e.item.number for e in walk(plan)}
        self.activity_numbers = {a.number for a in plan.activities()}
        self.period_ok = True

    def error(self, path: str, message: str) -> None:
        self.problems.append(Finding.at(path, message))

    def warn(self, path: str, message: str) -> None:
        self.problems.append(Finding.at(path, message, WARNING))

    # -- frame ---------------------------------------------------------------------------
    def frame(self, presets: Mapping[str, Area] | None) -> None:
        plan = self.plan
        if not plan.title.strip():
            self.error("title", "the plan needs a title")
        spec = plan.territory
        if sum((bool(spec.orp), bool(spec.preset), bool(spec.obce))) != 1:
            self.error("territory", "expected exactly one of orp, preset or obce")
        else:
            try:
                resolve_territory(spec, self.territory, presets)
            except KpssError as exc:
                self.error("territory", str(exc).removeprefix("territory."))
        self.period_ok = all(1900 <= y <= 2200 for y in (plan.period.start, plan.period.end))
        if not self.period_ok:
            self.error("period", f"expected years such as 2023–2025, got {plan.period}")
        elif plan.period.start > plan.period.end:
            self.error(
                "period",
                f"the period starts ({plan.period.start}) after it ends ({plan.period.end})",
            )
        if plan.status is PlanStatus.APPROVED and plan.approval is None:
            self.error(
                "approval",
                "an approved plan names the approving body, the resolution number and its date",
            )
        self._unique("target_groups", [g.key for g in plan.target_groups], "key")
        self._unique("bodies", [b.key for b in plan.bodies], "key")
        for index, group in enumerate(plan.target_groups):
            for j, code in enumerate(group.register_codes):
                if not code.startswith("CilovaSkupinaOsoby/"):
                    self.error(
                        f"target_groups[{index}].register_codes[{j}]",
                        f"expected a register id CilovaSkupinaOsoby/…, got {code!r}",
                    )

    def _unique(self, path: str, keys: Sequence[str], field: str) -> None:
        for key, count in Counter(keys).items():
            if count > 1:
                index = [i for i, k in enumerate(keys) if k == key][1]
                self.error(f"{path}[{index}].{field}", f"{field} {key!r} is used {count} times")

    # -- hierarchy -----------------------------------------------------------------------
    def items(self) -> None:
        for entry in walk(self.plan):
            item = entry.item
            if not item.title.strip():
                self.error(f"{entry.path}.title", f"{entry.level.label} {item.number} has no title")
            if isinstance(item, Priority):
                self._target_groups(entry.path, item.target_groups)
            elif isinstance(item, Measure):
                self._measure(entry.path, item)
            elif isinstance(item, Activity):
                self._activity(entry.path, item)
            elif isinstance(item, Action):
                self._dates(entry.path, item.start, item.deadline)
                self._costs(f"{entry.path}.costs", item.costs)
                self._body(f"{entry.path}.responsible", item.responsible)

    def _target_groups(self, path: str, keys: Sequence[str]) -> None:
        for j, key in enumerate(keys):
            if key not in self.groups:
                known = ", ".join(sorted(self.groups)) or "the plan defines none"
                self.error(
                    f"{path}.target_groups[{j}]", f"unknown target group {key!r} (known: {known})"
                )

    def _common(self, path: str, item: Measure | Activity) -> None:
        self._target_groups(path, item.target_groups)
        for j, kind in enumerate(item.service_kinds):
            if kind not in self.kinds:
                self.error(
                    f"{path}.service_kinds[{j}]",
                    f"unknown service kind {kind!r}: expected a § key such as '44'",
                )
        for j, ident in enumerate(item.services):
            if not (ident.isascii() and ident.isdigit()):
                self.warn(
                    f"{path}.services[{j}]",
                    f"{ident!r} does not look like a register identifikator (digits)",
                )
        self._body(f"{path}.responsible", item.responsible)
        for j, partner in enumerate(item.partners):
            self._body(f"{path}.partners[{j}]", partner)
        self._dates(path, item.start, item.deadline)
        for k, indicator in enumerate(item.indicators):
            self._indicator(f"{path}.indicators[{k}]", indicator)

    def _measure(self, path: str, measure: Measure) -> None:
        self._common(path, measure)
        self._costs(f"{path}.costs", measure.costs)
        if measure.costs and measure.activities:
            declared = totals(measure.costs)
            computed = totals(c for a in measure.activities for c in a.costs)
            self._compare(
                f"{path}.costs", declared, computed, f"opatření {measure.number}", "its activities"
            )
        for index, activity in enumerate(measure.activities):
            self._within(f"{path}.activities[{index}]", activity, measure)

    def _within(self, path: str, activity: Activity, measure: Measure) -> None:
        for field, day in (("start", activity.start), ("deadline", activity.deadline)):
            if day is None:
                continue
            if (measure.start and day < measure.start) or (
                measure.deadline and day > measure.deadline
            ):
                self.warn(
                    f"{path}.{field}",
                    f"{day.isoformat()} is outside the term of opatření {measure.number}",
                )

    def _compare(
        self, path: str, declared: Totals, computed: Totals, what: str, parts: str
    ) -> None:
        for key in sorted(set(declared) | set(computed), key=lambda k: (k[0], k[1].value)):
            want, have = declared.get(key, 0), computed.get(key, 0)
            if want != have:
                year, source = key
                self.error(
                    path,
                    f"{year} / {source.value}: {what} says {format_kc(want)}, {parts} "
                    f"add up to {format_kc(have)}",
                )

    def _activity(self, path: str, activity: Activity) -> None:
        self._common(path, activity)
        if not (activity.responsible or "").strip():
            self.error(
                f"{path}.responsible",
                f"aktivita {activity.number} has no responsible body (odpovědnost)",
            )
        if activity.deadline is None:
            self.error(f"{path}.deadline", f"aktivita {activity.number} has no deadline (termín)")
        if activity.costs and activity.no_cost:
            self.error(f"{path}.no_cost", "costs are given, so no_cost must not be true")
        elif not activity.costs and not activity.no_cost:
            self.error(
                f"{path}.costs",
                f"aktivita {activity.number} has no costs: give "
                "costs by year and source, or no_cost: true",
            )
        self._costs(f"{path}.costs", activity.costs)

    def _body(self, path: str, name: str | None) -> None:
        if name and self.plan.bodies and name not in self.bodies:
            self.warn(path, f"{name!r} is not among the plan's bodies (by key or name)")

    def _dates(self, path: str, start: dt.date | None, deadline: dt.date | None) -> None:
        period = self.plan.period
        for field, day in (("start", start), ("deadline", deadline)):
            if not self.period_ok:
                break
            if day is not None and not period.first_day <= day <= period.last_day:
                self.error(
                    f"{path}.{field}", f"{day.isoformat()} is outside the plan period {period}"
                )
        if start and deadline and start > deadline:
            self.error(
                f"{path}.deadline",
                f"the deadline {deadline.isoformat()} is before the start {start.isoformat()}",
            )

    def _costs(self, path: str, costs: Sequence[Cost], year: int | None = None) -> None:
        period = self.plan.period
        seen: dict[tuple[int, str], int] = {}
        for index, cost in enumerate(costs):
            if year is not None and cost.year != year:
                self.error(f"{path}[{index}].year", f"expected {year}, got {cost.year}")
            elif not period.start <= cost.year <= period.end:
                self.error(
                    f"{path}[{index}].year", f"{cost.year} is outside the plan period {period}"
                )
            if cost.amount < 0:
                self.error(
                    f"{path}[{index}].amount", f"expected an amount ≥ 0 Kč, got {cost.amount}"
                )
            key = (cost.year, cost.source.value)
            if key in seen:
                self.error(
                    f"{path}[{index}]",
                    f"{cost.year} / {cost.source.value} is already "
                    f"given at {path}[{seen[key]}]: one amount per year and source",
                )
            else:
                seen[key] = index

    def _indicator(self, path: str, indicator: Indicator) -> None:
        period = self.plan.period
        if not indicator.name.strip():
            self.error(f"{path}.name", "the indicator has no name")
        if not indicator.unit.strip():
            self.error(f"{path}.unit", f"indicator {indicator.name!r} has no unit")
        if indicator.baseline is None:
            self.error(
                f"{path}.baseline",
                f"indicator {indicator.name!r} has no baseline (výchozí hodnota)",
            )
        if indicator.target is None:
            self.error(
                f"{path}.target", f"indicator {indicator.name!r} has no target (cílová hodnota)"
            )
        numbers = [("baseline", indicator.baseline), ("target", indicator.target)]
        numbers += [(f"values[{j}].value", v.value) for j, v in enumerate(indicator.values)]
        for field, number in numbers:
            if number is not None and not math.isfinite(number):
                self.error(
                    f"{path}.{field}",
                    f"{number} is not a number a plan can hold (NaN or infinity); "
                    "JSON and YAML files cannot store it",
                )
        if indicator.target_year is not None and not (
            period.start <= indicator.target_year <= period.end
        ):
            self.error(
                f"{path}.target_year",
                f"{indicator.target_year} is outside the plan period {period}",
            )
        query = indicator.register
        if query is None:
            return
        qpath = f"{path}.register"
        for j, kind in enumerate(query.kinds):
            if kind not in self.kinds:
                self.error(
                    f"{qpath}.kinds[{j}]",
                    f"unknown service kind {kind!r}: expected a § key such as '44'",
                )
        for j, group in enumerate(query.target_groups):
            if group not in self.groups and not group.startswith("CilovaSkupinaOsoby/"):
                self.error(
                    f"{qpath}.target_groups[{j}]",
                    f"expected a plan target group key or "
                    f"a register id CilovaSkupinaOsoby/…, got {group!r}",
                )
        if query.measure is RegisterMeasure.CAPACITY and not query.capacity_unit:
            self.error(
                f"{qpath}.capacity_unit",
                "a capacity indicator names its unit, e.g. TypKapacitySocialniSluzby/luzka",
            )
        for j, code in enumerate(query.obce):
            if code not in self.territory.obce:
                self.error(f"{qpath}.obce[{j}]", f"{code!r} is not an obec code")

    def services(self, catalog: Catalog) -> None:
        where = catalog.source or "the register snapshot"
        for entry in walk(self.plan):
            for index, ident in enumerate(getattr(entry.item, "services", ())):
                if ident not in catalog:
                    self.warn(
                        f"{entry.path}.services[{index}]",
                        f"service {ident!r} is not in {where}",
                    )

    # -- money ---------------------------------------------------------------------------
    def money(self) -> None:
        if not self.plan.budget:
            return
        self._costs("budget", self.plan.budget)
        declared = totals(self.plan.budget)
        self._compare(
            "budget",
            declared,
            plan_totals(self.plan),
            "the plan's budget",
            "its activities (and measures without activities)",
        )

    # -- process -------------------------------------------------------------------------
    def process(self) -> None:
        plan = self.plan
        groups = list(plan.working_groups)
        if plan.steering_group is not None:
            groups.append(plan.steering_group)
        self._unique("working_groups", [g.key for g in plan.working_groups], "key")
        group_keys = {g.key for g in groups}
        for index, group in enumerate(plan.working_groups):
            self._target_groups(f"working_groups[{index}]", group.target_groups)
            if not group.members:
                self.warn(
                    f"working_groups[{index}].members",
                    f"working group {group.name!r} lists no members",
                )
        for index, meeting in enumerate(plan.meetings):
            if meeting.group is not None and meeting.group not in group_keys:
                self.error(f"meetings[{index}].group", f"unknown group {meeting.group!r}")
            if meeting.attendance is not None and meeting.attendance < 0:
                self.error(f"meetings[{index}].attendance", "expected a count ≥ 0")
        self._unique("surveys", [s.key for s in plan.surveys], "key")
        for index, survey in enumerate(plan.surveys):
            if survey.start and survey.end and survey.start > survey.end:
                self.error(f"surveys[{index}].end", "the survey ends before it starts")
            for q, question in enumerate(survey.questions):
                for a, answer in enumerate(question.answers):
                    if answer.count < 0:
                        self.error(
                            f"surveys[{index}].questions[{q}].answers[{a}].count",
                            "expected a count ≥ 0",
                        )
        for index, need in enumerate(plan.needs):
            if need.target_group not in self.groups:
                self.warn(
                    f"needs[{index}].target_group",
                    f"{need.target_group!r} is not a target group key of the plan",
                )
            for j, number in enumerate(need.addressed_by):
                if number not in self.numbers:
                    self.error(
                        f"needs[{index}].addressed_by[{j}]",
                        f"no priority, measure or activity is numbered {number!r}",
                    )
        self._comments()

    def _comments(self) -> None:
        period = self.plan.comment_period
        if period is None:
            return
        if period.start > period.end:
            self.error("comment_period.end", "the comment period ends before it starts")
        numbers = [c.number for c in period.comments]
        for number, count in Counter(numbers).items():
            if count > 1:
                index = [i for i, n in enumerate(numbers) if n == number][1]
                self.error(
                    f"comment_period.comments[{index}].number",
                    f"comment number {number} is used {count} times",
                )
        approved = self.plan.status is PlanStatus.APPROVED
        approval = self.plan.approval
        if approval is not None and approval.date < period.end:
            self.warn(
                "approval.date",
                f"approved on {approval.date.isoformat()}, before the comment period ended "
                f"({period.end.isoformat()})",
            )
        for index, comment in enumerate(period.comments):
            path = f"comment_period.comments[{index}]"
            if comment.received and not period.start <= comment.received <= period.end:
                self.warn(
                    f"{path}.received",
                    f"received {comment.received.isoformat()}, outside "
                    f"the comment period {period.start.isoformat()}–{period.end.isoformat()}",
                )
            part = comment.part.strip()
            if _NUMBER.fullmatch(part) and part not in self.numbers:
                self.warn(f"{path}.part", f"no item of the plan is numbered {part!r}")
            if comment.settlement is None:
                if approved:
                    self.error(
                        f"{path}.settlement",
                        f"comment {comment.number} is not settled "
                        "(vypořádání), but the plan is approved",
                    )
            elif (
                comment.settlement is not Settlement.ACCEPTED
                and not (comment.justification or "").strip()
            ):
                self.error(
                    f"{path}.justification",
                    f"comment {comment.number} is "
                    f"{comment.settlement.label}: give the justification (odůvodnění)",
                )

    def _budget_vs_plan(self, path: str, item: ActionPlanItem, year: int) -> None:
        activity = self.plan.activity(item.number)
        if activity is None:
            return
        planned = totals(c for c in activity.costs if c.year == year)
        budget = totals(item.budget)
        if planned != budget:
            shown = (
                ", ".join(f"{s.value} {format_kc(a)}" for (_, s), a in planned.items()) or "nothing"
            )
            self.warn(
                path,
                f"differs from the plan's costs of aktivita {item.number} for {year} ({shown}); "
                "fine if the budget was updated, else correct one of them",
            )

    # -- action plans and evaluations ----------------------------------------------------
    def implementation(self) -> None:
        period = self.plan.period
        parts: list[tuple[str, Sequence[ActionPlan | Evaluation]]] = [
            ("action_plans", self.plan.action_plans),
            ("evaluations", self.plan.evaluations),
        ]
        for name, records in parts:
            self._unique(name, [str(r.year) for r in records], "year")
            for index, record in enumerate(records):
                path = f"{name}[{index}]"
                if not period.start <= record.year <= period.end:
                    self.error(f"{path}.year", f"{record.year} is outside the plan period {period}")
                numbers = [item.number for item in record.items]
                self._unique(f"{path}.items", numbers, "number")
                items: Sequence[ActionPlanItem | EvaluationItem] = record.items
                for j, item in enumerate(items):
                    if item.number not in self.activity_numbers:
                        self.error(
                            f"{path}.items[{j}].number",
                            f"no activity of the plan is numbered {item.number!r}",
                        )
                    if isinstance(item, ActionPlanItem):
                        self._costs(f"{path}.items[{j}].budget", item.budget, record.year)
                        self._budget_vs_plan(f"{path}.items[{j}].budget", item, record.year)
                    else:
                        self._costs(f"{path}.items[{j}].spent", item.spent, record.year)
