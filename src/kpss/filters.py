"""What to keep while reading a source, and how names people type become a filter.

:class:`ImportFilter` holds codes only (obec codes, register kind codes, target-group ids).
:func:`resolve_filter` turns what a person writes — ``orp="Kralovice"``, ``kind="§49"``,
``group="senioři"``, a territory preset — into one, with the rules of the CLI contract
(``reference/cli.md``): names are official names matched without regard to case and
diacritics, an ambiguous name is an error listing the candidates with their codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from kpss import reference
from kpss.errors import NotFoundError, UsageError
from kpss.model.codes import CILOVA_SKUPINA, CodeBook
from kpss.model.names import fold
from kpss.model.services import Service
from kpss.model.territory import Area, Level, Unit


@attrs.frozen
class ImportFilter:
    """What to keep while reading a source. Empty collections mean "no restriction".

    ``obce`` are obec codes (a kraj, okres, ORP or preset is resolved to its obce first);
    ``active_on`` keeps services provided on that day (``None`` keeps ended ones too);
    ``kinds`` are register codes (``DruhSocialniSluzby/13``) or kind keys (``"49"``);
    ``target_groups`` are ``CilovaSkupinaOsoby/…`` ids.
    """

    obce: frozenset[str] | None = None
    active_on: dt.date | None = None
    kinds: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()

    def accepts(self, service: Service) -> bool:
        """Whether *service* passes (its territory is its facility obce ∪ its service area)."""
        if self.active_on is not None and not service.is_active(self.active_on):
            return False
        if (
            self.kinds
            and service.kind_code not in self.kinds
            and (service.kind is None or service.kind.key not in self.kinds)
        ):
            return False
        if self.target_groups and self.target_groups.isdisjoint(service.target_groups):
            return False
        return self.obce is None or not self.obce.isdisjoint(service.obce())


@attrs.frozen
class ResolvedFilter:
    """A filter built from names, the territorial units they named, and notes for people
    (e.g. that a number fitted both a ČSÚ and a RÚIAN code)."""

    filter: ImportFilter
    units: tuple[Unit, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def territory_name(self) -> str | None:
        """The names of the units, joined (``"Kralovicko"``), or ``None`` for no territory."""
        return ", ".join(u.name for u in self.units) or None

    @property
    def area(self) -> Area | None:
        """The territory named, as one :class:`~kpss.model.territory.Area` of its obce
        (a preset as it is), or ``None`` when no territory was named."""
        if not self.units or self.filter.obce is None:
            return None
        if len(self.units) == 1 and isinstance(self.units[0], Area):
            return self.units[0]
        name = self.territory_name or ""
        key = "-".join(fold(u.name).replace(" ", "-") for u in self.units)
        return Area(key, name, self.filter.obce)


_TERRITORY_LEVELS = (
    ("kraj", Level.KRAJ),
    ("okres", Level.OKRES),
    ("orp", Level.ORP),
    ("obec", Level.OBEC),
)


def _texts(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def territory_units(
    *,
    kraj: str | Iterable[str] = (),
    okres: str | Iterable[str] = (),
    orp: str | Iterable[str] = (),
    obec: str | Iterable[str] = (),
    area: str | Iterable[str] = (),
) -> tuple[list[Unit], list[str]]:
    """The units named (name or code per level, presets by key or name) and notes."""
    from kpss.find.places import resolve

    data = reference.territory()
    named = {"kraj": kraj, "okres": okres, "orp": orp, "obec": obec}
    units: list[Unit] = []
    notes: list[str] = []
    for key, level in _TERRITORY_LEVELS:
        for text in _texts(named[key]):
            found = resolve(data, text, level)
            units.append(found.unit)
            notes.extend(found.notes)
    areas = _texts(area)
    if areas:
        presets = _presets()
        for text in areas:
            preset = preset_named(presets, text)
            if preset is None:
                known = ", ".join(sorted(presets)) or "none (no plugin registers presets)"
                raise NotFoundError(f"unknown territory preset {text!r}; known presets: {known}")
            units.append(preset)
    return units, notes


def preset_named(presets: Mapping[str, Area], text: str) -> Area | None:
    """The preset *text* names: by key, or by key or name without regard to case and
    diacritics (``"Kralovicko"``, ``"horazdovicko"``); ``None`` when none fits."""
    folded = fold(text)
    return (
        presets.get(text)
        or presets.get(folded)
        or next((a for a in presets.values() if fold(a.name) == folded), None)
    )


def _presets() -> dict[str, Area]:
    from kpss.plugins.manager import get_presets

    return get_presets()


def kind_codes(texts: str | Iterable[str]) -> frozenset[str]:
    """Register codes (``DruhSocialniSluzby/…``) or kind keys for kinds as people write them:
    ``§49``, ``49``, ``DruhSocialniSluzby/13`` or a name (``domovy pro seniory``)."""
    result: set[str] = set()
    for text in _texts(texts):
        if text.startswith("DruhSocialniSluzby/"):
            result.add(text)
            continue
        kind = reference.law().resolve(text)
        if kind is None:
            raise UsageError(
                f"kind {text!r}: expected a § of Act 108/2006 (e.g. §49), "
                "a register code (DruhSocialniSluzby/13) or a kind name"
            )
        result.add(kind.register_code or kind.key)
    return frozenset(result)


def group_codes(texts: str | Iterable[str], codes: CodeBook) -> frozenset[str]:
    """Target-group ids for groups as people write them: an id, its number, or its label."""
    result: set[str] = set()
    labels = {fold(c.label): c.id for c in codes.items(CILOVA_SKUPINA) if c.label}
    for text in _texts(texts):
        if text.startswith(f"{CILOVA_SKUPINA}/"):
            result.add(text)
        elif text.isdigit():
            result.add(f"{CILOVA_SKUPINA}/{text}")
        elif fold(text) in labels:
            result.add(labels[fold(text)])
        else:
            raise UsageError(
                f"target group {text!r}: expected a target-group id "
                "(CilovaSkupinaOsoby/24), its number or a label of a loaded code list"
            )
    return frozenset(result)


def resolve_filter(
    *,
    kraj: str | Sequence[str] = (),
    okres: str | Sequence[str] = (),
    orp: str | Sequence[str] = (),
    obec: str | Sequence[str] = (),
    area: str | Sequence[str] = (),
    active_on: dt.date | None = None,
    keep_all: bool = False,
    kind: str | Sequence[str] = (),
    group: str | Sequence[str] = (),
    codes: CodeBook | None = None,
    today: dt.date | None = None,
) -> ResolvedFilter:
    """A filter from names and codes as people write them.

    Without *active_on* the services provided *today* are kept; *keep_all* keeps ended
    and future ones too (the two exclude each other). *codes* labels target groups
    (default: the packaged snapshot).

    >>> resolve_filter(orp="Kralovice", kind="§49", keep_all=True).filter.kinds
    frozenset({'DruhSocialniSluzby/13'})
    """
    units, notes = territory_units(kraj=kraj, okres=okres, orp=orp, obec=obec, area=area)
    if keep_all:
        if active_on is not None:
            raise UsageError("keeping all services and --active-on exclude each other")
        day = None
    else:
        day = active_on if active_on is not None else (today or dt.date.today())
    if isinstance(day, dt.datetime):
        day = day.date()
    from kpss.find.places import obec_codes

    flt = ImportFilter(
        obce=obec_codes(reference.territory(), units) if units else None,
        active_on=day,
        kinds=kind_codes(kind),
        target_groups=group_codes(group, codes or reference.code_snapshot()),
    )
    return ResolvedFilter(flt, tuple(units), tuple(notes))
