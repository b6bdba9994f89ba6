"""The public view of a catalogue: what a citizen may see, shared by every public output.

:func:`public_view` turns a :class:`~kpss.model.catalog.Catalog` (enriched by plugins) into
a :class:`PublicCatalog` of plain, frozen records. Exporters (web, fragments, print, open
data, WordPress) read only this view, so the rules live here once:

* **titles**: the register has no service names; a service is called by its kind and its
  provider ("Pečovatelská služba – Město Kralovice"), with the facility (then the obec)
  added where several services would read alike; a name added by a plugin wins;
* **secret addresses fail closed**: a facility is secret unless ``secret_address is False``;
  a secret facility shows its obec (when known) and "adresa neveřejná", never a street or a
  postcode, and a service with a secret facility shows no street of its contact addresses;
* **no personal data**: statutory bodies and facility heads are not in the model and the
  view adds none; a provider's seat is shown as its obec only (a natural person's seat is
  a home address);
* **links**: only http, https, mailto and tel (:mod:`kpss.publish.urls`);
* **no raw code ids**: a target or age group that no loaded code list labels is left out
  (kpss invents no label; ``kpss export`` warns and asks for the official code lists);
* **Czech order** everywhere a list is ordered (:mod:`kpss.publish.typography`); kinds
  follow the order of the Act.

Ways in are precomputed: by kind, target group, obec (a facility there, or a service that
covers it; every obec of the territory is listed, with services nearby when it has none)
and life situation (:class:`~kpss.plugins.records.CatalogueSection`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from kpss import reference
from kpss.model.catalog import Catalog
from kpss.model.codes import DEN_V_TYDNU
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.law import ServiceKind
from kpss.model.names import fold
from kpss.model.services import (
    LANGUAGES,
    NOT_REGISTERED,
    REGISTER_SOURCE,
    Accessibility,
    Capacity,
    Facility,
    FormOfProvision,
    OpeningHours,
    Photo,
    RelatedService,
    Service,
)
from kpss.model.territory import Area, Obec, Territory
from kpss.plugins.records import CatalogueSection
from kpss.publish.texts import kind_texts
from kpss.publish.typography import czech_key
from kpss.publish.urls import email_href, phone_href, web_href

__all__ = [
    "SECRET_ADDRESS",
    "SIGN_LANGUAGE_DOCUMENT",
    "Link",
    "PublicAccessibility",
    "PublicCatalog",
    "PublicContact",
    "PublicForm",
    "PublicGroup",
    "PublicHours",
    "PublicKind",
    "PublicObec",
    "PublicPhoto",
    "PublicPlace",
    "PublicProvider",
    "PublicRelated",
    "PublicSection",
    "PublicService",
    "Ref",
    "public_view",
    "slugify",
]

SECRET_ADDRESS = "adresa neveřejná"
#: ``Document.kind`` of a link to a video in Czech sign language (added by local data).
SIGN_LANGUAGE_DOCUMENT = "sign-language"
_DAYS = ("Po", "Út", "St", "Čt", "Pá", "So", "Ne")
_CONTACT_LABELS = {
    ContactKind.PHONE: "telefon",
    ContactKind.EMAIL: "e-mail",
    ContactKind.WEB: "web",
    ContactKind.FAX: "fax",
    ContactKind.DATA_BOX: "datová schránka",
}
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_COUNT_PREFIX = re.compile(r"^počet\s+", re.IGNORECASE)


def slugify(text: str, limit: int = 60) -> str:
    """An ASCII slug for a file name or URL (``pecovatelska-sluzba``); never empty."""
    slug = _SLUG_JUNK.sub("-", fold(text)).strip("-")[:limit].strip("-")
    return slug or "x"


# -- records -------------------------------------------------------------------------------


@attrs.frozen
class Ref:
    """A named thing with a page of its own: ``key`` identifies it, ``slug`` names its page."""

    key: str
    label: str
    slug: str


@attrs.frozen
class Link:
    """A link a citizen may follow; ``href`` is ``None`` when the value is shown as text."""

    text: str
    href: str | None


@attrs.frozen
class PublicContact:
    """A contact: ``kind`` is a Czech label (``telefon``, ``e-mail``, ``web`` …)."""

    kind: str
    value: str
    href: str | None = None
    note: str | None = None


@attrs.frozen
class PublicPlace:
    """Where a service is provided (a facility) or can be contacted.

    ``street`` and ``postcode`` are ``None`` for a secret address; ``obec`` stays.
    """

    name: str
    obec: Ref | None
    street: str | None = None
    postcode: str | None = None
    secret: bool = False

    @property
    def address(self) -> str:
        """One line: ``U Stadionu 650/95, 301 00 Plzeň``; ``Plzeň – adresa neveřejná``."""
        obec = self.obec.label if self.obec else None
        if self.secret:
            return f"{obec} – {SECRET_ADDRESS}" if obec else SECRET_ADDRESS
        place = " ".join(p for p in (self.postcode, obec) if p)
        return ", ".join(p for p in (self.street, place) if p)


@attrs.frozen
class PublicHours:
    """Opening hours of some days: ``days`` ``Po–Pá``, ``times`` ``8:00–12:00, 13:00–16:00``."""

    days: str
    times: str


@attrs.frozen
class PublicForm:
    """A form of provision (``terénní``) with its hours and registered capacity."""

    label: str
    code: str
    continuous: bool | None = None
    hours: tuple[PublicHours, ...] = ()
    capacities: tuple[str, ...] = ()


@attrs.frozen
class PublicAccessibility:
    """Access for people with disabilities; ``None`` means not known (say nothing)."""

    barrier_free: bool | None = None
    hearing_loop: bool | None = None
    note: str | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """Czech lines to show: ``Bezbariérový přístup``, ``Indukční smyčka``, the note."""
        found = []
        if self.barrier_free is not None:
            found.append(
                "Bezbariérový přístup" if self.barrier_free else "Bez bezbariérového přístupu"
            )
        if self.hearing_loop:
            found.append("Indukční smyčka pro nedoslýchavé")
        if self.note:
            found.append(self.note)
        return tuple(found)


@attrs.frozen
class PublicPhoto:
    """A picture: ``href`` for one on the web (http/https only), ``file`` for a local one
    (an absolute path the web export copies next to its pages; other outputs may embed or
    skip it); ``media_type`` such as ``image/jpeg`` for a local one."""

    caption: str
    href: str | None = None
    file: str | None = None
    media_type: str | None = None


@attrs.frozen
class PublicRelated:
    """A related service that is not registered (návazná služba).

    Every output shows ``mark`` (:data:`~kpss.model.services.NOT_REGISTERED`, "není
    registrovaná sociální služba") with it. ``key`` is its key in the additions file (a
    page slug); ``place`` its address; ``area`` the obce it serves (Czech order).
    """

    name: str
    description: str | None = None
    contacts: tuple[PublicContact, ...] = ()
    key: str | None = None
    slug: str = ""
    kind: str | None = None
    """The Czech kind (``klub seniorů``)."""
    operator: str | None = None
    place: PublicPlace | None = None
    area: tuple[Ref, ...] = ()
    offer: tuple[str, ...] = ()
    hours: tuple[PublicHours, ...] = ()
    hours_note: str | None = None
    charge: str | None = None
    fees: str | None = None
    languages: tuple[str, ...] = ()
    accessibility: PublicAccessibility | None = None
    sign_language: Link | None = None
    photos: tuple[PublicPhoto, ...] = ()
    registered: bool = False
    mark: str = NOT_REGISTERED


@attrs.frozen
class PublicService:
    """One service as a citizen sees it. Lists are in Czech order."""

    id: str
    slug: str
    title: str
    kind: Ref
    provider: Ref
    kind_plain: str | None = None
    forms: tuple[PublicForm, ...] = ()
    groups: tuple[Ref, ...] = ()
    ages: tuple[str, ...] = ()
    age_note: str | None = None
    places: tuple[PublicPlace, ...] = ()
    area: tuple[Ref, ...] = ()
    """Obce the service covers (územní působnost), Czech order."""
    area_outside: int = 0
    """How many covered obce have no page (outside the territory and the code lists)."""
    contacts: tuple[PublicContact, ...] = ()
    contacts_of_provider: bool = False
    """The service has no contacts of its own; ``contacts`` are the provider's."""
    contact_places: tuple[PublicPlace, ...] = ()
    hours_note: str | None = None
    fees: str | None = None
    description: str | None = None
    links: tuple[Link, ...] = ()
    """Documents and photos (linked only when their URL is http or https)."""
    sign_language: Link | None = None
    related: tuple[PublicRelated, ...] = ()
    sections: tuple[Ref, ...] = ()
    valid_from: dt.date | None = None
    offer: tuple[str, ...] = ()
    """What the service offers, in plain words (local additions)."""
    hours: tuple[PublicHours, ...] = ()
    """Opening hours of the service as a whole (local additions); forms have their own."""
    charge: str | None = None
    """``zdarma`` or ``za úhradu`` (``fees`` has the details)."""
    languages: tuple[str, ...] = ()
    """Czech names of the languages (``čeština``, ``český znakový jazyk``)."""
    accessibility: PublicAccessibility | None = None
    photos: tuple[PublicPhoto, ...] = ()
    """Every photo (web ones are also in ``links``, as before)."""
    sources: tuple[tuple[str, str], ...] = ()
    """Fields set by local additions → ``doplňky FILE:LINE`` (see :meth:`source`)."""

    def source(self, field: str) -> str:
        """Where a shown field comes from: ``registr`` or ``doplňky doplnky.yaml:12``."""
        return next((label for name, label in self.sources if name == field), REGISTER_SOURCE)

    @property
    def form_labels(self) -> str:
        """``terénní, ambulantní``."""
        return ", ".join(f.label for f in self.forms)

    @property
    def summary(self) -> str:
        """One line under the title: kind, forms and where."""
        where = [p.obec.label for p in self.places if p.obec]
        parts = [self.kind.label, self.form_labels, ", ".join(dict.fromkeys(where))]
        return " · ".join(p for p in parts if p)


@attrs.frozen
class PublicProvider:
    """A provider with all its services in the view; ``seat`` is the obec of its seat only."""

    key: str
    slug: str
    name: str
    ico: str | None = None
    seat: Ref | None = None
    contacts: tuple[PublicContact, ...] = ()
    services: tuple[str, ...] = ()


@attrs.frozen
class PublicKind:
    """A kind of service: ``label`` ``§ 40 pečovatelská služba``, ``title`` one service's name."""

    key: str
    slug: str
    name: str
    label: str
    title: str
    paragraph: str | None = None
    category: str | None = None
    plain: str | None = None
    plain_source: str | None = None
    services: tuple[str, ...] = ()


@attrs.frozen
class PublicGroup:
    """A target group (cílová skupina) with its services."""

    code: str
    slug: str
    label: str
    services: tuple[str, ...] = ()


@attrs.frozen
class PublicObec:
    """An obec: services with a facility there, services covering it, and help nearby.

    ``nearby`` (for an obec without services) are the services of the obce of its ORP.
    ``in_territory`` is false for an obec outside the exported territory that has a
    facility of a service in the catalogue.
    """

    code: str
    slug: str
    name: str
    orp: str | None = None
    okres: str | None = None
    population: int | None = None
    in_territory: bool = True
    located: tuple[str, ...] = ()
    covering: tuple[str, ...] = ()
    nearby: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    """Keys of the related (not registered) services located in or serving the obec."""

    @property
    def services(self) -> tuple[str, ...]:
        """Located services first, then those covering the obec."""
        return self.located + self.covering


@attrs.frozen
class PublicSection:
    """A life situation or other catalogue section with its services."""

    key: str
    slug: str
    title: str
    description: str | None = None
    where_to_turn: str | None = None
    services: tuple[str, ...] = ()
    order: int = 100


@attrs.frozen
class PublicCatalog:
    """Everything a public output may show, ready to render (see the module docstring)."""

    services: Mapping[str, PublicService]
    """By identifier, in Czech order of titles."""
    providers: Mapping[str, PublicProvider]
    """By provider key (IČO), in Czech order of names."""
    kinds: tuple[PublicKind, ...] = ()
    groups: tuple[PublicGroup, ...] = ()
    obce: tuple[PublicObec, ...] = ()
    sections: tuple[PublicSection, ...] = ()
    territory: Ref | None = None
    as_of: dt.date | None = None
    """The "stav k" date of the data (the register snapshot date when known)."""
    source: str | None = None
    related: Mapping[str, PublicRelated] = attrs.field(factory=dict)
    """Related services that are not registered, by key, in Czech order of names."""

    def services_in(self, ids: Iterable[str]) -> list[PublicService]:
        """The services with these identifiers (unknown ones skipped), in the given order."""
        return [self.services[i] for i in ids if i in self.services]

    def provider_of(self, service: PublicService) -> PublicProvider:
        """The provider of *service*."""
        return self.providers[service.provider.key]

    def kind(self, key: str) -> PublicKind | None:
        """A kind by key (``"40"``) or, for an unknown kind, its register code."""
        return next((k for k in self.kinds if k.key == key), None)

    def obec(self, code: str) -> PublicObec | None:
        """An obec by code."""
        return next((o for o in self.obce if o.code == code), None)


# -- building ------------------------------------------------------------------------------


def public_view(
    catalog: Catalog,
    territory_area: Area | None = None,
    sections: Sequence[CatalogueSection] | None = None,
    *,
    on: dt.date | None = None,
    territory: Territory | None = None,
) -> PublicCatalog:
    """The public view of *catalog*.

    :param territory_area: the exported territory (an ORP, a preset, a kraj as an
        :class:`~kpss.model.territory.Area`); every obec of it gets a
        :class:`PublicObec`, also one without services. Without it, the obce where a
        service has a facility or which a service covers.
    :param sections: catalogue sections (life situations); ``None`` takes the sections
        plugins register (:func:`kpss.plugins.manager.get_catalogue_sections`).
    :param on: services and facilities ended before this day are left out (``None``: all
        are kept; the import filter already chose them). A service that starts later than
        *on* (else the snapshot date, else today) says from when it is provided.
    :param territory: territorial units for obec names (default the packaged territory).
    """
    if sections is None:
        from kpss.plugins.manager import get_catalogue_sections

        sections = get_catalogue_sections()
    return _Builder(catalog, territory or reference.territory(), on).build(territory_area, sections)


def _active(valid_to: dt.date | None, on: dt.date | None) -> bool:
    return on is None or valid_to is None or valid_to >= on


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Builder:
    """One run of :func:`public_view` (caches obec refs and kinds)."""

    def __init__(self, catalog: Catalog, territory: Territory, on: dt.date | None) -> None:
        self.catalog = catalog
        self.territory = territory
        self.on = on
        self.today = on or catalog.snapshot_date or dt.date.today()
        self.raw = [s for s in catalog if _active(s.valid_to, self.on)]
        self.kind_refs: dict[str, PublicKind] = {}
        self.obec_refs: dict[str, Ref | None] = {}
        self.group_slugs: dict[str, str] = {}
        self.form_cache: dict[FormOfProvision, PublicForm] = {}
        self.contact_cache: dict[Contact, PublicContact] = {}
        self.group_cache: dict[tuple[str, ...], tuple[Ref, ...]] = {}
        self.labels: dict[str, str] = {}
        self.provider_slugs: dict[str, str] = {}

    # -- small pieces -------------------------------------------------------------------
    def obec_ref(self, code: str | None) -> Ref | None:
        if not code:
            return None
        if code not in self.obec_refs:
            obec = self.territory.obec(code)
            self.obec_refs[code] = Ref(code, obec.name, code) if obec else None
        return self.obec_refs[code]

    def kind_of(self, service: Service) -> PublicKind:
        code = service.kind_code
        found = self.kind_refs.get(code)
        if found is None:
            found = self.kind_refs[code] = self._kind(service.kind, code)
        return found

    def _kind(self, kind: ServiceKind | None, code: str) -> PublicKind:
        if kind is None:
            name = self.catalog.label(code) or f"druh služby {code}"
            suffix = code.rpartition("/")[2]
            return PublicKind(code, f"kod-{slugify(suffix)}", name, name, _capitalised(name))
        text = kind_texts().get(kind.key)
        return PublicKind(
            key=kind.key,
            slug=slugify(kind.key),
            name=kind.name,
            label=kind.label,
            title=(text.title if text and text.title else None) or _capitalised(kind.name),
            paragraph=kind.paragraph,
            category=kind.category.label if kind.category else None,
            plain=text.plain if text else None,
            plain_source=text.source if text else None,
        )

    def labelled(self, code: str) -> bool:
        """Whether a loaded code list labels *code*: an id without a label is never shown
        to citizens (kpss invents no label, and a raw id means nothing to them)."""
        return self.group_label(code) != code

    def group_label(self, code: str) -> str:
        found = self.labels.get(code)
        if found is None:
            found = self.labels[code] = self.catalog.label(code) or code
        return found

    def group_refs(self, codes: Iterable[str]) -> tuple[Ref, ...]:
        key = tuple(codes)
        found = self.group_cache.get(key)
        if found is None:
            refs = (
                Ref(g, self.group_label(g), self.group_slugs.get(g, ""))
                for g in dict.fromkeys(key)
                if self.labelled(g)
            )
            found = self.group_cache[key] = tuple(sorted(refs, key=lambda r: czech_key(r.label)))
        return found

    def contact(self, contact: Contact) -> PublicContact:
        found = self.contact_cache.get(contact)
        if found is None:
            found = self.contact_cache[contact] = self._contact(contact)
        return found

    def _contact(self, contact: Contact) -> PublicContact:
        value = " ".join(contact.value.split())
        href = None
        if contact.kind is ContactKind.WEB:
            href = web_href(value)
        elif contact.kind is ContactKind.EMAIL:
            href = email_href(value)
        elif contact.kind is ContactKind.PHONE:
            href = phone_href(value)
        return PublicContact(_CONTACT_LABELS[contact.kind], value, href, contact.note or None)

    def place(self, name: str, address: Address | None, secret: bool) -> PublicPlace:
        obec = self.obec_ref(address.obec_code if address else None)
        if secret or address is None:
            return PublicPlace(name, obec, secret=secret)
        postcode = address.postcode
        if postcode and len(postcode) == 5 and postcode.isdigit():
            postcode = f"{postcode[:3]} {postcode[3:]}"
        return PublicPlace(name, obec, _street(address), postcode, False)

    def facility(self, facility: Facility) -> PublicPlace:
        secret = facility.secret_address is not False  # fail closed
        return self.place(facility.name.strip(), facility.address, secret)

    def forms(self, service: Service) -> tuple[PublicForm, ...]:
        result = []
        for form in service.forms:
            found = self.form_cache.get(form)
            if found is None:
                found = self.form_cache[form] = self._form(form)
            result.append(found)
        return tuple(result)

    def _form(self, form: FormOfProvision) -> PublicForm:
        label = form.form.label if form.form else (self.catalog.label(form.form_code) or "")
        return PublicForm(
            label=label or form.form_code,
            code=form.form_code,
            continuous=form.continuous,
            hours=_hours(form.hours, self.catalog),
            capacities=tuple(
                text for c in form.capacities if (text := self._capacity(c)) is not None
            ),
        )

    def _capacity(self, capacity: Capacity) -> str | None:
        if capacity.count is None:
            return None
        unit = self.catalog.label(capacity.unit)
        noun = _COUNT_PREFIX.sub("", unit) if unit else capacity.unit.rpartition("/")[2]
        return f"{capacity.count} {noun}"

    # -- services -----------------------------------------------------------------------
    def service(
        self,
        service: Service,
        title: str,
        sections: Sequence[Ref],
        pages: frozenset[str],
    ) -> PublicService:
        places = tuple(self.facility(f) for f in service.facilities if _active(f.valid_to, self.on))
        any_secret = any(f.secret_address is not False for f in service.facilities)
        contacts = tuple(self.contact(c) for c in service.shown_contacts())
        of_provider = not contacts
        if of_provider:
            contacts = tuple(self.contact(c) for c in service.provider.contacts)
        area_refs = [r for c in service.service_area if (r := self.obec_ref(c)) and c in pages]
        area = tuple(sorted(area_refs, key=lambda r: (czech_key(r.label), r.key)))
        links: list[Link] = []
        sign: Link | None = None
        for document in service.documents:
            link = Link(document.title or document.kind, web_href(document.url))
            if document.kind == SIGN_LANGUAGE_DOCUMENT:
                sign = Link(document.title or "Video ve znakovém jazyce", link.href)
            else:
                links.append(link)
        links += [Link(p.caption or "Fotografie", web_href(p.url)) for p in service.photos if p.url]
        sign = _sign_video(service.sign_language_video) or sign
        kind = self.kind_of(service)
        return PublicService(
            id=service.identifier,
            slug=slugify(service.identifier, 40),
            title=title,
            kind=Ref(kind.key, kind.label, kind.slug),
            provider=Ref(
                service.provider.key,
                service.provider.name,
                self.provider_slugs[service.provider.key],
            ),
            kind_plain=kind.plain,
            forms=self.forms(service),
            groups=self.group_refs(service.target_groups),
            ages=tuple(
                self.group_label(a) for a in dict.fromkeys(service.age_groups) if self.labelled(a)
            ),
            age_note=service.age_note or None,
            places=places,
            area=area,
            area_outside=len(service.service_area) - len(area),
            contacts=contacts,
            contacts_of_provider=of_provider and bool(contacts),
            contact_places=tuple(
                self.place("", a, any_secret) for a in dict.fromkeys(service.contact_addresses)
            ),
            hours_note=service.hours_note or None,
            fees=service.fees or None,
            description=service.description or None,
            links=tuple(links),
            sign_language=sign,
            related=tuple(self.related(r, pages) for r in service.related_services),
            sections=tuple(sections),
            valid_from=service.valid_from
            if service.valid_from and service.valid_from > self.today
            else None,
            offer=service.offer,
            hours=_hours(service.opening_hours, self.catalog),
            charge=service.charge.label if service.charge else None,
            languages=_languages(service.languages),
            accessibility=_accessibility(service.accessibility),
            photos=tuple(_photo(p) for p in service.photos),
            sources=_sources(service),
        )

    def related(self, related: RelatedService, pages: frozenset[str]) -> PublicRelated:
        """A related (not registered) service as the public may see it."""
        area = [r for c in related.obce if (r := self.obec_ref(c)) and c in pages]
        return PublicRelated(
            name=related.name,
            description=related.description,
            contacts=tuple(self.contact(c) for c in related.contacts),
            key=related.key,
            slug=slugify(related.key or related.name),
            kind=related.kind_label,
            operator=related.operator,
            place=self.place(related.name, related.address, False) if related.address else None,
            area=tuple(sorted(area, key=lambda r: (czech_key(r.label), r.key))),
            offer=related.offer,
            hours=_hours(related.opening_hours, self.catalog),
            hours_note=related.hours_note,
            charge=related.charge.label if related.charge else None,
            fees=related.fees,
            languages=_languages(related.languages),
            accessibility=_accessibility(related.accessibility),
            sign_language=_sign_video(related.sign_language_video),
            photos=tuple(_photo(p) for p in related.photos),
        )

    def titles(self) -> dict[str, str]:
        """Titles of the services, made distinct where kind and provider read alike."""
        base: dict[str, str] = {}
        for service in self.raw:
            if service.name:
                base[service.identifier] = service.name.strip()
            else:
                kind = self.kind_of(service)
                base[service.identifier] = f"{kind.title} – {service.provider.name}"
        by_title: dict[str, list[Service]] = defaultdict(list)
        for service in self.raw:
            by_title[fold(base[service.identifier])].append(service)
        titles = dict(base)
        for group in by_title.values():
            if len(group) < 2:
                continue
            for qualify in (self._facility_name, self._obec_name, _identifier):
                for service in group:
                    extra = qualify(service)
                    titles[service.identifier] = (
                        f"{base[service.identifier]} ({extra})"
                        if extra
                        else titles[service.identifier]
                    )
                if len({fold(titles[s.identifier]) for s in group}) == len(group):
                    break
        return titles

    def _facility_name(self, service: Service) -> str | None:
        return next((f.name.strip() for f in service.facilities if f.name.strip()), None)

    def _obec_name(self, service: Service) -> str | None:
        names = [
            ref.label
            for f in service.facilities
            if (ref := self.obec_ref(f.address.obec_code if f.address else None))
        ]
        return ", ".join(dict.fromkeys(names)) or None

    # -- the whole view -----------------------------------------------------------------
    def build(self, area: Area | None, sections: Sequence[CatalogueSection]) -> PublicCatalog:
        raw = self.raw
        titles = self.titles()
        order = sorted(raw, key=lambda s: (czech_key(titles[s.identifier]), s.identifier))
        ids = [s.identifier for s in order]

        # groups (slugs first: services refer to them)
        by_group: dict[str, list[str]] = defaultdict(list)
        for service in order:
            for code in dict.fromkeys(service.target_groups):
                if self.labelled(code):
                    by_group[code].append(service.identifier)
        group_codes = sorted(by_group, key=lambda c: (czech_key(self.group_label(c)), c))
        used: set[str] = set()
        for code in group_codes:
            slug = slugify(self.group_label(code))
            if slug in used:
                slug = f"{slug}-{slugify(code.rpartition('/')[2])}"
            used.add(slug)
            self.group_slugs[code] = slug

        # obce: the territory's, and those with a facility of a service
        located: dict[str, list[str]] = defaultdict(list)
        covering: dict[str, list[str]] = defaultdict(list)
        for service in order:
            here = {
                f.address.obec_code
                for f in service.facilities
                if f.address and f.address.obec_code and _active(f.valid_to, self.on)
            }
            for code in sorted(here):
                located[code].append(service.identifier)
            for code in service.service_area - here:
                covering[code].append(service.identifier)
        in_territory = set(area.obec_codes) if area else set(located) | set(covering)
        page_codes = {c for c in in_territory | set(located) if self.territory.obec(c)}
        pages = frozenset(page_codes)

        # sections
        section_refs: dict[str, list[Ref]] = defaultdict(list)
        public_sections: list[PublicSection] = []
        used.clear()
        for section in sections:
            slug = slugify(section.key)
            if slug in used:
                slug = f"{slug}-{len(used)}"
            used.add(slug)
            members = tuple(s.identifier for s in order if section.contains(s))
            ref = Ref(section.key, section.title, slug)
            for ident in members:
                section_refs[ident].append(ref)
            public_sections.append(
                PublicSection(
                    key=section.key,
                    slug=slug,
                    title=section.title,
                    description=section.description,
                    where_to_turn=_where_to_turn(section),
                    services=members,
                    order=section.order,
                )
            )

        # providers
        provider_services: dict[str, list[str]] = defaultdict(list)
        for service in order:
            provider_services[service.provider.key].append(service.identifier)
        providers_raw = {s.provider.key: s.provider for s in order}
        provider_order = sorted(providers_raw.values(), key=lambda p: (czech_key(p.name), p.key))
        providers: dict[str, PublicProvider] = {}
        used.clear()
        for provider in provider_order:
            slug = provider.ico or slugify(provider.name)
            if slug in used:
                slug = f"{slug}-{len(used)}"
            used.add(slug)
            providers[provider.key] = PublicProvider(
                key=provider.key,
                slug=slug,
                name=provider.name,
                ico=provider.ico,
                seat=self.obec_ref(provider.seat.obec_code if provider.seat else None),
                contacts=tuple(self.contact(c) for c in provider.contacts),
                services=tuple(provider_services[provider.key]),
            )
        self.provider_slugs = {key: p.slug for key, p in providers.items()}
        services = {
            s.identifier: self.service(s, titles[s.identifier], section_refs[s.identifier], pages)
            for s in order
        }

        # kinds, in the order of the Act, unknown kinds last
        by_kind: dict[str, list[str]] = defaultdict(list)
        for service in order:
            by_kind[service.kind_code].append(service.identifier)
        law_order = {k.key: n for n, k in enumerate(reference.law())}
        kinds = sorted(
            (
                attrs.evolve(self.kind_refs[code], services=tuple(members))
                for code, members in by_kind.items()
            ),
            key=lambda k: (law_order.get(k.key, len(law_order)), k.key),
        )

        groups = tuple(
            PublicGroup(code, self.group_slugs[code], self.group_label(code), tuple(by_group[code]))
            for code in group_codes
        )

        related_order = sorted(
            self.catalog.related.values(), key=lambda r: (czech_key(r.name), r.key or "")
        )
        related = {r.key or r.name: self.related(r, pages) for r in related_order}
        related_in: dict[str, list[str]] = defaultdict(list)
        for item in related_order:
            for code in sorted(item.all_obce()):
                related_in[code].append(item.key or item.name)
        obce = tuple(
            attrs.evolve(o, related=tuple(related_in[o.code])) if o.code in related_in else o
            for o in self._obce(page_codes, in_territory, located, covering, ids)
        )
        territory_ref = Ref(area.key, area.name, slugify(area.key)) if area else None
        return PublicCatalog(
            services=services,
            providers=providers,
            kinds=tuple(kinds),
            groups=groups,
            obce=obce,
            sections=tuple(public_sections),
            territory=territory_ref,
            as_of=self.catalog.snapshot_date,
            source=self.catalog.source,
            related=related,
        )

    def _obce(
        self,
        codes: set[str],
        in_territory: set[str],
        located: Mapping[str, list[str]],
        covering: Mapping[str, list[str]],
        ids: Sequence[str],
    ) -> tuple[PublicObec, ...]:
        found: list[Obec] = [o for c in codes if (o := self.territory.obec(c)) is not None]
        nearby_cache: dict[str, tuple[str, ...]] = {}

        def nearby(orp_code: str) -> tuple[str, ...]:
            if orp_code not in nearby_cache:
                orp = self.territory.orp_by_code(orp_code)
                members = self.territory.obec_codes(orp) if orp else frozenset()
                seen: dict[str, None] = {}
                for code in members:
                    for ident in (*located.get(code, ()), *covering.get(code, ())):
                        seen[ident] = None
                nearby_cache[orp_code] = tuple(sorted(seen, key=lambda i: rank.get(i, 0)))
            return nearby_cache[orp_code]

        rank = {ident: n for n, ident in enumerate(ids)}
        result = []
        for obec in sorted(found, key=lambda o: (czech_key(o.name), o.code)):
            here = tuple(located.get(obec.code, ()))
            cover = tuple(covering.get(obec.code, ()))
            orp = self.territory.orp_by_code(obec.orp_code)
            okres = self.territory.okres(obec.okres_code)
            result.append(
                PublicObec(
                    code=obec.code,
                    slug=obec.code,
                    name=obec.name,
                    orp=orp.name if orp else None,
                    okres=okres.name if okres else None,
                    population=obec.population,
                    in_territory=obec.code in in_territory,
                    located=here,
                    covering=cover,
                    nearby=() if here or cover else nearby(obec.orp_code),
                )
            )
        return tuple(result)


def _identifier(service: Service) -> str:
    return f"reg. č. {service.identifier}"


def _where_to_turn(section: CatalogueSection) -> str | None:
    from kpss.publish.texts import situation_texts

    for text in situation_texts():
        if text.key == section.key:
            return text.where_to_turn
    return None


def _street(address: Address) -> str | None:
    numbers = ""
    if address.house_number is not None:
        numbers = str(address.house_number)
        if address.orientation_number:
            numbers += f"/{address.orientation_number}"
    if address.street:
        street = f"{address.street} {numbers}".strip()
    elif numbers:
        prefix = "č. ev." if (address.house_number_type or "").endswith("/2") else "č. p."
        street = f"{prefix} {numbers}"
    else:
        street = ""
    parts = [p for p in (street, address.supplement) if p]
    return ", ".join(parts) or None


def _day_name(code: str, catalog: Catalog) -> tuple[int, str]:
    suffix = code.rpartition("/")[2]
    if code.startswith(f"{DEN_V_TYDNU}/") and suffix.isdigit() and 1 <= int(suffix) <= len(_DAYS):
        return int(suffix), _DAYS[int(suffix) - 1]
    return 99, catalog.label(code) or suffix


@functools.lru_cache(maxsize=4096)
def _time(value: dt.time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def _hours(hours: Sequence[OpeningHours], catalog: Catalog) -> tuple[PublicHours, ...]:
    """Time ranges by day, consecutive days with the same times merged (``Po–Pá``)."""
    by_day: dict[tuple[int, str], list[str]] = defaultdict(list)
    for item in sorted(hours, key=lambda h: (_day_name(h.day, catalog), h.opens)):
        note = f" ({item.note})" if item.note else ""
        by_day[_day_name(item.day, catalog)].append(
            f"{_time(item.opens)}–{_time(item.closes)}{note}"
        )
    result: list[PublicHours] = []
    run: list[tuple[int, str]] = []
    run_times: tuple[str, ...] = ()

    def close() -> None:
        if run:
            days = run[0][1] if len(run) == 1 else f"{run[0][1]}–{run[-1][1]}"
            result.append(PublicHours(days, ", ".join(run_times)))

    for day, times in by_day.items():
        consecutive = run and day[0] == run[-1][0] + 1 and day[0] < 99
        if consecutive and tuple(times) == run_times:
            run.append(day)
            continue
        close()
        run, run_times = [day], tuple(times)
    close()
    return tuple(result)


def _sign_video(url: str | None) -> Link | None:
    return Link("Video v českém znakovém jazyce", web_href(url)) if url else None


def _languages(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(LANGUAGES.get(code, code) for code in codes)


def _accessibility(value: Accessibility | None) -> PublicAccessibility | None:
    if value is None or (value.barrier_free, value.hearing_loop, value.note) == (None,) * 3:
        return None
    return PublicAccessibility(value.barrier_free, value.hearing_loop, value.note or None)


def _photo(photo: Photo) -> PublicPhoto:
    href = web_href(photo.url) if photo.url else None
    return PublicPhoto(photo.caption or "Fotografie", href, photo.file, photo.media_type)


#: Model fields set by additions → the PublicService fields that show them.
_SHOWN_AS = {
    "description": "description",
    "offer": "offer",
    "opening_hours": "hours",
    "hours_note": "hours_note",
    "charge": "charge",
    "fees": "fees",
    "languages": "languages",
    "accessibility": "accessibility",
    "sign_language_video": "sign_language",
    "photos": "photos",
    "local_contacts": "contacts",
}


def _sources(service: Service) -> tuple[tuple[str, str], ...]:
    return tuple(
        (_SHOWN_AS[record.field], record.label)
        for record in service.sources
        if record.field in _SHOWN_AS
    )
