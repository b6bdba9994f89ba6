"""The printed catalogue as an editable OpenDocument Text (``kpss export odt``).

The same :class:`~kpss.publish.print.book.Book` as the PDF, written with
:class:`~kpss.publish.print.odt.OdtDocument`: a title page, "O katalogu", the table of
contents (filled in, page numbers as fields), a ``Heading 1`` part with a ``Heading 2`` per
section and a ``Heading 3`` card per service (contacts in a table), and the indexes of
providers and obce whose page numbers are page-reference fields to the cards. Text gets the
Czech non-breaking spaces of :func:`~kpss.publish.typography.nbsp`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from kpss.publish.print.book import Book, BookEntry, BookSection, IndexEntry
from kpss.publish.print.card import area_text, description_blocks, extra_facts, form_line
from kpss.publish.print.odt import (
    INDEX,
    INDEX_ENTRY,
    NOTE,
    SUBTITLE,
    TITLE,
    Em,
    Inline,
    Link,
    OdtDocument,
    PageRef,
    Strong,
)
from kpss.publish.print.settings import PrintSettings
from kpss.publish.typography import czech_date, nbsp
from kpss.publish.view import Link as ViewLink
from kpss.publish.view import PublicContact, PublicPlace, PublicRelated

__all__ = ["catalogue_odt", "write_catalogue_odt"]


def _count(number: int, one: str, few: str, many: str) -> str:
    word = one if number == 1 else few if 2 <= number <= 4 else many
    return f"{number} {word}"


def _place(place: PublicPlace) -> str:
    where = place.address
    return f"{place.name}, {where}" if place.name else where


def _contact(contact: PublicContact) -> list[Inline]:
    value: list[Inline] = [Link(contact.value, contact.href)]
    if contact.note:
        value.append(f" ({nbsp(contact.note)})")
    return value


def _fact(label: str, value: str | list[Inline]) -> list[Inline]:
    rest: list[Inline] = [nbsp(value)] if isinstance(value, str) else value
    return [Strong(f"{label}: "), *rest]


def _card(doc: OdtDocument, book: Book, entry: BookEntry, settings: PrintSettings) -> None:
    service = entry.service
    provider = book.view.provider_of(service)
    doc.heading(nbsp(service.title), 3, anchor=entry.target if entry.first else None)
    kind = service.kind.label + (f" · {service.form_labels}" if service.form_labels else "")
    doc.paragraph(nbsp(kind), style=NOTE)
    if service.kind_plain and book.by != "kind":
        doc.paragraph(Em(nbsp(service.kind_plain)))
    if service.offer:
        doc.bullets([nbsp(line) for line in service.offer])
    if service.valid_from:
        doc.paragraph(f"Služba bude poskytována od {czech_date(service.valid_from)}.", style=NOTE)
    ico = f" (IČO\u00a0{provider.ico})" if provider.ico else ""
    doc.paragraph(_fact("Poskytovatel", provider.name + ico))
    who = ", ".join(g.label for g in service.groups)
    if service.ages:
        who += ("; " if who else "") + "věk: " + ", ".join(service.ages)
    if service.age_note:
        who += f" – {service.age_note}"
    if who:
        doc.paragraph(_fact("Pro koho", who))
    for place in service.places:
        doc.paragraph(_fact("Kde", _place(place)))
    area = area_text(service, book.view)
    if area:
        doc.paragraph(_fact("Přijede do", area))
    for form in service.forms:
        doc.paragraph(_fact(form.label.capitalize(), form_line(form) or "forma poskytování"))
    for label, text in extra_facts(service):
        doc.paragraph(_fact(label, text))
    if service.contacts:
        label = "Kontakty poskytovatele" if service.contacts_of_provider else "Kontakty"
        doc.paragraph(Strong(label))
        doc.table(
            [[c.kind, _contact(c)] for c in service.contacts],
            widths=(1, 3),
            name=f"Kontakty {service.id}",
        )
    else:
        doc.paragraph("Registr neuvádí kontakt.", style=NOTE)
    if service.contact_places:
        places = "; ".join(_place(p) for p in service.contact_places)
        doc.paragraph(nbsp(f"Kontaktní adresa: {places}"), style=NOTE)
    for block in description_blocks(service, settings.description):
        if block.kind == "list":
            doc.bullets([nbsp(line) for line in block.lines])
        elif block.kind == "h":
            doc.paragraph(Strong(nbsp(block.lines[0])))
        else:
            doc.paragraph(nbsp(block.lines[0]))
    if service.sign_language:
        doc.paragraph(_sign(service.sign_language))
    if service.related:
        doc.paragraph(Strong("Návazné služby"))
        doc.bullets([_related_line(r) for r in service.related])
    meta = ""
    if service.sections:
        meta = "Pomáhá v situacích: " + "; ".join(s.label for s in service.sections) + ". "
    doc.paragraph(nbsp(meta + f"Registrační číslo: {service.id}"), style=NOTE)


def _sign(video: ViewLink) -> list[Inline]:
    """A sign-language video: its text and, when it may be linked, its address."""
    line: list[Inline] = [nbsp(video.text)]
    if video.href:
        line += [": ", Link(video.href, video.href)]
    return line


def _related_line(related: PublicRelated) -> list[Inline]:
    line: list[Inline] = [Strong(nbsp(related.name))]
    if related.kind:
        line.append(f" ({nbsp(related.kind)})")
    line += [" – ", Em(related.mark)]
    if related.description:
        line.append(f". {nbsp(related.description)}")
    if related.place:
        line.append(f"; {nbsp(related.place.address)}")
    for contact in related.contacts:
        line += [f"; {contact.kind}: ", *_contact(contact)]
    return line


def _related_chapter(doc: OdtDocument, book: Book) -> None:
    doc.page_break()
    doc.heading("Návazné služby", 1, anchor="navazne-sluzby")
    doc.paragraph(
        Em(
            nbsp(
                "Další pomoc v území, která není registrovanou sociální službou podle zákona "
                "o sociálních službách (kluby, poradny, dobrovolníci a další)."
            )
        )
    )
    for related in book.related:
        doc.heading(nbsp(related.name), 2)
        kind = f"{related.kind} · " if related.kind else ""
        doc.paragraph([nbsp(kind), Em(related.mark)], style=NOTE)
        if related.description:
            doc.paragraph(nbsp(related.description))
        if related.offer:
            doc.bullets([nbsp(line) for line in related.offer])
        if related.operator:
            doc.paragraph(_fact("Provozuje", related.operator))
        if related.place:
            doc.paragraph(_fact("Kde", related.place.address))
        if related.area:
            doc.paragraph(_fact("Pro obce", ", ".join(r.label for r in related.area)))
        for label, text in extra_facts(related):
            doc.paragraph(_fact(label, text))
        if related.contacts:
            doc.table([[c.kind, _contact(c)] for c in related.contacts], widths=(1, 3))
        if related.sign_language:
            doc.paragraph(_sign(related.sign_language))


def _reference(doc: OdtDocument, entry: BookEntry) -> None:
    doc.paragraph(
        ["→ ", Link(nbsp(entry.service.title), f"#{entry.target}"), "\t", PageRef(entry.target)],
        style=INDEX,
    )


def _run_in_references(doc: OdtDocument, section: BookSection) -> None:
    refs = [e for e in section.entries if not e.card]
    if not refs:
        return
    label = "Další služby" if len(refs) < len(section.entries) else "Služby"
    line: list[Inline] = [Strong(f"{label} (popis na uvedené straně): ")]
    for number, entry in enumerate(refs):
        if number:
            line.append("; ")
        line += [Link(nbsp(entry.service.title), f"#{entry.target}"), " (s.\u00a0"]
        line += [PageRef(entry.target), ")"]
    doc.paragraph(line)


def _index(doc: OdtDocument, entries: tuple[IndexEntry, ...]) -> None:
    for item in entries:
        name: list[Inline] = [Strong(nbsp(item.name))]
        if item.detail:
            name.append(f" ({item.detail})")
        doc.paragraph(name, style=INDEX)
        for ref in item.refs:
            doc.paragraph(
                [Link(nbsp(ref.label), f"#{ref.target}"), "\t", PageRef(ref.target)],
                style=INDEX_ENTRY,
            )


def catalogue_odt(
    book: Book,
    settings: PrintSettings,
    *,
    generated: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> OdtDocument:
    """The catalogue of *book* as an :class:`OdtDocument` (not yet saved)."""
    view = book.view
    doc = OdtDocument(
        f"{book.title} – {book.territory_name}" if book.territory_name else book.title,
        page=settings.page,
    )
    doc.paragraph(nbsp(book.title), style=TITLE)
    if book.territory_name:
        doc.paragraph(nbsp(book.territory_name), style=SUBTITLE)
    doc.paragraph(nbsp(f"Stav k {czech_date(book.as_of)}"))
    doc.paragraph(
        _count(len(view.services), "služba", "služby", "služeb")
        + " · "
        + _count(len(view.providers), "poskytovatel", "poskytovatelé", "poskytovatelů"),
        style=NOTE,
    )
    doc.page_break()
    doc.heading("O katalogu", 1, anchor="o-katalogu")
    territory = f", které působí v území {book.territory_name}" if book.territory_name else ""
    doc.paragraph(
        nbsp(
            "Katalog uvádí registrované sociální služby podle zákona č. 108/2006 Sb., "
            f"o sociálních službách{territory}. Údaje pocházejí z Registru poskytovatelů "
            f"sociálních služeb MPSV, stav k {czech_date(book.as_of)}."
        )
    )
    doc.paragraph(
        nbsp(
            f"Služby jsou seřazeny v části „{book.part_title}“. Služba, která patří do více "
            "oddílů, je v prvním z nich popsána celá a v dalších je uveden odkaz na stranu "
            "s jejím popisem."
        )
    )
    doc.paragraph(
        f"Vytvořeno {czech_date(generated or dt.date.today())} programem kpss.", style=NOTE
    )
    doc.page_break()
    doc.toc("Obsah", levels=2)
    doc.page_break()
    doc.heading(nbsp(book.part_title), 1, anchor="cast-sluzby")
    total = len(book.sections)
    for done, section in enumerate(book.sections, start=1):
        doc.heading(nbsp(section.title), 2, anchor=section.anchor)
        if section.intro:
            doc.paragraph(Em(nbsp(section.intro)))
        if section.note:
            doc.paragraph([Strong("Kam se obrátit: "), nbsp(section.note)])
        for entry in section.entries:
            if entry.card:
                _card(doc, book, entry, settings)
            elif not book.run_in_references:
                _reference(doc, entry)
        if book.run_in_references:
            _run_in_references(doc, section)
        if progress is not None:
            progress(done, total)
    if book.related:
        _related_chapter(doc, book)
    doc.page_break()
    doc.heading("Rejstřík poskytovatelů", 1, anchor="rejstrik-poskytovatelu")
    _index(doc, book.providers)
    doc.page_break()
    doc.heading("Rejstřík obcí", 1, anchor="rejstrik-obci")
    if book.obce:
        _index(doc, book.obce)
    else:
        doc.paragraph(nbsp("Žádná služba v katalogu neuvádí místo poskytování s obcí."))
    return doc


def write_catalogue_odt(
    book: Book,
    out: Path,
    settings: PrintSettings | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write the catalogue of *book* as an ODT file *out* (replaced only when complete)."""
    settings = settings or PrintSettings()
    return catalogue_odt(book, settings, progress=progress).save(out)
