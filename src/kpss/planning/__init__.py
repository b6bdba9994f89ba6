"""Behaviour of community plans: storage, numbering, validation, diff, action plans,
evaluation, indicators measured from register snapshots and coverage figures.

>>> from kpss.planning import load_plan, validate_plan  # doctest: +SKIP
>>> plan = load_plan("examples/plans/kralovice-2023-2025")  # doctest: +SKIP
>>> [str(p) for p in validate_plan(plan)]  # doctest: +SKIP
[]
"""

from kpss.planning.action_plan import (
    ActionPlanReport,
    ActionPlanRow,
    action_plan_for,
    action_plan_report,
    derive_action_plan,
)
from kpss.planning.budget import format_kc, plan_totals, totals
from kpss.planning.coverage import CapacityRow, Coverage, Uncovered, coverage
from kpss.planning.diff import Change, FieldChange, PlanDiff, diff_plans
from kpss.planning.evaluation import (
    EvaluationReport,
    EvaluationRow,
    IndicatorResult,
    evaluate,
    evaluation_record,
)
from kpss.planning.indicators import (
    Measurement,
    fill_indicators,
    map_indicators,
    measure_indicators,
    register_indicators,
)
from kpss.planning.numbering import Entry, Level, check_numbering, items_by_number, walk
from kpss.planning.register import measure
from kpss.planning.storage import (
    PLAN_FORMAT,
    load_plan,
    plan_converter,
    plan_from_data,
    plan_to_data,
    save_plan,
)
from kpss.planning.territory import ResolvedTerritory, resolve_territory
from kpss.planning.validate import check_plan, errors, region_problems, validate_plan

__all__ = [
    "PLAN_FORMAT",
    "ActionPlanReport",
    "ActionPlanRow",
    "CapacityRow",
    "Change",
    "Coverage",
    "Entry",
    "EvaluationReport",
    "EvaluationRow",
    "FieldChange",
    "IndicatorResult",
    "Level",
    "Measurement",
    "PlanDiff",
    "ResolvedTerritory",
    "Uncovered",
    "action_plan_for",
    "action_plan_report",
    "check_numbering",
    "check_plan",
    "coverage",
    "derive_action_plan",
    "diff_plans",
    "errors",
    "evaluate",
    "evaluation_record",
    "fill_indicators",
    "format_kc",
    "items_by_number",
    "load_plan",
    "map_indicators",
    "measure",
    "measure_indicators",
    "plan_converter",
    "plan_from_data",
    "plan_to_data",
    "plan_totals",
    "region_problems",
    "register_indicators",
    "resolve_territory",
    "save_plan",
    "totals",
    "validate_plan",
    "walk",
]
