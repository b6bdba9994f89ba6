"""Each validation rule: a failing and a passing case, problems named by path."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from kpss.errors import Finding, ValidationError
from kpss.model.actors import Role
from kpss.model.plan import (
    ActionPlan,
    ActionPlanItem,
    Approval,
    Comment,
    CommentPeriod,
    Cost,
    Evaluation,
    EvaluationItem,
    FundingSource,
    ItemStatus,
    Meeting,
    MeetingKind,
    Need,
    Period,
    Plan,
    PlanStatus,
    PlanTerritory,
    RegisterMeasure,
    RegisterQuery,
    Settlement,
    WorkingGroup,
)
from kpss.model.territory import Area
from kpss.planning import check_plan, errors, load_plan, validate_plan

from .helpers import EXAMPLE, indicator, replace_activity, replace_measure, small_plan
from .strategies import strategy_for

A = "priorities[0].measures[0].activities[0]"


def paths(problems: list[Finding], severity: str = "error") -> list[str]:
    return [p.path for p in problems if p.severity == severity]


def test_small_plan_and_example_are_valid() -> None:
    assert validate_plan(small_plan()) == []
    assert errors(validate_plan(load_plan(EXAMPLE))) == []


def test_missing_responsible_deadline_and_costs_are_all_reported() -> None:
    plan = replace_activity(small_plan(), "1.1.1", responsible=None, deadline=None, costs=())
    plan = replace_activity(plan, "1.2.1", responsible="  ")
    found = paths(validate_plan(plan))
    assert f"{A}.responsible" in found
    assert f"{A}.deadline" in found
    assert f"{A}.costs" in found
    assert "priorities[0].measures[1].activities[0].responsible" in found


def test_no_cost_is_an_explicit_alternative_to_costs() -> None:
    ok = replace_activity(small_plan(), "1.1.1", costs=(), no_cost=True)
    assert validate_plan(ok) == []
    both = replace_activity(small_plan(), "1.1.1", no_cost=True)
    assert paths(validate_plan(both)) == [f"{A}.no_cost"]


def test_dates_must_lie_inside_the_period() -> None:
    plan = replace_activity(
        small_plan(), "1.1.1", start=dt.date(2022, 12, 31), deadline=dt.date(2026, 1, 1)
    )
    found = paths(validate_plan(plan))
    assert f"{A}.start" in found
    assert f"{A}.deadline" in found
    edge = replace_activity(
        small_plan(), "1.1.1", start=dt.date(2023, 1, 1), deadline=dt.date(2025, 12, 31)
    )
    assert validate_plan(edge) == []


def test_deadline_before_start() -> None:
    plan = replace_activity(
        small_plan(), "1.1.1", start=dt.date(2024, 5, 1), deadline=dt.date(2024, 4, 30)
    )
    problems = validate_plan(plan)
    assert paths(problems) == [f"{A}.deadline"]
    assert "before the start" in problems[0].message


def test_cost_years_inside_period_non_negative_and_unique_per_source() -> None:
    plan = replace_activity(
        small_plan(),
        "1.1.1",
        costs=(
            Cost(2026, FundingSource.OBEC, 1),
            Cost(2023, FundingSource.OBEC, -5),
            Cost(2023, FundingSource.OBEC, 10),
        ),
    )
    found = paths(validate_plan(plan))
    assert f"{A}.costs[0].year" in found
    assert f"{A}.costs[1].amount" in found
    assert f"{A}.costs[2]" in found


def test_indicators_need_baseline_target_and_unit() -> None:
    bad = replace_measure(
        small_plan(), "1.1", indicators=(indicator(baseline=None, target=None, unit=""),)
    )
    found = paths(validate_plan(bad))
    where = "priorities[0].measures[0].indicators[0]"
    assert found == [f"{where}.unit", f"{where}.baseline", f"{where}.target"]
    zero = replace_measure(small_plan(), "1.1", indicators=(indicator(baseline=0, target=0),))
    assert validate_plan(zero) == []


def test_indicator_target_year_inside_period() -> None:
    bad = replace_measure(small_plan(), "1.1", indicators=(indicator(target_year=2030),))
    assert paths(validate_plan(bad)) == ["priorities[0].measures[0].indicators[0].target_year"]


def test_register_query_checks_kinds_groups_unit_and_obce() -> None:
    query = RegisterQuery(
        RegisterMeasure.CAPACITY, kinds=("44", "99"), target_groups=("nikdo",), obce=("000000",)
    )
    bad = replace_measure(small_plan(), "1.1", indicators=(indicator(register=query),))
    where = "priorities[0].measures[0].indicators[0].register"
    assert paths(validate_plan(bad)) == [
        f"{where}.kinds[1]",
        f"{where}.target_groups[0]",
        f"{where}.capacity_unit",
        f"{where}.obce[0]",
    ]
    good = RegisterQuery(
        RegisterMeasure.CAPACITY,
        kinds=("44",),
        target_groups=("seniori", "CilovaSkupinaOsoby/26"),
        capacity_unit="TypKapacitySocialniSluzby/luzka",
    )
    ok = replace_measure(small_plan(), "1.1", indicators=(indicator(register=good),))
    assert validate_plan(ok) == []


def test_declared_budget_must_match_activity_totals() -> None:
    right = small_plan(
        budget=(
            Cost(2023, FundingSource.OBEC, 100_000),
            Cost(2024, FundingSource.OBEC, 120_000),
            Cost(2024, FundingSource.MPSV, 300_000),
            Cost(2025, FundingSource.KRAJ, 50_000),
        )
    )
    assert validate_plan(right) == []
    wrong = attrs.evolve(right, budget=(*right.budget[:3], Cost(2025, FundingSource.KRAJ, 40_000)))
    problems = validate_plan(wrong)
    assert paths(problems) == ["budget"]
    assert "2025 / kraj" in problems[0].message
    assert "40\u00a0000\u00a0Kč" in problems[0].message
    assert "50\u00a0000\u00a0Kč" in problems[0].message


def _comments(*settlements: Settlement | None) -> CommentPeriod:
    return CommentPeriod(
        dt.date(2022, 10, 1),
        dt.date(2022, 10, 31),
        comments=tuple(
            Comment(
                i + 1,
                "Obec Žihle",
                Role.COMMISSIONER,
                "1.1",
                "Text",
                settlement=s,
                justification="Důvod" if s is not None else None,
            )
            for i, s in enumerate(settlements)
        ),
    )


APPROVAL = Approval("Zastupitelstvo města Kralovice", "14/2022", dt.date(2022, 12, 14))


def test_comments_must_be_settled_before_approval() -> None:
    plan = small_plan(
        status=PlanStatus.APPROVED,
        approval=APPROVAL,
        comment_period=_comments(Settlement.ACCEPTED, None, None),
    )
    assert paths(validate_plan(plan)) == [
        "comment_period.comments[1].settlement",
        "comment_period.comments[2].settlement",
    ]
    draft = attrs.evolve(plan, status=PlanStatus.FOR_COMMENTS, approval=None)
    assert validate_plan(draft) == []
    settled = attrs.evolve(plan, comment_period=_comments(Settlement.ACCEPTED, Settlement.REJECTED))
    assert validate_plan(settled) == []


def test_rejected_comment_needs_justification() -> None:
    period = _comments(Settlement.REJECTED)
    bare = attrs.evolve(period.comments[0], justification=None)
    plan = small_plan(comment_period=attrs.evolve(period, comments=(bare,)))
    assert paths(validate_plan(plan)) == ["comment_period.comments[0].justification"]


def test_comment_outside_period_is_a_warning_and_numbers_unique() -> None:
    period = _comments(Settlement.ACCEPTED, Settlement.ACCEPTED)
    late = attrs.evolve(period.comments[1], number=1, received=dt.date(2022, 11, 5))
    problems = validate_plan(
        small_plan(comment_period=attrs.evolve(period, comments=(period.comments[0], late)))
    )
    assert paths(problems) == ["comment_period.comments[1].number"]
    assert paths(problems, "warning") == ["comment_period.comments[1].received"]


def test_approved_plan_names_body_resolution_and_date() -> None:
    assert paths(validate_plan(small_plan(status=PlanStatus.APPROVED))) == ["approval"]
    assert validate_plan(small_plan(status=PlanStatus.APPROVED, approval=APPROVAL)) == []


def test_territory_rules() -> None:
    assert paths(validate_plan(small_plan(territory=PlanTerritory()))) == ["territory"]
    both = PlanTerritory(orp="3206", obce=("559075",))
    assert paths(validate_plan(small_plan(territory=both))) == ["territory"]
    unknown = validate_plan(small_plan(territory=PlanTerritory(orp="9999")))
    assert paths(unknown) == ["territory"]
    assert "9999" in unknown[0].message
    custom = PlanTerritory(obce=("559075", "559351"))
    assert validate_plan(small_plan(territory=custom)) == []
    bad_obce = validate_plan(small_plan(territory=PlanTerritory(obce=("559075", "123"))))
    assert "123" in bad_obce[0].message
    presets = {"kralovicko": Area("kralovicko", "Kralovicko", frozenset({"559075"}))}
    preset = small_plan(territory=PlanTerritory(preset="kralovicko"))
    assert validate_plan(preset, presets=presets) == []
    missing = small_plan(territory=PlanTerritory(preset="nikde"))
    assert paths(validate_plan(missing, presets=presets)) == ["territory"]


def test_period_order() -> None:
    assert "period" in paths(validate_plan(small_plan(period=Period(2025, 2023))))


def test_unknown_target_group_and_service_kind() -> None:
    plan = replace_measure(small_plan(), "1.1", target_groups=("deti",), service_kinds=("400",))
    assert paths(validate_plan(plan)) == [
        "priorities[0].measures[0].target_groups[0]",
        "priorities[0].measures[0].service_kinds[0]",
    ]


def test_unknown_body_is_a_warning() -> None:
    plan = replace_activity(small_plan(), "1.1.1", partners=("Město Kralovice", "Obec Neznámá"))
    problems = validate_plan(plan)
    assert errors(problems) == []
    assert paths(problems, "warning") == [f"{A}.partners[1]"]


def test_process_references() -> None:
    plan = small_plan(
        working_groups=(WorkingGroup("ps", "PS Senioři", target_groups=("seniori",)),),
        meetings=(Meeting(dt.date(2022, 3, 1), MeetingKind.WORKING_GROUP, group="jina"),),
        needs=(Need("Odlehčovací služba", "seniori", "anketa", "anketa", ("1.9",)),),
    )
    problems = validate_plan(plan)
    assert paths(problems) == ["meetings[0].group", "needs[0].addressed_by[0]"]
    assert paths(problems, "warning") == ["working_groups[0].members"]


def test_action_plans_and_evaluations_refer_to_activities_of_their_year() -> None:
    plan = small_plan(
        action_plans=(
            ActionPlan(
                2024,
                (
                    ActionPlanItem("1.1.1", (Cost(2023, FundingSource.OBEC, 5),)),
                    ActionPlanItem("9.9.9"),
                ),
            ),
            ActionPlan(2027),
        ),
        evaluations=(
            Evaluation(
                2023,
                (EvaluationItem("1.1.1", ItemStatus.DONE, (Cost(2024, FundingSource.OBEC, 1),)),),
            ),
        ),
    )
    assert paths(validate_plan(plan)) == [
        "action_plans[0].items[0].budget[0].year",
        "action_plans[0].items[1].number",
        "action_plans[1].year",
        "evaluations[0].items[0].spent[0].year",
    ]


def test_check_plan_raises_with_every_problem() -> None:
    plan = replace_activity(small_plan(), "1.1.1", responsible=None, deadline=None)
    with pytest.raises(ValidationError) as info:
        check_plan(plan)
    assert len(info.value.problems) == 2
    assert check_plan(small_plan()) == []


def test_region_rules_run_last_through_the_plugin_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    import kpss.plugins.manager

    seen = []

    def fake_hook(plan: Plan) -> list[Finding]:
        seen.append(plan)
        return [Finding.at("priorities[0].measures[0].kraj_plan_link", "region rule")]

    monkeypatch.setattr(kpss.plugins.calls, "plugin_plan_problems", fake_hook)
    plan = replace_activity(small_plan(), "1.1.1", deadline=None)
    problems = validate_plan(plan)
    assert seen == [plan]
    assert [p.message for p in problems][-1] == "region rule"
    assert paths(problems) == [f"{A}.deadline", "priorities[0].measures[0].kraj_plan_link"]
    assert paths(validate_plan(plan, region_rules=False)) == [f"{A}.deadline"]
    assert len(seen) == 1


def test_measure_costs_beside_activities_must_equal_their_sum() -> None:
    plan = small_plan()
    right = (
        Cost(2023, FundingSource.OBEC, 100_000),
        Cost(2024, FundingSource.OBEC, 120_000),
        Cost(2024, FundingSource.MPSV, 300_000),
    )
    assert validate_plan(replace_measure(plan, "1.1", costs=right)) == []
    wrong = replace_measure(plan, "1.1", costs=right[:2])
    problems = validate_plan(wrong)
    assert paths(problems) == ["priorities[0].measures[0].costs"]
    assert "2024 / mpsv: opatření 1.1 says 0\u00a0Kč" in problems[0].message


def test_measure_without_activities_counts_in_the_plan_budget() -> None:
    alone = replace_measure(
        small_plan(), "1.2", activities=(), costs=(Cost(2025, FundingSource.EU, 70_000),)
    )
    budget = (
        Cost(2023, FundingSource.OBEC, 100_000),
        Cost(2024, FundingSource.OBEC, 120_000),
        Cost(2024, FundingSource.MPSV, 300_000),
        Cost(2025, FundingSource.EU, 70_000),
    )
    assert validate_plan(attrs.evolve(alone, budget=budget)) == []


def test_activity_outside_its_measure_term_is_a_warning() -> None:
    plan = replace_measure(
        small_plan(), "1.1", start=dt.date(2023, 1, 1), deadline=dt.date(2023, 12, 31)
    )
    problems = validate_plan(plan)
    assert errors(problems) == []
    assert paths(problems, "warning") == [
        "priorities[0].measures[0].activities[0].deadline",
        "priorities[0].measures[0].activities[1].deadline",
    ]


def test_approval_before_the_comment_period_ended_is_a_warning() -> None:
    early = Approval("Rada", "1/2022", dt.date(2022, 10, 15))
    plan = small_plan(
        status=PlanStatus.APPROVED, approval=early, comment_period=_comments(Settlement.ACCEPTED)
    )
    assert paths(validate_plan(plan), "warning") == ["approval.date"]


def test_related_services_checked_against_a_register_snapshot() -> None:
    from kpss.model import Catalog, Provider, Service

    plan = replace_activity(small_plan(), "1.1.1", services=("1234567", "7654321"))
    catalog = Catalog.of(
        [Service("1234567", "DruhSocialniSluzby/4", Provider("P"))], source="rpss.json"
    )
    problems = validate_plan(plan, catalog=catalog)
    assert paths(problems, "warning") == [f"{A}.services[1]"]
    assert "not in rpss.json" in problems[0].message
    assert validate_plan(plan) == []


def test_comment_on_a_numbered_part_that_does_not_exist_is_a_warning() -> None:
    period = _comments(Settlement.ACCEPTED, Settlement.ACCEPTED)
    wrong = attrs.evolve(period.comments[1], part="7.1")
    general = attrs.evolve(period.comments[0], part="Analytická část")
    plan = small_plan(comment_period=attrs.evolve(period, comments=(general, wrong)))
    assert paths(validate_plan(plan), "warning") == ["comment_period.comments[1].part"]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(plan=strategy_for(Plan))
def test_validation_never_crashes_and_always_gives_paths(plan: Plan) -> None:
    problems = validate_plan(plan, region_rules=False)
    assert all(isinstance(p, Finding) and p.path and p.message for p in problems)
    assert all(p.severity in ("error", "warning") for p in problems)


def test_action_plan_budget_differing_from_the_plan_is_a_warning() -> None:
    same = ActionPlanItem(
        "1.1.1", (Cost(2024, FundingSource.OBEC, 120_000), Cost(2024, FundingSource.MPSV, 300_000))
    )
    assert validate_plan(small_plan(action_plans=(ActionPlan(2024, (same,)),))) == []
    other = ActionPlanItem("1.1.1", (Cost(2024, FundingSource.OBEC, 150_000),))
    problems = validate_plan(small_plan(action_plans=(ActionPlan(2024, (other,)),)))
    assert errors(problems) == []
    assert paths(problems, "warning") == ["action_plans[0].items[0].budget"]
    assert "mpsv 300\u00a0000\u00a0Kč" in problems[0].message
