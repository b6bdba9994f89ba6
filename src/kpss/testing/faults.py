"""Which records the faults damage, and how an item is damaged.

Each fault has its own random generator (seed and fault name), so a fault hits the same
record whether it is asked for alone or with others, unless two faults pick one record
(then the later one moves on). ``truncated`` always lies after every other damaged
record, so that the others are still in the file.
"""

from __future__ import annotations

from random import Random
from typing import Any

import attrs

from kpss.testing.spec import Fault, RegisterSpec

#: A private-use character that marks where bytes C3 28 go (never in generated text).
BAD_UTF8_MARK = "\ue000"
BAD_UTF8_BYTES = b"\xc3\x28"
#: Marks of the entity references of the ``xxe`` fault in one record's XML.
XXE_MARK, BOMB_MARK = "\ue001", "\ue002"

_LAUGHS = "".join(
    f'  <!ENTITY lol{level} "{f"&lol{level - 1};" * 10 if level > 1 else "&lol;" * 10}">\n'
    for level in range(1, 10)
)
#: The DOCTYPE of the ``xxe`` fault: an external entity and a billion-laughs bomb.
XXE_DOCTYPE = (
    "<!DOCTYPE rpss [\n"
    '  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
    '  <!ENTITY lol "lol">\n' + _LAUGHS + "]>\n"
)

FIELDS = {
    Fault.TRUNCATED: None,
    Fault.BAD_UTF8: "zarizeni[0].nazev",
    Fault.UNKNOWN_CODE: "druhSocialniSluzby.id",
    Fault.MISSING_FIELD: "druhSocialniSluzby",
    Fault.WRONG_TYPE: "formy[0].kapacity[0].pocet",
    Fault.DUPLICATE_ID: "identifikator",
    Fault.XXE: "zarizeni[0].nazev",
}


@attrs.frozen
class Target:
    """The record a fault damages; ``same_as`` is the earlier record of ``duplicate-id``."""

    fault: Fault
    index: int
    same_as: int | None = None


def targets(spec: RegisterSpec) -> dict[Fault, Target]:
    """The damaged record of each fault of *spec*."""
    n = spec.services
    taken: set[int] = set()
    result: dict[Fault, Target] = {}
    end = n - 1 if Fault.TRUNCATED in spec.faults else n  # room for the cut after the others
    for fault in spec.faults:
        if fault is Fault.TRUNCATED:
            continue
        rng = Random(f"kpss.testing/{spec.seed}/fault/{fault.value}")
        lowest = 1 if fault is Fault.DUPLICATE_ID else 0
        index = _free(rng, max(lowest, n // 4), end, taken)
        if index is None:
            index = _free(rng, lowest, end, taken)
        assert index is not None  # RegisterSpec checked that there are enough records
        taken.add(index)
        same_as = None
        if fault is Fault.DUPLICATE_ID:
            same_as = _free(rng, 0, index, taken)
            if same_as is None:  # every earlier record is damaged already: move the copy up
                taken.discard(index)
                index = next(i for i in range(1, end) if i not in taken and i - 1 not in taken)
                same_as = index - 1
                taken.update((index, same_as))
            taken.add(same_as)
        result[fault] = Target(fault, index, same_as)
    if Fault.TRUNCATED in spec.faults:
        rng = Random(f"kpss.testing/{spec.seed}/fault/{Fault.TRUNCATED.value}")
        after = max(taken) + 1 if taken else 0
        index = _free(rng, max(after, n // 2), n, taken)
        if index is None:
            index = _free(rng, after, n, taken)
        assert index is not None
        result[Fault.TRUNCATED] = Target(Fault.TRUNCATED, index)
    return result


def _free(rng: Random, low: int, high: int, taken: set[int]) -> int | None:
    """A random index in [low, high) not taken, else the next free one; None if none is."""
    if low >= high:
        return None
    start, width = rng.randrange(low, high), high - low
    for step in range(width):
        index = low + (start - low + step) % width
        if index not in taken:
            return index
    return None


def damage_item(target: Target, item: dict[str, Any], earlier: dict[str, Any] | None) -> str:
    """Damage *item* in place for an item-level fault; return what was done.

    *earlier* is the record of ``target.same_as`` (``duplicate-id``).
    """
    fault = target.fault
    if fault is Fault.UNKNOWN_CODE:
        item["druhSocialniSluzby"] = {"id": "DruhSocialniSluzby/999"}
        return "druhSocialniSluzby.id is DruhSocialniSluzby/999 (in no code list)"
    if fault is Fault.MISSING_FIELD:
        del item["druhSocialniSluzby"]
        return "the required key druhSocialniSluzby is missing"
    if fault is Fault.WRONG_TYPE:
        form = dict(item["formy"][0])
        capacity = dict(form["kapacity"][0])
        capacity["pocet"] = str(capacity["pocet"])
        form["kapacity"] = [capacity, *form["kapacity"][1:]]
        item["formy"] = [form, *item["formy"][1:]]
        return f'formy[0].kapacity[0].pocet is the string "{capacity["pocet"]}"'
    if fault is Fault.DUPLICATE_ID:
        assert earlier is not None
        item["id"], item["identifikator"] = earlier["id"], earlier["identifikator"]
        return f"id and identifikator are those of record {target.same_as}"
    raise ValueError(f"{fault.value} is not an item-level fault")


def with_facility_name(item: dict[str, Any], name: str) -> dict[str, Any]:
    """A shallow copy of *item* whose first facility is renamed (the rest is shared)."""
    facility = {**item["zarizeni"][0], "nazev": name}
    return {**item, "zarizeni": [facility, *item["zarizeni"][1:]]}


def bad_utf8_item(item: dict[str, Any]) -> dict[str, Any]:
    """*item* with the mark of the bad bytes inside ``zarizeni[0].nazev``."""
    name = item["zarizeni"][0]["nazev"]
    return with_facility_name(item, name[:3] + BAD_UTF8_MARK + name[3:])


def xxe_item(item: dict[str, Any]) -> dict[str, Any]:
    """*item* with the marks of ``&xxe;`` (facility name) and ``&lol9;`` (provider name)."""
    marked = with_facility_name(item, XXE_MARK + item["zarizeni"][0]["nazev"])
    provider = item["poskytovatel"]
    marked["poskytovatel"] = {**provider, "nazev": BOMB_MARK + provider["nazev"]}
    return marked
