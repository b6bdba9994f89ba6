"""Registered social services, their forms, capacities, facilities, addresses and contacts.

Besides the register's data a service may carry local additions (doplňky) a coordinator
wrote in an additions file (:mod:`kpss.additions`): a plain description, what the service
offers, opening hours, fees, languages, accessibility, a sign-language video, photos and
local contacts. ``Service.sources`` says which shown field came from where; related
services that are not registered (návazné služby) are :class:`RelatedService` records.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from kpss.model.actors import Provider
from kpss.model.contacts import Address, Contact
from kpss.model.law import Form, ServiceKind


@attrs.frozen
class Capacity:
    """Registered maximum capacity (not free places); ``unit`` is a ``TypKapacity…`` code."""

    count: int | None
    unit: str
    description: str | None = None


#: ``DenVTydnu/1`` (pondělí) … ``DenVTydnu/7`` (neděle) → the RFC 5545 day HSDS uses.
HSDS_DAYS = {
    f"DenVTydnu/{n}": day for n, day in enumerate(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), 1)
}


@attrs.frozen
class OpeningHours:
    """One time range of a day (``day`` is a ``DenVTydnu/…`` code, 1 = Monday … 7 = Sunday).

    ``note`` qualifies the range (``jen pro objednané``). An HSDS ``schedule`` row is
    ``freq=WEEKLY``, ``byday=hsds_day``, ``opens_at=opens``, ``closes_at=closes``.
    """

    day: str
    opens: dt.time
    closes: dt.time
    note: str | None = None

    @property
    def hsds_day(self) -> str | None:
        """The RFC 5545 / HSDS ``byday`` value (``MO`` … ``SU``); ``None`` for another code."""
        return HSDS_DAYS.get(self.day)


@attrs.frozen
class FormOfProvision:
    """One form in which a service is provided, with its capacities and hours.

    ``form`` is ``None`` when ``form_code`` is not a known form; the code is always kept.
    """

    form_code: str
    form: Form | None = None
    continuous: bool | None = None
    hours: tuple[OpeningHours, ...] = ()
    capacities: tuple[Capacity, ...] = ()


@attrs.frozen
class Facility:
    """Zařízení / místo poskytování. A secret address (``utajenaAdresa``) has no address."""

    name: str
    address: Address | None = None
    secret_address: bool = False
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@attrs.frozen
class Photo:
    """A picture of a service added by a plugin or a coordinator.

    ``url`` is a web address (http/https) of a picture elsewhere; it is ``""`` for a local
    picture, whose checked absolute path is ``file`` (an image inside the additions
    file's folder, of type ``media_type`` such as ``image/jpeg``). The web export copies
    ``file`` next to its pages; other exports may embed it or leave it out.
    """

    url: str
    caption: str | None = None
    file: str | None = None
    media_type: str | None = None


class Charge(enum.Enum):
    """Whether a service is paid for (úhrada); the details are free text in ``fees``."""

    FREE = "zdarma"
    PAID = "za-uhradu"

    @property
    def label(self) -> str:
        """Czech words for people: ``zdarma`` / ``za úhradu``."""
        return "zdarma" if self is Charge.FREE else "za úhradu"


@attrs.frozen
class Accessibility:
    """Access for people with disabilities; ``None`` means not known (never assumed).

    ``barrier_free`` is step-free access (bezbariérový přístup), ``hearing_loop`` an
    induction loop (indukční smyčka); ``note`` says more (``vchod ze dvora``).
    """

    barrier_free: bool | None = None
    hearing_loop: bool | None = None
    note: str | None = None


#: ISO 639 codes of the languages additions may name, with the Czech name shown to people.
#: ``cse`` is Czech sign language (český znakový jazyk).
LANGUAGES: dict[str, str] = {
    "cs": "čeština",
    "sk": "slovenština",
    "en": "angličtina",
    "de": "němčina",
    "uk": "ukrajinština",
    "ru": "ruština",
    "pl": "polština",
    "vi": "vietnamština",
    "rom": "romština",
    "hu": "maďarština",
    "fr": "francouzština",
    "es": "španělština",
    "ar": "arabština",
    "mn": "mongolština",
    "cse": "český znakový jazyk",
}


@attrs.frozen
class Provenance:
    """Where one shown field of a service came from when it is not the register.

    ``field`` is the model attribute (``description``, ``opening_hours``, ``photos``…);
    ``file`` and ``line`` locate the additions entry that set it. A field without a
    provenance record is the register's.
    """

    field: str
    file: str
    line: int | None = None

    @property
    def label(self) -> str:
        """``doplňky doplnky.yaml:12`` (the file name only, never the full path)."""
        name = self.file.replace("\\", "/").rsplit("/", 1)[-1]
        return f"doplňky {name}:{self.line}" if self.line else f"doplňky {name}"


#: The source of a field that has no :class:`Provenance` record.
REGISTER_SOURCE = "registr"


class RelatedKind(enum.Enum):
    """The documented kinds of related services that are not registered (návazné služby)."""

    SENIOR_CLUB = "klub-senioru"
    FOOD_BANK = "potravinova-banka"
    MUNICIPAL_SOCIAL_WORK = "socialni-prace-obce"
    DEBT_ADVICE = "dluhove-poradenstvi"
    SELF_HELP_GROUP = "svepomocna-skupina"
    VOLUNTEER_CENTRE = "dobrovolnicke-centrum"
    AID_LOAN = "pujcovna-pomucek"
    FAMILY_CENTRE = "rodinne-centrum"
    OTHER = "jina"

    @property
    def label(self) -> str:
        """The Czech name shown to people (``klub seniorů``)."""
        return RELATED_KIND_LABELS[self]


RELATED_KIND_LABELS: dict[RelatedKind, str] = {
    RelatedKind.SENIOR_CLUB: "klub seniorů",
    RelatedKind.FOOD_BANK: "potravinová banka",
    RelatedKind.MUNICIPAL_SOCIAL_WORK: "sociální práce obecního úřadu",
    RelatedKind.DEBT_ADVICE: "dluhové poradenství mimo registr",
    RelatedKind.SELF_HELP_GROUP: "svépomocná skupina",
    RelatedKind.VOLUNTEER_CENTRE: "dobrovolnické centrum",
    RelatedKind.AID_LOAN: "půjčovna kompenzačních pomůcek",
    RelatedKind.FAMILY_CENTRE: "rodinné centrum",
    RelatedKind.OTHER: "jiná návazná služba",
}

#: The mark every output shows next to a related service.
NOT_REGISTERED = "není registrovaná sociální služba"


@attrs.frozen
class RelatedService:
    """A related service that is not registered (návazná služba): a senior club, a food bank.

    On a :class:`Service` (``related_services``) it is one a plugin links to that
    service. In ``Catalog.related`` it stands on its own: ``key`` is its key in the
    additions file, ``kind`` one of :class:`RelatedKind`, ``address`` where it is and
    ``obce`` the obec codes it serves (``address.obec_code`` need not be among them).
    The other fields mean what they mean on a :class:`Service`. It is never a registered
    social service: ``registered`` is always false and outputs show :data:`NOT_REGISTERED`.
    """

    name: str
    description: str | None = None
    contacts: tuple[Contact, ...] = ()
    key: str | None = None
    kind: RelatedKind | None = None
    operator: str | None = None
    """Who runs it (``Město Kralovice``), as the coordinator writes it."""
    address: Address | None = None
    obce: frozenset[str] = frozenset()
    offer: tuple[str, ...] = ()
    opening_hours: tuple[OpeningHours, ...] = ()
    hours_note: str | None = None
    charge: Charge | None = None
    fees: str | None = None
    languages: tuple[str, ...] = ()
    accessibility: Accessibility | None = None
    sign_language_video: str | None = None
    photos: tuple[Photo, ...] = ()
    sources: tuple[Provenance, ...] = ()

    @property
    def registered(self) -> bool:
        """Always ``False``: a related service is not in the register."""
        return False

    @property
    def kind_label(self) -> str:
        """The Czech kind (``klub seniorů``), ``jiná návazná služba`` when not given."""
        return (self.kind or RelatedKind.OTHER).label

    def all_obce(self) -> frozenset[str]:
        """Obce it serves together with the obec of its address."""
        own = {self.address.obec_code} if self.address and self.address.obec_code else set()
        return self.obce | own


@attrs.frozen
class Document:
    """A document attached to a register entry (``doplnkoveUdaje``): a PDF link, never inlined."""

    kind: str
    url: str
    title: str | None = None
    valid_from: dt.date | None = None


def _is_active(valid_from: dt.date | None, valid_to: dt.date | None, on: dt.date) -> bool:
    return (valid_from is None or valid_from <= on) and (valid_to is None or on <= valid_to)


@attrs.frozen
class Service:
    """One registered social service (one item of the register).

    ``identifier`` is the register's ``identifikator``. ``kind_code`` is the raw
    ``DruhSocialniSluzby/…`` id and is always kept; ``kind`` is the Act 108/2006 kind it
    resolves to, or ``None`` when unknown. ``service_area`` holds obec codes.
    ``valid_to`` is the last day of provision (inclusive); ``None`` means still provided.

    Local additions (never in the register; see :mod:`kpss.additions`): ``offer`` lists
    what the service offers in plain words, ``opening_hours`` the structured hours of the
    service as a whole (a form's own ``hours`` come from the register), ``charge`` whether
    it is free (``fees`` the text), ``languages`` ISO 639 codes (:data:`LANGUAGES`),
    ``accessibility``, ``sign_language_video`` an http(s) link to a video in Czech sign
    language, ``local_contacts`` contacts from the coordinator: they are shown before
    the register's ``contacts``, or instead of them when ``replace_contacts`` is true
    (use :meth:`shown_contacts`). ``sources`` records which fields the additions set
    (:meth:`source_of`).
    """

    identifier: str
    kind_code: str
    provider: Provider
    kind: ServiceKind | None = None
    name: str | None = None
    register_id: int | None = None
    portal_id: int | None = None
    forms: tuple[FormOfProvision, ...] = ()
    target_groups: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    age_note: str | None = None
    facilities: tuple[Facility, ...] = ()
    service_area: frozenset[str] = frozenset()
    contacts: tuple[Contact, ...] = ()
    contact_addresses: tuple[Address, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    description: str | None = None
    fees: str | None = None
    hours_note: str | None = None
    photos: tuple[Photo, ...] = ()
    related_services: tuple[RelatedService, ...] = ()
    documents: tuple[Document, ...] = ()
    offer: tuple[str, ...] = ()
    opening_hours: tuple[OpeningHours, ...] = ()
    charge: Charge | None = None
    languages: tuple[str, ...] = ()
    accessibility: Accessibility | None = None
    sign_language_video: str | None = None
    local_contacts: tuple[Contact, ...] = ()
    replace_contacts: bool = False
    sources: tuple[Provenance, ...] = ()

    @property
    def title(self) -> str:
        """A name for people: ``name``, else the first facility name, else kind + provider."""
        if self.name:
            return self.name
        for facility in self.facilities:
            if facility.name.strip():
                return facility.name.strip()
        kind = self.kind.name if self.kind else self.kind_code
        return f"{kind} – {self.provider.name}"

    def shown_contacts(self) -> tuple[Contact, ...]:
        """Contacts to show: the local ones, then the register's unless replaced."""
        if self.replace_contacts:
            return self.local_contacts
        return self.local_contacts + tuple(c for c in self.contacts if c not in self.local_contacts)

    def source_of(self, field: str) -> Provenance | None:
        """Where *field* was set by additions; ``None`` when it is the register's."""
        for record in self.sources:
            if record.field == field:
                return record
        return None

    def source_label(self, field: str) -> str:
        """``registr`` or ``doplňky doplnky.yaml:12`` for *field*."""
        record = self.source_of(field)
        return record.label if record else REGISTER_SOURCE

    @property
    def form_set(self) -> frozenset[Form]:
        """The known forms of the service."""
        return frozenset(f.form for f in self.forms if f.form is not None)

    def is_active(self, on: dt.date) -> bool:
        """Whether the service is provided on *on* (both bounds inclusive)."""
        return _is_active(self.valid_from, self.valid_to, on)

    def facility_obce(self) -> frozenset[str]:
        """Obec codes of the facilities with a known (not secret) address."""
        return frozenset(
            f.address.obec_code for f in self.facilities if f.address and f.address.obec_code
        )

    def obce(self) -> frozenset[str]:
        """Where the service is: facility obce together with its service area."""
        return self.facility_obce() | self.service_area

    def capacity(self, unit: str | None = None, form: Form | None = None) -> int:
        """Total registered capacity, optionally of one unit code and one form."""
        return sum(
            c.count or 0
            for f in self.forms
            if form is None or f.form is form
            for c in f.capacities
            if unit is None or c.unit == unit
        )
