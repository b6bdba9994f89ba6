"""Differences between two register snapshots: new, ended and changed services.

Services are compared by ``identifikator``. Both snapshots are read with the same filter
(territory, kind, target group); ``active_on`` is applied here so that a service can be
told apart as *ended* (it ended on a date) or *removed* (no longer in the register):

- new: passes the filter in NEW but not in OLD (``registered`` when OLD lacks it entirely);
- ended: passes in OLD but not in NEW (``ended`` with its last day, or ``removed``);
- changed: passes in both and differs in capacity, forms, target groups, facilities,
  contacts, provider, kind or dates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import attrs

from kpss.extensions import ImportFilter
from kpss.model.catalog import Catalog
from kpss.model.codes import CodeBook
from kpss.model.services import Facility, Service
from kpss.registry.load import load, passes


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
    """A new or ended service; ``status`` says how (registered/started, ended/removed)."""

    identifier: str
    title: str
    provider: str
    status: str
    date: dt.date | None = None


@attrs.frozen
class SnapshotDiff:
    """The differences between two snapshots."""

    old_source: str
    new_source: str
    new: tuple[Entry, ...]
    ended: tuple[Entry, ...]
    changed: tuple[ServiceChange, ...]

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

        return {
            "old": self.old_source,
            "new_snapshot": self.new_source,
            "new": [entry(e) for e in self.new],
            "ended": [entry(e) for e in self.ended],
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


def compare(old: Catalog, new: Catalog, active_on: dt.date | None = None) -> SnapshotDiff:
    """The differences between two catalogues (already filtered by territory etc.)."""

    def live(s: Service) -> bool:
        return active_on is None or s.is_active(active_on)

    old_ids = {i for i, s in old.services.items() if live(s)}
    new_ids = {i for i, s in new.services.items() if live(s)}
    added = []
    for ident in sorted(new_ids - old_ids):
        s = new.services[ident]
        status = "started" if ident in old.services else "registered"
        added.append(Entry(ident, s.title, s.provider.name, status, s.valid_from))
    ended = []
    for ident in sorted(old_ids - new_ids):
        s = old.services[ident]
        later = new.services.get(ident)
        if later is not None and later.valid_to is not None:
            ended.append(Entry(ident, s.title, s.provider.name, "ended", later.valid_to))
        else:
            ended.append(Entry(ident, s.title, s.provider.name, "removed"))
    changed = []
    for ident in sorted(old_ids & new_ids):
        a, b = _aspects(old.services[ident]), _aspects(new.services[ident])
        changes = tuple(Change(k, a[k], b[k]) for k in a if a[k] != b[k])
        if changes:
            changed.append(ServiceChange(ident, new.services[ident].title, changes))
    return SnapshotDiff(
        old.source or "", new.source or "", tuple(added), tuple(ended), tuple(changed)
    )


def diff_files(
    old: str | Path,
    new: str | Path,
    filter: ImportFilter | None = None,
    codes: CodeBook | str | Path | None = None,
    progress: Callable[[int], None] | Literal["auto"] | None = None,
) -> SnapshotDiff:
    """Read two snapshots with the same filter and compare them."""
    flt = filter or ImportFilter()
    wide = attrs.evolve(flt, active_on=None)
    before = load(old, filter=wide, codes=codes, progress=progress).catalog
    after = load(new, filter=wide, codes=codes, progress=progress).catalog
    return compare(before, after, flt.active_on)


# -- output ------------------------------------------------------------------------------
_ASPECT_LABELS = {
    "capacity": "kapacita",
    "forms": "formy",
    "target_groups": "cílové skupiny",
    "facilities": "zařízení",
    "contacts": "kontakty",
    "provider": "poskytovatel",
    "kind": "druh",
    "valid_from": "poskytováno od",
    "valid_to": "poskytováno do",
}
_STATUS = {
    "registered": "nově registrovaná",
    "started": "zahájila poskytování",
    "ended": "ukončena",
    "removed": "vyřazena z registru",
}


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or "–"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "–"
    return "–" if value is None else str(value)


def _entry_line(e: Entry) -> str:
    when = f" {e.date.isoformat()}" if e.date else ""
    return f"{e.identifier} {e.title} ({e.provider}): {_STATUS.get(e.status, e.status)}{when}"


def to_text(diff: SnapshotDiff) -> str:
    """Plain text for a terminal."""
    lines = [
        f"Nové služby: {len(diff.new)}, ukončené: {len(diff.ended)}, změněné: {len(diff.changed)}"
    ]
    for title, entries in (("Nové", diff.new), ("Ukončené", diff.ended)):
        if entries:
            lines += ["", f"{title}:"]
            lines += [f"  {_entry_line(e)}" for e in entries]
    if diff.changed:
        lines += ["", "Změněné:"]
        for c in diff.changed:
            lines.append(f"  {c.identifier} {c.title}")
            for x in c.changes:
                label = _ASPECT_LABELS.get(x.aspect, x.aspect)
                lines.append(f"    {label}: {_value(x.old)} → {_value(x.new)}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def to_markdown(diff: SnapshotDiff) -> str:
    """Markdown (headings, lists, a table per changed service)."""
    lines = [
        "# Změny v registru poskytovatelů sociálních služeb",
        "",
        f"- Nové služby: {len(diff.new)}",
        f"- Ukončené služby: {len(diff.ended)}",
        f"- Změněné služby: {len(diff.changed)}",
    ]
    for title, entries in (("Nové služby", diff.new), ("Ukončené služby", diff.ended)):
        if entries:
            lines += ["", f"## {title}", ""]
            lines += [f"- {_md(_entry_line(e))}" for e in entries]
    if diff.changed:
        lines += ["", "## Změněné služby"]
        for c in diff.changed:
            lines += ["", f"### {_md(c.identifier)} {_md(c.title)}", ""]
            lines += ["| údaj | dříve | nyní |", "|---|---|---|"]
            for x in c.changes:
                label = _ASPECT_LABELS.get(x.aspect, x.aspect)
                lines.append(f"| {label} | {_md(_value(x.old))} | {_md(_value(x.new))} |")
    return "\n".join(lines) + "\n"


def render(diff: SnapshotDiff, fmt: str) -> str:
    """The diff as ``text``, ``json`` or ``md``."""
    if fmt == "json":
        return json.dumps(diff.to_json(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        return to_markdown(diff)
    return to_text(diff)


__all__ = ["SnapshotDiff", "compare", "diff_files", "passes", "render"]
