"""A catalogue as Open Referral HSDS 3.0 records (nested, as the HSDS API returns them).

:func:`build_hsds` reads the public view (:func:`kpss.publish.view.public_view`) for
everything a citizen may see — which services, titles, which contacts and links, which
places are secret — and the catalogue only for the structure the view has turned into
text (address parts of public places, hours, capacities, code ids, dates). A secret place
keeps its obec and nothing else, whatever the catalogue holds; statutory bodies and
facility heads are not in the model at all. The field-by-field mapping is in
``docs/user-guide/open-data.md``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from kpss import reference
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.codes import CILOVA_SKUPINA, DRUH, FORMA, TYP_KAPACITY, VEKOVA_SKUPINA
from kpss.model.contacts import Address
from kpss.model.law import ServiceKind
from kpss.model.services import (
    HSDS_DAYS,
    LANGUAGES,
    Accessibility,
    Charge,
    Facility,
    FormOfProvision,
    OpeningHours,
    RelatedService,
    Service,
)
from kpss.model.territory import Territory
from kpss.opendata import hsds_vocabulary as vocab
from kpss.opendata.ids import NAMESPACE, hsds_id
from kpss.publish.urls import web_href
from kpss.publish.view import (
    SECRET_ADDRESS,
    PublicCatalog,
    PublicContact,
    PublicPlace,
    PublicRelated,
    PublicService,
)

_ALL_DAYS = ",".join(HSDS_DAYS.values())
_PHONE_KINDS = {"telefon": "voice", "fax": "fax"}


@attrs.frozen
class HsdsDocument:
    """The HSDS records of one catalogue: what ``kpss export hsds`` writes.

    ``services`` are nested (phones, schedules, service areas, service at locations with
    their locations and addresses, contacts, languages, cost options, attributes);
    ``organizations`` carry their identifiers, phones and contacts. Attributes name their
    term by ``taxonomy_term_id``; the terms are in ``taxonomy_terms`` (nesting each term
    in every attribute would double the size of a national export).
    """

    services: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    taxonomies: list[dict[str, Any]]
    taxonomy_terms: list[dict[str, Any]]


def organization_id(provider_key: str) -> str:
    """The HSDS id of a provider (by IČO, or by name lacking one)."""
    return hsds_id(f"organization/{provider_key}")


def service_id(identifier: str) -> str:
    """The HSDS id of a registered service (by its register ``identifikator``)."""
    return hsds_id(f"service/{identifier}")


#: The namespace of the ids of related services that are not registered (návazné
#: služby): ``uuid5(NAMESPACE, "related")``, so theirs never meet a register service's.
RELATED_NAMESPACE = uuid.uuid5(NAMESPACE, "related")


def related_service_id(key: str) -> str:
    """The HSDS id of a related service that is not registered (by its additions key)."""
    return str(uuid.uuid5(RELATED_NAMESPACE, key))


def operator_id(name: str) -> str:
    """The HSDS id of the operator of a related service (it has no IČO: by its name)."""
    return str(uuid.uuid5(RELATED_NAMESPACE, f"organization/{name}"))


def build_hsds(
    catalog: Catalog,
    view: PublicCatalog,
    *,
    status_on: dt.date,
    view_on: dt.date | None = None,
    territory: Territory | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> HsdsDocument:
    """The HSDS records of the services and providers in *view*.

    *status_on* is the day the services' ``status`` is told for; *view_on* the ``on``
    the view was made with (facilities ended before it are not in the view).
    """
    builder = _Builder(catalog, view, status_on, view_on, territory or reference.territory())
    return builder.build(progress)


def _drop_empty(record: dict[str, Any]) -> dict[str, Any]:
    """*record* without its ``None``, empty texts and empty lists (numbers, even 0, stay)."""
    return {k: v for k, v in record.items() if v or isinstance(v, int | float)}


def _clock(value: dt.time) -> str:
    return value.strftime("%H:%M:%S")


def _address_line(address: Address) -> str | None:
    """``U Stadionu 650/95``, ``č. p. 12``, ``Lesní č. ev. 5``: street and numbers."""
    numbers = ""
    if address.house_number is not None:
        numbers = str(address.house_number)
        if address.orientation_number:
            numbers += f"/{address.orientation_number}"
        if (address.house_number_type or "").endswith("/2"):
            numbers = f"č. ev. {numbers}"
        elif not address.street:
            numbers = f"č. p. {numbers}"
    line = " ".join(p for p in (address.street, numbers) if p)
    return line or None


def _postcode(value: str | None) -> str | None:
    if value and len(value) == 5 and value.isdigit():
        return f"{value[:3]} {value[3:]}"
    return value or None


def _active_facilities(service: Service, on: dt.date | None) -> list[Facility]:
    return [f for f in service.facilities if on is None or f.valid_to is None or f.valid_to >= on]


class _Attributes:
    """The attributes of one object, numbered per term so that ids stay put."""

    def __init__(
        self, owner: str, entity: str, records: list[dict[str, Any]] | None = None
    ) -> None:
        self.owner = owner
        self.entity = entity
        self.records: list[dict[str, Any]] = [] if records is None else records
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, term: dict[str, Any], link_type: str, value: str | None = None) -> dict[str, Any]:
        code = term["code"]
        self.counts[code] += 1
        record = {
            "id": hsds_id(f"{self.owner}/attribute/{code}/{self.counts[code]}"),
            "link_id": self.owner,
            "taxonomy_term_id": term["id"],
            "link_type": link_type,
            "link_entity": self.entity,
        }
        if value is not None:
            record["value"] = value
        self.records.append(record)
        return record


class _Schedules:
    """The schedules of one service: hours by form, round-the-clock forms, a note."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.records: list[dict[str, Any]] = []

    def _add(self, fields: dict[str, Any]) -> None:
        record = {
            "id": hsds_id(f"{self.owner}/schedule/{len(self.records)}"),
            "service_id": self.owner,
        }
        record.update(fields)
        self.records.append(_drop_empty(record))

    def hours(self, hours: Iterable[OpeningHours], attending: str | None) -> None:
        """One weekly schedule per time range, the days that share it in ``byday``."""
        days: dict[tuple[dt.time, dt.time, str | None], list[str]] = defaultdict(list)
        for item in sorted(hours, key=lambda h: (h.day, h.opens)):
            day = item.hsds_day
            if day is not None:
                days[(item.opens, item.closes, item.note)].append(day)
        for (opens, closes, note), byday in days.items():
            self._add(
                {
                    "freq": "WEEKLY",
                    "byday": ",".join(dict.fromkeys(byday)),
                    "opens_at": _clock(opens),
                    "closes_at": _clock(closes),
                    "attending_type": attending,
                    "notes": note,
                }
            )

    def continuous(self, attending: str) -> None:
        self._add(
            {
                "freq": "WEEKLY",
                "byday": _ALL_DAYS,
                "description": vocab.CONTINUOUS_TEXT,
                "attending_type": attending,
            }
        )

    def note(self, text: str) -> None:
        self._add({"description": text})


def _contact_records(
    owner: str, owner_field: str, contacts: Sequence[PublicContact]
) -> tuple[
    dict[str, str | None], list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str]]
]:
    """(email and url, phones, contacts, kpss attributes) of the contacts of one object.

    The first e-mail and web go to ``email`` and ``url``; every linkable e-mail is a
    contact, every phone and fax a phone; further webs and data boxes are attributes.
    An e-mail or a web that cannot be linked is left out (HSDS checks their format).
    """
    fields: dict[str, str | None] = {"email": None, "url": None}
    phones: list[dict[str, Any]] = []
    emails: list[dict[str, Any]] = []
    extra: list[tuple[str, str]] = []
    for contact in contacts:
        if contact.kind in _PHONE_KINDS:
            phones.append(
                _drop_empty(
                    {
                        "id": hsds_id(f"{owner}/phone/{len(phones)}"),
                        owner_field: owner,
                        "number": contact.value,
                        "type": _PHONE_KINDS[contact.kind],
                        "description": contact.note,
                    }
                )
            )
        elif contact.kind == "e-mail" and contact.href:
            address = contact.href.removeprefix("mailto:")
            fields["email"] = fields["email"] or address
            emails.append(
                _drop_empty(
                    {
                        "id": hsds_id(f"{owner}/contact/{len(emails)}"),
                        owner_field: owner,
                        "name": contact.note,
                        "email": address,
                    }
                )
            )
        elif contact.kind == "web" and contact.href:
            if fields["url"] is None:
                fields["url"] = contact.href
            else:
                extra.append((vocab.WEB, contact.href))
        elif contact.kind == "datová schránka":
            extra.append((vocab.DATA_BOX, contact.value))
    return fields, phones, emails, extra


def _cost_options(owner: str, charge: Charge | None) -> list[dict[str, Any]]:
    if charge is None:
        return []
    record: dict[str, Any] = {
        "id": hsds_id(f"{owner}/cost_option"),
        "service_id": owner,
        "option": charge.label,
        "currency": "CZK",
    }
    if charge is Charge.FREE:
        record["amount"] = 0
    return [record]


def _languages(owner: str, codes: Iterable[str]) -> list[dict[str, Any]]:
    """The languages of a service: ISO 639 ``code``, Czech ``name``."""
    return [
        {
            "id": hsds_id(f"{owner}/language/{code}"),
            "service_id": owner,
            "name": LANGUAGES.get(code, code),
            "code": code,
        }
        for code in dict.fromkeys(codes)
    ]


def _accessibility(location: str, accessibility: Accessibility | None) -> list[dict[str, Any]]:
    if accessibility is None:
        return []
    texts = [
        vocab.ACCESSIBILITY_TEXTS[(name, value)]
        for name in ("barrier_free", "hearing_loop")
        if (value := getattr(accessibility, name)) is not None
    ]
    if not texts and not accessibility.note:
        return []
    return [
        _drop_empty(
            {
                "id": hsds_id(f"{location}/accessibility"),
                "location_id": location,
                "description": "; ".join(texts) or None,
                "details": accessibility.note,
            }
        )
    ]


class _Builder:
    """One run of :func:`build_hsds`."""

    def __init__(
        self,
        catalog: Catalog,
        view: PublicCatalog,
        on: dt.date,
        view_on: dt.date | None,
        territory: Territory,
    ) -> None:
        self.catalog = catalog
        self.view = view
        self.on = on
        self.view_on = view_on
        self.territory = territory
        self.terms: dict[str, dict[str, Any]] = {}
        self.taxonomies: dict[str, dict[str, Any]] = {}
        self.area_cache: dict[frozenset[str], list[tuple[str, str, str]]] = {}
        self.org_ids: dict[str, str] = {}

    def org_id(self, key: str) -> str:
        """The organization id of a provider key (computed once)."""
        found = self.org_ids.get(key)
        if found is None:
            found = self.org_ids[key] = organization_id(key)
        return found

    # -- taxonomy -----------------------------------------------------------------------
    def taxonomy(self, name: str) -> dict[str, Any]:
        found = self.taxonomies.get(name)
        if found is None:
            description, uri = vocab.TAXONOMIES[name]
            found = self.taxonomies[name] = _drop_empty(
                {
                    "id": hsds_id(f"taxonomy/{name}"),
                    "name": name,
                    "description": description,
                    "uri": uri,
                }
            )
        return found

    def term(
        self,
        code: str,
        taxonomy: str,
        name: str,
        description: str,
        *,
        parent: dict[str, Any] | None = None,
        uri: str | None = None,
    ) -> dict[str, Any]:
        found = self.terms.get(code)
        if found is None:
            found = self.terms[code] = _drop_empty(
                {
                    "id": hsds_id(f"term/{code}"),
                    "code": code,
                    "name": name,
                    "description": description,
                    "parent_id": parent["id"] if parent else None,
                    "taxonomy": taxonomy,
                    "language": "cs",
                    "taxonomy_id": self.taxonomy(taxonomy)["id"],
                    "term_uri": uri,
                }
            )
        return found

    def coded_term(self, code: str, taxonomy: str, what: str) -> dict[str, Any]:
        """A term for a code-list id, named by its label (the id itself when unknown)."""
        found = self.terms.get(code)
        if found is not None:
            return found
        label = self.catalog.label(code)
        description = f"{what}: {label}" if label else f"{what} {code} (bez popisku v číselníku)"
        return self.term(code, taxonomy, label or code, description)

    def kind_term(self, code: str, kind: ServiceKind | None) -> dict[str, Any]:
        found = self.terms.get(code)
        if found is not None:
            return found
        if kind is None:
            return self.coded_term(code, DRUH, "druh sociální služby")
        parent = None
        description = kind.label
        if kind.category is not None:
            category = kind.category
            parent = self.term(
                f"{vocab.CATEGORY_PREFIX}{category.value}",
                DRUH,
                category.label,
                f"Kategorie sociálních služeb podle § 32 zákona č. 108/2006 Sb.: {category.label}",
            )
            description = f"{kind.label} ({category.label})"
        return self.term(code, DRUH, kind.name, description, parent=parent)

    def kpss_term(self, code: str) -> dict[str, Any]:
        found = self.terms.get(code)
        if found is not None:
            return found
        name, description = vocab.KPSS_TERMS[code]
        return self.term(code, vocab.KPSS, name, description)

    def obec_term(self, code: str) -> dict[str, Any]:
        found = self.terms.get(f"Obec/{code}")
        if found is not None:
            return found
        obec = self.territory.obec(code)
        name = obec.name if obec else code
        kraj = self.territory.kraj(obec.kraj_code) if obec else None
        description = f"obec {name}" + (f", {kraj.name}" if kraj else "") + f" (kód {code})"
        return self.term(
            f"Obec/{code}", vocab.OBEC, name, description, uri=vocab.ruian_uri("obec", code)
        )

    # -- organizations -------------------------------------------------------------------
    def organization(self, key: str, provider: Provider) -> dict[str, Any]:
        public = self.view.providers[key]
        org = organization_id(key)
        fields, phones, contacts, extra = _contact_records(org, "organization_id", public.contacts)
        attributes = _Attributes(org, "organization")
        for code, value in extra:
            attributes.add(self.kpss_term(code), vocab.LINK_REGISTER, value)
        identifiers = []
        if provider.ico:
            identifiers.append(
                {
                    "id": hsds_id(f"{org}/ico"),
                    "organization_id": org,
                    "identifier_scheme": vocab.ICO_SCHEME,
                    "identifier_type": vocab.ICO_TYPE,
                    "identifier": provider.ico,
                }
            )
        description = "Poskytovatel sociálních služeb" + (
            f", IČO {provider.ico}" if provider.ico else ""
        )
        return _drop_empty(
            {
                "id": org,
                "name": public.name,
                "description": description,
                "email": fields["email"],
                "website": fields["url"],
                "tax_id": provider.dic,
                "legal_status": provider.legal_form,
                "contacts": contacts,
                "phones": phones,
                "organization_identifiers": identifiers,
                "attributes": attributes.records,
            }
        )

    # -- services -----------------------------------------------------------------------
    def status(self, service: Service) -> str:
        if service.valid_to is not None and service.valid_to < self.on:
            return "defunct"
        if service.valid_from is not None and service.valid_from > self.on:
            return "inactive"
        return "active"

    def service(self, public: PublicService, raw: Service) -> dict[str, Any]:
        sid = service_id(raw.identifier)
        own = () if public.contacts_of_provider else public.contacts
        fields, phones, contacts, extra = _contact_records(sid, "service_id", own)
        attributes = _Attributes(sid, "service")
        register = (
            (vocab.IDENTIFIER, raw.identifier),
            (vocab.REGISTER_ID, None if raw.register_id is None else str(raw.register_id)),
            (vocab.PORTAL_ID, None if raw.portal_id is None else str(raw.portal_id)),
            (vocab.OWN_NAME, raw.name.strip() if raw.name and raw.name.strip() else None),
            (vocab.VALID_FROM, raw.valid_from.isoformat() if raw.valid_from else None),
            (vocab.VALID_TO, raw.valid_to.isoformat() if raw.valid_to else None),
        )
        for code, value in register:
            if value is not None:
                attributes.add(self.kpss_term(code), vocab.LINK_REGISTER, value)
        attributes.add(self.kind_term(raw.kind_code, raw.kind), vocab.LINK_KIND)
        schedules = _Schedules(sid)
        for form in raw.forms:
            self._form(form, attributes, schedules)
        for code in dict.fromkeys(raw.target_groups):
            term = self.coded_term(code, CILOVA_SKUPINA, "cílová skupina")
            attributes.add(term, vocab.LINK_TARGET_GROUP)
        for code in dict.fromkeys(raw.age_groups):
            attributes.add(
                self.coded_term(code, VEKOVA_SKUPINA, "věková skupina"), vocab.LINK_AGE_GROUP
            )
        self.local_facts(attributes, raw.offer, extra, raw.sign_language_video)
        schedules.hours(raw.opening_hours, None)
        if public.hours_note:
            schedules.note(public.hours_note)
        return _drop_empty(
            {
                "id": sid,
                "organization_id": self.org_id(raw.provider.key),
                "name": public.title,
                "description": public.description,
                "url": fields["url"],
                "email": fields["email"],
                "status": self.status(raw),
                "fees_description": public.fees,
                "eligibility_description": public.age_note,
                "assured_date": (
                    self.catalog.snapshot_date.isoformat() if self.catalog.snapshot_date else None
                ),
                "phones": phones,
                "schedules": schedules.records,
                "service_areas": self.service_areas(sid, raw.service_area),
                "service_at_locations": self.locations(sid, public, raw),
                "languages": _languages(sid, raw.languages),
                "cost_options": _cost_options(sid, raw.charge),
                "contacts": contacts,
                "attributes": attributes.records,
            }
        )

    def local_facts(
        self,
        attributes: _Attributes,
        offer: Iterable[str],
        extra: Iterable[tuple[str, str]],
        video: str | None,
    ) -> None:
        """kpss attributes of what a service offers, further webs and data boxes, and its
        sign-language video (linked only when http/https)."""
        for item in offer:
            attributes.add(self.kpss_term(vocab.OFFER), vocab.LINK_REGISTER, item)
        for code, value in extra:
            attributes.add(self.kpss_term(code), vocab.LINK_REGISTER, value)
        href = web_href(video) if video else None
        if href:
            attributes.add(self.kpss_term(vocab.SIGN_VIDEO), vocab.LINK_REGISTER, href)

    def _form(self, form: FormOfProvision, attributes: _Attributes, schedules: _Schedules) -> None:
        term = self.coded_term(form.form_code, FORMA, "forma poskytování")
        value = None if form.continuous is None else vocab.CONTINUOUS_VALUES[form.continuous]
        record = attributes.add(term, vocab.LINK_FORM, value)
        capacities = _Attributes(record["id"], "attribute", attributes.records)
        for capacity in form.capacities:
            unit = self.coded_term(capacity.unit, TYP_KAPACITY, "typ kapacity")
            count = None if capacity.count is None else str(capacity.count)
            capacities.add(unit, vocab.LINK_CAPACITY, count)
        label = (
            form.form.label if form.form else (self.catalog.label(form.form_code) or form.form_code)
        )
        if form.continuous:
            schedules.continuous(label)
        schedules.hours(form.hours, label)

    def service_areas(self, sid: str, obce: frozenset[str]) -> list[dict[str, Any]]:
        if not obce:
            return []
        areas = self.area_cache.get(obce)
        if areas is None:
            areas = self.area_cache[obce] = self._areas(obce)
        return [
            {
                "id": hsds_id(f"{sid}/area/{uri}"),
                "service_id": sid,
                "name": name,
                "description": description,
                "uri": uri,
            }
            for name, description, uri in areas
        ]

    def _areas(self, obce: frozenset[str]) -> list[tuple[str, str, str]]:
        """Whole kraje, then whole okresy, then single obce: (name, description, uri)."""
        left = set(obce)
        result: list[tuple[str, str, str]] = []
        for kraj in sorted(self.territory.kraje.values(), key=lambda k: k.code):
            members = self.territory.obec_codes(kraj)
            if members and members <= left:
                left -= members
                result.append((kraj.name, "celý kraj", vocab.ruian_uri("vusc", kraj.code)))
        for okres in sorted(self.territory.okresy.values(), key=lambda o: o.code):
            members = self.territory.obec_codes(okres)
            if members and members <= left:
                left -= members
                name = f"okres {okres.name}"
                result.append((name, "celý okres", vocab.ruian_uri("okres", okres.code)))
        for code in sorted(left):
            obec = self.territory.obec(code)
            result.append((obec.name if obec else code, "obec", vocab.ruian_uri("obec", code)))
        return result

    def locations(self, sid: str, public: PublicService, raw: Service) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        used: dict[str, int] = defaultdict(int)
        facilities = _active_facilities(raw, self.view_on)
        paired = len(facilities) == len(public.places) and all(
            f.name.strip() == p.name for f, p in zip(facilities, public.places, strict=True)
        )
        for index, place in enumerate(public.places):
            # the view decides what is secret; the catalogue's flag is checked again
            facility = facilities[index] if paired else None
            secret = place.secret or (facility is not None and facility.secret_address is not False)
            address = facility.address if facility and not secret else None
            record = self.location(sid, place, address, secret, "physical", self.owner(raw), used)
            if facility is not None:
                dates = _Attributes(record["id"], "service_at_location")
                for code, day in (
                    (vocab.VALID_FROM, facility.valid_from),
                    (vocab.VALID_TO, facility.valid_to),
                ):
                    if day is not None:
                        dates.add(self.kpss_term(code), vocab.LINK_REGISTER, day.isoformat())
                if dates.records:
                    record["attributes"] = dates.records
            result.append(record)
        any_secret = any(f.secret_address is not False for f in raw.facilities)
        contact_addresses = list(dict.fromkeys(raw.contact_addresses))
        pairs = len(contact_addresses) == len(public.contact_places)
        for index, place in enumerate(public.contact_places):
            secret = place.secret or any_secret
            address = contact_addresses[index] if pairs and not secret else None
            result.append(
                self.location(sid, place, address, secret, "postal", self.owner(raw), used)
            )
        return result

    def owner(self, raw: Service) -> tuple[str | None, Accessibility | None]:
        """The organization id and accessibility of the places of *raw*."""
        return self.org_id(raw.provider.key), raw.accessibility

    def location(
        self,
        sid: str,
        place: PublicPlace,
        public_address: Address | None,
        secret: bool,
        kind: str,
        owner: tuple[str | None, Accessibility | None],
        used: dict[str, int],
    ) -> dict[str, Any]:
        """A service at location with its location: the obec alone for a secret place.

        *public_address* is the catalogue's address of a place the view shows (``None``
        for a secret one, or when the view's places cannot be paired with the catalogue's);
        *owner* the organization id and the accessibility of the service's places.
        """
        organization, accessibility = owner
        line = _address_line(public_address) if public_address else None
        key = f"{kind}/{place.name}/" + (
            str(public_address.address_point or line or "")
            if public_address
            else ("secret" if secret else "")
        )
        used[key] += 1
        location = hsds_id(f"{sid}/location/{key}/{used[key]}")
        attributes = _Attributes(location, "location")
        obec_code = place.obec.key if place.obec else None
        if obec_code:
            attributes.add(self.obec_term(obec_code), vocab.LINK_OBEC)
        if secret:
            attributes.add(self.kpss_term(vocab.SECRET), vocab.LINK_REGISTER)
        addresses = []
        postcode = _postcode(public_address.postcode) if public_address else None
        obec = self.territory.obec(obec_code) if obec_code else None
        kraj = self.territory.kraj(obec.kraj_code) if obec else None
        if not secret and line and postcode and place.obec and kraj:
            addresses.append(
                _drop_empty(
                    {
                        "id": hsds_id(f"{location}/address"),
                        "location_id": location,
                        "address_1": line,
                        "address_2": public_address.supplement if public_address else None,
                        "city": place.obec.label,
                        "state_province": kraj.name,
                        "postal_code": postcode,
                        "country": vocab.COUNTRY,
                        "address_type": kind,
                    }
                )
            )
        point = public_address.address_point if public_address else None
        record = _drop_empty(
            {
                "id": location,
                "location_type": kind,
                "organization_id": organization,
                "name": place.name or None,
                "description": SECRET_ADDRESS if secret else None,
                "external_identifier": None if point is None else str(point),
                "external_identifier_type": None if point is None else vocab.ADDRESS_POINT,
                "addresses": addresses,
                "accessibility": _accessibility(location, accessibility)
                if kind == "physical" and not secret
                else [],
                "attributes": attributes.records,
            }
        )
        return _drop_empty(
            {
                "id": hsds_id(f"{location}/service_at_location"),
                "service_id": sid,
                "location_id": location,
                "description": "kontaktní adresa" if kind == "postal" else None,
                "location": record,
            }
        )

    # -- related services that are not registered (návazné služby) ---------------------
    def operator(self, name: str) -> str:
        """The organization id of an operator: a provider of the same name, or its own."""
        for key, provider in self.view.providers.items():
            if provider.name == name and key in self.catalog.providers:
                return self.org_id(key)
        return operator_id(name)

    def related(self, public: PublicRelated, raw: RelatedService) -> dict[str, Any]:
        """A related service as an HSDS service marked ``kpss/registrovana`` = ``false``."""
        key = raw.key or raw.name
        sid = related_service_id(key)
        fields, phones, contacts, extra = _contact_records(sid, "service_id", public.contacts)
        attributes = _Attributes(sid, "service")
        marks = (
            (vocab.REGISTERED, vocab.NOT_REGISTERED_VALUE),
            (vocab.RELATED_KEY, key),
            (vocab.RELATED_KIND, raw.kind.value if raw.kind else None),
        )
        for code, value in marks:
            if value is not None:
                attributes.add(self.kpss_term(code), vocab.LINK_REGISTER, value)
        self.local_facts(attributes, raw.offer, extra, raw.sign_language_video)
        schedules = _Schedules(sid)
        schedules.hours(raw.opening_hours, None)
        if public.hours_note:
            schedules.note(public.hours_note)
        organization = self.operator(raw.operator) if raw.operator else None
        locations = []
        if public.place is not None:
            secret = public.place.secret
            address = None if secret else raw.address
            owner = (organization, raw.accessibility)
            locations.append(
                self.location(
                    sid, public.place, address, secret, "physical", owner, defaultdict(int)
                )
            )
        return _drop_empty(
            {
                "id": sid,
                "organization_id": organization,
                "name": public.name,
                "description": public.description,
                "url": fields["url"],
                "email": fields["email"],
                "status": "active",
                "fees_description": public.fees,
                "phones": phones,
                "schedules": schedules.records,
                "service_areas": self.service_areas(sid, raw.obce),
                "service_at_locations": locations,
                "languages": _languages(sid, raw.languages),
                "cost_options": _cost_options(sid, raw.charge),
                "contacts": contacts,
                "attributes": attributes.records,
            }
        )

    def operators(self, services: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """An organization for each operator of a related service that is no provider."""
        names = {
            operator_id(r.operator): r.operator for r in self.catalog.related.values() if r.operator
        }
        found: dict[str, dict[str, Any]] = {}
        for record in services:
            org = record.get("organization_id")
            if org in names and org not in found:
                found[org] = {
                    "id": org,
                    "name": names[org],
                    "description": "Provozovatel návazné služby, která není registrovanou "
                    "sociální službou",
                }
        return list(found.values())

    def related_services(self) -> list[dict[str, Any]]:
        """The related services of the view that the catalogue holds, in the view's order."""
        raw_by_key = {r.key or r.name: r for r in self.catalog.related.values()}
        return [
            self.related(public, raw_by_key[key])
            for key, public in self.view.related.items()
            if key in raw_by_key
        ]

    # -- the whole catalogue -----------------------------------------------------------
    def build(self, progress: Callable[[int, int], None] | None) -> HsdsDocument:
        services: list[dict[str, Any]] = []
        total = len(self.view.services)
        for done, (ident, public) in enumerate(self.view.services.items(), start=1):
            raw = self.catalog.service(ident)
            if raw is None:
                continue
            services.append(self.service(public, raw))
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)
        organizations = [
            self.organization(key, self.catalog.providers[key])
            for key in self.view.providers
            if key in self.catalog.providers
        ]
        related = self.related_services()
        services += related
        organizations += self.operators(related)
        return HsdsDocument(
            services=services,
            organizations=organizations,
            taxonomies=list(self.taxonomies.values()),
            taxonomy_terms=list(self.terms.values()),
        )
