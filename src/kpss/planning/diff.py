"""Differences between two versions of a plan: items added, removed or changed by number."""

from __future__ import annotations

from typing import Any

import attrs

from kpss.model.plan import Plan
from kpss.planning.numbering import walk
from kpss.planning.storage import plan_converter

_CHILDREN = ("goals", "measures", "activities", "actions")


@attrs.frozen
class FieldChange:
    """One field that differs: its name and the old and new values (JSON-ready data)."""

    field: str
    old: Any
    new: Any


@attrs.frozen
class Change:
    """An item (by number) or the plan itself (``number`` is ``None``) that differs."""

    kind: str  # "added", "removed" or "changed"
    number: str | None
    level: str
    title: str
    fields: tuple[FieldChange, ...] = ()


@attrs.frozen
class PlanDiff:
    """All changes between an old and a new plan, plan fields first, then items by number."""

    changes: tuple[Change, ...]

    def of_kind(self, kind: str) -> tuple[Change, ...]:
        """Changes of one kind (``added``, ``removed``, ``changed``)."""
        return tuple(c for c in self.changes if c.kind == kind)

    @property
    def added(self) -> tuple[Change, ...]:
        """Items only in the new plan."""
        return self.of_kind("added")

    @property
    def removed(self) -> tuple[Change, ...]:
        """Items only in the old plan."""
        return self.of_kind("removed")

    @property
    def changed(self) -> tuple[Change, ...]:
        """The plan itself or items in both plans whose fields differ."""
        return self.of_kind("changed")

    def __bool__(self) -> bool:
        return bool(self.changes)

    def to_data(self) -> dict[str, Any]:
        """JSON-ready ``{"added": [...], "removed": [...], "changed": [...]}``."""

        def row(change: Change) -> dict[str, Any]:
            data: dict[str, Any] = {
                "number": change.number,
                "level": change.level,
                "title": change.title,
            }
            if change.fields:
                data["fields"] = [
                    {"field": f.field, "old": f.old, "new": f.new} for f in change.fields
                ]
            return data

        return {
            kind: [row(c) for c in self.of_kind(kind)] for kind in ("added", "removed", "changed")
        }


def _fields(data: dict[str, Any], skip: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in skip}


def _compare(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    found: list[FieldChange] = []
    for key in dict.fromkeys([*old, *new]):
        _walk(key, old.get(key), new.get(key), found)
    return tuple(found)


#: Fields that identify an element of a list, tried in order (costs: year and source).
_IDENTITIES: tuple[tuple[str, ...], ...] = (
    ("number",),
    ("key",),
    ("year", "source"),
    ("year",),
    ("name",),
    ("version",),
)


def _unique(items: list[Any], fields: tuple[str, ...]) -> bool:
    keys = [tuple(i.get(f) for f in fields) for i in items]
    return all(None not in k for k in keys) and len(set(keys)) == len(keys)


def _identity(old: list[Any], new: list[Any]) -> tuple[str, ...] | None:
    """Fields that tell the elements of both lists apart, or ``None``."""
    if not all(isinstance(i, dict) for i in old + new) or not old + new:
        return None
    for fields in _IDENTITIES:
        if _unique(old, fields) and _unique(new, fields):
            return fields
    return None


def _walk(path: str, old: Any, new: Any, found: list[FieldChange]) -> None:
    """Changes from *old* to *new* at *path*, as deep as elements can be told apart."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            _walk(f"{path}.{key}", old.get(key), new.get(key), found)
        return
    if isinstance(old, list) and isinstance(new, list):
        fields = _identity(old, new)
        if fields is not None:
            olds = {"/".join(str(i[f]) for f in fields): i for i in old}
            news = {"/".join(str(i[f]) for f in fields): i for i in new}
            for key in dict.fromkeys([*olds, *news]):
                _walk(f"{path}[{key}]", olds.get(key), news.get(key), found)
            return
    found.append(FieldChange(path, old, new))


def _number_key(number: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isascii() and p.isdigit() else (0, p) for p in number.split("."))


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """What changed from *old* to *new*: plan fields, then items added/removed/changed."""
    converter = plan_converter()
    changes: list[Change] = []
    plan_fields = _compare(
        _fields(converter.unstructure(old), ("priorities",)),
        _fields(converter.unstructure(new), ("priorities",)),
    )
    if plan_fields:
        changes.append(Change("changed", None, "plán", new.title, plan_fields))
    olds = {e.item.number: e for e in walk(old)}
    news = {e.item.number: e for e in walk(new)}
    for number in sorted(set(olds) | set(news), key=_number_key):
        before, after = olds.get(number), news.get(number)
        if before is None and after is not None:
            changes.append(Change("added", number, after.level.value, after.item.title))
        elif after is None and before is not None:
            changes.append(Change("removed", number, before.level.value, before.item.title))
        elif before is not None and after is not None:
            fields = _compare(
                _fields(converter.unstructure(before.item), _CHILDREN),
                _fields(converter.unstructure(after.item), _CHILDREN),
            )
            if before.level is not after.level:
                fields = (FieldChange("level", before.level.value, after.level.value), *fields)
            if fields:
                changes.append(
                    Change("changed", number, after.level.value, after.item.title, fields)
                )
    return PlanDiff(tuple(changes))
