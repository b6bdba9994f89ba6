"""HSDS tables → a :class:`~kpss.model.catalog.Catalog`: the HSDS importer's second half.

A catalogue kpss wrote comes back with every field HSDS carries (the mapping in
``docs/user-guide/open-data.md``); one written by another HSDS 3 system comes back as far
as its data says what kpss needs. Every service needs an organization (its provider) and
a kind of Act 108/2006: a term of the taxonomy ``DruhSocialniSluzby`` (by code), or a
term named after a kind (``pečovatelská služba``); a service without them is rejected
with the reason. A value of the wrong type is left out with a warning naming the file,
the record and the field; nothing is guessed.

A service with the kpss attribute ``kpss/registrovana`` = ``false`` is a related service
that is not registered (návazná služba): it comes back in ``Catalog.related`` under its
additions key (``kpss/klicDoplnku``), its organization's name as its operator. The
report's counts are of register services only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from kpss import reference
from kpss.errors import Finding, Location, Severity
from kpss.model.actors import Provider, is_valid_ico
from kpss.model.catalog import Catalog, ProviderConflictError
from kpss.model.codes import (
    CILOVA_SKUPINA,
    CODE_LIST_FILES,
    DRUH,
    FORMA,
    TYP_KAPACITY,
    VEKOVA_SKUPINA,
    Code,
    CodeBook,
    CodeList,
    split_code,
)
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.law import Form, LawTable, ServiceKind
from kpss.model.services import (
    HSDS_DAYS,
    Accessibility,
    Capacity,
    Charge,
    Facility,
    FormOfProvision,
    OpeningHours,
    RelatedKind,
    RelatedService,
    Service,
)
from kpss.model.territory import Level, Territory
from kpss.opendata import hsds_vocabulary as vocab
from kpss.opendata.hsds_flat import Flattener
from kpss.plugins.records import ImportOptions, ImportReport, ImportResult

_DAY_CODES = {day: code for code, day in HSDS_DAYS.items()}
_STREET = re.compile(
    r"^(?:(?P<street>.*?)\s+)??(?:(?P<prefix>č\.\s*(?:p|ev)\.)\s*)?"
    r"(?P<house>\d+)(?:/(?P<orientation>[0-9A-Za-z]+))?\Z"
)
_CONTINUOUS = {text: value for value, text in vocab.CONTINUOUS_VALUES.items()}
_ACCESSIBILITY = {text: key for key, text in vocab.ACCESSIBILITY_TEXTS.items()}
_HOUSE_NUMBER = "TypStavebnihoObjektu/1"
_EVIDENCE_NUMBER = "TypStavebnihoObjektu/2"


class _Rejected(Exception):
    """A service that cannot become a :class:`Service`; the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _group(records: Iterable[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        value = record.get(key)
        if isinstance(value, str):
            grouped[value].append(record)
    return grouped


def catalog_from_tables(flat: Flattener, options: ImportOptions, source: str) -> ImportResult:
    """The catalogue of the HSDS objects in *flat*, with the report of how it was read."""
    return _CatalogBuilder(flat, options, source).build()


class _CatalogBuilder:
    """One run of :func:`catalog_from_tables`."""

    def __init__(self, flat: Flattener, options: ImportOptions, source: str) -> None:
        self.flat = flat
        self.tables = flat.tables
        self.options = options
        self.source = source
        self.report = ImportReport(source=source)
        self.territory: Territory = reference.territory()
        self.law: LawTable = reference.law()
        self.terms = self.tables["taxonomy_term"]
        self.attributes = _group(self.tables["attribute"].values(), "link_id")
        self.by_service = {
            name: _group(self.tables[name].values(), "service_id")
            for name in (
                "phone",
                "contact",
                "schedule",
                "service_area",
                "service_at_location",
                "language",
                "cost_option",
            )
        }
        self.by_organization = {
            name: _group(self.tables[name].values(), "organization_id")
            for name in ("phone", "contact", "organization_identifier")
        }
        self.schedules_of_place = _group(self.tables["schedule"].values(), "service_at_location_id")
        self.phones_of_contact = _group(self.tables["phone"].values(), "contact_id")
        self.addresses = _group(self.tables["address"].values(), "location_id")
        self.accessibility = _group(self.tables["accessibility"].values(), "location_id")
        self.providers: dict[str, Provider | None] = {}
        self.codes = self._codes()

    # -- small readers -------------------------------------------------------------------
    def where(self, ident: str, field: str | None = None) -> Location:
        found = self.flat.origin.get(ident, Location(file=self.source))
        return Location(
            file=found.file,
            line=found.line,
            index=found.index,
            path=found.path,
            field=field,
        )

    def warn(self, ident: str, field: str, message: str) -> None:
        self.report.warnings.append(Finding(message, self.where(ident, field), Severity.WARNING))

    def text(self, record: dict[str, Any], field: str) -> str | None:
        value = record.get(field)
        if value is None:
            return None
        if isinstance(value, str):
            return value if value.strip() else None
        self.warn(str(record.get("id")), field, f"expected text, got {value!r}; left out")
        return None

    def day(self, ident: str, field: str, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.warn(ident, field, f"expected a date YYYY-MM-DD, got {value!r}; left out")
            return None

    def time(self, record: dict[str, Any], field: str) -> dt.time | None:
        value = self.text(record, field)
        if value is None:
            return None
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            self.warn(
                str(record["id"]), field, f"expected a time HH:MM:SS, got {value!r}; left out"
            )
            return None

    def term(self, attribute: dict[str, Any]) -> dict[str, Any] | None:
        term_id = attribute.get("taxonomy_term_id")
        return self.terms.get(term_id) if isinstance(term_id, str) else None

    def linked(self, ident: str) -> list[tuple[dict[str, Any], str]]:
        """The attributes linked to *ident* with the code of their term."""
        result = []
        for attribute in self.attributes.get(ident, ()):
            term = self.term(attribute)
            code = term.get("code") if term else None
            if isinstance(code, str):
                result.append((attribute, code))
        return result

    def values(self, ident: str, code: str) -> list[str]:
        """The values of the kpss attributes with term *code* linked to *ident*."""
        return [
            value
            for attribute, term_code in self.linked(ident)
            if term_code == code and isinstance(value := attribute.get("value"), str)
        ]

    def _codes(self) -> CodeBook:
        """The code lists in use: the given ones over the labels the taxonomy terms carry."""
        items: dict[str, dict[str, Code]] = defaultdict(dict)
        for term in self.terms.values():
            code = term.get("code")
            name = term.get("name")
            if not isinstance(code, str) or "/" not in code or code.startswith("kpss/"):
                continue
            list_name = split_code(code)[0]
            if list_name in CODE_LIST_FILES:
                label = name if isinstance(name, str) and name != code else None
                items[list_name][code] = Code(code, label, source=self.source)
        from_terms = CodeBook.of(CodeList(n, i, self.source) for n, i in items.items())
        given = self.options.codes or reference.code_book()
        return given.merged_over(from_terms)

    # -- providers -----------------------------------------------------------------------
    def provider(self, org_id: str) -> Provider | None:
        if org_id not in self.providers:
            record = self.tables["organization"].get(org_id)
            self.providers[org_id] = None if record is None else self._provider(record)
        return self.providers[org_id]

    def _provider(self, record: dict[str, Any]) -> Provider | None:
        ident = record["id"]
        name = self.text(record, "name")
        if name is None:
            return None
        ico = None
        for item in self.by_organization["organization_identifier"].get(ident, ()):
            scheme = (item.get("identifier_scheme"), item.get("identifier_type"))
            if vocab.ICO_SCHEME in scheme or vocab.ICO_TYPE in scheme:
                value = str(item.get("identifier", "")).strip()
                if is_valid_ico(value):
                    ico = value
                else:
                    self.warn(
                        item["id"],
                        "identifier",
                        f"invalid IČO {value!r} (expected 8 digits with a valid mod-11 check "
                        "digit); provider kept without IČO",
                    )
        contacts = self.contacts_of(record, "website", self.by_organization)
        return Provider(
            name=name,
            ico=ico,
            legal_form=self.text(record, "legal_status"),
            dic=self.text(record, "tax_id"),
            contacts=contacts,
        )

    # -- contacts ------------------------------------------------------------------------
    def contacts_of(
        self,
        record: dict[str, Any],
        web_field: str,
        children: dict[str, dict[str, list[dict[str, Any]]]],
    ) -> tuple[Contact, ...]:
        """The contacts of a service or an organization (*children*: its phones, contacts)."""
        ident = record["id"]
        return self.contacts(
            ident,
            self.text(record, "email"),
            self.text(record, web_field),
            children["contact"].get(ident, ()),
            children["phone"].get(ident, ()),
        )

    def contacts(
        self,
        owner: str,
        email: str | None,
        web: str | None,
        contacts: Iterable[dict[str, Any]],
        phones: Iterable[dict[str, Any]],
    ) -> tuple[Contact, ...]:
        """E-mails, phones, webs, faxes and data boxes, in the register's order."""
        emails: list[Contact] = []
        all_phones = list(phones)
        for record in contacts:
            address = self.text(record, "email")
            if address:
                emails.append(Contact(ContactKind.EMAIL, address, self.text(record, "name")))
            all_phones += self.phones_of_contact.get(record["id"], ())
        if email and all(c.value != email for c in emails):
            emails.insert(0, Contact(ContactKind.EMAIL, email))
        voice: list[Contact] = []
        faxes: list[Contact] = []
        for record in all_phones:
            number = self.text(record, "number")
            if number is None:
                continue
            kind = ContactKind.FAX if record.get("type") == "fax" else ContactKind.PHONE
            target = faxes if kind is ContactKind.FAX else voice
            target.append(Contact(kind, number, self.text(record, "description")))
        webs = [Contact(ContactKind.WEB, web)] if web else []
        webs += [Contact(ContactKind.WEB, v) for v in self.values(owner, vocab.WEB)]
        boxes = [Contact(ContactKind.DATA_BOX, v) for v in self.values(owner, vocab.DATA_BOX)]
        return (*emails, *voice, *webs, *faxes, *boxes)

    # -- places --------------------------------------------------------------------------
    def obec_of(self, location: dict[str, Any], address: dict[str, Any] | None) -> str | None:
        for _attribute, code in self.linked(location["id"]):
            if code.startswith(f"{vocab.OBEC}/"):
                return code.partition("/")[2]
        if address is None:
            return None
        city = self.text(address, "city")
        if city is None:
            return None
        found = list(self.territory.find(city, Level.OBEC))
        kraj = self.text(address, "state_province")
        if kraj and len(found) > 1:
            found = [o for o in found if any(k.name == kraj for k in self.territory.parents(o))]
        return found[0].code if len(found) == 1 else None

    def address(self, location: dict[str, Any]) -> tuple[Address | None, bool]:
        """The address of a location and whether it is secret (only the obec is known)."""
        ident = location["id"]
        secret = any(code == vocab.SECRET for _a, code in self.linked(ident))
        records = self.addresses.get(ident, [])
        record = records[0] if records else None
        obec = self.obec_of(location, record)
        unit = self.territory.obec(obec) if obec else None
        where: dict[str, Any] = {
            "obec_code": obec,
            "okres_code": unit.okres_code if unit else None,
            "kraj_code": unit.kraj_code if unit else None,
        }
        if secret or record is None:
            return (Address(**where) if obec is not None else None), secret
        parts: dict[str, Any] = {"street": self.text(record, "address_1")}
        line = parts["street"]
        found = _STREET.match(line) if line else None
        if found:
            parts = {
                "street": found.group("street"),
                "house_number": int(found.group("house")),
                "orientation_number": found.group("orientation"),
                "house_number_type": (
                    _EVIDENCE_NUMBER
                    if (found.group("prefix") or "").replace(" ", "") == "č.ev."
                    else _HOUSE_NUMBER
                ),
            }
        postcode = self.text(record, "postal_code")
        point = location.get("external_identifier")
        address_point = (
            int(point)
            if location.get("external_identifier_type") == vocab.ADDRESS_POINT
            and isinstance(point, str)
            and point.isdigit()
            else None
        )
        address = Address(
            supplement=self.text(record, "address_2"),
            postcode=postcode.replace(" ", "") if postcode else None,
            address_point=address_point,
            **parts,
            **where,
        )
        return address, False

    def places(
        self, sid: str
    ) -> tuple[tuple[Facility, ...], tuple[Address, ...], list[dict[str, Any]]]:
        """Facilities, contact addresses and the physical locations of a service."""
        facilities: list[Facility] = []
        contact_addresses: list[Address] = []
        physical: list[dict[str, Any]] = []
        for place in self.by_service["service_at_location"].get(sid, ()):
            location = self.tables["location"].get(str(place.get("location_id")))
            if location is None:
                self.warn(place["id"], "location_id", "no such location; left out")
                continue
            kind = location.get("location_type")
            if kind == "virtual":
                continue
            address, secret = self.address(location)
            if kind == "postal":
                if address is not None:
                    contact_addresses.append(address)
                continue
            physical.append(location)
            place_id = place["id"]
            facilities.append(
                Facility(
                    name=self.text(location, "name") or "",
                    address=address,
                    secret_address=secret,
                    valid_from=self._first_day(place_id, vocab.VALID_FROM),
                    valid_to=self._first_day(place_id, vocab.VALID_TO),
                )
            )
        return tuple(facilities), tuple(dict.fromkeys(contact_addresses)), physical

    def _first_day(self, ident: str, code: str) -> dt.date | None:
        values = self.values(ident, code)
        return self.day(ident, code, values[0]) if values else None

    def service_area(self, sid: str) -> frozenset[str]:
        codes: set[str] = set()
        for area in self.by_service["service_area"].get(sid, ()):
            uri = area.get("uri")
            found = vocab.parse_ruian_uri(uri) if isinstance(uri, str) else None
            if found is None:
                self.warn(
                    area["id"],
                    "uri",
                    f"area {area.get('name')!r} has no RÚIAN URI of an obec, okres, ORP or "
                    "kraj; left out",
                )
                continue
            level, code = found
            if level == "obec":
                codes.add(code)
                continue
            unit = {
                "vusc": self.territory.kraje.get(code),
                "okres": self.territory.okresy.get(code),
                "orp": self.territory.orp_by_code(code),
            }[level]
            if unit is None:
                self.warn(area["id"], "uri", f"{uri} is not a unit kpss knows; left out")
                continue
            codes |= self.territory.obec_codes(unit)
        return frozenset(codes)

    # -- kinds, forms, hours -------------------------------------------------------------
    def kind(
        self, sid: str, linked: list[tuple[dict[str, Any], str]]
    ) -> tuple[str, ServiceKind | None]:
        """The kind: by a term code of the register's list, else by a term's name."""
        for _attribute, code in linked:
            if code.startswith(f"{DRUH}/"):
                return code, self._kind_of_code(code)
        for attribute in self.attributes.get(sid, ()):
            name = (self.term(attribute) or {}).get("name")
            kind = self.law.resolve(name) if isinstance(name, str) else None
            if kind is not None and kind.register_code:
                return kind.register_code, kind
        raise _Rejected(
            "attributes",
            "no kind of social service: expected an attribute with a term of the taxonomy "
            f"{DRUH} (code {DRUH}/…) or a term named after a kind of Act 108/2006",
        )

    def _kind_of_code(self, code: str) -> ServiceKind | None:
        kind = self.law.by_register_code(code)
        item = self.codes.get(code)
        if kind is None and item is not None:
            paragraph = item.extra.get("paragraf")
            kind = self.law.get(paragraph) if paragraph else None
            if kind is None and item.label:
                kind = self.law.by_name(item.label)
        return kind

    def hours(self, schedule: dict[str, Any]) -> list[OpeningHours] | None:
        """The hours of a weekly schedule; ``None`` when it has none (a note, a marker)."""
        days = self.text(schedule, "byday")
        opens = self.time(schedule, "opens_at")
        closes = self.time(schedule, "closes_at")
        if not days or opens is None or closes is None:
            return None
        note = self.text(schedule, "notes")
        result = []
        for day in days.split(","):
            code = _DAY_CODES.get(day.strip().upper())
            if code is None:
                self.warn(schedule["id"], "byday", f"{day!r} is not a day MO … SU; left out")
                continue
            result.append(OpeningHours(code, opens, closes, note))
        return result

    def schedules(
        self, sid: str, places: Iterable[dict[str, Any]]
    ) -> tuple[dict[str | None, list[OpeningHours]], list[str]]:
        """Hours by ``attending_type`` (``None``: the service's own) and the notes."""
        by_form: dict[str | None, list[OpeningHours]] = defaultdict(list)
        notes: list[str] = []
        records = list(self.by_service["schedule"].get(sid, ()))
        for place in places:
            records += self.schedules_of_place.get(place["id"], ())
        for record in records:
            hours = self.hours(record)
            description = self.text(record, "description")
            if hours is not None:
                by_form[self.text(record, "attending_type")] += hours
            elif description == vocab.CONTINUOUS_TEXT:
                continue
            elif description or self.text(record, "notes"):
                notes.append(description or self.text(record, "notes") or "")
        return by_form, notes

    def forms(
        self,
        linked: list[tuple[dict[str, Any], str]],
        hours: dict[str | None, list[OpeningHours]],
    ) -> tuple[FormOfProvision, ...]:
        result = []
        for attribute, code in linked:
            if not code.startswith(f"{FORMA}/"):
                continue
            form = Form.from_register_code(code)
            capacities = []
            for capacity, unit in self.linked(attribute["id"]):
                if not unit.startswith(f"{TYP_KAPACITY}/"):
                    continue
                value = capacity.get("value")
                count = int(value) if isinstance(value, str) and value.isdigit() else None
                if value is not None and count is None:
                    self.warn(capacity["id"], "value", f"expected a whole number, got {value!r}")
                capacities.append(Capacity(count, unit))
            labels = {code, form.label if form else None, self.codes.label(code)}
            form_hours = [h for label in labels if label for h in hours.pop(label, [])]
            value = attribute.get("value")
            result.append(
                FormOfProvision(
                    form_code=code,
                    form=form,
                    continuous=_CONTINUOUS.get(value) if isinstance(value, str) else None,
                    hours=tuple(sorted(form_hours, key=_hour_order)),
                    capacities=tuple(capacities),
                )
            )
        return tuple(result)

    # -- services ------------------------------------------------------------------------
    def service(self, record: dict[str, Any]) -> Service:
        sid = record["id"]
        linked = self.linked(sid)
        codes = [code for _a, code in linked]
        identifiers = self.values(sid, vocab.IDENTIFIER)
        written_by_kpss = bool(identifiers)
        identifier = identifiers[0] if identifiers else sid
        name = self.text(record, "name")
        if name is None:
            raise _Rejected("name", "required field missing (the service's name)")
        kind_code, kind = self.kind(sid, linked)
        org_id = record.get("organization_id")
        provider = self.provider(org_id) if isinstance(org_id, str) else None
        if provider is None:
            raise _Rejected(
                "organization_id", "no organization with a name (the provider) for the service"
            )
        valid_from = self._first_day(sid, vocab.VALID_FROM)
        valid_to = self._first_day(sid, vocab.VALID_TO)
        if record.get("status") == "defunct" and valid_to is None:
            raise _Rejected(
                "status", f"status defunct without the last day of provision ({vocab.VALID_TO})"
            )
        facilities, contact_addresses, physical = self.places(sid)
        places = self.by_service["service_at_location"].get(sid, ())
        hours, notes = self.schedules(sid, places)
        forms = self.forms(linked, hours)
        own_hours = sorted(hours.pop(None, []), key=_hour_order)
        for label, left in hours.items():
            self.warn(
                sid,
                "schedules",
                f"hours for {label!r}, which is not a form of the service; added to its own hours",
            )
            own_hours += left
        own_names = self.values(sid, vocab.OWN_NAME)
        video = self.values(sid, vocab.SIGN_VIDEO)
        return Service(
            identifier=identifier,
            kind_code=kind_code,
            provider=provider,
            kind=kind,
            name=(own_names[0] if own_names else None) if written_by_kpss else name,
            register_id=self._number(sid, vocab.REGISTER_ID),
            portal_id=self._number(sid, vocab.PORTAL_ID),
            forms=forms,
            target_groups=tuple(
                c for c in dict.fromkeys(codes) if c.startswith(f"{CILOVA_SKUPINA}/")
            ),
            age_groups=tuple(c for c in dict.fromkeys(codes) if c.startswith(f"{VEKOVA_SKUPINA}/")),
            age_note=self.text(record, "eligibility_description"),
            facilities=facilities,
            service_area=self.service_area(sid),
            contacts=self.contacts_of(record, "url", self.by_service),
            contact_addresses=contact_addresses,
            valid_from=valid_from,
            valid_to=valid_to,
            description=self.text(record, "description"),
            fees=self.text(record, "fees_description") or self.text(record, "fees"),
            hours_note="\n".join(notes) or None,
            offer=tuple(self.values(sid, vocab.OFFER)),
            opening_hours=tuple(own_hours),
            charge=self.charge(sid),
            languages=self.languages(sid),
            accessibility=self.accessibility_of(physical),
            sign_language_video=video[0] if video else None,
        )

    def languages(self, sid: str) -> tuple[str, ...]:
        """The language codes of the service *sid*."""
        return tuple(
            code
            for item in self.by_service["language"].get(sid, ())
            if (code := self.text(item, "code"))
        )

    def _number(self, ident: str, code: str) -> int | None:
        values = self.values(ident, code)
        if not values:
            return None
        if values[0].isdigit():
            return int(values[0])
        self.warn(ident, code, f"expected a whole number, got {values[0]!r}; left out")
        return None

    def charge(self, sid: str) -> Charge | None:
        for option in self.by_service["cost_option"].get(sid, ()):
            text = (self.text(option, "option") or "").casefold()
            amount = option.get("amount")
            if text == Charge.FREE.label or amount == 0:
                return Charge.FREE
            if text == Charge.PAID.label or (isinstance(amount, int | float) and amount > 0):
                return Charge.PAID
        return None

    def accessibility_of(self, locations: Iterable[dict[str, Any]]) -> Accessibility | None:
        for location in locations:
            for record in self.accessibility.get(location["id"], ()):
                flags: dict[str, bool] = {}
                for part in (self.text(record, "description") or "").split(";"):
                    known = _ACCESSIBILITY.get(part.strip())
                    if known is not None:
                        flags[known[0]] = known[1]
                return Accessibility(note=self.text(record, "details"), **flags)
        return None

    # -- related services that are not registered (návazné služby) -----------------------
    def is_related(self, sid: str) -> bool:
        """Whether the service *sid* is marked as not registered (kpss's attribute)."""
        return vocab.NOT_REGISTERED_VALUE in self.values(sid, vocab.REGISTERED)

    def related(self, record: dict[str, Any]) -> RelatedService:
        sid = record["id"]
        name = self.text(record, "name")
        if name is None:
            raise _Rejected("name", "required field missing (the related service's name)")
        keys = self.values(sid, vocab.RELATED_KEY)
        kinds = self.values(sid, vocab.RELATED_KIND)
        kind = None
        if kinds:
            try:
                kind = RelatedKind(kinds[0])
            except ValueError:
                known = ", ".join(k.value for k in RelatedKind)
                self.warn(sid, vocab.RELATED_KIND, f"{kinds[0]!r} is not one of {known}; left out")
        org_id = record.get("organization_id")
        organization = self.tables["organization"].get(org_id) if isinstance(org_id, str) else None
        facilities, _contact_addresses, physical = self.places(sid)
        places = self.by_service["service_at_location"].get(sid, ())
        hours, notes = self.schedules(sid, places)
        video = self.values(sid, vocab.SIGN_VIDEO)
        address = facilities[0].address if facilities else None
        return RelatedService(
            name=name,
            description=self.text(record, "description"),
            contacts=self.contacts_of(record, "url", self.by_service),
            key=keys[0] if keys else sid,
            kind=kind,
            operator=self.text(organization, "name") if organization else None,
            address=address,
            obce=self.service_area(sid),
            offer=tuple(self.values(sid, vocab.OFFER)),
            opening_hours=tuple(sorted((h for hs in hours.values() for h in hs), key=_hour_order)),
            hours_note="\n".join(notes) or None,
            charge=self.charge(sid),
            fees=self.text(record, "fees_description") or self.text(record, "fees"),
            languages=self.languages(sid),
            accessibility=self.accessibility_of(physical),
            sign_language_video=video[0] if video else None,
        )

    def add_related(self, catalog: Catalog, sid: str, record: dict[str, Any]) -> None:
        """Read the related service *record* into ``catalog.related`` (a problem: a warning)."""
        try:
            related = self.related(record)
        except _Rejected as exc:
            self.warn(sid, exc.field, f"{exc.message}; left out")
            return
        key = related.key or sid
        if key in catalog.related:
            self.warn(sid, "attributes", f"a second related service with key {key}; left out")
            return
        catalog.related[key] = related

    # -- the whole catalogue -------------------------------------------------------------
    def build(self) -> ImportResult:
        report = self.report
        report.rejected += self.flat.rejected
        report.warnings += self.flat.findings
        catalog = Catalog(codes=self.codes, source=self.source)
        dates: list[dt.date] = []
        related = [sid for sid in self.tables["service"] if self.is_related(sid)]
        for sid in related:
            self.add_related(catalog, sid, self.tables["service"][sid])
        services = {k: v for k, v in self.tables["service"].items() if k not in set(related)}
        report.read = len(services) + len(self.flat.rejected)
        accepts: Callable[[Service], bool] = self.options.filter.accepts
        for sid, record in services.items():
            try:
                service = self.service(record)
            except _Rejected as exc:
                report.rejected.append(Finding(exc.message, self.where(sid, exc.field)))
                continue
            assured = self.text(record, "assured_date")
            if assured and (day := self.day(sid, "assured_date", assured)):
                dates.append(day)
            if not accepts(service):
                report.filtered_out += 1
                continue
            if service.identifier in catalog:
                report.rejected.append(
                    Finding(
                        f"a second service with identifier {service.identifier}; the first is kept",
                        self.where(sid, "attributes"),
                    )
                )
                continue
            try:
                catalog.add(service)
            except ProviderConflictError:
                held = catalog.providers[service.provider.key]
                self.warn(
                    sid,
                    "organization_id",
                    f"provider {service.provider.key} appears twice with other data; "
                    "the first is kept",
                )
                catalog.add(attrs.evolve(service, provider=held))
        report.accepted = len(catalog)
        catalog.snapshot_date = max(dates) if dates else None
        return ImportResult(catalog, report)


def _hour_order(hours: OpeningHours) -> tuple[str, dt.time]:
    return hours.day, hours.opens
