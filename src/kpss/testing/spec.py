"""What to generate: :class:`RegisterSpec` (size, seed, XML, faults, territory) and :class:`Fault`.

A spec is hashable and normalised (faults in a fixed order, obce sorted), so equal
requests are equal specs: the pytest fixture ``rpss_factory`` caches registers by it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from kpss import reference
from kpss.errors import UsageError

#: Services in the national register on 31 Aug 2026, the default size.
NATIONAL_SERVICES = 6733
#: "Today" of every synthetic register: the day of the real national snapshot it imitates.
REFERENCE_DATE = dt.date(2026, 8, 31)
#: The largest register the generator writes (its address-point codes stay unique below).
MAX_SERVICES = 100_000


class Fault(enum.StrEnum):
    """A way to break the written register on purpose; each damages one record."""

    TRUNCATED = "truncated"
    """rpss.json (and rpss.xml) end in the middle of the record."""
    BAD_UTF8 = "bad-utf8"
    """Bytes C3 28 (invalid UTF-8) inside the record's ``zarizeni[0].nazev``."""
    UNKNOWN_CODE = "unknown-code"
    """``druhSocialniSluzby`` is ``DruhSocialniSluzby/999``, in no code list."""
    MISSING_FIELD = "missing-field"
    """The required key ``druhSocialniSluzby`` is missing."""
    WRONG_TYPE = "wrong-type"
    """``formy[0].kapacity[0].pocet`` is a string (``"7"``), not a number."""
    DUPLICATE_ID = "duplicate-id"
    """The record has the ``id`` and ``identifikator`` of an earlier record."""
    XXE = "xxe"
    """rpss.xml only: a DOCTYPE with an external entity (``file:///etc/passwd``) and a
    billion-laughs entity bomb, both referenced inside the record; rpss.json stays clean."""

    @property
    def in_items(self) -> bool:
        """Whether the fault can be carried by an item dict (not only by file bytes)."""
        return self in _ITEM_FAULTS


_ITEM_FAULTS = frozenset(
    {Fault.UNKNOWN_CODE, Fault.MISSING_FIELD, Fault.WRONG_TYPE, Fault.DUPLICATE_ID}
)
FAULTS: tuple[str, ...] = tuple(f.value for f in Fault)


def _faults(value: Iterable[Fault | str] | str) -> tuple[Fault, ...]:
    names = [value] if isinstance(value, str) else list(value)
    found: set[Fault] = set()
    for name in names:
        try:
            found.add(Fault(name))
        except ValueError:
            raise UsageError(
                f"unknown fault {name!r}; expected one of: {', '.join(FAULTS)}"
            ) from None
    return tuple(f for f in Fault if f in found)  # one fixed order: the order of Fault


def _kraj(value: str | int | None) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    territory = reference.territory()
    if text in territory.kraje:
        return text
    for kraj in territory.kraje.values():
        if text.casefold() in (kraj.name.casefold(), kraj.nuts.casefold()):
            return kraj.code
    listed = ", ".join(f"{k.code} {k.name}" for k in territory.kraje.values())
    raise UsageError(f"unknown kraj {value!r}; expected a RÚIAN kraj code: {listed}")


def _obce(value: Iterable[str | int] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    codes = sorted({str(code).strip() for code in value})
    known = reference.territory().obce
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise UsageError(f"unknown obec code(s) {', '.join(unknown)} (expected ČSÚ obec codes)")
    if not codes:
        raise UsageError("an empty list of obce: give at least one obec code, or None")
    return tuple(codes)


def _check_services(_spec: Any, _attribute: Any, value: int) -> None:
    if type(value) is not int or not 1 <= value <= MAX_SERVICES:
        raise UsageError(f"services must be a whole number from 1 to {MAX_SERVICES}, got {value!r}")


def _check_seed(_spec: Any, _attribute: Any, value: int) -> None:
    if type(value) is not int:
        raise UsageError(f"seed must be a whole number, got {value!r}")


@attrs.frozen
class RegisterSpec:
    """One synthetic register: how many services, which seed, XML or not, faults, territory.

    ``kraj`` confines every address and service area to one kraj (RÚIAN code such as
    ``"43"``, or its name); ``obce`` to a set of obce (ČSÚ codes). ``xml`` is implied by
    the ``xxe`` fault.
    """

    services: int = attrs.field(default=NATIONAL_SERVICES, validator=_check_services)
    seed: int = attrs.field(default=1, validator=_check_seed)
    xml: bool = attrs.field(default=False, converter=bool)
    faults: tuple[Fault, ...] = attrs.field(default=(), converter=_faults)
    kraj: str | None = attrs.field(default=None, converter=_kraj)
    obce: tuple[str, ...] | None = attrs.field(default=None, converter=_obce)

    def __attrs_post_init__(self) -> None:
        if Fault.XXE in self.faults and not self.xml:
            object.__setattr__(self, "xml", True)
        if self.kraj is not None and self.obce is not None:
            raise UsageError("give kraj or obce, not both")
        needed = len(self.faults) + (Fault.DUPLICATE_ID in self.faults)
        if needed > self.services:
            raise UsageError(
                f"{needed} damaged record(s) needed for faults "
                f"{', '.join(self.faults)}, but only {self.services} service(s)"
            )

    @property
    def item_faults(self) -> tuple[Fault, ...]:
        """The faults carried by the items themselves."""
        return tuple(f for f in self.faults if f.in_items)
