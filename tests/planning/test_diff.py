"""Diff of two plan versions: added, removed and changed items by number."""

from __future__ import annotations

import attrs

from kpss.model.plan import ItemStatus
from kpss.planning import diff_plans, load_plan
from kpss.planning.render import show_diff

from .helpers import EXAMPLE, activity, replace_activity, replace_measure, small_plan


def test_same_plan_has_no_changes() -> None:
    plan = load_plan(EXAMPLE)
    result = diff_plans(plan, plan)
    assert not result
    assert result.to_data() == {"added": [], "removed": [], "changed": []}
    assert show_diff(result) == "Beze změn.\n"


def test_added_removed_and_changed_items() -> None:
    old = small_plan()
    new = replace_activity(old, "1.1.1", status=ItemStatus.DONE, title="Nový název")
    measure = new.priorities[0].measures[0]
    new = replace_measure(new, "1.1", activities=(*measure.activities, activity("1.1.3")))
    new = attrs.evolve(
        new,
        version="2",
        priorities=(attrs.evolve(new.priorities[0], measures=new.priorities[0].measures[:1]),),
    )
    result = diff_plans(old, new)
    assert [(c.number, c.level) for c in result.added] == [("1.1.3", "aktivita")]
    assert [(c.number, c.level) for c in result.removed] == [
        ("1.2", "opatreni"),
        ("1.2.1", "aktivita"),
    ]
    changed = {c.number: c for c in result.changed}
    assert set(changed) == {None, "1.1.1"}
    fields = {f.field: (f.old, f.new) for f in changed["1.1.1"].fields}
    assert fields == {"title": ("Aktivita 1.1.1", "Nový název"), "status": (None, "splneno")}
    assert [f.field for f in changed[None].fields] == ["version"]
    text = show_diff(result)
    assert "Přidáno (1):\n  Aktivita 1.1.3" in text
    assert "Odstraněno (2):" in text
    assert "status: – → splneno" in text


def test_children_changes_do_not_mark_the_parent_changed() -> None:
    old = small_plan()
    new = replace_activity(old, "1.1.2", title="Jinak")
    assert [c.number for c in diff_plans(old, new).changed] == ["1.1.2"]


def test_items_are_sorted_by_number_numerically() -> None:
    old = small_plan()
    measure = old.priorities[0].measures[0]
    extra = tuple(activity(f"1.1.{n}") for n in range(3, 12))
    new = replace_measure(old, "1.1", activities=(*measure.activities, *extra))
    assert [c.number for c in diff_plans(old, new).added][-3:] == ["1.1.9", "1.1.10", "1.1.11"]


def test_changes_inside_lists_are_named_by_their_identity() -> None:
    plan = load_plan(EXAMPLE)
    assert plan.comment_period is not None
    comments = list(plan.comment_period.comments)
    comments[4] = attrs.evolve(comments[4], justification="Jiné odůvodnění.")
    new = attrs.evolve(
        plan, comment_period=attrs.evolve(plan.comment_period, comments=tuple(comments))
    )
    first = plan.activity("1.1.1")
    assert first is not None
    costs = (*first.costs[:2], attrs.evolve(first.costs[2], amount=1))
    new = replace_activity(new, "1.1.1", costs=costs)
    result = diff_plans(plan, new)
    fields = {c.number: [f.field for f in c.fields] for c in result.changed}
    assert fields == {
        None: ["comment_period.comments[5].justification"],
        "1.1.1": ["costs[2025/obec].amount"],
    }
    text = show_diff(result)
    assert "costs[2025/obec].amount: 1400000 → 1" in text


def test_element_added_to_a_list_is_shown_by_its_name() -> None:
    old = small_plan()
    new = replace_measure(
        old,
        "1.1",
        indicators=(
            *old.priorities[0].measures[0].indicators,
            attrs.evolve(old.priorities[0].measures[0].indicators[0], name="Nový"),
        ),
    )
    result = diff_plans(old, new)
    assert [f.field for f in result.changed[0].fields] == ["indicators[Nový]"]
    assert "indicators[Nový]: – → „Nový“" in show_diff(result)
