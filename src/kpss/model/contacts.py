"""Contacts and postal addresses, as the register gives them."""

from __future__ import annotations

import enum

import attrs


class ContactKind(enum.Enum):
    """Kind of a contact value."""

    PHONE = "telefon"
    EMAIL = "email"
    WEB = "web"
    FAX = "fax"
    DATA_BOX = "datova-schranka"


@attrs.frozen
class Contact:
    """One contact value with an optional note (``poznamka``), as the register gives it."""

    kind: ContactKind
    value: str
    note: str | None = None


@attrs.frozen
class Address:
    """A postal address; territorial parts are codes, as in the register.

    ``address_point`` is the RÚIAN address-point code (kód adresního místa).
    """

    street: str | None = None
    house_number: int | None = None
    orientation_number: str | None = None
    supplement: str | None = None
    postcode: str | None = None
    obec_code: str | None = None
    cast_obce_code: str | None = None
    okres_code: str | None = None
    kraj_code: str | None = None
    district_code: str | None = None
    house_number_type: str | None = None
    address_point: int | None = None
