"""The pages of a catalogue: one per service, index pages per kind, target group and situation.

Pages are built from kpss's public view (:func:`kpss.publish.public_view`), the one place
that decides what a citizen may see: service titles by kind and provider, secret addresses
as "obec – adresa neveřejná", links only to http, https, mailto and tel, no personal data.
Page bodies are HTML built with lxml, so every value is escaped; titles are escaped for
WordPress too (it prints ``post_title`` as HTML), see :func:`wordpress_title`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from lxml import etree
from lxml.html import builder as E

from kpss.model.names import fold
from kpss.publish import PublicCatalog, PublicContact, PublicPlace, PublicService
from kpss.publish.typography import text_blocks as plain_blocks

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
MAX_AREA_OBCE = 30


@attrs.define
class Page:
    """A WordPress page: ``slug`` is unique among its siblings, ``parent`` a page key.

    ``title`` is plain text; :func:`wordpress_title` gives what goes into ``post_title``.
    """

    key: str
    title: str
    slug: str
    body: str
    parent: str | None = None
    order: int = 0
    meta: dict[str, str] = attrs.field(factory=dict)


def wordpress_title(title: str) -> str:
    """*title* as WordPress's ``post_title``: HTML-escaped, because themes print it as HTML."""
    return html.escape(title, quote=False)


def slugify(text: str, suffix: str = "") -> str:
    """An ASCII slug (``pecovatelska-sluzba``), with *suffix* appended when given."""
    slug = _SLUG_JUNK.sub("-", fold(text)).strip("-")[:60].strip("-") or "stranka"
    return f"{slug}-{_SLUG_JUNK.sub('-', suffix.lower()).strip('-')}" if suffix else slug


def _html(*elements: Any) -> str:
    return "".join(etree.tostring(e, encoding="unicode", method="html") for e in elements)


def text_blocks(text: str | None) -> list[Any]:
    """HTML paragraphs, headings and bullet lists of plain text (``- item`` lines)."""
    result: list[Any] = []
    for block in plain_blocks(text):
        if block.kind == "list":
            result.append(E.UL(*(E.LI(line) for line in block.lines)))
        elif block.kind == "h":
            result.append(E.H3(block.lines[0]))
        else:
            result.append(E.P(block.lines[0]))
    return result


def _contact(contact: PublicContact) -> Any:
    value = E.A(contact.value, href=contact.href) if contact.href else contact.value
    item = E.LI(f"{contact.kind}: ", value)
    if contact.note:
        item.append(E.SPAN(f" ({contact.note})"))
    return item


def _place(place: PublicPlace) -> Any:
    item = E.LI(E.STRONG(place.name or "místo poskytování"))
    if place.address:
        item.append(E.SPAN(f" – {place.address}"))
    return item


def service_body(service: PublicService, view: PublicCatalog) -> str:
    """The HTML body of a service page."""
    provider = view.provider_of(service)
    parts: list[Any] = [E.P(E.STRONG("Druh služby: "), service.kind.label)]
    if service.kind_plain:
        parts.append(E.P(service.kind_plain))
    parts.append(
        E.P(
            E.STRONG("Poskytovatel: "),
            provider.name + (f" (IČO {provider.ico})" if provider.ico else ""),
        )
    )
    if service.sign_language and service.sign_language.href:
        parts.append(E.P(E.A(service.sign_language.text, href=service.sign_language.href)))
    forms = []
    for form in service.forms:
        extra = [f"kapacita {', '.join(form.capacities)}"] if form.capacities else []
        extra += [f"{h.days} {h.times}" for h in form.hours]
        forms.append(E.LI(form.label + (f" – {'; '.join(extra)}" if extra else "")))
    if forms:
        parts += [E.H2("Formy poskytování"), E.UL(*forms)]
    if service.groups:
        parts += [E.H2("Pro koho je služba určena"), E.UL(*(E.LI(g.label) for g in service.groups))]
    ages = [*service.ages, *filter(None, [service.age_note])]
    if ages:
        parts.append(E.P(E.STRONG("Věk: "), "; ".join(ages)))
    if service.places:
        parts += [E.H2("Kde službu najdete"), E.UL(*(_place(p) for p in service.places))]
    if service.hours_note:
        parts += [E.H2("Provozní doba"), *text_blocks(service.hours_note)]
    if service.fees:
        parts += [E.H2("Úhrady"), *text_blocks(service.fees)]
    if service.contacts:
        parts += [E.H2("Kontakty"), E.UL(*(_contact(c) for c in service.contacts))]
    area = [r.label for r in service.area]
    if area:
        shown = ", ".join(area[:MAX_AREA_OBCE])
        more = len(area) - MAX_AREA_OBCE + service.area_outside
        shown += f" a dalších {more} obcí" if more > 0 else ""
        parts += [E.H2("Působnost"), E.P(shown)]
    if service.description:
        parts += [E.H2("O službě"), *text_blocks(service.description)]
    if service.related:
        parts += [
            E.H2("Návazné služby"),
            E.UL(
                *(
                    E.LI(r.name + (f" – {r.description}" if r.description else ""))
                    for r in service.related
                )
            ),
        ]
    return _html(*parts)


def _index_body(intro: str, links: Sequence[tuple[str, str]]) -> str:
    return _html(E.P(intro), E.UL(*(E.LI(E.A(text, href=href)) for text, href in links)))


@attrs.frozen
class PagePlan:
    """Titles and slugs of the fixed pages (Czech by default)."""

    root_title: str = "Katalog sociálních služeb"
    root_slug: str = "katalog-socialnich-sluzeb"
    services_title: str = "Všechny služby"
    kinds_title: str = "Druhy služeb"
    groups_title: str = "Cílové skupiny"
    sections_title: str = "Životní situace"


def _unique(slug: str, used: set[str], suffix: str) -> str:
    if slug in used:
        slug = slugify(slug, suffix)
    used.add(slug)
    return slug


def build_pages(view: PublicCatalog, plan: PagePlan, base_path: str = "") -> list[Page]:
    """Every page of the catalogue: root, index pages, kind/group/section pages, services.

    Sections (life situations) of the view get an index page "Životní situace" and a page
    each, when they hold any service. Links between pages are site-relative paths
    (``/katalog/vsechny-sluzby/slug/``) that WordPress resolves once the pages are imported
    with pretty permalinks.
    """
    services = list(view.services.values())
    root = Page("root", plan.root_title, plan.root_slug, "")
    index = {
        "services": Page("services", plan.services_title, "vsechny-sluzby", "", "root", 1),
        "kinds": Page("kinds", plan.kinds_title, "druhy-sluzeb", "", "root", 2),
        "groups": Page("groups", plan.groups_title, "cilove-skupiny", "", "root", 3),
    }

    def path(*slugs: str) -> str:
        return "/".join([base_path.rstrip("/"), root.slug, *slugs]) + "/"

    service_pages: list[Page] = []
    links: dict[str, tuple[str, str]] = {}
    for order, service in enumerate(services, start=1):
        slug = slugify(service.title, service.id)
        service_pages.append(
            Page(
                f"service:{service.id}",
                service.title,
                slug,
                service_body(service, view),
                "services",
                order,
                {"kpss_identifikator": service.id, "kpss_druh": service.kind.key},
            )
        )
        links[service.id] = (service.title, path("vsechny-sluzby", slug))

    def listed(ids: Iterable[str]) -> list[tuple[str, str]]:
        return [links[i] for i in ids if i in links]

    index["services"].body = _index_body(
        f"Katalog obsahuje {len(services)} registrovaných sociálních služeb.", listed(view.services)
    )
    used: set[str] = set()
    kind_pages = [
        Page(
            f"kind:{kind.key}",
            kind.label,
            _unique(slugify(kind.label), used, kind.slug),
            _index_body(kind.plain or f"Služby druhu {kind.label}:", listed(kind.services)),
            "kinds",
            order,
            {"kpss_druh": kind.key},
        )
        for order, kind in enumerate(view.kinds, start=1)
    ]
    index["kinds"].body = _index_body(
        "Služby podle druhu (zákon č. 108/2006 Sb., o sociálních službách):",
        [(p.title, path("druhy-sluzeb", p.slug)) for p in kind_pages],
    )
    used.clear()
    group_pages = [
        Page(
            f"group:{group.code}",
            group.label,
            _unique(group.slug, used, group.code.rpartition("/")[2]),
            _index_body(f"Služby pro cílovou skupinu {group.label}:", listed(group.services)),
            "groups",
            order,
            {"kpss_cilova_skupina": group.code},
        )
        for order, group in enumerate(view.groups, start=1)
    ]
    index["groups"].body = _index_body(
        "Služby podle cílové skupiny:",
        [(p.title, path("cilove-skupiny", p.slug)) for p in group_pages],
    )
    section_pages: list[Page] = []
    for order, section in enumerate(view.sections, start=1):
        if not section.services:
            continue
        intro = section.description or f"Služby pro životní situaci „{section.title}“:"
        body = _index_body(intro, listed(section.services))
        if section.where_to_turn:
            body += _html(E.P(E.STRONG("Kam se ještě obrátit: "), section.where_to_turn))
        section_pages.append(
            Page(
                f"section:{section.key}",
                section.title,
                section.slug,
                body,
                "sections",
                order,
                {"kpss_sekce": section.key},
            )
        )
    if section_pages:
        index["sections"] = Page(
            "sections",
            plan.sections_title,
            "zivotni-situace",
            _index_body(
                "Nevíte, kterou službu hledat? Začněte svou situací:",
                [(p.title, path("zivotni-situace", p.slug)) for p in section_pages],
            ),
            "root",
            0,
        )
    root.body = _index_body(
        f"Přehled {len(services)} registrovaných sociálních služeb.",
        [(p.title, path(p.slug)) for p in sorted(index.values(), key=lambda p: p.order)],
    )
    return [root, *index.values(), *kind_pages, *group_pages, *section_pages, *service_pages]
