"""Registered social services, their forms, capacities, facilities, addresses and contacts."""

from __future__ import annotations

import datetime as dt

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


@attrs.frozen
class OpeningHours:
    """One time range of a day (``day`` is a ``DenVTydnu/…`` code)."""

    day: str
    opens: dt.time
    closes: dt.time


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
    """A picture of a service added by a plugin or a coordinator."""

    url: str
    caption: str | None = None


@attrs.frozen
class RelatedService:
    """A non-registered related service (návazná služba), e.g. a senior club or a food bank."""

    name: str
    description: str | None = None
    contacts: tuple[Contact, ...] = ()


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
