"""Enumerations whose members carry a Czech label beside their stored value."""

from __future__ import annotations

import enum
from typing import Self


class LabelledEnum(enum.Enum):
    """An enum written as ``MEMBER = ("value", "český popisek")``.

    ``member.value`` is the stored value (what files and the converter use) and
    ``member.label`` the Czech label for people.

    >>> class Colour(LabelledEnum):
    ...     RED = ("red", "červená")
    >>> Colour("red").label
    'červená'
    """

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        # The default only lets type checkers accept ``Form("pob")`` (a lookup by value,
        # which never reaches this method); every member must be given its label.
        if not label:
            raise TypeError(f"{cls.__name__} member {value!r} needs a Czech label")
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member
