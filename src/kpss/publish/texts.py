"""Packaged Czech texts of the public catalogue: a plain line per kind, the life situations.

Both are JSON files in ``kpss/data`` with a source per entry (see ``data/SOURCES.md``):

* ``kinds_plain.json``: for each kind of Act 108/2006 (§ key) a plain-language line, its
  source, and for kinds the law names in the plural the name of one service
  (``"Domov pro seniory"`` for § 49 *domovy pro seniory*);
* ``life_situations.json``: the built-in life situations (``Mám dluhy`` …) with their kinds,
  target groups, text and where else to turn.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs

from kpss.errors import DataError, Location

__all__ = ["KindText", "SituationText", "kind_texts", "situation_texts"]


@attrs.frozen
class KindText:
    """The plain line of one kind, where it comes from, and the name of one such service."""

    plain: str
    source: str
    title: str | None = None


@attrs.frozen
class SituationText:
    """One packaged life situation (see ``life_situations.json``)."""

    key: str
    title: str
    description: str
    kinds: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    where_to_turn: str | None = None
    order: int = 100


def _read(name: str) -> Any:
    text = resources.files("kpss").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


def _text(entry: Mapping[str, Any], field: str, where: str, name: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise DataError(
            "expected a non-empty string",
            Location(file=f"kpss/data/{name}", path=f"{where}.{field}"),
        )
    return value


@functools.cache
def kind_texts() -> Mapping[str, KindText]:
    """Plain lines by kind key (``"40"``, ``"60a"``, ``"cdz"``), read once."""
    name = "kinds_plain.json"
    result: dict[str, KindText] = {}
    for key, entry in _read(name)["kinds"].items():
        where = f"kinds.{key}"
        title = entry.get("title")
        result[key] = KindText(
            _text(entry, "plain", where, name),
            _text(entry, "source", where, name),
            title if isinstance(title, str) and title.strip() else None,
        )
    return result


@functools.cache
def situation_texts() -> tuple[SituationText, ...]:
    """The packaged life situations in file order, read once."""
    name = "life_situations.json"
    result: list[SituationText] = []
    for index, entry in enumerate(_read(name)["situations"]):
        where = f"situations[{index}]"
        turn = entry.get("where_to_turn")
        result.append(
            SituationText(
                key=_text(entry, "key", where, name),
                title=_text(entry, "title", where, name),
                description=_text(entry, "description", where, name),
                kinds=tuple(entry.get("kinds", ())),
                target_groups=tuple(entry.get("target_groups", ())),
                where_to_turn=turn if isinstance(turn, str) and turn.strip() else None,
                order=int(entry.get("order", 100)),
            )
        )
    return tuple(result)
