"""``kpss export csv``: the public view as a CSV table, one row per service or per facility.

Columns are listed in :data:`SERVICE_COLUMNS` and :data:`FACILITY_COLUMNS` (English key,
Czech header, what the cell holds); ``docs/user-guide/open-data.md`` documents them.
After the register services come the related services that are not registered
(návazné služby, :class:`RelatedRow`): column ``registered`` says which is which, their
``id`` is their key in the additions file and the register-only columns stay empty. A
list in one cell is joined by ``"; "``. Every cell goes through
:func:`kpss.safe_output.csv_cell`, so no spreadsheet runs a cell as a formula. The
text is UTF-8, with a byte-order mark on request (Excel needs it to read UTF-8).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from kpss.atomic import atomic_text
from kpss.errors import DataError, Location
from kpss.model.catalog import Catalog
from kpss.model.services import NOT_REGISTERED
from kpss.publish.view import (
    PublicCatalog,
    PublicContact,
    PublicPlace,
    PublicRelated,
    PublicService,
)
from kpss.rpss.item_writers import not_unicode_message
from kpss.safe_output import csv_cell

LIST = "; "
DELIMITERS = {",": ",", ";": ";", "tab": "\t"}


@attrs.frozen
class Row:
    """What one row is made of: a service, its place (facility rows) and the whole view."""

    service: PublicService
    view: PublicCatalog
    catalog: Catalog
    place: PublicPlace | None = None


@attrs.frozen
class RelatedRow:
    """A row of a related service that is not registered (návazná služba) and its place."""

    related: PublicRelated
    place: PublicPlace | None = None


@attrs.frozen
class Column:
    """One column: ``key`` (English header), ``header`` (Czech header), the cell's text.

    ``related`` gives the cell of a :class:`RelatedRow`; without it the cell is empty
    (a register-only column such as the paragraph or the capacity).
    """

    key: str
    header: str
    cell: Callable[[Row], str]
    description: str
    related: Callable[[RelatedRow], str] | None = None

    def text(self, row: Row | RelatedRow) -> str:
        """The cell of *row*."""
        if isinstance(row, Row):
            return self.cell(row)
        return self.related(row) if self.related else ""


def _contacts_of(row: Row | RelatedRow) -> tuple[PublicContact, ...]:
    return row.service.contacts if isinstance(row, Row) else row.related.contacts


def _contacts(kind: str) -> Callable[[Row | RelatedRow], str]:
    def cell(row: Row | RelatedRow) -> str:
        return LIST.join(_contact(c) for c in _contacts_of(row) if c.kind == kind)

    return cell


def _webs(row: Row | RelatedRow) -> str:
    """Web addresses as links (``https://`` added); one that cannot be linked is left out."""
    return LIST.join(c.href for c in _contacts_of(row) if c.kind == "web" and c.href)


def _contact(contact: PublicContact) -> str:
    return f"{contact.value} ({contact.note})" if contact.note else contact.value


def _joined(values: Iterable[str]) -> str:
    return LIST.join(v for v in values if v)


def _kind(row: Row, field: str) -> str:
    kind = row.view.kind(row.service.kind.key)
    value = getattr(kind, field) if kind else None
    return str(value) if value else ""


def _ico(row: Row) -> str:
    provider = row.view.providers.get(row.service.provider.key)
    return provider.ico or "" if provider else ""


def _capacity(row: Row) -> str:
    return _joined(f"{form.label}: {c}" for form in row.service.forms for c in form.capacities)


def _hours(row: Row) -> str:
    parts = []
    for form in row.service.forms:
        if form.continuous:
            parts.append(f"{form.label}: nepřetržitě")
        parts += [f"{form.label}: {h.days} {h.times}" for h in form.hours]
    parts += [f"{h.days} {h.times}" for h in row.service.hours]
    return _joined(parts)


def _valid_from(row: Row) -> str:
    raw = row.catalog.service(row.service.id)
    return raw.valid_from.isoformat() if raw and raw.valid_from else ""


def _area(row: Row) -> str:
    names = _joined(r.label for r in row.service.area)
    outside = row.service.area_outside
    if outside:
        more = f"a další obce mimo území ({outside})"
        return f"{names}{LIST}{more}" if names else more
    return names


def _yes(value: bool) -> str:
    return "ano" if value else "ne"


def _place(row: Row | RelatedRow, field: str) -> str:
    place = row.place
    if place is None:
        return ""
    if field == "obec":
        return place.obec.label if place.obec else ""
    if field == "obec_code":
        return place.obec.key if place.obec else ""
    if field == "secret":
        return _yes(place.secret)
    value = getattr(place, field)
    return str(value) if value else ""


def _text(get: Callable[[PublicService], str | None]) -> Callable[[Row], str]:
    return lambda row: get(row.service) or ""


def _related(get: Callable[[PublicRelated], str | None]) -> Callable[[RelatedRow], str]:
    return lambda row: get(row.related) or ""


def _related_hours(row: RelatedRow) -> str:
    return _joined(f"{h.days} {h.times}" for h in row.related.hours)


def _related_fees(related: PublicRelated) -> str:
    return _joined((related.charge or "", related.fees or ""))


def _related_area(row: RelatedRow) -> str:
    return _joined(r.label for r in row.related.area)


REGISTERED = "ano"
NOT_REGISTERED_CELL = f"ne – {NOT_REGISTERED}"
_REGISTERED = Column(
    "registered",
    "Registrovaná",
    lambda _: REGISTERED,
    f"ano: registrovaná sociální služba; ne – {NOT_REGISTERED} (návazná služba)",
    lambda _: NOT_REGISTERED_CELL,
)


_ID = Column(
    "id",
    "Identifikátor",
    _text(lambda s: s.id),
    "identifikátor služby v registru (u návazné služby její klíč v souboru doplňků)",
    _related(lambda r: r.key),
)
_NAME = Column(
    "name",
    "Název",
    _text(lambda s: s.title),
    "název služby (druh a poskytovatel)",
    _related(lambda r: r.name),
)
_KIND = Column(
    "kind",
    "Druh služby",
    lambda r: _kind(r, "name"),
    "druh podle zákona 108/2006 (u návazné služby její druh)",
    _related(lambda r: r.kind),
)
_PROVIDER = Column(
    "provider",
    "Poskytovatel",
    _text(lambda s: s.provider.label),
    "název poskytovatele (u návazné služby provozovatel)",
    _related(lambda r: r.operator),
)
_ICO = Column("provider_ico", "IČO", _ico, "IČO poskytovatele")
_FORMS = Column("forms", "Formy", _text(lambda s: s.form_labels), "formy poskytování")
_PHONES = Column(
    "phones", "Telefony", _contacts("telefon"), "telefony (s poznámkou)", _contacts("telefon")
)
_EMAILS = Column(
    "emails", "E-maily", _contacts("e-mail"), "e-maily (s poznámkou)", _contacts("e-mail")
)
_WEBS = Column("webs", "Weby", _webs, "webové adresy jako odkazy (jen http, https)", _webs)


def _place_column(field: str, key: str, header: str, description: str) -> Column:
    return Column(key, header, lambda r: _place(r, field), description, lambda r: _place(r, field))


SERVICE_COLUMNS: tuple[Column, ...] = (
    _ID,
    _NAME,
    _REGISTERED,
    Column("paragraph", "Paragraf", lambda r: _kind(r, "paragraph"), "§ zákona 108/2006"),
    _KIND,
    Column("category", "Kategorie", lambda r: _kind(r, "category"), "kategorie služeb (§ 32)"),
    _PROVIDER,
    _ICO,
    _FORMS,
    Column(
        "target_groups",
        "Cílové skupiny",
        lambda r: _joined(g.label for g in r.service.groups),
        "cílové skupiny",
    ),
    Column("age_groups", "Věkové skupiny", lambda r: _joined(r.service.ages), "věkové skupiny"),
    Column("age_note", "Upřesnění věku", _text(lambda s: s.age_note), "doplňující údaj k věku"),
    Column(
        "places",
        "Místa poskytování",
        lambda r: _joined(
            f"{p.name}, {p.address}" if p.name else p.address for p in r.service.places
        ),
        "zařízení: název a adresa (u utajené adresy jen obec)",
        _related(lambda r: r.place.address if r.place else None),
    ),
    Column(
        "place_obce",
        "Obce míst poskytování",
        lambda r: _joined(dict.fromkeys(p.obec.label for p in r.service.places if p.obec)),
        "obce zařízení",
        _related(lambda r: r.place.obec.label if r.place and r.place.obec else None),
    ),
    Column("area", "Územní působnost", _area, "obce, které služba pokrývá", _related_area),
    _PHONES,
    _EMAILS,
    _WEBS,
    Column(
        "contacts_of_provider",
        "Kontakty poskytovatele",
        lambda r: _yes(r.service.contacts_of_provider),
        "ano: služba nemá vlastní kontakty, uvedeny jsou kontakty poskytovatele",
    ),
    Column("capacity", "Kapacita", _capacity, "registrovaná kapacita podle forem"),
    Column("hours", "Provozní doba", _hours, "provozní doba podle forem", _related_hours),
    Column(
        "hours_note",
        "Poznámka k provozní době",
        _text(lambda s: s.hours_note),
        "poznámka",
        _related(lambda r: r.hours_note),
    ),
    Column(
        "fees",
        "Úhrada",
        _text(lambda s: s.fees),
        "úhrada (text; u návazné služby i zdarma / za úhradu)",
        _related(_related_fees),
    ),
    Column("valid_from", "Poskytováno od", _valid_from, "první den poskytování (RRRR-MM-DD)"),
    Column(
        "description",
        "Popis",
        _text(lambda s: s.description),
        "popis služby",
        _related(lambda r: r.description),
    ),
)

FACILITY_COLUMNS: tuple[Column, ...] = (
    _ID,
    _NAME,
    _REGISTERED,
    _KIND,
    _PROVIDER,
    _ICO,
    _place_column("name", "facility", "Zařízení", "název zařízení"),
    _place_column("street", "street", "Ulice a číslo", "prázdné u utajené adresy"),
    _place_column("postcode", "postcode", "PSČ", "prázdné u utajené adresy"),
    _place_column("obec", "obec", "Obec", "obec zařízení"),
    _place_column("obec_code", "obec_code", "Kód obce", "kód obce (ČSÚ)"),
    _place_column("secret", "secret", "Adresa neveřejná", "ano: utajená adresa"),
    _FORMS,
    _PHONES,
    _EMAILS,
    _WEBS,
)


def rows(view: PublicCatalog, catalog: Catalog, per: str = "service") -> Iterator[Row | RelatedRow]:
    """The rows of the table: one per service, or one per facility (``per="facility"``),
    then one per related service that is not registered (with its place, if any).

    A service without a facility still has one row (its facility columns empty).
    """
    for service in view.services.values():
        if per == "facility" and service.places:
            for place in service.places:
                yield Row(service, view, catalog, place)
        else:
            yield Row(service, view, catalog)
    for related in view.related.values():
        yield RelatedRow(related, related.place if per == "facility" else None)


def write_csv(
    out: Path,
    table: Iterable[Row | RelatedRow],
    columns: Sequence[Column],
    *,
    headers: str = "cs",
    bom: bool = False,
    delimiter: str = ",",
) -> None:
    """Write the table to *out* (atomically): UTF-8, a BOM when *bom*, CRLF line ends."""
    encoding = "utf-8-sig" if bom else "utf-8"
    with atomic_text(out, encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=DELIMITERS[delimiter])
        writer.writerow(c.header if headers == "cs" else c.key for c in columns)
        for index, row in enumerate(table):
            cells = [csv_cell(column.text(row)) for column in columns]
            identifier = row.service.id if isinstance(row, Row) else row.related.key
            write_row(writer, cells, Location(file=str(out), index=index, identifier=identifier))


def write_row(writer: Any, cells: list[str], where: Location) -> None:
    """One CSV row; text that is not Unicode (a lone surrogate) is a :class:`DataError`
    naming *where* (the output is then left as it was: writers write atomically)."""
    try:
        writer.writerow(cells)
    except UnicodeEncodeError as exc:
        raise DataError(not_unicode_message(exc), where) from exc
