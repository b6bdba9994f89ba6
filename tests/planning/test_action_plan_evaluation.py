"""Action plans derived from a plan and evaluation of a year: totals and spent vs planned."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpss.model.plan import (
    ActionPlan,
    ActionPlanItem,
    Cost,
    Evaluation,
    EvaluationItem,
    FundingSource,
    IndicatorValue,
    ItemStatus,
    Plan,
)
from kpss.planning import action_plan_report, derive_action_plan, diff_plans, evaluate, load_plan
from kpss.planning.render import show_action_plan, show_evaluation, show_plan

from .helpers import EXAMPLE, indicator, replace_activity, replace_measure, small_plan
from .strategies import strategy_for

OBEC, MPSV, KRAJ = FundingSource.OBEC, FundingSource.MPSV, FundingSource.KRAJ


def test_derived_action_plan_selects_activities_running_that_year() -> None:
    plan = small_plan()
    assert [i.number for i in derive_action_plan(plan, 2023).items] == ["1.1.1", "1.1.2"]
    ap_2025 = derive_action_plan(plan, 2025)
    assert [(i.number, i.budget) for i in ap_2025.items] == [("1.2.1", (Cost(2025, KRAJ, 50_000),))]
    done = replace_activity(plan, "1.1.1", status=ItemStatus.DONE)
    assert [i.number for i in derive_action_plan(done, 2024).items] == ["1.1.2"]


def test_action_plan_totals_per_source() -> None:
    report = action_plan_report(small_plan(), 2024)
    assert not report.stored
    assert report.totals == {OBEC: 120_000, MPSV: 300_000}
    assert report.total == 420_000
    assert [r.total for r in report.rows] == [420_000, 0]
    assert report.rows[0].responsible == "Město Kralovice"
    text = show_action_plan(report)
    assert "Akční plán na rok 2024 (odvozeno z plánu)" in text
    assert "dotace MPSV: 300\u00a0000\u00a0Kč" in text
    assert "celkem: 420\u00a0000\u00a0Kč" in text
    data = report.to_data()
    assert data["totals"] == {"obec": 120_000, "mpsv": 300_000}


def test_stored_action_plan_wins_over_derivation() -> None:
    stored = ActionPlan(2024, (ActionPlanItem("1.1.1", (Cost(2024, OBEC, 99),)),), title="AP 2024")
    report = action_plan_report(small_plan(action_plans=(stored,)), 2024)
    assert report.stored
    assert report.title == "AP 2024"
    assert report.total == 99


def test_example_action_plans() -> None:
    plan = load_plan(EXAMPLE)
    assert action_plan_report(plan, 2023).total == 3_065_000
    assert action_plan_report(plan, 2024).total == 3_910_000
    derived = action_plan_report(plan, 2025)
    assert not derived.stored
    expected = sum(c.amount for a in plan.activities() for c in a.costs if c.year == 2025)
    assert derived.total == expected == 5_505_000


def test_evaluation_compares_spent_with_planned_per_source() -> None:
    evaluation = Evaluation(
        2024,
        (
            EvaluationItem(
                "1.1.1",
                ItemStatus.PARTLY_DONE,
                (Cost(2024, OBEC, 100_000), Cost(2024, MPSV, 310_000)),
                "Zpoždění",
            ),
        ),
        summary="Souhrn roku.",
    )
    report = evaluate(small_plan(evaluations=(evaluation,)), 2024)
    assert report.planned == {OBEC: 120_000, MPSV: 300_000}
    assert report.spent == {OBEC: 100_000, MPSV: 310_000}
    rows = {r.number: r for r in report.rows}
    assert rows["1.1.1"].status is ItemStatus.PARTLY_DONE
    assert rows["1.1.2"].status is ItemStatus.PLANNED  # not evaluated: the activity's status
    assert rows["1.1.2"].spent == {}
    text = show_evaluation(report)
    assert "1.1.1 Aktivita 1.1.1: částečně splněno" in text
    assert "dotace MPSV: 300\u00a0000\u00a0Kč / 310\u00a0000\u00a0Kč" in text
    assert report.to_data()["spent_total"] == 410_000


def test_evaluation_shows_indicator_actual_against_target() -> None:
    values = (IndicatorValue(2023, 24), IndicatorValue(2025, 31))
    plan = replace_measure(small_plan(), "1.1", indicators=(indicator(values=values),))
    early, late = evaluate(plan, 2023).indicators[0], evaluate(plan, 2025).indicators[0]
    assert (early.actual, early.met, early.verdict) == (
        24,
        False,
        "cíl zatím nesplněn, cílový rok 2025",
    )
    assert (late.actual, late.met, late.verdict) == (31, True, "cíl splněn")
    assert evaluate(plan, 2024).indicators[0].verdict == "bez údaje"
    down = replace_measure(
        small_plan(), "1.1", indicators=(indicator(higher_is_better=False, values=values),)
    )
    assert evaluate(down, 2025).indicators[0].met is False


def test_example_evaluation_2023() -> None:
    report = evaluate(load_plan(EXAMPLE), 2023)
    assert sum(report.planned.values()) == 3_065_000
    assert sum(report.spent.values()) == 3_035_300
    assert report.spent[FundingSource.USERS] == 84_500
    assert (report.summary or "").startswith("Plnění plánu v roce 2023")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(plan=strategy_for(Plan), year=st.integers(2000, 2035))
def test_reports_never_crash_on_any_plan(plan: Plan, year: int) -> None:
    report = action_plan_report(plan, year)
    assert report.total == sum(r.total for r in report.rows)
    assert show_action_plan(report).startswith(report.title)
    evaluation = evaluate(plan, year)
    assert show_evaluation(evaluation).startswith(f"Vyhodnocení za rok {year}")
    assert show_plan(plan).startswith(plan.title)
    assert not diff_plans(plan, plan)
