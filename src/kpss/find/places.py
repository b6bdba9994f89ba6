"""Resolving what people type (a name or a code) to a territorial unit.

Rules (the CLI contract): obec by its 6-digit code; ORP by ČSÚ code (3206) or RÚIAN code
(639), the ČSÚ code winning when a number is both; okres by RÚIAN code (3402) or LAU1
(CZ0411); kraj by RÚIAN code (43) or NUTS3 (CZ032); POU by ČSÚ code; presets by key or
name. Names are official names matched without regard to case and diacritics; a name that
fits several units of one level is an error listing the candidates with their codes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from kpss.errors import AmbiguousNameError, NotFoundError
from kpss.model.names import fold
from kpss.model.territory import Area, Level, Territory, Unit

_ORDER = (Level.AREA, Level.KRAJ, Level.OKRES, Level.ORP, Level.POU, Level.OBEC)


@attrs.frozen
class Resolution:
    """The unit found, other units with the same name, and notes for the user."""

    unit: Unit
    others: tuple[Unit, ...] = ()
    notes: tuple[str, ...] = ()


def describe(unit: Unit) -> str:
    """``ORP Kralovice (3206)``-style short description with the unit's code."""
    prefix = {
        Level.OBEC: "obec",
        Level.POU: "POU",
        Level.ORP: "ORP",
        Level.OKRES: "okres",
        Level.KRAJ: "kraj",
        Level.AREA: "území",
    }[unit.level]
    return f"{prefix} {unit.name} ({unit.code})"


def by_code(
    territory: Territory, text: str, level: Level | None, presets: Mapping[str, Area]
) -> list[tuple[Unit, str | None]]:
    """Units whose code is *text* (with a note when a rule chose between readings)."""
    code = text.strip()
    found: list[tuple[Unit, str | None]] = []

    def want(lv: Level) -> bool:
        return level is None or level is lv

    if want(Level.AREA) and code in presets:
        found.append((presets[code], None))
    if want(Level.OBEC) and (obec := territory.obec(code)):
        found.append((obec, None))
    if want(Level.POU) and (pou := territory.pou_by_code(code)):
        found.append((pou, None))
    if want(Level.ORP):
        csu = territory.orp_by_code(code)
        ruian = territory.orp_by_ruian(code)
        if csu and ruian and csu != ruian:
            found.append(
                (
                    csu,
                    f"{code} is the ČSÚ code of ORP {csu.name} and the RÚIAN code "
                    f"of ORP {ruian.name}; the ČSÚ code wins",
                )
            )
        elif csu or ruian:
            found.append((csu or ruian, None))  # type: ignore[arg-type]
    if want(Level.OKRES) and (okres := territory.okres(code)):
        found.append((okres, None))
    if want(Level.KRAJ) and (kraj := territory.kraj(code)):
        found.append((kraj, None))
    return found


def resolve(
    territory: Territory,
    text: str,
    level: Level | None = None,
    presets: Mapping[str, Area] | None = None,
) -> Resolution:
    """The unit meant by *text*.

    Raise :class:`~kpss.errors.NotFoundError` or :class:`~kpss.errors.AmbiguousNameError`.

    Without a *level*, a name shared by units of different levels (the town, POU and ORP
    Kralovice) resolves to the largest unit and lists the others; several units of the
    largest level (three obce Písek) are ambiguous.
    """
    presets = presets or {}
    query = text.strip()
    if not query:
        raise NotFoundError("expected a name or a code of a territorial unit, got nothing")
    coded = by_code(territory, query, level, presets)
    if coded:
        units = [u for u, _ in coded]
        notes = tuple(n for _, n in coded if n)
        if len(units) > 1:
            raise AmbiguousNameError(query, [describe(u) for u in units], what="code")
        return Resolution(units[0], notes=notes)
    matches: list[Unit] = list(territory.find(query, level))
    matches += [
        a for a in presets.values() if (level in (None, Level.AREA)) and fold(a.name) == fold(query)
    ]
    if not matches:
        where = f" among {level.value} units" if level else ""
        hint = suggest(territory, query, level)
        did_you_mean = f"; did you mean {', '.join(describe(u) for u in hint)}?" if hint else ""
        raise NotFoundError(
            f"no territorial unit is called or coded {query!r}{where}{did_you_mean}"
        )
    top = min(_ORDER.index(u.level) for u in matches)
    best = [u for u in matches if _ORDER.index(u.level) == top]
    if len(best) > 1:
        raise AmbiguousNameError(query, [describe(u) for u in best])
    others = tuple(u for u in matches if u is not best[0])
    return Resolution(best[0], others)


def obec_codes(territory: Territory, units: Sequence[Unit]) -> frozenset[str]:
    """All obec codes of the given units (their union)."""
    codes: set[str] = set()
    for unit in units:
        codes |= territory.obec_codes(unit)
    return frozenset(codes)


def candidates(
    territory: Territory,
    text: str,
    level: Level | None = None,
    presets: Mapping[str, Area] | None = None,
) -> tuple[Unit, ...]:
    """Every unit *text* may mean: by code, else by name (all namesakes), largest first.

    Unlike :func:`resolve` this never raises: "Písek" lists the three obce, the POU and the
    ORP; an unknown name gives ``()`` (see :func:`suggest` for near spellings).
    """
    presets = presets or {}
    query = text.strip()
    if not query:
        return ()
    coded = by_code(territory, query, level, presets)
    if coded:
        return tuple(u for u, _ in coded)
    found: list[Unit] = list(territory.find(query, level))
    found += [
        a for a in presets.values() if level in (None, Level.AREA) and fold(a.name) == fold(query)
    ]
    return tuple(sorted(found, key=lambda u: (_ORDER.index(u.level), u.code)))


def suggest(
    territory: Territory, text: str, level: Level | None = None, limit: int = 5
) -> tuple[Unit, ...]:
    """Units with names close to a misspelt *text* ("did you mean"), best first.

    Names are compared folded (no case, no diacritics) with :func:`rapidfuzz.fuzz.ratio`;
    only names scoring at least 80 are offered.
    """
    from rapidfuzz import fuzz, process

    query = fold(text)
    if not query:
        return ()
    names = _folded_names(territory)
    hits = process.extract(query, list(names), scorer=fuzz.ratio, score_cutoff=80, limit=limit)
    units: list[Unit] = []
    for name, _score, _ in hits:
        for unit in names[name]:
            if (level is None or unit.level is level) and unit not in units:
                units.append(unit)
    return tuple(units[:limit])


_NAME_CACHE: dict[int, dict[str, list[Unit]]] = {}


def _folded_names(territory: Territory) -> dict[str, list[Unit]]:
    cached = _NAME_CACHE.get(id(territory))
    if cached is None:
        cached = {}
        groups: tuple[Mapping[str, Unit], ...] = (
            territory.kraje,
            territory.okresy,
            territory.orp,
            territory.pou,
            territory.obce,
        )
        for group in groups:
            for unit in group.values():
                cached.setdefault(fold(unit.name), []).append(unit)
        _NAME_CACHE.clear()
        _NAME_CACHE[id(territory)] = cached
    return cached
