"""The triad of community planning: commissioners, providers, users, plus the public."""

from __future__ import annotations

import enum

import attrs

from kpss.model.contacts import Address, Contact
from kpss.model.labels import LabelledEnum

ICO_LENGTH = 8


def ico_check_digit(first_seven: str) -> int:
    """Check digit of an IČO from its first seven digits (weights 8..2, mod 11)."""
    total = sum(int(d) * w for d, w in zip(first_seven, range(8, 1, -1), strict=True))
    return (11 - total % 11) % 10


def is_valid_ico(value: str) -> bool:
    """Whether *value* is an 8-digit IČO with a correct mod-11 check digit."""
    return (
        len(value) == ICO_LENGTH
        and value.isascii()
        and value.isdigit()
        and ico_check_digit(value[:7]) == int(value[7])
    )


def normalize_ico(value: str | int) -> str:
    """An IČO as its 8-character string (leading zeros restored); ``ValueError`` if invalid."""
    text = str(value).strip().replace(" ", "")
    if text.isdigit() and len(text) < ICO_LENGTH:
        text = text.zfill(ICO_LENGTH)
    if not is_valid_ico(text):
        raise ValueError(_ico_message(value))
    return text


def _check_ico(
    _instance: object, _attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not is_valid_ico(value):
        raise ValueError(_ico_message(value))


def _ico_message(value: object) -> str:
    return f"invalid IČO {value!r}: expected 8 digits with a valid mod-11 check digit"


class Role(LabelledEnum):
    """Role of a participant in community planning (triáda + veřejnost)."""

    COMMISSIONER = ("zadavatel", "zadavatel")
    PROVIDER = ("poskytovatel", "poskytovatel")
    USER = ("uzivatel", "uživatel")
    PUBLIC = ("verejnost", "veřejnost")
    PROFESSIONAL_PUBLIC = ("odborna-verejnost", "odborná veřejnost")


class CommissionerLevel(enum.Enum):
    """Which public body commissions services."""

    OBEC = "obec"
    ORP = "orp"
    KRAJ = "kraj"


@attrs.frozen
class Commissioner:
    """Zadavatel: an obec, an ORP or a kraj (``unit_code`` is its territorial code)."""

    name: str
    level: CommissionerLevel
    unit_code: str
    ico: str | None = attrs.field(default=None, validator=_check_ico)
    contacts: tuple[Contact, ...] = ()


@attrs.frozen
class Provider:
    """Poskytovatel sociálních služeb.

    ``ico`` is the 8-character IČO (checked with mod 11); natural persons may have none.
    Personal data of the register (statutory bodies) is deliberately not part of the model.
    """

    name: str
    ico: str | None = attrs.field(default=None, validator=_check_ico)
    legal_form: str | None = None
    dic: str | None = None
    seat: Address | None = None
    contacts: tuple[Contact, ...] = ()

    @property
    def key(self) -> str:
        """Identity used to merge providers: the IČO, or the name when there is none."""
        return self.ico if self.ico is not None else f"nazev:{self.name}"


@attrs.frozen
class Participant:
    """A participant of the planning process with their triad role."""

    name: str
    role: Role
    organization: str | None = None
    function: str | None = None
    contacts: tuple[Contact, ...] = ()
