"""Catalogue → the register's shapes (``rpss.json``, ``rpss.xml``) and the kpss catalogue JSON.

The register shape is rebuilt from the model, so it holds what the model holds: no
personal data (``statutarniOrgany``, ``vedouci``), no long texts other than the kept
``description`` (as the newest ``realizacePoskytovani`` entry's ``popis``). For a
lossless copy of a register file use :mod:`kpss.rpss.copy` instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kpss.model.catalog import Catalog
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.services import Facility, Service
from kpss.rpss.item_writers import open_writer, write_all
from kpss.rpss.mapping import DOCUMENT_KINDS, is_secret, territorial_part

_CONTACT_KEYS = {
    ContactKind.EMAIL: ("emaily", "email"),
    ContactKind.PHONE: ("telefony", "telefon"),
    ContactKind.WEB: ("weby", "web"),
    ContactKind.FAX: ("faxy", "fax"),
}


def _ref(code_id: str | None) -> dict[str, str] | None:
    return {"id": code_id} if code_id else None


def _territory(prefix: str, code: str | None) -> dict[str, str] | None:
    return {"id": f"{prefix}/{code}"} if code else None


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def address_to_raw(address: Address) -> dict[str, Any]:
    """An :class:`Address` in the register's address shape."""
    return {
        "cisloDomovni": address.house_number,
        "cisloOrientacni": address.orientation_number,
        "dodatekAdresy": address.supplement,
        "kodAdresnihoMista": address.address_point,
        "psc": address.postcode,
        "typCislaDomovniho": _ref(address.house_number_type),
        "kraj": _territory("Kraj", address.kraj_code),
        "okres": _territory("Okres", address.okres_code),
        "obec": _territory("Obec", address.obec_code),
        "castObce": _territory("CastObce", address.cast_obce_code),
        "mestskyObvodMestskaCast": _territory("MestskyObvodMestskaCast", address.district_code),
        "mestskyObvodVPraze": None,
        "ulice": {"nazev": address.street} if address.street else None,
    }


def facility_to_raw(facility: Facility) -> dict[str, Any]:
    """A facility as a ``zarizeni`` entry; a secret one (:func:`~kpss.rpss.mapping.is_secret`)
    with the territorial part of its address only, whatever the facility holds."""
    secret = is_secret(facility.secret_address)
    address = facility.address
    if address is not None and secret:
        address = territorial_part(address)
    return {
        "id": None,
        "portalId": None,
        "identifikator": None,
        "nazev": facility.name,
        "poskytujeOd": _date(facility.valid_from),
        "poskytujeDo": _date(facility.valid_to),
        "utajenaAdresa": secret,
        "adresa": address_to_raw(address) if address is not None else None,
    }


def _contacts(contacts: tuple[Contact, ...]) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {key: [] for key, _ in _CONTACT_KEYS.values()}
    for contact in contacts:
        if contact.kind in _CONTACT_KEYS:
            key, value_key = _CONTACT_KEYS[contact.kind]
            result[key].append({value_key: contact.value, "poznamka": contact.note})
    return result


def _service_area(service: Service) -> list[dict[str, Any]]:
    from kpss.reference import territory

    data = territory()
    result = []
    for code in sorted(service.service_area):
        obec = data.obec(code)
        result.append(
            {
                "kraj": _territory("Kraj", obec.kraj_code if obec else None),
                "okres": _territory("Okres", obec.okres_code if obec else None),
                "obec": _territory("Obec", code),
            }
        )
    return result


def service_to_raw(service: Service) -> dict[str, Any]:
    """One service as an item of ``rpss.json`` (keys in the register's order)."""
    provider = service.provider
    contacts = _contacts(service.contacts)
    documents: dict[str, list[dict[str, Any]]] = {kind: [] for kind in DOCUMENT_KINDS}
    newest = None
    for document in service.documents:
        entry: dict[str, Any] = {
            "platnostOd": _date(document.valid_from),
            "priloha": {"nazev": document.title, "url": document.url},
        }
        documents.setdefault(document.kind, []).append(entry)
        if document.kind == "realizacePoskytovani" and (
            newest is None or (document.valid_from or dt.date.min) >= (newest[0] or dt.date.min)
        ):
            newest = (document.valid_from, entry)
    if service.description:
        if newest is not None:
            newest[1]["popis"] = service.description
        else:
            documents["realizacePoskytovani"].append({"popis": service.description})
    return {
        "portalId": service.portal_id,
        "id": service.register_id,
        "identifikator": service.identifier,
        "datumPoskytovaniOd": _date(service.valid_from),
        "datumPoskytovaniDo": _date(service.valid_to),
        "kontaktniAdresy": [{"adresa": address_to_raw(a)} for a in service.contact_addresses],
        "druhSocialniSluzby": {"id": service.kind_code},
        "zarizeni": [facility_to_raw(f) for f in service.facilities],
        "poskytovatel": {
            "ico": provider.ico,
            "nazev": provider.name,
            "dic": provider.dic,
            "adresa": address_to_raw(provider.seat) if provider.seat else None,
            **{k: v for k, v in _contacts(provider.contacts).items() if k != "faxy"},
        },
        "emaily": contacts["emaily"],
        "telefony": contacts["telefony"],
        "faxy": contacts["faxy"],
        "weby": contacts["weby"],
        "ciloveSkupiny": [{"cilovaSkupina": {"id": g}} for g in service.target_groups],
        "vekoveSkupiny": [{"vekovaSkupina": {"id": g}} for g in service.age_groups],
        "doplnujiciInformaceVekoveSkupiny": service.age_note,
        "formy": [
            {
                "forma": {"id": f.form_code},
                "nepretrzitePoskytovani": f.continuous,
                "casoveRozsahy": [
                    {
                        "denVTydnu": {"id": h.day},
                        "od": h.opens.isoformat("minutes"),
                        "do": h.closes.isoformat("minutes"),
                    }
                    for h in f.hours
                ]
                or None,
                "kapacity": [
                    {"pocet": c.count, "popis": c.description, "typ": {"id": c.unit}}
                    for c in f.capacities
                ],
            }
            for f in service.forms
        ],
        "rozsirenePusobnostiVKraji": _service_area(service),
        "doplnkoveUdaje": documents,
    }


def raw_items(catalog: Catalog) -> Iterator[dict[str, Any]]:
    """Every service of *catalog* as a register item, in catalogue order."""
    for service in catalog:
        yield service_to_raw(service)


def write_rpss(catalog: Catalog, path: str | Path, xml: bool | None = None) -> int:
    """Write *catalog* as ``rpss.json`` or ``rpss.xml`` (by suffix, or *xml*), atomically."""
    with open_writer(path, xml) as writer:
        return write_all(writer, raw_items(catalog), path)
