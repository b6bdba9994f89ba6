"""Hypothesis strategies for every plan type, derived from the attrs fields' types."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import inspect
import types
import typing
from typing import Any

import attrs
from hypothesis import strategies as st

from kpss.model import plan as plan_module
from kpss.model.actors import Participant
from kpss.model.contacts import Contact

# Printable text (no control characters): what people type into a plan.
text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")), max_size=10
)
dates = st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))
numbers = st.integers(-(10**9), 10**9) | st.floats(allow_nan=False, allow_infinity=False, width=64)


def plan_types() -> list[type]:
    """Every attrs class defined in :mod:`kpss.model.plan`."""
    return sorted(
        (
            obj
            for _, obj in inspect.getmembers(plan_module, inspect.isclass)
            if attrs.has(obj) and obj.__module__ == plan_module.__name__
        ),
        key=lambda t: t.__name__,
    )


def _for_type(tp: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        base = st.one_of([_for_type(a) for a in inner])
        return st.none() | base if len(inner) < len(args) else base
    if origin is tuple:
        return st.lists(_for_type(args[0]), max_size=2).map(tuple)
    if tp is str:
        return text
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(-(10**9), 10**9)
    if tp is float:
        return numbers
    if tp is dt.date:
        return dates
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return strategy_for(tp)
    raise TypeError(f"no strategy for {tp!r}")


@functools.cache
def strategy_for(cls: type) -> st.SearchStrategy[Any]:
    """A strategy filling every field of the attrs class *cls* (deferred for recursion)."""
    if cls is Contact or cls is Participant:
        hints = typing.get_type_hints(cls)
        fields = {f.name: _for_type(hints[f.name]) for f in attrs.fields(cls)}
        return st.builds(cls, **fields)

    def build() -> st.SearchStrategy[Any]:
        hints = typing.get_type_hints(cls)
        fields = {f.name: _for_type(hints[f.name]) for f in attrs.fields(cls) if f.init}
        return st.builds(cls, **fields)

    return st.deferred(build)
