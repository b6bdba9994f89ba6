"""The printed catalogue as a book: its sections, the cards in them and its two indexes.

:func:`plan_book` arranges a :class:`~kpss.publish.view.PublicCatalog` once for every print
format (the PDF and the ODT read the same :class:`Book`):

* **sections** by target group, kind, obec or life situation (:data:`ARRANGEMENTS`). A
  service appears once in each section it belongs to; its full card is printed where it
  appears first (``repeat=True``: in every section), later appearances are a line that
  points to the card. Services that fit no section are gathered in a last section, so every
  service of the territory is in the book;
* related services that are not registered (návazné služby) get a chapter of their own;
* the **index of providers** and the **index of obce** list, under each name, the services
  with their card's anchor (the print layout adds page numbers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from kpss.errors import UsageError
from kpss.publish.view import PublicCatalog, PublicObec, PublicRelated, PublicService

__all__ = [
    "ARRANGEMENTS",
    "Book",
    "BookEntry",
    "BookSection",
    "IndexEntry",
    "IndexRef",
    "card_anchor",
    "plan_book",
    "short_title",
]

#: Obce named in the title of a section of obce that share their services.
SHARED_TITLE_NAMES = 3
#: ``by`` value → the title of the part that holds the sections.
ARRANGEMENTS: dict[str, str] = {
    "group": "Služby podle cílových skupin",
    "kind": "Služby podle druhu",
    "obec": "Služby podle obcí",
    "situation": "Služby podle životních situací",
}
_REST = {
    "group": "Služby bez určené cílové skupiny",
    "kind": "Ostatní služby",
    "obec": "Služby bez místa v území katalogu",
    "situation": "Další služby",
}


def card_anchor(service: PublicService) -> str:
    """The anchor of a service's full card (an XML name: a letter first)."""
    return f"sluzba-{service.slug}"


@attrs.frozen
class BookEntry:
    """A service in a section: its full ``card`` here, or a line pointing to ``target``."""

    service: PublicService
    card: bool
    target: str
    """The anchor of the full card."""
    first: bool = True
    """The first appearance of the service in the book (the card that carries the anchor)."""


@attrs.frozen
class BookSection:
    """A section of the book (a target group, kind, obec or life situation)."""

    key: str
    title: str
    anchor: str
    entries: tuple[BookEntry, ...]
    intro: str | None = None
    """A short plain text under the heading (a kind's plain description, an obec's ORP)."""
    note: str | None = None
    """Where to turn (a life situation's advice)."""


@attrs.frozen
class IndexRef:
    """One line under an index name: a label and the anchor of the card it points to."""

    label: str
    target: str


@attrs.frozen
class IndexEntry:
    """A name in an index (a provider, an obec) with the services it leads to."""

    name: str
    refs: tuple[IndexRef, ...]
    detail: str | None = None


@attrs.frozen
class Book:
    """Everything a printed catalogue shows, in order."""

    view: PublicCatalog
    title: str
    territory_name: str | None
    as_of: dt.date
    by: str
    part_title: str
    sections: tuple[BookSection, ...]
    providers: tuple[IndexEntry, ...]
    obce: tuple[IndexEntry, ...]
    related: tuple[PublicRelated, ...] = ()
    """Related services that are not registered (návazné služby), for their own chapter."""

    @property
    def run_in_references(self) -> bool:
        """References in one paragraph per section (by obec: a field service reaches many)."""
        return self.by == "obec"

    @property
    def cards(self) -> int:
        """How many full cards the book prints."""
        return sum(e.card for s in self.sections for e in s.entries)


def short_title(service: PublicService) -> str:
    """The title without the provider's name (for lines under that provider in the index)."""
    suffix = f" – {service.provider.label}"
    title = service.title
    if suffix in title:
        title = title.replace(suffix, "", 1)
    return title or service.title


#: A section before its entries: key, title, service ids, intro, where to turn.
_Row = tuple[str, str, tuple[str, ...], str | None, str | None]


def _groups(view: PublicCatalog) -> list[_Row]:
    return [(g.code, g.label, g.services, None, None) for g in view.groups]


def _kinds(view: PublicCatalog) -> list[_Row]:
    return [(k.key, k.label, k.services, k.plain, None) for k in view.kinds]


def _obce(view: PublicCatalog) -> list[_Row]:
    """An obec with a facility of a service gets its own section; obce that only field
    services reach are gathered by the services they share (a kraj-wide service reaches
    hundreds), in the place of the first of them."""
    rows: list[_Row] = []
    shared: dict[tuple[str, ...], list[PublicObec]] = {}
    for obec in view.obce:
        if not obec.in_territory or not obec.services:
            continue
        if obec.located:
            intro = f"ORP {obec.orp}" if obec.orp else None
            rows.append((obec.code, obec.name, obec.services, intro, None))
            continue
        if obec.covering not in shared:
            shared[obec.covering] = []
            rows.append((obec.code, obec.name, obec.covering, None, None))  # a placeholder
        shared[obec.covering].append(obec)
    by_first = {members[0].code: members for members in shared.values()}
    return [_shared_row(row, by_first.get(row[0])) for row in rows]


def _shared_row(row: _Row, members: list[PublicObec] | None) -> _Row:
    if not members:
        return row
    if len(members) == 1:
        obec = members[0]
        return (obec.code, obec.name, obec.covering, f"ORP {obec.orp}" if obec.orp else None, None)
    names = [o.name for o in members]
    more = len(names) - SHARED_TITLE_NAMES
    title = ", ".join(names[:SHARED_TITLE_NAMES]) + (f" a další ({more})" if more > 0 else "")
    intro = "Do těchto obcí přijedou stejné služby: " + ", ".join(names) + "."
    return (members[0].code, title, members[0].covering, intro, None)


def _situations(view: PublicCatalog) -> list[_Row]:
    ordered = sorted(view.sections, key=lambda s: s.order)
    return [(s.key, s.title, s.services, s.description, s.where_to_turn) for s in ordered]


_SOURCES = {"group": _groups, "kind": _kinds, "obec": _obce, "situation": _situations}


def plan_book(
    view: PublicCatalog,
    *,
    title: str,
    territory_name: str | None = None,
    as_of: dt.date | None = None,
    by: str = "group",
    repeat: bool = False,
) -> Book:
    """Arrange *view* into a :class:`Book` with sections *by* group, kind, obec or situation.

    :param as_of: the "stav k" date (default the view's snapshot date, else today).
    :param repeat: print the full card in every section a service is in.
    """
    if by not in _SOURCES:
        raise UsageError(f"setting by={by!r}: expected one of {', '.join(ARRANGEMENTS)}")
    rows = _SOURCES[by](view)
    placed: set[str] = set()
    sections: list[BookSection] = []
    for number, (key, heading, ids, intro, note) in enumerate(rows, start=1):
        entries = _entries(view.services_in(ids), placed, repeat)
        if entries:
            sections.append(BookSection(key, heading, f"oddil-{number}", entries, intro, note))
    rest = [s for i, s in view.services.items() if i not in placed]
    if rest:
        sections.append(
            BookSection("", _REST[by], f"oddil-{len(rows) + 1}", _entries(rest, placed, repeat))
        )
    return Book(
        view=view,
        title=title,
        territory_name=territory_name,
        as_of=as_of or view.as_of or dt.date.today(),
        by=by,
        part_title=ARRANGEMENTS[by],
        sections=tuple(sections),
        providers=_provider_index(view),
        obce=_obec_index(view),
        related=tuple(view.related.values()),
    )


def _entries(
    services: Iterable[PublicService], placed: set[str], repeat: bool
) -> tuple[BookEntry, ...]:
    entries = []
    for service in dict.fromkeys(services):
        first = service.id not in placed
        placed.add(service.id)
        entries.append(BookEntry(service, first or repeat, card_anchor(service), first))
    return tuple(entries)


def _provider_index(view: PublicCatalog) -> tuple[IndexEntry, ...]:
    entries = []
    for provider in view.providers.values():
        refs = [
            IndexRef(short_title(s), card_anchor(s)) for s in view.services_in(provider.services)
        ]
        detail = f"IČO\u00a0{provider.ico}" if provider.ico else None
        entries.append(IndexEntry(provider.name, tuple(refs), detail))
    return tuple(entries)


def _obec_index(view: PublicCatalog) -> tuple[IndexEntry, ...]:
    """Obce where a service has a facility (with a street or not), with those services."""
    entries = []
    for obec in view.obce:
        located: Sequence[PublicService] = view.services_in(obec.located)
        if located:
            refs = tuple(IndexRef(s.title, card_anchor(s)) for s in located)
            entries.append(IndexEntry(obec.name, refs, None if obec.in_territory else "mimo území"))
    return tuple(entries)
