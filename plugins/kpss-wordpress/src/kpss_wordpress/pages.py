"""The pages of a catalogue: one per service, index pages per kind and per target group.

Pages are plain data (:class:`Page`); their HTML bodies are built with lxml so that every
value is escaped. Only public data reaches a page: secret addresses (``utajenaAdresa``)
are never shown, and the model carries no personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from lxml import etree
from lxml.html import builder as E

from kpss import reference
from kpss.model.catalog import Catalog
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.names import fold, sort_key
from kpss.model.services import Facility, Service
from kpss.plugins.records import CatalogueSection

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_HTTP_URL = re.compile(r"^https?://[\w.-]+(:\d+)?(/[^\s\"'<>]*)?$", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(/[^\s\"'<>]*)?$")
MAX_AREA_OBCE = 30


@attrs.define
class Page:
    """A WordPress page: ``slug`` is unique among its siblings, ``parent`` a page key."""

    key: str
    title: str
    slug: str
    body: str
    parent: str | None = None
    order: int = 0
    meta: dict[str, str] = attrs.field(factory=dict)


def slugify(text: str, suffix: str = "") -> str:
    """An ASCII slug (``pecovatelska-sluzba``), with *suffix* appended when given."""
    slug = _SLUG_JUNK.sub("-", fold(text)).strip("-")[:60].strip("-") or "stranka"
    return f"{slug}-{_SLUG_JUNK.sub('-', suffix.lower()).strip('-')}" if suffix else slug


def _html(*elements: Any) -> str:
    return "".join(etree.tostring(e, encoding="unicode", method="html") for e in elements)


def kind_label(service: Service) -> str:
    """``§ 40 pečovatelská služba``; the raw register code when the kind is unknown."""
    if service.kind is None:
        return service.kind_code
    if service.kind.paragraph:
        return f"{service.kind.paragraph} {service.kind.name}"
    return service.kind.name


def code_label(catalog: Catalog, code_id: str) -> str:
    """The label of a code id from the catalogue's code lists; the id itself when unknown."""
    return catalog.label(code_id) or code_id


def address_text(address: Address) -> str:
    """One line of a postal address: street and numbers, postcode and obec."""
    numbers = ""
    if address.house_number is not None:
        numbers = str(address.house_number)
        if address.orientation_number:
            numbers += f"/{address.orientation_number}"
    street = " ".join(p for p in (address.street, numbers) if p)
    obec = None
    if address.obec_code:
        found = reference.territory().obec(address.obec_code)
        obec = found.name if found else None
    place = " ".join(p for p in (address.postcode, obec) if p)
    return ", ".join(p for p in (street, address.supplement, place) if p)


def web_link(value: str) -> str | None:
    """An ``http(s)`` link for a web contact (``www.x.cz`` gets ``https://``), else ``None``."""
    if _HTTP_URL.match(value):
        return value
    if _BARE_DOMAIN.match(value):
        return f"https://{value}"
    return None


def _contact(contact: Contact) -> Any:
    value = contact.value.strip()
    if contact.kind is ContactKind.EMAIL and "@" in value and " " not in value:
        item = E.LI("e-mail: ", E.A(value, href=f"mailto:{value}"))
    elif contact.kind is ContactKind.WEB:
        href = web_link(value)
        item = E.LI("web: ", E.A(value, href=href)) if href else E.LI(f"web: {value}")
    elif contact.kind is ContactKind.PHONE:
        item = E.LI(f"telefon: {value}")
    elif contact.kind is ContactKind.DATA_BOX:
        item = E.LI(f"datová schránka: {value}")
    else:
        item = E.LI(f"fax: {value}")
    if contact.note:
        item.append(E.SPAN(f" ({contact.note})"))
    return item


def _facility(facility: Facility) -> Any:
    item = E.LI(E.STRONG(facility.name or "místo poskytování"))
    if facility.secret_address:
        item.append(E.SPAN(" – adresa není zveřejněna"))
    elif facility.address is not None:
        item.append(E.SPAN(f" – {address_text(facility.address)}"))
    return item


def _list(items: Iterable[Any]) -> Any:
    return E.UL(*items)


def text_blocks(text: str) -> list[Any]:
    """HTML paragraphs and bullet lists of plain text (``- item`` lines become list items)."""
    blocks: list[Any] = []
    bullets: list[Any] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped[:1] in ("-", "•", "*") and stripped[1:2] == " ":
            bullets.append(E.LI(stripped[2:].strip()))
            continue
        if bullets:
            blocks.append(E.UL(*bullets))
            bullets = []
        if stripped:
            blocks.append(E.P(stripped))
    if bullets:
        blocks.append(E.UL(*bullets))
    return blocks


def service_body(service: Service, catalog: Catalog) -> str:
    """The HTML body of a service page."""
    parts: list[Any] = [
        E.P(E.STRONG("Druh služby: "), kind_label(service)),
        E.P(
            E.STRONG("Poskytovatel: "),
            service.provider.name
            + (f" (IČO {service.provider.ico})" if service.provider.ico else ""),
        ),
    ]
    if service.description:
        parts += text_blocks(service.description)
    forms = []
    for form in service.forms:
        label = form.form.label if form.form else form.form_code
        capacity = ", ".join(
            f"{c.count} {code_label(catalog, c.unit)}" for c in form.capacities if c.count
        )
        forms.append(E.LI(label + (f" – kapacita {capacity}" if capacity else "")))
    if forms:
        parts += [E.H2("Formy poskytování"), _list(forms)]
    if service.target_groups:
        parts += [
            E.H2("Pro koho je služba určena"),
            _list(E.LI(code_label(catalog, g)) for g in service.target_groups),
        ]
    ages = [code_label(catalog, a) for a in service.age_groups]
    if ages or service.age_note:
        parts.append(E.P(E.STRONG("Věk: "), "; ".join([*ages, *filter(None, [service.age_note])])))
    if service.facilities:
        parts += [E.H2("Kde službu najdete"), _list(_facility(f) for f in service.facilities)]
    if service.hours_note:
        parts += [E.H2("Provozní doba"), *text_blocks(service.hours_note)]
    if service.fees:
        parts += [E.H2("Úhrady"), *text_blocks(service.fees)]
    if service.contacts:
        parts += [E.H2("Kontakty"), _list(_contact(c) for c in service.contacts)]
    area = sorted(
        (o.name for c in service.service_area if (o := reference.territory().obec(c))),
        key=sort_key,
    )
    if area:
        shown = ", ".join(area[:MAX_AREA_OBCE])
        more = f" a dalších {len(area) - MAX_AREA_OBCE} obcí" if len(area) > MAX_AREA_OBCE else ""
        parts += [E.H2("Působnost"), E.P(shown + more)]
    if service.related_services:
        parts += [
            E.H2("Návazné služby"),
            _list(
                E.LI(r.name + (f" – {r.description}" if r.description else ""))
                for r in service.related_services
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


def build_pages(
    catalog: Catalog,
    plan: PagePlan,
    base_path: str = "",
    sections: Sequence[CatalogueSection] = (),
) -> list[Page]:
    """Every page of the catalogue: root, index pages, kind/group/section pages, services.

    *sections* (life situations from :func:`kpss.plugins.manager.get_catalogue_sections`) get an
    index page "Životní situace" and a page each, when they hold any service. Links
    between pages are site-relative paths (``/katalog/vsechny-sluzby/slug/``) that
    WordPress resolves once the pages are imported with pretty permalinks.
    """
    services = sorted(catalog, key=lambda s: (sort_key(s.title), s.identifier))
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
        slug = slugify(service.title, service.identifier)
        page = Page(
            f"service:{service.identifier}",
            service.title,
            slug,
            service_body(service, catalog),
            "services",
            order,
            {"kpss_identifikator": service.identifier, "kpss_druh": service.kind_code},
        )
        service_pages.append(page)
        links[service.identifier] = (service.title, path("vsechny-sluzby", slug))
    index["services"].body = _index_body(
        f"Katalog obsahuje {len(services)} registrovaných sociálních služeb.",
        [links[s.identifier] for s in services],
    )

    kind_pages: list[Page] = []
    by_kind: dict[str, list[Service]] = {}
    for service in services:
        by_kind.setdefault(service.kind_code, []).append(service)
    kinds = sorted(by_kind.values(), key=lambda group: _kind_order(group[0]))
    used_slugs: set[str] = set()
    for order, group in enumerate(kinds, start=1):
        label = kind_label(group[0])
        slug = slugify(label)
        if slug in used_slugs:
            slug = slugify(label, group[0].kind_code.rpartition("/")[2])
        used_slugs.add(slug)
        kind_pages.append(
            Page(
                f"kind:{group[0].kind_code}",
                label,
                slug,
                _index_body(f"Služby druhu {label}:", [links[s.identifier] for s in group]),
                "kinds",
                order,
                {"kpss_druh": group[0].kind_code},
            )
        )
    index["kinds"].body = _index_body(
        "Služby podle druhu (zákon č. 108/2006 Sb., o sociálních službách):",
        [(p.title, path("druhy-sluzeb", p.slug)) for p in kind_pages],
    )

    group_pages: list[Page] = []
    by_group: dict[str, list[Service]] = {}
    for service in services:
        for code in dict.fromkeys(service.target_groups):
            by_group.setdefault(code, []).append(service)
    groups = sorted(by_group, key=lambda c: (sort_key(code_label(catalog, c)), c))
    used_slugs.clear()
    for order, code in enumerate(groups, start=1):
        label = code_label(catalog, code)
        slug = slugify(label)
        if slug in used_slugs:
            slug = slugify(label, code.rpartition("/")[2])
        used_slugs.add(slug)
        group_pages.append(
            Page(
                f"group:{code}",
                label,
                slug,
                _index_body(
                    f"Služby pro cílovou skupinu {label}:",
                    [links[s.identifier] for s in by_group[code]],
                ),
                "groups",
                order,
                {"kpss_cilova_skupina": code},
            )
        )
    index["groups"].body = _index_body(
        "Služby podle cílové skupiny:",
        [(p.title, path("cilove-skupiny", p.slug)) for p in group_pages],
    )
    section_pages: list[Page] = []
    for order, section in enumerate(sections, start=1):
        members = [s for s in services if section.contains(s)]
        if not members:
            continue
        intro = section.description or f"Služby pro životní situaci „{section.title}“:"
        section_pages.append(
            Page(
                f"section:{section.key}",
                section.title,
                slugify(section.key),
                _index_body(intro, [links[s.identifier] for s in members]),
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


def _kind_order(service: Service) -> tuple[int, str, str]:
    if service.kind is None:
        return (1, "", service.kind_code)
    number = re.match(r"\d+", service.kind.key)
    return (0, f"{int(number.group()):04d}" if number else service.kind.key, service.kind.key)
