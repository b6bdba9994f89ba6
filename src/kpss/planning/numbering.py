"""The numbered hierarchy of a plan: walking it with paths, checking its numbering.

Numbers are ``1``, ``1.1``, ``1.1.1`` …: each item's number is its parent's number, a dot
and its position among its siblings counted from 1. Under a priority with goals, goals take
``1.1`` and their measures ``1.1.1``. Numbers are stored on the items, so they stay stable
across versions and action plans (a dropped activity is marked ``zruseno``, not deleted).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence

import attrs

from kpss.errors import Finding
from kpss.model.plan import Action, Activity, Goal, Measure, Plan, Priority

Item = Priority | Goal | Measure | Activity | Action


class Level(enum.Enum):
    """Level of an item in the hierarchy."""

    PRIORITY = "priorita"
    GOAL = "cil"
    MEASURE = "opatreni"
    ACTIVITY = "aktivita"
    ACTION = "akce"

    @property
    def label(self) -> str:
        """Czech label, capitalised as a heading word."""
        return {
            Level.PRIORITY: "Priorita",
            Level.GOAL: "Cíl",
            Level.MEASURE: "Opatření",
            Level.ACTIVITY: "Aktivita",
            Level.ACTION: "Akce",
        }[self]


@attrs.frozen
class Entry:
    """One item of the hierarchy with its path (``priorities[0].measures[1]``) and parent."""

    path: str
    level: Level
    item: Item
    parent_number: str | None


def walk(plan: Plan) -> Iterator[Entry]:
    """Every item of the plan's hierarchy in document order."""
    for p_index, priority in enumerate(plan.priorities):
        p_path = f"priorities[{p_index}]"
        yield Entry(p_path, Level.PRIORITY, priority, None)
        for g_index, goal in enumerate(priority.goals):
            g_path = f"{p_path}.goals[{g_index}]"
            yield Entry(g_path, Level.GOAL, goal, priority.number)
            yield from _measures(goal.measures, g_path, goal.number)
        yield from _measures(priority.measures, p_path, priority.number)


def _measures(measures: Sequence[Measure], path: str, parent: str) -> Iterator[Entry]:
    for m_index, measure in enumerate(measures):
        m_path = f"{path}.measures[{m_index}]"
        yield Entry(m_path, Level.MEASURE, measure, parent)
        for a_index, activity in enumerate(measure.activities):
            a_path = f"{m_path}.activities[{a_index}]"
            yield Entry(a_path, Level.ACTIVITY, activity, measure.number)
            for k_index, action in enumerate(activity.actions):
                yield Entry(f"{a_path}.actions[{k_index}]", Level.ACTION, action, activity.number)


def items_by_number(plan: Plan) -> dict[str, Entry]:
    """Items by number (the first one when a number is duplicated)."""
    found: dict[str, Entry] = {}
    for entry in walk(plan):
        found.setdefault(entry.item.number, entry)
    return found


def check_numbering(plan: Plan) -> list[Finding]:
    """Unique, gap-free numbers that extend their parent's number, siblings in order."""
    problems: list[Finding] = []
    seen: dict[str, str] = {}
    siblings: dict[tuple[str | None, str], list[tuple[str, int | None]]] = {}
    for entry in walk(plan):
        number = entry.item.number
        path = f"{entry.path}.number"
        if number in seen:
            problems.append(Finding.at(path, f"number {number!r} is also used at {seen[number]}"))
        else:
            seen[number] = entry.path
        position = _position(number, entry.parent_number)
        if position is None:
            expected = f"{entry.parent_number}.N" if entry.parent_number else "a whole number"
            problems.append(
                Finding.at(
                    path, f"{entry.level.label} {number!r}: expected {expected} (N = 1, 2, …)"
                )
            )
        group = (entry.parent_number, _group_name(entry.path))
        siblings.setdefault(group, []).append((entry.path, position))
    for (parent, _), members in siblings.items():
        positions = [p for _, p in members if p is not None]
        missing = sorted(set(range(1, len(members) + 1)) - set(positions))
        if missing and len(positions) == len(members) and len(set(positions)) == len(positions):
            prefix = f"{parent}." if parent else ""
            shown = ", ".join(f"{prefix}{n}" for n in missing)
            problems.append(
                Finding.at(
                    _group_name(members[0][0]),
                    f"numbering has a gap: {shown} missing (numbers must run 1, 2, … "
                    "without gaps; mark a dropped item with status 'zruseno' instead)",
                )
            )
        elif positions != sorted(positions):
            problems.append(
                Finding.at(
                    _group_name(members[0][0]),
                    "items are not in the order of their numbers",
                    severity="warning",
                )
            )
    for index, priority in enumerate(plan.priorities):
        if priority.goals and priority.measures:
            problems.append(
                Finding.at(
                    f"priorities[{index}]",
                    "a priority holds either goals (cíle) or measures directly, not both",
                )
            )
    return problems


def _position(number: str, parent: str | None) -> int | None:
    head, _, last = number.rpartition(".")
    head_ok = head == (parent or "")
    if not head_ok or not last.isascii() or not last.isdigit() or last.startswith("0"):
        return None
    return int(last)


def _group_name(path: str) -> str:
    return path.rsplit("[", 1)[0]
