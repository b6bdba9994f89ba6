"""Messy local lists made from register data, as coordinators write them.

Used by the integration tests and by ``benchmarks/bench_match.py``.

Each row names a register service the way a town's old catalogue or a spreadsheet would:
without diacritics, in capitals, with another legal-form spelling, swapped word order, a
typo, the phone in another format, the web without its scheme, the obec in a column or at
the end of an address. About a tenth of the rows are services that are not registered.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from kpss.model.catalog import Catalog
from kpss.model.contacts import ContactKind
from kpss.model.territory import Territory

NOT_REGISTERED = [
    "Klub seniorů",
    "Senior taxi",
    "Potravinová banka",
    "Svačinky pro děti",
    "Mateřské centrum Sluníčko",
    "Knihovna pro nevidomé",
    "Dobrovolnické centrum",
]


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 6]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :] if rng.random() < 0.5 else w[:j] + w[j + 1 :]
    return " ".join(words)


def _phone(rng: random.Random, digits: str) -> str:
    style = rng.random()
    if style < 0.3:
        return f"+420 {digits[:3]} {digits[3:6]} {digits[6:]}"
    if style < 0.6:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if style < 0.8:
        return digits
    return f"tel. {digits[:3]} {digits[3:6]} {digits[6:]}"


def messy_rows(
    catalog: Catalog, territory: Territory, count: int, seed: int = 1
) -> tuple[list[dict[str, Any]], list[str | None]]:
    """*count* messy rows and, for each, the identifikator it stands for (None: not registered)."""
    from kpss.find.keys import phones, web_domain
    from kpss.find.text import normalize

    rng = random.Random(seed)
    services = sorted(catalog, key=lambda s: s.identifier)
    # names per obec, so that a "kind + obec" name is only used where it is not another
    # service's name (a person would match such a row to that service, and be right)
    taken: dict[tuple[str, str], set[str]] = {}
    for service in services:
        for facility in service.facilities:
            code = facility.address.obec_code if facility.address else None
            if code:
                taken.setdefault((normalize(facility.name), code), set()).add(service.identifier)
    picked = rng.sample(services, min(count, len(services)))
    rows: list[dict[str, Any]] = []
    truth: list[str | None] = []
    for number in range(count):
        if rng.random() < 0.1 or number >= len(picked):
            elsewhere = territory.obce[rng.choice(sorted(territory.obce))]
            name = f"{rng.choice(NOT_REGISTERED)} {elsewhere.name}"
            rows.append({"Název": name, "Obec": elsewhere.name})
            truth.append(None)
            continue
        service = picked[number]
        places = sorted(service.facility_obce()) or sorted(service.service_area)
        obec = territory.obce.get(places[0]) if places else None
        choice = rng.random()
        kind_name = f"{service.kind.name.capitalize()} {obec.name}" if service.kind and obec else ""
        owners = taken.get((normalize(kind_name), obec.code), set()) if obec else set()
        if choice < 0.55 or not kind_name or owners - {service.identifier}:
            name = service.title
        elif choice < 0.8:
            name = kind_name
        else:
            name = rng.choice([f.name for f in service.facilities] or [service.title])
        if rng.random() < 0.5:
            name = _ascii(name)
        if rng.random() < 0.15:
            name = name.upper()
        if rng.random() < 0.15 and len(name.split()) > 2:
            words = name.split()
            name = f"{words[-1]} - {' '.join(words[:-1])}"
        if rng.random() < 0.2:
            name = _typo(rng, name)
        if rng.random() < 0.2:
            name += " "
        row: dict[str, Any] = {"Název": name}
        provider = service.provider.name
        if rng.random() < 0.6:
            row["Poskytovatel"] = _ascii(provider) if rng.random() < 0.5 else provider.upper()
        if rng.random() < 0.3 and service.provider.ico:
            row["IČ"] = (
                service.provider.ico.lstrip("0") if rng.random() < 0.3 else service.provider.ico
            )
        if obec is not None:
            where = rng.random()
            if where < 0.6:
                row["Obec"] = _ascii(obec.name) if rng.random() < 0.4 else obec.name
            elif where < 0.85:
                real = [
                    f.address
                    for f in service.facilities
                    if f.address and f.address.street and f.address.obec_code == obec.code
                ]
                psc = f"{rng.randint(100, 799)} 01"
                if real and rng.random() < 0.5:  # the facility's own address
                    street = f"{real[0].street} {real[0].house_number or ''}".strip()
                else:  # an office elsewhere in the obec
                    street = f"{rng.choice(['Nádražní', 'Husova', 'Školní'])} {rng.randint(1, 999)}"
                row["Adresa"] = f"{street}, {psc} {obec.name}"
        contacts = [*service.contacts, *service.provider.contacts]
        tel = [p for c in contacts if c.kind is ContactKind.PHONE for p in phones(c.value)]
        if tel and rng.random() < 0.4:
            row["Telefon"] = _phone(rng, rng.choice(tel))
        webs = [d for c in contacts if c.kind is ContactKind.WEB if (d := web_domain(c.value))]
        if webs and rng.random() < 0.3:
            row["Web"] = rng.choice(webs) + ("/" if rng.random() < 0.3 else "")
        rows.append(row)
        truth.append(service.identifier)
    return rows, truth
