"""A community plan of social services (komunitní plán / střednědobý plán rozvoje).

Pure types of one planning cycle: the strategy (vize, zásady, priority → cíle → opatření →
aktivity → akce), the process that produced it (řídící a pracovní skupiny, setkání,
ankety, zjištěné potřeby, připomínkování s vypořádáním), and its implementation (akční
plány, vyhodnocení). Behaviour (numbering, validation, storage, diff, indicators from the
register) lives in :mod:`kpss.planning`.

Money is whole Czech crowns (``int`` Kč) everywhere: exact, no rounding, and plans that
think in tis. Kč write ``150000``. Hierarchy numbers are strings such as ``"1.2.3"``: each
item carries its own number so numbering stays stable across versions and action plans.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from kpss.model.actors import Participant, Role
from kpss.model.labels import LabelledEnum
from kpss.model.law import Form


class PlanStatus(LabelledEnum):
    """Stav dokumentu: návrh, k připomínkování, schváleno."""

    DRAFT = ("navrh", "návrh")
    FOR_COMMENTS = ("pripominkovani", "k připomínkování")
    APPROVED = ("schvaleno", "schváleno")


class FundingSource(LabelledEnum):
    """Zdroj financování of a cost."""

    OBEC = ("obec", "obce")
    KRAJ = ("kraj", "kraj")
    MPSV = ("mpsv", "dotace MPSV")
    EU = ("eu", "EU/ESF")
    USERS = ("uhrady", "úhrady uživatelů")
    OTHER = ("jine", "jiné zdroje")


class ItemStatus(LabelledEnum):
    """Stav plnění of a measure, activity or action."""

    PLANNED = ("planovano", "plánováno")
    IN_PROGRESS = ("probiha", "probíhá")
    DONE = ("splneno", "splněno")
    PARTLY_DONE = ("castecne-splneno", "částečně splněno")
    NOT_DONE = ("nesplneno", "nesplněno")
    POSTPONED = ("odlozeno", "odloženo")
    CANCELLED = ("zruseno", "zrušeno")


class MeetingKind(LabelledEnum):
    """Druh setkání."""

    ROUND_TABLE = ("kulaty-stul", "kulatý stůl")
    WORKING_GROUP = ("pracovni-skupina", "jednání pracovní skupiny")
    STEERING_GROUP = ("ridici-skupina", "jednání řídící skupiny")
    PUBLIC = ("verejne-setkani", "veřejné setkání")


class SurveyKind(LabelledEnum):
    """Druh průzkumu: veřejná anketa, dotazník obcí, poskytovatelů, uživatelů."""

    PUBLIC = ("anketa", "veřejná anketa")
    OBCE = ("obce", "dotazník pro obce")
    PROVIDERS = ("poskytovatele", "dotazník pro poskytovatele")
    USERS = ("uzivatele", "dotazník pro uživatele")


class Settlement(LabelledEnum):
    """Vypořádání připomínky."""

    ACCEPTED = ("akceptovano", "akceptováno")
    PARTLY = ("castecne", "akceptováno částečně")
    REJECTED = ("neakceptovano", "neakceptováno")


class RegisterMeasure(enum.Enum):
    """What an indicator measured from the register counts."""

    CAPACITY = "kapacita"
    SERVICES = "pocet-sluzeb"
    PROVIDERS = "pocet-poskytovatelu"


# -- frame of the plan ----------------------------------------------------------------------


@attrs.frozen
class PlanTerritory:
    """Území plánu: exactly one of an ORP (ČSÚ code, e.g. ``3206``), a preset key, or obce.

    ``name`` is how the plan names its territory (``"ORP Kralovice"``); optional.
    """

    orp: str | None = None
    preset: str | None = None
    obce: tuple[str, ...] = ()
    name: str | None = None


@attrs.frozen
class Period:
    """Období plánu in whole years, both inclusive (``2023``–``2025``)."""

    start: int
    end: int

    @property
    def first_day(self) -> dt.date:
        """1 January of the first year."""
        return dt.date(self.start, 1, 1)

    @property
    def last_day(self) -> dt.date:
        """31 December of the last year."""
        return dt.date(self.end, 12, 31)

    @property
    def years(self) -> tuple[int, ...]:
        """Every year of the period."""
        return tuple(range(self.start, self.end + 1))

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"


@attrs.frozen
class Approval:
    """Schválení: the approving body, its resolution number (usnesení) and date."""

    body: str
    resolution: str
    date: dt.date


@attrs.frozen
class PlanVersion:
    """One earlier or current version of the plan with what changed (historie)."""

    version: str
    title: str | None = None
    period: Period | None = None
    date: dt.date | None = None
    approval: Approval | None = None
    changes: tuple[str, ...] = ()


@attrs.frozen
class TargetGroup:
    """Cílová skupina as the plan groups people (Senioři, Rodina, děti a mládež …).

    ``key`` is what items refer to; ``register_codes`` are the register's
    ``CilovaSkupinaOsoby/…`` ids the group covers (used by register queries).
    """

    key: str
    name: str
    register_codes: tuple[str, ...] = ()
    description: str | None = None


@attrs.frozen
class Body:
    """A body taking part in the plan (obec, provider, user organisation) with its role.

    Measures and activities name their responsible body and partners by ``key`` or ``name``.
    """

    key: str
    name: str
    role: Role
    ico: str | None = None
    description: str | None = None


# -- strategy -------------------------------------------------------------------------------


@attrs.frozen
class Cost:
    """Předpokládané (or spent) náklady of one year from one source, in whole Kč."""

    year: int
    source: FundingSource
    amount: int
    note: str | None = None


@attrs.frozen
class RegisterQuery:
    """An indicator measured on a register snapshot.

    Counts, in the plan's territory (or the obce given here), the services active on the
    snapshot date of the given kinds (law keys such as ``"44"``), target groups (register
    ``CilovaSkupinaOsoby/…`` ids or plan target-group keys) and forms: their registered
    capacity in ``capacity_unit`` (``TypKapacitySocialniSluzby/luzka``), their number, or
    the number of their providers.
    """

    measure: RegisterMeasure
    kinds: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    forms: tuple[Form, ...] = ()
    capacity_unit: str | None = None
    obce: tuple[str, ...] = ()


@attrs.frozen
class IndicatorValue:
    """A measured (actual) value of an indicator for a year, optionally dated."""

    year: int
    value: float
    date: dt.date | None = None
    source: str | None = None
    note: str | None = None


@attrs.frozen
class Indicator:
    """Indikátor: name, unit, baseline (výchozí hodnota), target (cílová) and actual values.

    ``higher_is_better`` is false for indicators meant to go down (čekatelé, …).
    ``register`` makes the indicator measurable from register snapshots.
    """

    name: str
    unit: str
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    target_year: int | None = None
    values: tuple[IndicatorValue, ...] = ()
    higher_is_better: bool = True
    register: RegisterQuery | None = None
    description: str | None = None

    def value_for(self, year: int) -> IndicatorValue | None:
        """The latest actual value of *year* (by date when dated), or ``None``."""
        found = [v for v in self.values if v.year == year]
        if not found:
            return None
        return max(found, key=lambda v: (v.date is None, v.date or dt.date.min))  # undated: end


@attrs.frozen
class Action:
    """Akce: a bounded part (dílčí etapa) of an activity, numbered ``1.1.1.1``."""

    number: str
    title: str
    description: str | None = None
    responsible: str | None = None
    start: dt.date | None = None
    deadline: dt.date | None = None
    costs: tuple[Cost, ...] = ()
    status: ItemStatus = ItemStatus.PLANNED


@attrs.frozen
class Activity:
    """Aktivita, numbered ``1.1.1``: who does what, by when, for how much, measured how.

    ``responsible`` and ``partners`` name :class:`Body` keys or names; ``services`` are
    register identifiers (``identifikator``); ``service_kinds`` law keys (``"44"``).
    ``costs`` by year and source, or ``no_cost`` to say explicitly it costs nothing extra.
    """

    number: str
    title: str
    description: str | None = None
    target_groups: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    service_kinds: tuple[str, ...] = ()
    responsible: str | None = None
    partners: tuple[str, ...] = ()
    start: dt.date | None = None
    deadline: dt.date | None = None
    costs: tuple[Cost, ...] = ()
    no_cost: bool = False
    indicators: tuple[Indicator, ...] = ()
    status: ItemStatus = ItemStatus.PLANNED
    actions: tuple[Action, ...] = ()
    note: str | None = None

    def span(self) -> tuple[int, int] | None:
        """First and last year of the activity (from its start, or its first cost, to its
        deadline, or its last cost); ``None`` when it has neither dates nor costs."""
        first = self.start.year if self.start else None
        last = self.deadline.year if self.deadline else None
        cost_years = [c.year for c in self.costs]
        if first is None:
            first = min(cost_years, default=last)
        if last is None:
            last = max(cost_years, default=first)
        if first is None or last is None:
            return None
        return first, last

    def runs_in(self, year: int) -> bool:
        """Whether the activity runs in *year*."""
        span = self.span()
        return span is not None and span[0] <= year <= span[1]


@attrs.frozen
class Measure:
    """Opatření, numbered ``1.1`` (``1.1.1`` under a goal), with its activities.

    Link to the kraj's mid-term plan (SPRSS): a measure *claims* a contribution to the kraj's
    plan when ``contributes_to_kraj_plan`` is true; it then names the related kraj measure
    in ``kraj_plan_link`` (e.g. ``"SPRSS PK 2023–2025, opatření 2.3"``). A non-empty
    ``kraj_plan_link`` alone also counts as a claim (see :attr:`claims_kraj_plan`).
    Region plugins check the link through the ``validate_plan`` hook.

    ``costs`` are the measure's estimated costs by year and source: the costs of a measure
    planned without activities, or, beside activities, a summary that must equal the sum of
    its activities' costs (validation checks it).
    """

    number: str
    title: str
    description: str | None = None
    target_groups: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    service_kinds: tuple[str, ...] = ()
    responsible: str | None = None
    partners: tuple[str, ...] = ()
    start: dt.date | None = None
    deadline: dt.date | None = None
    costs: tuple[Cost, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    contributes_to_kraj_plan: bool = False
    kraj_plan_link: str | None = None
    status: ItemStatus = ItemStatus.PLANNED
    activities: tuple[Activity, ...] = ()

    @property
    def claims_kraj_plan(self) -> bool:
        """Whether the measure says it implements a measure of the kraj's mid-term plan."""
        return self.contributes_to_kraj_plan or bool(self.kraj_plan_link)


@attrs.frozen
class Goal:
    """Cíl: an optional level between a priority and its measures, numbered ``1.1``."""

    number: str
    title: str
    description: str | None = None
    measures: tuple[Measure, ...] = ()


@attrs.frozen
class Priority:
    """Priorita, numbered ``1``: holds either goals or measures directly (not both)."""

    number: str
    title: str
    description: str | None = None
    target_groups: tuple[str, ...] = ()
    goals: tuple[Goal, ...] = ()
    measures: tuple[Measure, ...] = ()

    def all_measures(self) -> tuple[Measure, ...]:
        """Measures directly under the priority and under its goals, in order."""
        return self.measures + tuple(m for g in self.goals for m in g.measures)


# -- process --------------------------------------------------------------------------------


@attrs.frozen
class WorkingGroup:
    """Pracovní skupina (by target group) or řídící skupina, with members and their roles."""

    key: str
    name: str
    target_groups: tuple[str, ...] = ()
    members: tuple[Participant, ...] = ()
    leader: str | None = None
    description: str | None = None


@attrs.frozen
class Meeting:
    """Setkání: kulatý stůl, jednání skupiny, veřejné setkání; agenda and minutes (zápis)."""

    date: dt.date
    kind: MeetingKind
    title: str | None = None
    place: str | None = None
    group: str | None = None
    agenda: tuple[str, ...] = ()
    minutes: str | None = None
    attendance: int | None = None


@attrs.frozen
class Answer:
    """One answer option of a survey question with how many chose it."""

    option: str
    count: int


@attrs.frozen
class Question:
    """A survey question with aggregated answers (no personal data, counts only)."""

    text: str
    answers: tuple[Answer, ...] = ()
    responses: int | None = None
    summary: str | None = None


@attrs.frozen
class Survey:
    """Průzkum: veřejná anketa or a questionnaire of obce / providers / users."""

    key: str
    kind: SurveyKind
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    respondents: int | None = None
    questions: tuple[Question, ...] = ()


@attrs.frozen
class Need:
    """Zjištěná potřeba: the need, for whom, the evidence and where it was found.

    ``source`` is free text or the key of a :class:`Survey` / :class:`WorkingGroup`;
    ``addressed_by`` lists numbers of the items that answer the need.
    """

    need: str
    target_group: str
    evidence: str
    source: str
    addressed_by: tuple[str, ...] = ()


@attrs.frozen
class Comment:
    """Připomínka: who (and in which role), which part, the text, and its vypořádání."""

    number: int
    author: str
    role: Role
    part: str
    text: str
    received: dt.date | None = None
    settlement: Settlement | None = None
    justification: str | None = None


@attrs.frozen
class CommentPeriod:
    """Připomínkování: the period (from–to, inclusive) and the comments received."""

    start: dt.date
    end: dt.date
    announced: str | None = None
    comments: tuple[Comment, ...] = ()


# -- implementation -------------------------------------------------------------------------


@attrs.frozen
class ActionPlanItem:
    """An activity (by its plan number) selected for the year with its budget."""

    number: str
    budget: tuple[Cost, ...] = ()
    note: str | None = None


@attrs.frozen
class ActionPlan:
    """Akční plán na rok: activities selected for the year with budget."""

    year: int
    items: tuple[ActionPlanItem, ...] = ()
    title: str | None = None
    approval: Approval | None = None


@attrs.frozen
class EvaluationItem:
    """Plnění of one activity in a year: status, note and money spent by source."""

    number: str
    status: ItemStatus
    spent: tuple[Cost, ...] = ()
    note: str | None = None


@attrs.frozen
class Evaluation:
    """Vyhodnocení of a year as the coordinator records it (indicators carry their values)."""

    year: int
    items: tuple[EvaluationItem, ...] = ()
    date: dt.date | None = None
    summary: str | None = None


# -- the plan -------------------------------------------------------------------------------


@attrs.frozen
class Plan:
    """A community plan of social services: one planning cycle kept in kpss."""

    title: str
    territory: PlanTerritory
    period: Period
    version: str = "1"
    status: PlanStatus = PlanStatus.DRAFT
    approval: Approval | None = None
    vision: str | None = None
    principles: tuple[str, ...] = ()
    kraj_plan: str | None = None
    coordinator: str | None = None
    target_groups: tuple[TargetGroup, ...] = ()
    bodies: tuple[Body, ...] = ()
    steering_group: WorkingGroup | None = None
    working_groups: tuple[WorkingGroup, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    surveys: tuple[Survey, ...] = ()
    needs: tuple[Need, ...] = ()
    comment_period: CommentPeriod | None = None
    priorities: tuple[Priority, ...] = ()
    budget: tuple[Cost, ...] = ()
    action_plans: tuple[ActionPlan, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
    history: tuple[PlanVersion, ...] = ()

    def measures(self) -> tuple[Measure, ...]:
        """Every measure in plan order."""
        return tuple(m for p in self.priorities for m in p.all_measures())

    def activities(self) -> tuple[Activity, ...]:
        """Every activity in plan order."""
        return tuple(a for m in self.measures() for a in m.activities)

    def activity(self, number: str) -> Activity | None:
        """The activity numbered *number*, or ``None``."""
        return next((a for a in self.activities() if a.number == number), None)

    def action_plan(self, year: int) -> ActionPlan | None:
        """The stored action plan of *year*, or ``None``."""
        return next((a for a in self.action_plans if a.year == year), None)

    def evaluation(self, year: int) -> Evaluation | None:
        """The stored evaluation of *year*, or ``None``."""
        return next((e for e in self.evaluations if e.year == year), None)

    def target_group(self, key: str) -> TargetGroup | None:
        """The plan's target group by key."""
        return next((g for g in self.target_groups if g.key == key), None)
