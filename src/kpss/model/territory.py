"""Czech territorial units: kraj, okres, ORP, POU and obec, with their official codes.

Codes are strings of digits (or NUTS/LAU codes), exactly as the official code lists give
them. :func:`kpss.reference.territory` builds the packaged :class:`Territory`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TypeAlias

import attrs

from kpss.model.labels import LabelledEnum
from kpss.model.names import fold, sort_key


class Level(LabelledEnum):
    """Level of a territorial unit, from the smallest."""

    OBEC = ("obec", "obec")
    POU = ("pou", "obec s pověřeným obecním úřadem (POU)")
    ORP = ("orp", "obec s rozšířenou působností (ORP)")
    OKRES = ("okres", "okres")
    KRAJ = ("kraj", "kraj")
    AREA = ("area", "plánovací území")


@attrs.frozen
class Kraj:
    """Kraj (VÚSC): ``code`` is the RÚIAN VÚSC code (43), ``nuts`` the NUTS3 code (CZ032)."""

    code: str
    csu_code: str
    nuts: str
    abbreviation: str
    name: str
    level = Level.KRAJ


@attrs.frozen
class Okres:
    """Okres: ``code`` is the RÚIAN code (3402), ``lau`` the LAU1 code (CZ0411)."""

    code: str
    lau: str
    csu_code: str
    name: str
    kraj_code: str
    level = Level.OKRES


@attrs.frozen
class Orp:
    """ORP: ``code`` is the ČSÚ code (číselník 65, e.g. 3206), ``ruian_code`` RÚIAN (639)."""

    code: str
    ruian_code: str
    name: str
    seat_obec_code: str
    kraj_code: str
    okres_codes: tuple[str, ...]
    level = Level.ORP


@attrs.frozen
class Pou:
    """POU: ``code`` is the ČSÚ code (číselník 61), ``ruian_code`` the RÚIAN code."""

    code: str
    ruian_code: str
    name: str
    seat_obec_code: str
    orp_code: str
    level = Level.POU


@attrs.frozen
class Obec:
    """Obec (or vojenský újezd): ``code`` is the ČSÚ/RÚIAN code of six digits."""

    code: str
    name: str
    pou_code: str
    orp_code: str
    okres_code: str
    kraj_code: str
    population: int | None = None
    level = Level.OBEC


@attrs.frozen
class Area:
    """A named planning area: a set of obce (an ORP, a preset such as Kralovicko, or custom)."""

    key: str
    name: str
    obec_codes: frozenset[str]
    description: str | None = None
    source: str | None = None
    level = Level.AREA

    @property
    def code(self) -> str:
        """Areas are identified by their key."""
        return self.key


Unit: TypeAlias = Kraj | Okres | Orp | Pou | Obec | Area


def _spellings(name: str) -> set[str]:
    full = " ".join(name.split()).casefold()
    return {full, " ".join(w for w in full.split() if w != "kraj")}


@attrs.frozen
class Territory:
    """All units with lookups by code and name and the obec ↔ unit relations.

    ``population_date`` is the reference date of the population figures.
    """

    kraje: Mapping[str, Kraj]
    okresy: Mapping[str, Okres]
    orp: Mapping[str, Orp]
    pou: Mapping[str, Pou]
    obce: Mapping[str, Obec]
    population_date: dt.date | None = None
    source: str | None = None
    _names: Mapping[str, tuple[Unit, ...]] = attrs.field(init=False, repr=False, eq=False)
    _members: Mapping[tuple[Level, str], frozenset[str]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        names: dict[str, list[Unit]] = defaultdict(list)
        members: dict[tuple[Level, str], set[str]] = defaultdict(set)
        units: Iterable[Unit]
        for units in (
            self.kraje.values(),
            self.okresy.values(),
            self.orp.values(),
            self.pou.values(),
            self.obce.values(),
        ):
            for unit in units:
                names[fold(unit.name)].append(unit)
        for kraj in self.kraje.values():  # "plzeňský" and "Vysočina" name a kraj too
            short = " ".join(w for w in fold(kraj.name).split() if w != "kraj")
            if short != fold(kraj.name) and kraj not in names[short]:
                names[short].append(kraj)
        for obec in self.obce.values():
            members[(Level.POU, obec.pou_code)].add(obec.code)
            members[(Level.ORP, obec.orp_code)].add(obec.code)
            members[(Level.OKRES, obec.okres_code)].add(obec.code)
            members[(Level.KRAJ, obec.kraj_code)].add(obec.code)
            members[(Level.OBEC, obec.code)].add(obec.code)
        object.__setattr__(self, "_names", {k: tuple(v) for k, v in names.items()})
        object.__setattr__(self, "_members", {k: frozenset(v) for k, v in members.items()})

    # -- lookups by code ---------------------------------------------------------------
    def obec(self, code: str) -> Obec | None:
        """Obec by its six-digit code."""
        return self.obce.get(code)

    def kraj(self, code: str) -> Kraj | None:
        """Kraj by RÚIAN code (``43``) or NUTS3 (``CZ032``)."""
        found = self.kraje.get(code)
        if found is None:
            found = next((k for k in self.kraje.values() if k.nuts == code.upper()), None)
        return found

    def okres(self, code: str) -> Okres | None:
        """Okres by RÚIAN code (``3402``) or LAU1 (``CZ0411``)."""
        found = self.okresy.get(code)
        if found is None:
            found = next((o for o in self.okresy.values() if o.lau == code.upper()), None)
        return found

    def orp_by_code(self, code: str) -> Orp | None:
        """ORP by ČSÚ code (``3206``) only."""
        return self.orp.get(code)

    def orp_by_ruian(self, code: str) -> Orp | None:
        """ORP by RÚIAN code (``639``) only."""
        return next((o for o in self.orp.values() if o.ruian_code == code), None)

    def pou_by_code(self, code: str) -> Pou | None:
        """POU by ČSÚ code (číselník 61)."""
        return self.pou.get(code)

    # -- lookups by name ---------------------------------------------------------------
    def find(self, name: str, level: Level | None = None) -> tuple[Unit, ...]:
        """Every unit whose official name equals *name*, ignoring case and diacritics.

        Several units may share a name (three obce are called Písek); all are returned,
        largest level first, then by code. Nothing is guessed. When some names equal *name*
        with its diacritics (case ignored), only those are returned: "Kralovice" finds
        Kralovice, not Královice, while "Kralovice" typed as "kralovice" still does.
        """
        found = self._names.get(fold(name), ())
        spelled = " ".join(name.split()).casefold()
        exact = tuple(u for u in found if spelled in _spellings(u.name))
        if exact:
            found = exact
        if level is not None:
            found = tuple(u for u in found if u.level is level)
        order = [Level.KRAJ, Level.OKRES, Level.ORP, Level.POU, Level.OBEC]
        return tuple(sorted(found, key=lambda u: (order.index(u.level), u.code)))

    # -- relations ---------------------------------------------------------------------
    def obec_codes(self, unit: Unit) -> frozenset[str]:
        """Codes of the obce that make up *unit*."""
        if isinstance(unit, Area):
            return unit.obec_codes
        return self._members.get((unit.level, unit.code), frozenset())

    def obce_of(self, unit: Unit) -> tuple[Obec, ...]:
        """The obce of *unit*, sorted by name then code."""
        return tuple(
            sorted(
                (self.obce[c] for c in self.obec_codes(unit) if c in self.obce),
                key=lambda o: (sort_key(o.name), o.code),
            )
        )

    def orp_of(self, obec: Obec | str) -> Orp | None:
        """The ORP an obec belongs to."""
        found = self.obce.get(obec) if isinstance(obec, str) else obec
        return self.orp.get(found.orp_code) if found else None

    def population(self, unit: Unit) -> int | None:
        """Population of *unit* at :attr:`population_date`; ``None`` if any obec lacks it."""
        total = 0
        for code in self.obec_codes(unit):
            obec = self.obce.get(code)
            if obec is None or obec.population is None:
                return None
            total += obec.population
        return total

    def parents(self, unit: Unit) -> tuple[Unit, ...]:
        """The units above *unit* (POU, ORP, okres, kraj for an obec), smallest first."""
        if isinstance(unit, Obec):
            chain: list[Unit | None] = [
                self.pou.get(unit.pou_code),
                self.orp.get(unit.orp_code),
                self.okresy.get(unit.okres_code),
                self.kraje.get(unit.kraj_code),
            ]
        elif isinstance(unit, Pou):
            orp = self.orp.get(unit.orp_code)
            chain = [orp, self.kraje.get(orp.kraj_code) if orp else None]
        elif isinstance(unit, Orp):
            okresy = [self.okresy.get(c) for c in unit.okres_codes]
            chain = [*okresy, self.kraje.get(unit.kraj_code)]
        elif isinstance(unit, Okres):
            chain = [self.kraje.get(unit.kraj_code)]
        else:
            chain = []
        return tuple(u for u in chain if u is not None)

    def area(
        self, key: str, name: str, obec_codes: Iterable[str], description: str | None = None
    ) -> Area:
        """A custom planning area; raise ``ValueError`` naming any code that is not an obec."""
        codes = frozenset(obec_codes)
        unknown = sorted(c for c in codes if c not in self.obce)
        if unknown:
            raise ValueError(f"area {key!r}: not obec codes: {', '.join(unknown)}")
        return Area(key, name, codes, description)
