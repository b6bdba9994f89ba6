"""What a printed card says, as plain text shared by the PDF and the ODT.

A card shows the view's facts; only these need shaping for paper:

* the obce a field service covers: named when there are few, counted by ORP when there
  are many (a kraj-wide service would fill a page with names);
* the description: its first paragraph (``short``), all of it (``full``) or nothing;
* the life situations, forms with capacity and hours, each on one line.
"""

from __future__ import annotations

from collections import Counter

from kpss.publish.typography import TextBlock, text_blocks
from kpss.publish.view import PublicCatalog, PublicForm, PublicRelated, PublicService

__all__ = [
    "AREA_NAMES",
    "SHORT_DESCRIPTION",
    "area_text",
    "description_blocks",
    "extra_facts",
    "form_line",
]

#: Up to this many covered obce are named one by one.
AREA_NAMES = 30
#: The short description is cut at a word boundary after this many characters.
SHORT_DESCRIPTION = 500


def _obce(count: int) -> str:
    if count == 1:
        return "1 obce"
    return f"{count} obcí"


def area_text(service: PublicService, view: PublicCatalog) -> str | None:
    """Where a field service comes: ``Kralovice, Plasy`` or ``45 obcí (ORP Kralovice 30, …)``."""
    if not service.area:
        return None
    outside = (
        f" a do dalších {_obce(service.area_outside)} mimo katalog" if service.area_outside else ""
    )
    if len(service.area) <= AREA_NAMES:
        return ", ".join(r.label for r in service.area) + outside
    orp_of = {o.code: o.orp for o in view.obce}
    counts = Counter(orp_of.get(r.key) or "jiné" for r in service.area)
    parts = ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda p: -p[1]))
    return f"{_obce(len(service.area))} (podle ORP: {parts}){outside}"


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return head + "…"


def description_blocks(service: PublicService, mode: str) -> tuple[TextBlock, ...]:
    """The description to print: ``short`` (first paragraph), ``full`` or ``none``."""
    if mode == "none" or not service.description:
        return ()
    blocks = text_blocks(service.description)
    if mode == "full":
        return blocks
    for block in blocks:
        if block.kind == "p":
            return (TextBlock("p", (_cut(block.lines[0], SHORT_DESCRIPTION),)),)
    first = next(iter(blocks), None)
    if first is None:
        return ()
    return (TextBlock("p", (_cut("; ".join(first.lines), SHORT_DESCRIPTION),)),)


def form_line(form: PublicForm) -> str:
    """``kapacita 20 lůžek; nepřetržitě`` or ``Po–Pá 8:00–16:00``: one form's facts."""
    parts: list[str] = []
    if form.capacities:
        parts.append("kapacita " + ", ".join(form.capacities))
    if form.continuous:
        parts.append("nepřetržitě")
    if form.hours:
        parts.append("; ".join(f"{h.days} {h.times}" for h in form.hours))
    return "; ".join(parts)


def extra_facts(item: PublicService | PublicRelated) -> list[tuple[str, str]]:
    """``(label, text)`` of hours, fees, languages and access of a service or related one."""
    facts: list[tuple[str, str]] = []
    hours = "; ".join(f"{h.days} {h.times}" for h in item.hours)
    when = "; ".join(p for p in (hours, item.hours_note or "") if p)
    if when:
        facts.append(("Provozní doba", when))
    fees = " – ".join(p for p in (item.charge or "", item.fees or "") if p)
    if fees:
        facts.append(("Úhrady", fees))
    if item.languages:
        facts.append(("Jazyky", ", ".join(item.languages)))
    if item.accessibility is not None and item.accessibility.lines:
        facts.append(("Přístupnost", "; ".join(item.accessibility.lines)))
    return facts
