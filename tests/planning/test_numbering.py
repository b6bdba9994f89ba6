"""Numbering: unique, gap-free, extending the parent's number; goals as an optional level."""

from __future__ import annotations

import attrs

from kpss.model.plan import Goal, Measure, Plan, Priority
from kpss.planning import check_numbering, items_by_number, walk
from kpss.planning.numbering import Level

from .helpers import activity, replace_activity, replace_measure, small_plan


def messages(plan: Plan) -> list[tuple[str, str, str]]:
    return [(p.path, p.severity, p.message) for p in check_numbering(plan)]


def test_valid_numbering_has_no_problems() -> None:
    assert check_numbering(small_plan()) == []


def test_walk_gives_paths_levels_and_parents() -> None:
    entries = [(e.path, e.level, e.item.number, e.parent_number) for e in walk(small_plan())]
    assert entries[:3] == [
        ("priorities[0]", Level.PRIORITY, "1", None),
        ("priorities[0].measures[0]", Level.MEASURE, "1.1", "1"),
        ("priorities[0].measures[0].activities[0]", Level.ACTIVITY, "1.1.1", "1.1"),
    ]
    assert set(items_by_number(small_plan())) == {"1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1"}


def test_duplicate_number_names_both_places() -> None:
    plan = replace_activity(small_plan(), "1.1.2", number="1.1.1")
    found = messages(plan)
    assert found[0][0] == "priorities[0].measures[0].activities[1].number"
    assert "priorities[0].measures[0].activities[0]" in found[0][2]


def test_gap_is_an_error_naming_the_missing_number() -> None:
    plan = replace_activity(small_plan(), "1.1.2", number="1.1.3")
    found = messages(plan)
    assert found == [
        (
            "priorities[0].measures[0].activities",
            "error",
            found[0][2],
        )
    ]
    assert "1.1.2 missing" in found[0][2]


def test_number_must_extend_the_parent_number() -> None:
    plan = replace_activity(small_plan(), "1.2.1", number="2.1.1")
    found = messages(plan)
    assert found[0][0] == "priorities[0].measures[1].activities[0].number"
    assert "expected 1.2.N" in found[0][2]
    for bad in ("1.2.01", "1.2.x", "1.2.", "1.2.0"):
        assert check_numbering(replace_activity(small_plan(), "1.2.1", number=bad))


def test_out_of_order_siblings_are_a_warning() -> None:
    plan = small_plan()
    first, second = plan.priorities[0].measures[0].activities
    plan = replace_measure(plan, "1.1", activities=(second, first))
    assert [(p.path, p.severity) for p in check_numbering(plan)] == [
        ("priorities[0].measures[0].activities", "warning")
    ]


def test_goals_add_a_level() -> None:
    measure = Measure("2.1.1", "Opatření", activities=(activity("2.1.1.1"),))
    goal = Goal("2.1", "Cíl", measures=(measure,))
    plan = attrs.evolve(
        small_plan(), priorities=(*small_plan().priorities, Priority("2", "P", goals=(goal,)))
    )
    assert check_numbering(plan) == []
    levels = [e.level for e in walk(plan) if e.item.number.startswith("2")]
    assert levels == [Level.PRIORITY, Level.GOAL, Level.MEASURE, Level.ACTIVITY]
    wrong = attrs.evolve(measure, number="2.1")
    bad = attrs.evolve(
        plan,
        priorities=(
            plan.priorities[0],
            Priority("2", "P", goals=(attrs.evolve(goal, measures=(wrong,)),)),
        ),
    )
    assert any(p.path.endswith("goals[0].measures[0].number") for p in check_numbering(bad))


def test_priority_holds_goals_or_measures_not_both() -> None:
    goal = Goal("2.1", "Cíl")
    measure = Measure("2.2", "Opatření")
    plan = attrs.evolve(
        small_plan(),
        priorities=(
            *small_plan().priorities,
            Priority("2", "P", goals=(goal,), measures=(measure,)),
        ),
    )
    assert ("priorities[1]", "error") in [(p.path, p.severity) for p in check_numbering(plan)]
