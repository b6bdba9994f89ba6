"""Differences between two register snapshots: new, ended and changed services.

Services are compared by ``identifikator``. Both snapshots are read with the same filter
(territory, kind, target group); ``active_on`` is applied here so that a service can be
told apart as *ended* (it ended on a date) or *removed* (no longer in the register):

- new: passes the filter in NEW but not in OLD (``registered`` when OLD lacks it entirely);
- ended: passes in OLD but not in NEW (``ended`` with its last day, or ``removed``);
- changed: passes in both and differs in capacity, forms, target groups, facilities,
  contacts, provider, kind or dates;
- unreadable: records of OLD or NEW that the import rejected (bad UTF-8, a missing field …),
  listed with their index, ``identifikator`` when known and reason, whatever the filter.
  A service whose record NEW rejects is not *ended* (it is unreadable in NEW), nor is one
  that OLD rejects *new*.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from kpss.errors import Finding
from kpss.filters import ImportFilter
from kpss.model.catalog import Catalog
from kpss.model.codes import CODE_ID, CodeBook
from kpss.model.services import Facility, Service
from kpss.plugins.records import ImportReport


@attrs.frozen
class Change:
    """One changed aspect of a service: what it was and what it is."""

    aspect: str
    old: Any
    new: Any


@attrs.frozen
class ServiceChange:
    """A service present in both snapshots with its changes."""

    identifier: str
    title: str
    changes: tuple[Change, ...]


@attrs.frozen
class Entry:
    """A new or ended service; ``status`` says how: registered/started, ended/removed, or
    appeared/missing when an unreadable record without identifier may be this service."""

    identifier: str
    title: str
    provider: str
    status: str
    date: dt.date | None = None


def unreadable(report: ImportReport) -> tuple[Finding, ...]:
    """The rejected records of an import report (each a located error finding)."""
    return tuple(report.rejected)


@attrs.frozen
class SnapshotDiff:
    """The differences between two snapshots, and the records either could not read."""

    old_source: str
    new_source: str
    new: tuple[Entry, ...]
    ended: tuple[Entry, ...]
    changed: tuple[ServiceChange, ...]
    unreadable_old: tuple[Finding, ...] = ()
    unreadable_new: tuple[Finding, ...] = ()
    #: Labels of the code ids in the changes (``FormaSocialniSluzby/ter`` → ``terénní``),
    #: from the code lists the snapshots were read with; ids without a label stay raw.
    labels: dict[str, str] = attrs.field(factory=dict)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""

        def entry(e: Entry) -> dict[str, Any]:
            return {
                "identifikator": e.identifier,
                "title": e.title,
                "provider": e.provider,
                "status": e.status,
                "date": e.date.isoformat() if e.date else None,
            }

        def bad(u: Finding) -> dict[str, Any]:
            return {
                "index": u.index,
                "identifikator": u.identifier,
                "field": u.field,
                "byte": u.location.byte,
                "line": u.location.line,
                "reason": u.message,
            }

        return {
            "old": self.old_source,
            "new_snapshot": self.new_source,
            "new": [entry(e) for e in self.new],
            "ended": [entry(e) for e in self.ended],
            "unreadable_old": [bad(u) for u in self.unreadable_old],
            "unreadable_new": [bad(u) for u in self.unreadable_new],
            "changed": [
                {
                    "identifikator": c.identifier,
                    "title": c.title,
                    "changes": [
                        {"aspect": x.aspect, "old": x.old, "new": x.new} for x in c.changes
                    ],
                }
                for c in self.changed
            ],
            "labels": dict(sorted(self.labels.items())),
        }


def _capacity(service: Service) -> dict[str, int | None]:
    result: dict[str, int | None] = {}
    for form in service.forms:
        for capacity in form.capacities:
            result[f"{form.form_code} {capacity.unit}"] = capacity.count
    return result


def _facility(f: Facility) -> str:
    if f.secret_address:
        return f"{f.name} (utajená adresa)"
    a = f.address
    if a is None:
        return f.name
    number = "/".join(str(x) for x in (a.house_number, a.orientation_number) if x)
    street = " ".join(x for x in (a.street, number) if x)
    return f"{f.name}, {street}, obec {a.obec_code}".replace(", ,", ",")


def _aspects(s: Service) -> dict[str, Any]:
    return {
        "capacity": _capacity(s),
        "forms": sorted(f.form_code for f in s.forms),
        "target_groups": sorted(s.target_groups),
        "facilities": sorted(_facility(f) for f in s.facilities),
        "contacts": sorted(f"{c.kind.value}: {c.value}" for c in s.contacts),
        "provider": f"{s.provider.name} ({s.provider.ico or 'bez IČO'})",
        "kind": s.kind_code,
        "valid_from": s.valid_from.isoformat() if s.valid_from else None,
        "valid_to": s.valid_to.isoformat() if s.valid_to else None,
    }


def compare(
    old: Catalog,
    new: Catalog,
    active_on: dt.date | None = None,
    unreadable_old: tuple[Finding, ...] = (),
    unreadable_new: tuple[Finding, ...] = (),
) -> SnapshotDiff:
    """The differences between two catalogues (already filtered by territory etc.).

    A service whose record is among *unreadable_new* is not listed as ended, one among
    *unreadable_old* not as new: the diff cannot tell what happened to them.
    """

    def live(s: Service) -> bool:
        return active_on is None or s.is_active(active_on)

    lost_old = {u.identifier for u in unreadable_old if u.identifier}
    lost_new = {u.identifier for u in unreadable_new if u.identifier}
    # An unreadable record without an identifikator may be any service: a service missing
    # from the other snapshot is then "missing"/"appeared", not surely removed/registered.
    unnamed_old = any(not u.identifier for u in unreadable_old)
    unnamed_new = any(not u.identifier for u in unreadable_new)
    old_ids = {i for i, s in old.services.items() if live(s)}
    new_ids = {i for i, s in new.services.items() if live(s)}
    added = []
    for ident in sorted(new_ids - old_ids - lost_old):
        s = new.services[ident]
        if ident in old.services:
            status = "started"
        elif unnamed_old:
            status = "appeared"
        else:
            status = "registered"
        added.append(Entry(ident, s.title, s.provider.name, status, s.valid_from))
    ended = []
    for ident in sorted(old_ids - new_ids - lost_new):
        s = old.services[ident]
        later = new.services.get(ident)
        if later is not None and later.valid_to is not None:
            ended.append(Entry(ident, s.title, s.provider.name, "ended", later.valid_to))
        else:
            status = "missing" if unnamed_new else "removed"
            ended.append(Entry(ident, s.title, s.provider.name, status))
    changed = []
    for ident in sorted(old_ids & new_ids):
        a, b = _aspects(old.services[ident]), _aspects(new.services[ident])
        changes = tuple(Change(k, a[k], b[k]) for k in a if a[k] != b[k])
        if changes:
            changed.append(ServiceChange(ident, new.services[ident].title, changes))
    labels: dict[str, str] = {}
    coded = [x for c in changed for x in c.changes if x.aspect in CODED_ASPECTS]
    for code_id in {m.group() for x in coded for m in _ids(x.old, x.new)}:
        label = new.label(code_id) or old.label(code_id)
        if label:
            labels[code_id] = label
    return SnapshotDiff(
        old.source or "",
        new.source or "",
        tuple(added),
        tuple(ended),
        tuple(changed),
        unreadable_old,
        unreadable_new,
        labels,
    )


#: Aspects whose values are code ids (labels replace them in text; free text stays as is).
CODED_ASPECTS = frozenset({"capacity", "forms", "target_groups", "kind"})


def _ids(*values: Any) -> list[re.Match[str]]:
    """The code ids (``List/code``) written in changed values."""
    return [m for value in values for m in CODE_ID.finditer(json.dumps(value, ensure_ascii=False))]


def diff_files(
    old: str | Path,
    new: str | Path,
    filter: ImportFilter | None = None,
    codes: CodeBook | str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> SnapshotDiff:
    """Read two snapshots with the same filter and compare them."""
    from kpss.api import load

    flt = filter or ImportFilter()
    wide = attrs.evolve(flt, active_on=None)
    before = load(old, filter=wide, codes=codes, enrich=False, progress=progress)
    after = load(new, filter=wide, codes=codes, enrich=False, progress=progress)
    return compare(
        before.catalog,
        after.catalog,
        flt.active_on,
        unreadable(before.report),
        unreadable(after.report),
    )
