"""One raw register item (a dict of ``rpss.json``) → a :class:`~kpss.model.Service`.

Rules (see registry-format.md):

- required: ``identifikator`` (string), ``druhSocialniSluzby.id`` and ``poskytovatel`` with
  ``nazev``; a record without them, or with a malformed ``datumPoskytovaniOd/Do``, is
  rejected (:class:`RecordRejected` names the field);
- any other value of the wrong type (e.g. ``pocet`` ``"7"``) is never coerced: it is dropped
  with a warning naming the field and the value, and the record is kept;
- code ids unknown to the code lists are kept raw and warned about; the service kind is
  resolved by register code, else the code list's ``paragraf``, else its label;
- an invalid IČO (mod 11) is warned about and the provider is kept without IČO (it is then
  merged by name): a typo in the register should not hide a service from citizens;
- ``rozsirenePusobnostiVKraji`` becomes ``service_area``: an entry with an obec gives that
  obec, an entry with an okres but no obec gives every obec of the okres, a kraj alone gives
  every obec of the kraj;
- facilities with the same name (whitespace ignored) and the same address are merged, with
  a warning; dates are widened to cover both;
- ``description`` is the ``popis`` of the newest ``realizacePoskytovani`` entry (the other
  long texts stay out of the model; every attachment is kept as a :class:`Document` link);
- secret addresses fail closed (:func:`is_secret`): a facility's address is public only
  when ``utajenaAdresa`` is exactly ``false``; otherwise only its territorial part is kept
  (obec, část obce, okres, kraj), a value that is not a clean boolean or a missing key is
  warned about (field ``zarizeni[i].utajenaAdresa``), and a contact address that is the
  secret one is cut the same way;
- nothing is lost silently: an unknown key at any depth (a misspelling such as
  ``kodAdresnihoMistapsc``) is warned about at its first occurrence with the closest known
  key, and so are empty list entries, an address without ``obec`` and a provider without
  ``ico``;
- personal data (``statutarniOrgany``, facility ``vedouci``) is never read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import attrs

from kpss.errors import Finding, Location, Severity
from kpss.model.actors import Provider, is_valid_ico
from kpss.model.codes import (
    CILOVA_SKUPINA,
    DRUH,
    FORMA,
    TYP_KAPACITY,
    VEKOVA_SKUPINA,
    CodeBook,
)
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.law import Form, LawTable, ServiceKind
from kpss.model.services import (
    Capacity,
    Document,
    Facility,
    FormOfProvision,
    OpeningHours,
    Service,
)
from kpss.model.territory import Level, Territory

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?\Z")

#: Keys of an item that kpss reads or knowingly ignores (the rest is warned about once).
KNOWN_KEYS = frozenset(
    {
        "portalId",
        "id",
        "identifikator",
        "datumPoskytovaniOd",
        "datumPoskytovaniDo",
        "kontaktniAdresy",
        "druhSocialniSluzby",
        "zarizeni",
        "poskytovatel",
        "emaily",
        "telefony",
        "faxy",
        "weby",
        "ciloveSkupiny",
        "vekoveSkupiny",
        "doplnujiciInformaceVekoveSkupiny",
        "formy",
        "rozsirenePusobnostiVKraji",
        "doplnkoveUdaje",
    }
)
UNKNOWN_KEY = "unknown key"
#: Known keys of the nested objects, by the kind of object (read or knowingly ignored;
#: ``vedouci`` and ``statutarniOrgany`` hold personal data and are never read).
FACILITY_KEYS = frozenset(
    {
        "id",
        "portalId",
        "identifikator",
        "nazev",
        "poskytujeOd",
        "poskytujeDo",
        "utajenaAdresa",
        "adresa",
        "vedouci",
    }
)
#: The territorial part of an address: all that is kept of a secret facility's address.
TERRITORIAL_KEYS = frozenset(
    {"kraj", "okres", "obec", "castObce", "mestskyObvodMestskaCast", "mestskyObvodVPraze"}
)
ADDRESS_KEYS = TERRITORIAL_KEYS | {
    "cisloDomovni",
    "cisloOrientacni",
    "dodatekAdresy",
    "kodAdresnihoMista",
    "psc",
    "typCislaDomovniho",
    "ulice",
}
PROVIDER_KEYS = frozenset(
    {"ico", "nazev", "dic", "adresa", "emaily", "telefony", "weby", "faxy", "statutarniOrgany"}
)
FORM_KEYS = frozenset({"forma", "nepretrzitePoskytovani", "casoveRozsahy", "kapacity"})
HOURS_KEYS = frozenset({"denVTydnu", "od", "do"})
CAPACITY_KEYS = frozenset({"pocet", "popis", "typ"})
AREA_KEYS = frozenset({"kraj", "okres", "obec"})
DOCUMENT_ENTRY_KEYS = frozenset({"platnostOd", "popis", "priloha", "rok"})
ATTACHMENT_KEYS = frozenset({"mimeType", "nazev", "url", "velikost"})
_REF_KEYS = frozenset({"id"})
_STREET_KEYS = frozenset({"nazev"})
_CONTACT_ADDRESS_KEYS = frozenset({"adresa"})
_INDEX = re.compile(r"\[\d+\]")
DOCUMENT_KINDS = ("realizacePoskytovani", "planyFinancnihoZajisteni", "personalniZajisteni")
_DOCUMENT_KEYS = frozenset(DOCUMENT_KINDS)
_CONTACT_KEYS = (
    ("emaily", "email", ContactKind.EMAIL),
    ("telefony", "telefon", ContactKind.PHONE),
    ("weby", "web", ContactKind.WEB),
    ("faxy", "fax", ContactKind.FAX),
)
_CONTACT_ENTRY_KEYS = {
    value_key: frozenset({value_key, "poznamka"}) for _, value_key, _ in _CONTACT_KEYS
}
_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", dict: "an object"}
_TYPE_NAMES[list] = "an array"


_MISSING = object()


class RecordRejected(Exception):
    """The record cannot become a service; ``field`` is the path of the offending value."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {str: "string", bool: "boolean", int: "number", float: "number"}.get(
        type(value), "array" if isinstance(value, list) else "object"
    )


class Mapper:
    """Maps raw items to services with one code book and the territory; collects issues.

    ``issues`` holds the warnings of the last :meth:`map` call.
    """

    def __init__(
        self,
        codes: CodeBook,
        territory: Territory,
        law: LawTable,
        keep_description: bool = True,
    ) -> None:
        self.codes = codes
        self.territory = territory
        self.law = law
        self.keep_description = keep_description
        self.issues: list[Finding] = []
        self._intern: dict[str, str] = {}
        self._kinds: dict[str, ServiceKind | None] = {}
        self._unknown_keys: set[str] = set()
        self._area_cache: dict[tuple[str, str], frozenset[str]] = {}
        self._known: dict[str, bool] = {}
        self._dates: dict[str, dt.date] = {}
        self._addresses: dict[tuple[Any, ...], Address] = {}
        self._hours_cache: dict[tuple[Any, ...], OpeningHours] = {}
        self._providers: dict[tuple[Any, ...], Provider] = {}
        self._areas: dict[frozenset[str], frozenset[str]] = {}
        self._tcodes: dict[str, dict[str, str]] = defaultdict(dict)
        self._valid: dict[str, str] = {}  # known code id -> its list (checked once)
        self._hour_lists: dict[tuple[Any, ...], tuple[OpeningHours, ...]] = {}
        #: Street-level identities of the current record's secret facility addresses.
        self._secret_places: set[tuple[str, ...]] = set()

    # -- small typed accessors ---------------------------------------------------------
    def _knows(self, code_id: str) -> bool:
        known = self._known.get(code_id)
        if known is None:
            known = self._known[code_id] = self.codes.knows(code_id)
        return known

    def warn(self, field: str, message: str) -> None:
        """Record a warning about *field* of the current record."""
        self.issues.append(Finding(message, Location(field=field), Severity.WARNING))

    def unknown_keys(self, raw: Mapping[str, Any], known: frozenset[str], path: str) -> None:
        """Warn about the keys of *raw* (at *path*) that kpss does not know, once per field.

        Callers test ``raw.keys() <= known`` first (cheap); this builds the messages.
        """
        pattern = _INDEX.sub("[]", path)
        for key in raw.keys() - known:
            field = f"{path}.{key}" if path else str(key)
            seen = f"{pattern}.{key}"
            if seen in self._unknown_keys:
                continue
            self._unknown_keys.add(seen)
            close = difflib.get_close_matches(str(key), sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.warn(field, f"{UNKNOWN_KEY} (first occurrence{hint}); ignored")

    def _get(self, raw: Mapping[str, Any], key: str, kind: type, path: str) -> Any:
        """``raw[key]`` if it has type *kind*; ``None`` when missing/null or (warned) wrong.

        *path* is the path of *raw* (``""`` at the top); the field path is built on warning.
        """
        value = raw.get(key)
        if value is None or type(value) is kind:
            return value
        self.warn(
            f"{path}.{key}" if path else key,
            f"expected {_TYPE_NAMES[kind]}, got {_type_name(value)} {value!r}; value dropped",
        )
        return None

    def _list(self, raw: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = raw.get(key)
        if type(value) is list:
            return value
        value = self._get(raw, key, list, path)
        return value if value is not None else []

    def _date(self, raw: Mapping[str, Any], key: str, path: str, required: bool) -> dt.date | None:
        value = raw.get(key)
        if value is None:
            return None
        try:
            return self._dates[value]
        except (KeyError, TypeError):
            pass
        if isinstance(value, str) and _DATE.match(value):
            try:
                day = self._dates[value] = dt.date.fromisoformat(value)
                return day
            except ValueError:
                pass
        message = f"expected a date YYYY-MM-DD, got {_type_name(value)} {value!r}"
        path = f"{path}.{key}" if path else key
        if required:
            raise RecordRejected(path, message)
        self.warn(path, message + "; value dropped")
        return None

    def _id(self, raw: Any, path: str) -> str | None:
        """The ``id`` of a code-list reference ``{"id": "List/code"}`` (interned)."""
        if raw is None:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            self.warn(
                path, f'expected a reference {{"id": "List/code"}}, got {raw!r}; value dropped'
            )
            return None
        if len(raw) != 1:
            self.unknown_keys(raw, _REF_KEYS, path.removesuffix(".id"))
        value: str = raw["id"]
        return self._intern.setdefault(value, value)

    def _ref_id(self, raw: Any, path: str, key: str) -> str | None:
        """Like :meth:`_id` with the field path built only when needed."""
        if type(raw) is dict and len(raw) == 1:
            value = raw.get("id")
            if type(value) is str:
                return self._intern.setdefault(value, value)
        return self._id(raw, f"{path}.{key}" if path else key)

    def _code(self, raw: Any, path: str, list_name: str) -> str | None:
        """A code-list id, warned about when the loaded code lists do not know it."""
        if type(raw) is dict and len(raw) == 1:
            value = raw.get("id")
            if type(value) is str and self._valid.get(value) == list_name:
                return self._intern[value]
        code_id = self._id(raw, path)
        if code_id is None:
            return None
        if not code_id.startswith(list_name + "/"):
            self.warn(path, f"expected an id of code list {list_name}, got {code_id!r}")
        elif not self._knows(code_id):
            self.warn(path, f"unknown code {code_id} (not in the loaded code lists); kept raw")
        else:
            self._valid[code_id] = list_name
        return code_id

    def _territory_code(self, raw: Any, path: str, key: str, prefix: str) -> str | None:
        """The code of a territorial reference ``{"id": "Obec/554499"}`` → ``"554499"``.

        *path* is the path of the object holding it under *key* (built only on warnings).
        """
        if type(raw) is dict and len(raw) == 1:
            value = raw.get("id")
            if type(value) is str:
                hit = self._tcodes[prefix].get(value)
                if hit is not None:
                    return hit
        field = f"{path}.{key}" if path else key
        code_id = self._id(raw, field)
        if code_id is None:
            return None
        head, _, code = code_id.partition("/")
        if head != prefix or not code:
            self.warn(field, f"expected an id {prefix}/<code>, got {code_id!r}; value dropped")
            return None
        table: Mapping[str, Any] = {
            "Obec": self.territory.obce,
            "Okres": self.territory.okresy,
            "Kraj": self.territory.kraje,
        }.get(prefix, {})
        code = self._intern.setdefault(code, code)
        if table and code not in table:
            self.warn(field, f"unknown {prefix.lower()} code {code} (not in the territory data)")
        else:
            self._tcodes[prefix][code_id] = code
        return code

    # -- the record --------------------------------------------------------------------
    def map(self, item: Any) -> Service:
        """The service of one item; raise :class:`RecordRejected`; warnings in ``issues``."""
        self.issues = []
        if not isinstance(item, dict):
            raise RecordRejected("$", f"expected an object, got {_type_name(item)}")
        ident = item.get("identifikator")
        if ident is None:
            raise RecordRejected("identifikator", "required field missing")
        if not isinstance(ident, str) or not ident.strip():
            raise RecordRejected(
                "identifikator", f"expected a non-empty string, got {_type_name(ident)} {ident!r}"
            )
        if "druhSocialniSluzby" not in item or item["druhSocialniSluzby"] is None:
            raise RecordRejected("druhSocialniSluzby", "required field missing")
        druh = item["druhSocialniSluzby"]
        if not isinstance(druh, dict) or not isinstance(druh.get("id"), str):
            raise RecordRejected(
                "druhSocialniSluzby", f'expected {{"id": "DruhSocialniSluzby/<n>"}}, got {druh!r}'
            )
        kind_code = self._code(druh, "druhSocialniSluzby.id", DRUH)
        assert kind_code is not None
        provider = self._provider(item.get("poskytovatel"))
        if not item.keys() <= KNOWN_KEYS:
            self.unknown_keys(item, KNOWN_KEYS, "")
        documents, description = self._documents(item.get("doplnkoveUdaje"))
        self._secret_places = set()
        facilities = self._facilities(self._list(item, "zarizeni", ""))
        return Service(
            identifier=ident,
            kind_code=kind_code,
            provider=provider,
            kind=self._kind(kind_code),
            register_id=self._get(item, "id", int, ""),
            portal_id=self._get(item, "portalId", int, ""),
            forms=self._forms(self._list(item, "formy", "")),
            target_groups=self._refs(item, "ciloveSkupiny", "cilovaSkupina", CILOVA_SKUPINA),
            age_groups=self._refs(item, "vekoveSkupiny", "vekovaSkupina", VEKOVA_SKUPINA),
            age_note=self._get(item, "doplnujiciInformaceVekoveSkupiny", str, ""),
            facilities=facilities,
            service_area=self._service_area(self._list(item, "rozsirenePusobnostiVKraji", "")),
            contacts=self._contacts(item, ""),
            contact_addresses=self._contact_addresses(item),
            valid_from=self._date(item, "datumPoskytovaniOd", "", True),
            valid_to=self._date(item, "datumPoskytovaniDo", "", True),
            description=description,
            documents=documents,
        )

    def _kind(self, code: str) -> ServiceKind | None:
        """The kind of Act 108/2006 of a register code; every unknown one is warned about."""
        if code in self._kinds:
            kind = self._kinds[code]
        else:
            kind = self._kinds[code] = self._find_kind(code)
        if kind is None:
            self.warn("druhSocialniSluzby.id", f"{code} is not a kind of Act 108/2006 kpss knows")
        return kind

    def _find_kind(self, code: str) -> ServiceKind | None:
        """By register code, else the code list's ``paragraf``, else its label."""
        kind = self.law.by_register_code(code)
        item = self.codes.get(code)
        if kind is None and item is not None:
            paragraph = item.extra.get("paragraf")
            if paragraph:
                kind = self.law.get(paragraph)
            if kind is None and item.label:
                kind = self.law.by_name(item.label)
        return kind

    def _provider(self, raw: Any) -> Provider:
        """The provider of a service; equal raw providers give one shared object."""
        if type(raw) is dict and not raw.keys() <= PROVIDER_KEYS:
            self.unknown_keys(raw, PROVIDER_KEYS, "poskytovatel")
        try:
            key = _provider_key(raw)
            found = self._providers.get(key)
        except (TypeError, KeyError, AttributeError):
            key, found = None, None
        if found is not None:
            return found
        before = len(self.issues)
        provider = self._new_provider(raw)
        if key is not None and len(self.issues) == before:
            self._providers[key] = provider
        return provider

    def _new_provider(self, raw: Any) -> Provider:
        path = "poskytovatel"
        if raw is None:
            raise RecordRejected(path, "required field missing")
        if not isinstance(raw, dict):
            raise RecordRejected(path, f"expected an object, got {_type_name(raw)}")
        name = raw.get("nazev")
        if not isinstance(name, str) or not name.strip():
            raise RecordRejected(
                f"{path}.nazev", f"expected the provider's name, got {_type_name(name)} {name!r}"
            )
        ico = raw.get("ico")
        if ico is None or ico == "":
            self.warn(
                f"{path}.ico",
                "provider without IČO; its services are grouped with others by the provider's name",
            )
            ico = None
        elif not (isinstance(ico, str) and is_valid_ico(ico)):
            self.warn(
                f"{path}.ico",
                f"invalid IČO {ico!r} (expected 8 digits with a valid mod-11 check digit); "
                "provider kept without IČO",
            )
            ico = None
        address = raw.get("adresa")
        return Provider(
            name=name.strip(),
            ico=ico,
            dic=self._get(raw, "dic", str, path),
            seat=self._address(address, f"{path}.adresa") if address is not None else None,
            contacts=self._contacts(raw, f"{path}."),
        )

    def _contacts(self, raw: Mapping[str, Any], prefix: str) -> tuple[Contact, ...]:
        result: list[Contact] = []
        for key, value_key, kind in _CONTACT_KEYS:
            entries = raw.get(key)
            if type(entries) is not list:
                entries = self._list(raw, key, prefix.rstrip("."))
            known = _CONTACT_ENTRY_KEYS[value_key]
            for i, entry in enumerate(entries):
                if type(entry) is dict and entry.keys() <= known:
                    value, note = entry.get(value_key), entry.get("poznamka")
                    if type(value) is str and (note is None or type(note) is str):
                        value = value.strip()
                        if value:
                            result.append(Contact(kind, value, note))
                            continue
                path = f"{prefix}{key}[{i}]"
                if not isinstance(entry, dict):
                    self.warn(path, f"expected an object, got {_type_name(entry)}; dropped")
                    continue
                if not entry.keys() <= known:
                    self.unknown_keys(entry, known, path)
                value = self._get(entry, value_key, str, path)
                if value is None or not value.strip():
                    self.warn(f"{path}.{value_key}", f"empty {value_key}; entry dropped")
                    continue
                note = self._get(entry, "poznamka", str, path)
                result.append(Contact(kind, value.strip(), note))
        return tuple(result)

    def _contact_addresses(self, item: Mapping[str, Any]) -> tuple[Address, ...]:
        """The service's contact addresses; one that is a secret facility's address is cut
        to its territorial part (the obec stays), like the facility's own."""
        result: list[Address] = []
        for i, entry in enumerate(self._list(item, "kontaktniAdresy", "")):
            path = f"kontaktniAdresy[{i}]"
            if not isinstance(entry, dict):
                self.warn(path, f"expected an object, got {_type_name(entry)}; dropped")
                continue
            if not entry.keys() <= _CONTACT_ADDRESS_KEYS:
                self.unknown_keys(entry, _CONTACT_ADDRESS_KEYS, path)
            raw = entry.get("adresa")
            if raw is None:
                self.warn(f"{path}.adresa", "contact address missing; entry dropped")
                continue
            if (
                self._secret_places
                and isinstance(raw, dict)
                and not self._secret_places.isdisjoint(_places(raw))
            ):
                self.warn(
                    f"{path}.adresa",
                    "the address of a facility with a secret address (utajenaAdresa); "
                    "only its obec is kept",
                )
                raw = _territorial(raw)
            address = self._address(raw, f"{path}.adresa")
            if address is not None:
                result.append(address)
        return tuple(result)

    def _address(self, raw: Any, path: str) -> Address | None:
        """The address of *raw*; equal addresses are one shared object (speed and memory)."""
        if raw is None:
            return None
        if type(raw) is dict and not raw.keys() <= ADDRESS_KEYS:
            self.unknown_keys(raw, ADDRESS_KEYS, path)
        try:
            key = _address_key(raw)
            found = self._addresses.get(key)
        except (TypeError, KeyError, AttributeError):
            key, found = None, None
        if found is not None:
            return found
        before = len(self.issues)
        address = self._new_address(raw, path)
        if key is not None and address is not None and len(self.issues) == before:
            self._addresses[key] = address
        return address

    def _new_address(self, raw: Any, path: str) -> Address | None:
        if not isinstance(raw, dict):
            self.warn(path, f"expected an address object, got {_type_name(raw)}; dropped")
            return None
        street = raw.get("ulice")
        if isinstance(street, dict):
            if not street.keys() <= _STREET_KEYS:
                self.unknown_keys(street, _STREET_KEYS, f"{path}.ulice")
            street_name = self._get(street, "nazev", str, f"{path}.ulice")
        else:
            street_name = self._get(raw, "ulice", dict, path)
        tcode = self._territory_code
        district = tcode(
            raw.get("mestskyObvodMestskaCast"),
            path,
            "mestskyObvodMestskaCast",
            "MestskyObvodMestskaCast",
        ) or tcode(raw.get("mestskyObvodVPraze"), path, "mestskyObvodVPraze", "MestskyObvodVPraze")
        obec = raw.get("obec")
        if obec is None:
            self.warn(
                f"{path}.obec",
                "address without obec; the service is not placed in any obec by it",
            )
        return Address(
            street=street_name,
            house_number=self._get(raw, "cisloDomovni", int, path),
            orientation_number=self._get(raw, "cisloOrientacni", str, path),
            supplement=self._get(raw, "dodatekAdresy", str, path),
            postcode=self._get(raw, "psc", str, path),
            obec_code=tcode(obec, path, "obec", "Obec"),
            cast_obce_code=tcode(raw.get("castObce"), path, "castObce", "CastObce"),
            okres_code=tcode(raw.get("okres"), path, "okres", "Okres"),
            kraj_code=tcode(raw.get("kraj"), path, "kraj", "Kraj"),
            district_code=district,
            house_number_type=self._ref_id(raw.get("typCislaDomovniho"), path, "typCislaDomovniho"),
            address_point=self._get(raw, "kodAdresnihoMista", int, path),
        )

    def _refs(
        self, item: Mapping[str, Any], key: str, inner: str, list_name: str
    ) -> tuple[str, ...]:
        result: list[str] = []
        valid, intern = self._valid, self._intern
        for i, entry in enumerate(self._list(item, key, "")):
            if type(entry) is dict and len(entry) == 1:
                ref = entry.get(inner)
                if type(ref) is dict and len(ref) == 1:
                    value = ref.get("id")
                    if type(value) is str and valid.get(value) == list_name:
                        value = intern[value]
                        if value not in result:
                            result.append(value)
                        continue
            path = f"{key}[{i}]"
            if not isinstance(entry, dict):
                self.warn(path, f"expected an object, got {_type_name(entry)}; dropped")
                continue
            known = frozenset({inner})
            if not entry.keys() <= known:
                self.unknown_keys(entry, known, path)
            if entry.get(inner) is None:
                self.warn(f"{path}.{inner}", f"{inner} missing; entry dropped")
                continue
            code = self._code(entry.get(inner), f"{path}.{inner}.id", list_name)
            if code is not None and code not in result:
                result.append(code)
        return tuple(result)

    def _forms(self, raw: list[Any]) -> tuple[FormOfProvision, ...]:
        result: list[FormOfProvision] = []
        for i, entry in enumerate(raw):
            path = f"formy[{i}]"
            if not isinstance(entry, dict):
                self.warn(path, f"expected an object, got {_type_name(entry)}; dropped")
                continue
            if not entry.keys() <= FORM_KEYS:
                self.unknown_keys(entry, FORM_KEYS, path)
            code = self._code(entry.get("forma"), path + ".forma.id", FORMA)
            if code is None:
                self.warn(f"{path}.forma", "form missing; form entry dropped")
                continue
            form = Form.from_register_code(code)
            result.append(
                FormOfProvision(
                    form_code=code,
                    form=form,
                    continuous=self._get(entry, "nepretrzitePoskytovani", bool, path),
                    hours=self._hours(self._list(entry, "casoveRozsahy", path), path),
                    capacities=self._capacities(self._list(entry, "kapacity", path), path),
                )
            )
        return tuple(result)

    def _hours(self, raw: list[Any], prefix: str) -> tuple[OpeningHours, ...]:
        """Opening hours; an equal list seen before (without warnings) is reused."""
        if not raw:
            return ()
        try:
            key = tuple(
                (
                    None if (r := e.get("denVTydnu")) is None else (r["id"], len(r)),
                    e.get("od"),
                    e.get("do"),
                    len(e),
                )
                for e in raw
            )
            hit = self._hour_lists.get(key)
        except (TypeError, KeyError, AttributeError):
            key, hit = None, None
        if hit is not None:
            return hit
        before = len(self.issues)
        hours = self._new_hours(raw, prefix)
        if key is not None and len(self.issues) == before:
            self._hour_lists[key] = hours
        return hours

    def _new_hours(self, raw: list[Any], prefix: str) -> tuple[OpeningHours, ...]:
        result: list[OpeningHours] = []
        warned: set[str] = set()
        for i, entry in enumerate(raw):
            path = f"{prefix}.casoveRozsahy[{i}]"
            if not isinstance(entry, dict):
                self.warn(path, f"expected an object, got {_type_name(entry)}; dropped")
                continue
            if not entry.keys() <= HOURS_KEYS:
                self.unknown_keys(entry, HOURS_KEYS, path)
            opens, closes = entry.get("od"), entry.get("do")
            try:
                key = (_rid(entry.get("denVTydnu")), opens, closes, len(entry))
                hit = self._hours_cache.get(key)
            except (TypeError, KeyError):
                key, hit = None, None
            if hit is not None:
                if hit.day not in warned and not self._knows(hit.day):
                    warned.add(hit.day)
                    self.warn(
                        f"{path}.denVTydnu.id",
                        f"unknown code {hit.day} (not in the loaded code lists); kept raw",
                    )
                result.append(hit)
                continue
            day = self._id(entry.get("denVTydnu"), f"{path}.denVTydnu")
            if day is None or not all(
                isinstance(t, str) and _TIME.match(t) for t in (opens, closes)
            ):
                self.warn(path, f"expected denVTydnu, od and do as HH:MM, got {entry!r}; dropped")
                continue
            if day not in warned and not self._knows(day):
                warned.add(day)
                self.warn(
                    f"{path}.denVTydnu.id",
                    f"unknown code {day} (not in the loaded code lists); kept raw",
                )
            hours = OpeningHours(
                day, dt.time.fromisoformat(str(opens)), dt.time.fromisoformat(str(closes))
            )
            if key is not None and len(entry) == 3:
                self._hours_cache[key] = hours
            result.append(hours)
        return tuple(result)

    def _capacities(self, raw: list[Any], prefix: str) -> tuple[Capacity, ...]:
        result: list[Capacity] = []
        valid, intern = self._valid, self._intern
        for i, entry in enumerate(raw):
            if type(entry) is dict and entry.keys() <= CAPACITY_KEYS:
                ref, count, text = entry.get("typ"), entry.get("pocet"), entry.get("popis")
                if (
                    type(ref) is dict
                    and len(ref) == 1
                    and (count is None or type(count) is int)
                    and (text is None or type(text) is str)
                ):
                    unit = ref.get("id")
                    if type(unit) is str and valid.get(unit) == TYP_KAPACITY:
                        result.append(Capacity(count, intern[unit], text))
                        continue
            path = f"{prefix}.kapacity[{i}]"
            if not isinstance(entry, dict):
                self.warn(path, f"expected an object, got {_type_name(entry)}; dropped")
                continue
            if not entry.keys() <= CAPACITY_KEYS:
                self.unknown_keys(entry, CAPACITY_KEYS, path)
            unit = self._code(entry.get("typ"), f"{path}.typ.id", TYP_KAPACITY)
            if unit is None:
                self.warn(f"{path}.typ", "capacity type missing; capacity dropped")
                continue
            count = self._get(entry, "pocet", int, path)
            result.append(Capacity(count, unit, self._get(entry, "popis", str, path)))
        return tuple(result)

    def _facilities(self, raw: list[Any]) -> tuple[Facility, ...]:
        result: list[Facility] = []
        seen: dict[tuple[str, Address | None], tuple[int, int]] = {}
        for i, entry in enumerate(raw):
            path = f"zarizeni[{i}]"
            if not isinstance(entry, dict):
                self.warn(path, f"expected an object, got {_type_name(entry)}; dropped")
                continue
            facility = self._facility(entry, path)
            secret, address = facility.secret_address, facility.address
            key = (facility.name.casefold(), address)
            if key in seen and not secret:
                first, at = seen[key]
                result[at] = _widen(result[at], facility)
                self.warn(
                    path,
                    f"duplicate of zarizeni[{first}] (same name and address, "
                    f"{facility.name!r}); merged",
                )
                continue
            seen[key] = (i, len(result))
            result.append(facility)
        return tuple(result)

    def _facility(self, entry: dict[str, Any], path: str) -> Facility:
        """One facility (``zarizeni`` entry); see :func:`is_secret` for its address."""
        if not entry.keys() <= FACILITY_KEYS:
            self.unknown_keys(entry, FACILITY_KEYS, path)
        name = self._get(entry, "nazev", str, path)
        if name is None:
            self.warn(f"{path}.nazev", "facility without a name; kept with an empty name")
            name = ""
        flag = entry.get("utajenaAdresa", _MISSING)
        hidden = is_secret(flag)
        if flag is not False and flag is not True:
            got = (
                "nothing (the key is missing)"
                if flag is _MISSING
                else "null"
                if flag is None
                else f"{_type_name(flag)} {flag!r}"
            )
            self.warn(
                f"{path}.utajenaAdresa",
                f"expected true or false, got {got}; the address is treated as secret "
                "(only its obec is kept)",
            )
        raw = entry.get("adresa")
        if hidden and isinstance(raw, dict):
            self._secret_places |= _places(raw)
            raw = _territorial(raw)
        address = self._address(raw, f"{path}.adresa")
        return Facility(
            name=" ".join(name.split()),
            address=address,
            secret_address=hidden,
            valid_from=self._date(entry, "poskytujeOd", path, False),
            valid_to=self._date(entry, "poskytujeDo", path, False),
        )

    def _service_area(self, raw: list[Any]) -> frozenset[str]:
        codes: set[str] = set()
        for i, entry in enumerate(raw):
            path = f"rozsirenePusobnostiVKraji[{i}]"
            if not isinstance(entry, dict):
                self.warn(path, f"expected an object, got {_type_name(entry)}; dropped")
                continue
            if not entry.keys() <= AREA_KEYS:
                self.unknown_keys(entry, AREA_KEYS, path)
            if (
                entry.get("obec") is None
                and entry.get("okres") is None
                and entry.get("kraj") is None
            ):
                self.warn(path, "no obec, okres or kraj; entry dropped")
                continue
            obec = self._territory_code(entry.get("obec"), path, "obec", "Obec")
            if obec is not None:
                codes.add(obec)
                continue
            okres = self._territory_code(entry.get("okres"), path, "okres", "Okres")
            if okres is not None:
                codes |= self._members(Level.OKRES, okres)
                continue
            kraj = self._territory_code(entry.get("kraj"), path, "kraj", "Kraj")
            if kraj is not None:
                codes |= self._members(Level.KRAJ, kraj)
        area = frozenset(codes)
        return self._areas.setdefault(area, area)  # equal areas are one shared object

    def _members(self, level: Level, code: str) -> frozenset[str]:
        key = (level.value, code)
        if key not in self._area_cache:
            unit: Any = (
                self.territory.okresy.get(code)
                if level is Level.OKRES
                else self.territory.kraje.get(code)
            )
            self._area_cache[key] = self.territory.obec_codes(unit) if unit else frozenset()
        return self._area_cache[key]

    def _documents(self, raw: Any) -> tuple[tuple[Document, ...], str | None]:
        if raw is None:
            return (), None
        if not isinstance(raw, dict):
            self.warn("doplnkoveUdaje", f"expected an object, got {_type_name(raw)}; dropped")
            return (), None
        if not raw.keys() <= _DOCUMENT_KEYS:
            self.unknown_keys(raw, _DOCUMENT_KEYS, "doplnkoveUdaje")
        documents: list[Document] = []
        newest: tuple[dt.date, str] | None = None
        keep = self.keep_description
        intern = self._intern
        dates = self._dates
        for kind in DOCUMENT_KINDS:
            for i, entry in enumerate(self._list(raw, kind, "doplnkoveUdaje")):
                if type(entry) is not dict:
                    self.warn(
                        f"doplnkoveUdaje.{kind}[{i}]",
                        f"expected an object, got {_type_name(entry)}; dropped",
                    )
                    continue
                path = ""
                if not entry.keys() <= DOCUMENT_ENTRY_KEYS or not any(entry.values()):
                    path = f"doplnkoveUdaje.{kind}[{i}]"
                    if not any(v is not None and v != "" for v in entry.values()):
                        self.warn(path, "empty entry; dropped")
                        continue
                    self.unknown_keys(entry, DOCUMENT_ENTRY_KEYS, path)
                day = entry.get("platnostOd")
                valid_from = dates.get(day) if type(day) is str else None
                if valid_from is None and day is not None:
                    path = f"doplnkoveUdaje.{kind}[{i}]"
                    valid_from = self._date(entry, "platnostOd", path, False)
                attachment = entry.get("priloha")
                if type(attachment) is not dict:
                    path = path or f"doplnkoveUdaje.{kind}[{i}]"
                    attachment = self._get(entry, "priloha", dict, path)
                if attachment is not None:
                    if not attachment.keys() <= ATTACHMENT_KEYS:
                        path = path or f"doplnkoveUdaje.{kind}[{i}]"
                        self.unknown_keys(attachment, ATTACHMENT_KEYS, f"{path}.priloha")
                    url = attachment.get("url")
                    if url is None or url == "" or (type(url) is str and not url.strip()):
                        path = path or f"doplnkoveUdaje.{kind}[{i}]"
                        self.warn(f"{path}.priloha.url", "attachment without url; dropped")
                        url = None
                    elif type(url) is not str:
                        path = path or f"doplnkoveUdaje.{kind}[{i}]"
                        url = self._get(attachment, "url", str, f"{path}.priloha")
                    if url:
                        title = attachment.get("nazev")
                        if type(title) is str:
                            title = intern.setdefault(title, title)
                        else:
                            path = path or f"doplnkoveUdaje.{kind}[{i}]"
                            title = self._get(attachment, "nazev", str, f"{path}.priloha")
                        documents.append(Document(kind, url, title, valid_from))
                if keep and kind == "realizacePoskytovani":
                    text = entry.get("popis")
                    if text is not None and type(text) is not str:
                        path = path or f"doplnkoveUdaje.{kind}[{i}]"
                        text = self._get(entry, "popis", str, path)
                    when = valid_from or dt.date.min
                    if text and (newest is None or when >= newest[0]):
                        newest = (when, text)
        return tuple(documents), newest[1] if newest else None


def is_secret(flag: Any) -> bool:
    """The secrecy rule of kpss: a facility's address is public only when the register says
    ``utajenaAdresa: false`` (in XML ``<utajenaAdresa type="boolean">false</…>``).

    Anything else — ``true``, a missing key, ``null``, ``"false"``, ``0`` — fails closed: the
    street, numbers, PSČ and address point are dropped when the item is mapped, and only the
    territorial part (obec, část obce, okres, kraj, city district) is kept, so no exporter
    downstream can publish them.
    """
    return flag is not False


def _territorial(raw: dict[str, Any]) -> dict[str, Any]:
    """The territorial keys of a raw address (what a secret address keeps)."""
    return {key: value for key, value in raw.items() if key in TERRITORIAL_KEYS}


def territorial_part(address: Address) -> Address:
    """*address* without street, numbers, PSČ and address point (see :func:`is_secret`)."""
    return Address(
        obec_code=address.obec_code,
        cast_obce_code=address.cast_obce_code,
        okres_code=address.okres_code,
        kraj_code=address.kraj_code,
        district_code=address.district_code,
    )


def _places(raw: dict[str, Any]) -> set[tuple[str, ...]]:
    """Street-level identities of a raw address: its address point, its street and numbers."""
    found: set[tuple[str, ...]] = set()
    point = raw.get("kodAdresnihoMista")
    if point is not None:
        found.add(("point", repr(point)))
    street = raw.get("ulice")
    name = street.get("nazev") if isinstance(street, dict) else None
    house, orientation = raw.get("cisloDomovni"), raw.get("cisloOrientacni")
    if name is not None or house is not None:
        obec = raw.get("obec")
        obec_id = obec.get("id") if isinstance(obec, dict) else obec
        found.add(("street", repr(obec_id), repr(name), repr(house), repr(orientation)))
    return found


def _rid(ref: Any) -> Any:
    return None if ref is None else (ref["id"], len(ref))


def _address_key(raw: dict[str, Any]) -> tuple[Any, ...]:
    """A hashable key of a raw address (types included: 1, 1.0 and True differ)."""
    get = raw.get
    house, point = get("cisloDomovni"), get("kodAdresnihoMista")
    return (
        len(raw),
        house,
        type(house),
        get("cisloOrientacni"),
        get("dodatekAdresy"),
        point,
        type(point),
        get("psc"),
        None if (r := get("typCislaDomovniho")) is None else r["id"],
        None if (r := get("kraj")) is None else r["id"],
        None if (r := get("okres")) is None else r["id"],
        None if (r := get("obec")) is None else r["id"],
        None if (r := get("castObce")) is None else r["id"],
        None if (r := get("mestskyObvodMestskaCast")) is None else r["id"],
        None if (r := get("mestskyObvodVPraze")) is None else r["id"],
        None if (r := get("ulice")) is None else r["nazev"],
    )


def _items_key(value: Any) -> Any:
    if type(value) is list:
        return tuple(tuple(entry.items()) for entry in value)
    return value


def _provider_key(raw: dict[str, Any]) -> tuple[Any, ...]:
    """A hashable key of the provider fields kpss reads (personal data is not read)."""
    get = raw.get
    address = get("adresa")
    return (
        get("ico"),
        get("nazev"),
        get("dic"),
        None if address is None else _address_key(address),
        _items_key(get("emaily")),
        _items_key(get("telefony")),
        _items_key(get("weby")),
        _items_key(get("faxy")),
    )


def _widen(a: Facility, b: Facility) -> Facility:
    """One facility covering both duplicates' validity (``None`` = unbounded)."""
    start = (
        None if a.valid_from is None or b.valid_from is None else min(a.valid_from, b.valid_from)
    )
    end = None if a.valid_to is None or b.valid_to is None else max(a.valid_to, b.valid_to)
    return attrs.evolve(a, valid_from=start, valid_to=end)
