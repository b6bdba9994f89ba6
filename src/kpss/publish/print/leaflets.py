"""Leaflets (letáky): one A5 sheet per life situation or per kind, printed two-sided.

Each leaflet names the situation (or kind), says in plain words what helps and where to
turn, and lists the services of the territory with their contacts (a place, one phone,
e-mail and web each). Every leaflet starts on a right-hand (odd) page, so a two-sided
print of the file gives one sheet per leaflet — or more sheets for a leaflet with more
services than fit; :attr:`LeafletReport.sheets` says how many each took.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import attrs

from kpss.errors import UsageError
from kpss.publish.print.catalogue import PRINT_TEMPLATES, PrintReport, print_pdf, report
from kpss.publish.templates import template_environment
from kpss.publish.view import PublicCatalog, PublicContact, PublicService

__all__ = [
    "LEAFLET_CSS",
    "Leaflet",
    "LeafletReport",
    "leaflet_html",
    "plan_leaflets",
    "write_leaflets",
]

LEAFLET_CSS = "static/leaflet.css"
LEAFLET_KINDS = ("situation", "kind")


@attrs.frozen
class LeafletLine:
    """One service on a leaflet: its title, where, and first phone, e-mail and web."""

    title: str
    where: str | None
    contacts: tuple[PublicContact, ...]


@attrs.frozen
class Leaflet:
    """One leaflet: a situation or kind and the services of the territory in it."""

    key: str
    anchor: str
    title: str
    description: str | None
    where_to_turn: str | None
    lines: tuple[LeafletLine, ...]


@attrs.frozen
class LeafletReport(PrintReport):
    """What :func:`write_leaflets` wrote: the :class:`PrintReport` and sheets per leaflet."""

    sheets: Mapping[str, int] = attrs.field(factory=dict)
    """Leaflet key → sheets of paper it takes (1 when it fits one sheet)."""


def _line(service: PublicService) -> LeafletLine:
    where = service.places[0].address if service.places else None
    if where is None and service.area:
        where = "přijede za vámi: " + ", ".join(r.label for r in service.area[:5])
        if len(service.area) > 5:
            where += " a další"
    picked: dict[str, PublicContact] = {}
    for contact in service.contacts:
        if contact.kind in ("telefon", "e-mail", "web"):
            picked.setdefault(contact.kind, contact)
    order = ("telefon", "e-mail", "web")
    return LeafletLine(service.title, where, tuple(picked[k] for k in order if k in picked))


def plan_leaflets(view: PublicCatalog, by: str = "situation") -> list[Leaflet]:
    """A leaflet per life situation (``by="situation"``) or kind, for those with services."""
    if by not in LEAFLET_KINDS:
        raise UsageError(f"setting by={by!r}: expected one of {', '.join(LEAFLET_KINDS)}")
    rows: list[tuple[str, str, str | None, str | None, tuple[str, ...]]]
    if by == "situation":
        ordered = sorted(view.sections, key=lambda s: s.order)
        rows = [(s.key, s.title, s.description, s.where_to_turn, s.services) for s in ordered]
    else:
        rows = [(k.key, k.title, k.plain, None, k.services) for k in view.kinds]
    leaflets = []
    for number, (key, title, description, where, ids) in enumerate(rows, start=1):
        services = view.services_in(ids)
        if services:
            lines = tuple(_line(s) for s in services)
            leaflets.append(Leaflet(key, f"letak-{number}", title, description, where, lines))
    if not leaflets:
        raise UsageError(
            "no leaflet to print: no service of the territory is in any "
            + ("life situation" if by == "situation" else "kind")
        )
    return leaflets


def leaflet_html(
    leaflets: Sequence[Leaflet],
    *,
    title: str,
    territory_name: str | None,
    as_of: dt.date,
    template_dirs: Sequence[Path] = (),
) -> str:
    """The leaflets as one HTML document (``leaflet.html``)."""
    environment = template_environment(PRINT_TEMPLATES, template_dirs)
    return environment.get_template("leaflet.html").render(
        leaflets=leaflets, title=title, territory_name=territory_name, as_of=as_of
    )


def write_leaflets(
    view: PublicCatalog,
    out: Path,
    *,
    title: str,
    territory_name: str | None = None,
    by: str = "situation",
    template_dirs: Sequence[Path] = (),
    progress: Callable[[int, int], None] | None = None,
) -> LeafletReport:
    """Write the leaflets of *view* as one PDF file *out* (replaced only when complete)."""
    target = Path(out)
    if target.is_dir():
        raise UsageError(f"{target} is a folder; expected the PDF file to write")
    started, cpu = time.perf_counter(), time.process_time()
    leaflets = plan_leaflets(view, by)
    html = leaflet_html(
        leaflets,
        title=title,
        territory_name=territory_name,
        as_of=view.as_of or dt.date.today(),
        template_dirs=template_dirs,
    )
    html_seconds, html_cpu = time.perf_counter() - started, time.process_time() - cpu
    expected = 2 * len(leaflets)

    def on_page(page: int) -> None:
        if progress is not None:
            progress(min(page, expected - 1), expected)

    result = print_pdf(
        html, target, template_dirs=template_dirs, stylesheets=(LEAFLET_CSS,), on_page=on_page
    )
    if progress is not None:
        progress(expected, expected)
    return LeafletReport(
        **attrs.asdict(report(result, html_seconds, html_cpu), recurse=False),
        sheets=_sheets(result.anchors, result.pages, leaflets),
    )


def _sheets(anchors: Mapping[str, int], pages: int, leaflets: Sequence[Leaflet]) -> dict[str, int]:
    """Sheets of paper per leaflet, from the pages where the leaflets start."""
    starts = [anchors.get(leaflet.anchor, 1) for leaflet in leaflets] + [pages + 1]
    return {
        leaflet.key: max(1, (starts[n + 1] - starts[n] + 1) // 2)
        for n, leaflet in enumerate(leaflets)
    }
