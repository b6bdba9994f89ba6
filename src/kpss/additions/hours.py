"""Opening hours as a coordinator writes them: ``po–pá 8:00–12:00, 13:00–16:00; so 9:00–11:00``.

Days are Czech abbreviations or names (``po``, ``út``, ``čtvrtek``), ranges (``po–pá``,
``po-pa``), lists (``po, st``) or words (``denně``, ``pracovní dny``, ``víkend``); times
are ``H:MM`` ranges. ``nonstop`` is every day 0:00–23:59, and a range may end at
``24:00`` (kept as 23:59). Every problem is a :class:`ValueError` saying what was expected;
the reader adds the file, line and field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from kpss.additions.format import word_key
from kpss.model.codes import DEN_V_TYDNU
from kpss.model.services import OpeningHours

_DAY_WORDS: dict[str, int] = {
    **{abbr: n for n, abbr in enumerate(("po", "ut", "st", "ct", "pa", "so", "ne"), 1)},
    **{
        name: n
        for n, name in enumerate(
            ("pondeli", "utery", "streda", "ctvrtek", "patek", "sobota", "nedele"), 1
        )
    },
}
_DAY_GROUPS: dict[str, tuple[int, ...]] = {
    "denne": (1, 2, 3, 4, 5, 6, 7),
    "kazdy den": (1, 2, 3, 4, 5, 6, 7),
    "pracovni dny": (1, 2, 3, 4, 5),
    "vsedni dny": (1, 2, 3, 4, 5),
    "vikend": (6, 7),
}
_DASH = re.compile(r"\s*[-–—]\s*")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
_RANGE = re.compile(rf"^{_TIME.pattern}\s*[-–—]\s*{_TIME.pattern}$")
DAYS_EXPECTED = "days such as po–pá, po, st, čtvrtek, denně or víkend"
TIMES_EXPECTED = "times such as 8:00–12:00"


def day_code(number: int) -> str:
    """``DenVTydnu/1`` for Monday … ``DenVTydnu/7`` for Sunday."""
    return f"{DEN_V_TYDNU}/{number}"


def parse_days(text: str | Sequence[str]) -> tuple[int, ...]:
    """Day numbers (1 = Monday) of ``po–pá``, ``po, st``, ``denně`` or a list of those."""
    parts = [text] if isinstance(text, str) else list(text)
    days: list[int] = []
    for part in parts:
        for piece in word_key(part).split(","):
            piece = piece.strip()
            if not piece:
                continue
            if piece in _DAY_GROUPS:
                days.extend(_DAY_GROUPS[piece])
                continue
            ends = _DASH.split(piece)
            if len(ends) == 2 and all(e in _DAY_WORDS for e in ends):
                first, last = _DAY_WORDS[ends[0]], _DAY_WORDS[ends[1]]
                if last < first:
                    raise ValueError(f"the day range {part!r} runs backwards; write po–pá")
                days.extend(range(first, last + 1))
            elif piece in _DAY_WORDS:
                days.append(_DAY_WORDS[piece])
            else:
                raise ValueError(f"expected {DAYS_EXPECTED}, got {part!r}")
    if not days:
        raise ValueError(f"expected {DAYS_EXPECTED}, got nothing")
    return tuple(dict.fromkeys(days))


def parse_time(text: str, closing: bool = False) -> dt.time:
    """``8:00`` → 08:00; ``24:00`` is accepted as a closing time (kept as 23:59)."""
    found = _TIME.fullmatch(text.strip())
    if not found:
        raise ValueError(f"expected a time as H:MM such as 8:00, got {text!r}")
    hour, minute = int(found.group(1)), int(found.group(2))
    if closing and (hour, minute) == (24, 0):
        return dt.time(23, 59)
    if hour > 23 or minute > 59:
        raise ValueError(f"expected a time of day from 0:00 to 23:59, got {text!r}")
    return dt.time(hour, minute)


def time_range(opens: dt.time, closes: dt.time, text: str) -> None:
    """Raise unless *closes* is after *opens* (an overnight range is two ranges)."""
    if closes <= opens:
        raise ValueError(
            f"{text!r} closes before it opens; write a range over midnight as two ranges"
        )


def parse_ranges(text: str) -> tuple[tuple[dt.time, dt.time], ...]:
    """``8:00–12:00, 13:00–16:00`` → the pairs of times."""
    ranges: list[tuple[dt.time, dt.time]] = []
    for piece in text.split(","):
        piece = piece.strip()
        found = _RANGE.match(piece)
        if not found:
            raise ValueError(f"expected {TIMES_EXPECTED}, got {piece or text!r}")
        opens = parse_time(f"{found.group(1)}:{found.group(2)}")
        closes = parse_time(f"{found.group(3)}:{found.group(4)}", closing=True)
        time_range(opens, closes, piece)
        ranges.append((opens, closes))
    return tuple(ranges)


def hours_of(
    days: Sequence[int], ranges: Sequence[tuple[dt.time, dt.time]], note: str | None = None
) -> tuple[OpeningHours, ...]:
    """One :class:`OpeningHours` per day and range."""
    return tuple(
        OpeningHours(day_code(day), opens, closes, note) for day in days for opens, closes in ranges
    )


def parse_hours_text(text: str) -> tuple[OpeningHours, ...]:
    """``po–pá 8:00–12:00, 13:00–16:00; so 9:00–11:00`` (or ``nonstop``) as hours."""
    result: list[OpeningHours] = []
    for entry in text.split(";"):
        entry = entry.strip()
        if not entry:
            continue
        if word_key(entry) == "nonstop":
            result.extend(hours_of(range(1, 8), [(dt.time(0, 0), dt.time(23, 59))]))
            continue
        digit = re.search(r"\d", entry)
        if digit is None or digit.start() == 0:
            raise ValueError(f"expected days and times such as 'po–pá 8:00–12:00', got {entry!r}")
        days = parse_days(entry[: digit.start()])
        result.extend(hours_of(days, parse_ranges(entry[digit.start() :])))
    if not result:
        raise ValueError("expected days and times such as 'po–pá 8:00–12:00', got nothing")
    return tuple(result)
