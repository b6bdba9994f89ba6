"""Snapshot differences for people: plain text for a terminal and Markdown.

Code ids in coded aspects (capacity, forms, target groups, kind) are shown with the
labels of the code lists in use; ids without a label stay raw. The JSON shape is the
diff's own (:meth:`kpss.rpss.snapshot_diff.SnapshotDiff.to_json`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from kpss.errors import Finding
from kpss.model.codes import CODE_ID
from kpss.rpss.snapshot_diff import CODED_ASPECTS, Entry, SnapshotDiff

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
    "missing": "chybí v novém souboru (vyřazena, nebo je mezi nečitelnými záznamy)",
    "appeared": "nově v souboru (registrovaná, nebo byla ve starém mezi nečitelnými záznamy)",
}


def _value(value: Any, labels: dict[str, str]) -> str:
    """A changed value for people: code ids replaced by their labels where known."""
    if isinstance(value, dict):
        text = ", ".join(f"{k}: {v}" for k, v in value.items()) or "–"
    elif isinstance(value, list):
        text = "; ".join(str(v) for v in value) or "–"
    else:
        text = "–" if value is None else str(value)
    return CODE_ID.sub(lambda m: labels.get(m.group(), m.group()), text)


def _entry_line(e: Entry) -> str:
    when = f" {e.date.isoformat()}" if e.date else ""
    return f"{e.identifier} {e.title} ({e.provider}): {_STATUS.get(e.status, e.status)}{when}"


def _where(u: Finding) -> str:
    """``záznam N, řádek L`` (or byte) and the field, in Czech, for the renderings."""
    parts = [f"záznam {u.index}" if u.index is not None else "záznam ?"]
    if u.location.line is not None:
        parts.append(f"řádek {u.location.line}")
    elif u.location.byte is not None:
        parts.append(f"bajt {u.location.byte}")
    if u.field:
        parts.append(f"pole {u.field}")
    return ", ".join(parts)


def _unreadable_line(u: Finding) -> str:
    ident = f"{u.identifier} " if u.identifier else ""
    return f"{ident}({_where(u)}): {u.message}"


def _unreadable_sections(diff: SnapshotDiff) -> list[tuple[str, tuple[Finding, ...]]]:
    return [
        (f"Nečitelné záznamy ve STARÉM ({diff.old_source})", diff.unreadable_old),
        (f"Nečitelné záznamy v NOVÉM ({diff.new_source})", diff.unreadable_new),
    ]


def to_text(diff: SnapshotDiff) -> str:
    """Plain text for a terminal."""
    lines = [
        f"Nové služby: {len(diff.new)}, ukončené: {len(diff.ended)}, změněné: {len(diff.changed)}"
    ]
    if diff.unreadable_old or diff.unreadable_new:
        lines.append(
            f"Nečitelné záznamy: ve starém {len(diff.unreadable_old)}, "
            f"v novém {len(diff.unreadable_new)} (nelze říct, zda se změnily)"
        )
    for title, bad in _unreadable_sections(diff):
        if bad:
            lines += ["", f"{title}:"]
            lines += [f"  {_unreadable_line(u)}" for u in bad]
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
                labels = diff.labels if x.aspect in CODED_ASPECTS else {}
                old, new = _value(x.old, labels), _value(x.new, labels)
                lines.append(f"    {label}: {old} → {new}")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!])")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def _md(text: str) -> str:
    """*text* as literal Markdown inline text: one line, no markup, no links, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", _NEWLINES.sub(" ", text))


def to_markdown(diff: SnapshotDiff) -> str:
    """Markdown (headings, lists, a table per changed service)."""
    lines = [
        "# Změny v registru poskytovatelů sociálních služeb",
        "",
        f"- Nové služby: {len(diff.new)}",
        f"- Ukončené služby: {len(diff.ended)}",
        f"- Změněné služby: {len(diff.changed)}",
    ]
    if diff.unreadable_old or diff.unreadable_new:
        lines += [
            f"- Nečitelné záznamy: ve starém {len(diff.unreadable_old)}, "
            f"v novém {len(diff.unreadable_new)}"
        ]
    for title, bad in _unreadable_sections(diff):
        if bad:
            lines += ["", f"## {_md(title)}", ""]
            lines += [f"- {_md(_unreadable_line(u))}" for u in bad]
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
                labels = diff.labels if x.aspect in CODED_ASPECTS else {}
                old, new = _md(_value(x.old, labels)), _md(_value(x.new, labels))
                lines.append(f"| {label} | {old} | {new} |")
    return "\n".join(lines) + "\n"


def render(diff: SnapshotDiff, fmt: str) -> str:
    """The diff as ``text``, ``json`` or ``md``."""
    if fmt == "json":
        return json.dumps(diff.to_json(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "md":
        return to_markdown(diff)
    return to_text(diff)
