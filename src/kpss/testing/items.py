"""Synthetic register items as dicts, without writing files: :func:`register_items`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from kpss.errors import UsageError
from kpss.testing import faults as fault_rules
from kpss.testing.generator import ItemMaker, Plan
from kpss.testing.spec import NATIONAL_SERVICES, Fault, RegisterSpec


def register_items(
    services: int = NATIONAL_SERVICES,
    *,
    seed: int = 1,
    faults: Iterable[Fault | str] | str = (),
    kraj: str | int | None = None,
    obce: Iterable[str | int] | None = None,
) -> Iterator[dict[str, Any]]:
    """The items of the register :func:`~kpss.testing.write_register` writes, one by one.

    Equal arguments give equal items, and the same items as ``rpss.json`` of that
    register. Each item is an independent dict (change it freely). Only the faults an item
    can carry are allowed here (``unknown-code``, ``missing-field``, ``wrong-type``,
    ``duplicate-id``); the others live in file bytes.
    """
    spec = RegisterSpec(services, seed, False, faults, kraj, obce)
    in_bytes = [f.value for f in spec.faults if not f.in_items]
    if in_bytes:
        raise UsageError(
            f"fault(s) {', '.join(in_bytes)} exist only in file bytes; use write_register()"
        )
    return _items(spec)


def _items(spec: RegisterSpec) -> Iterator[dict[str, Any]]:
    maker = ItemMaker(Plan(spec))
    targets = {t.index: t for t in fault_rules.targets(spec).values()}
    earlier = {t.same_as for t in targets.values() if t.same_as is not None}
    kept: dict[int, dict[str, Any]] = {}
    for i in range(spec.services):
        item: dict[str, Any] = json.loads(json.dumps(maker.make(i), ensure_ascii=False))
        if i in earlier:
            kept[i] = item
        target = targets.get(i)
        if target is not None:
            same = kept.get(target.same_as) if target.same_as is not None else None
            fault_rules.damage_item(target, item, same)
        yield item
