"""Duplicates inside register data, reported for data cleaning (``kpss duplicates``).

Three kinds of findings, identifiers and exact keys first, fuzzy last:

``facility-entry``
    One service lists the same facility twice: same address and dates, names equal or
    differing only in spaces, case, diacritics or punctuation ("Domov pro seniory Bukov "
    beside "Domov pro seniory Bukov"; the "Carvac case" of exact copies).
``facility-spelling``
    Facilities at the same address (RÚIAN address point, else street + number + obec) in
    different services, written in several ways that normalise to the same name or score
    ≥ ``threshold`` with :func:`rapidfuzz.fuzz.token_sort_ratio`.
``provider-spelling``
    Providers with different IČO (or without one) whose names, legal forms removed, are
    equal or score ≥ ``threshold`` — compared within the obec of their seat with
    :func:`rapidfuzz.process.cdist` — or share a phone or web address anywhere.
``provider-variants``
    One IČO written differently in its services ("Naděje, z. ú." / "NADĚJE z.ú."): the
    catalogue keeps one version, the import report warns about the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs
import numpy as np
from rapidfuzz import fuzz, process

from kpss.find.keys import phones, web_domain
from kpss.find.text import normalize
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.contacts import Address, ContactKind
from kpss.model.names import fold
from kpss.perf import paused_gc
from kpss.plugins.records import ImportReport

__all__ = ["DEFAULT_THRESHOLD", "KINDS", "DuplicateGroup", "Member", "find_duplicates"]

DEFAULT_THRESHOLD = 90.0


@attrs.frozen
class Member:
    """One record of a duplicate group: a service's facility or a provider."""

    type: str
    id: str
    label: str
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        data: dict[str, Any] = {"type": self.type, "id": self.id, "label": self.label}
        if self.detail:
            data["detail"] = self.detail
        return data


@attrs.frozen
class DuplicateGroup:
    """Records that probably describe the same thing, with why and how sure (0–100)."""

    kind: str
    members: tuple[Member, ...]
    score: float
    reason: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "kind": self.kind,
            "score": self.score,
            "reason": self.reason,
            "members": [m.to_json() for m in self.members],
        }


def _address_key(address: Address | None) -> tuple[str, ...] | None:
    if address is None:
        return None
    if address.address_point is not None:
        return ("am", str(address.address_point))
    if address.obec_code and (address.street or address.house_number):
        return (
            "adr",
            address.obec_code,
            fold(address.street or ""),
            str(address.house_number or ""),
            fold(address.orientation_number or ""),
        )
    return None


def _facility_entries(catalog: Catalog) -> list[DuplicateGroup]:
    groups: list[DuplicateGroup] = []
    for service in catalog:
        seen: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for number, facility in enumerate(service.facilities):
            key = (
                normalize(facility.name, legal_forms=False),
                facility.address,
                facility.secret_address,
                facility.valid_from,
                facility.valid_to,
            )
            seen[key].append(number)
        for numbers in seen.values():
            if len(numbers) < 2:
                continue
            names = [service.facilities[n].name for n in numbers]
            exact = len(set(names)) == 1
            groups.append(
                DuplicateGroup(
                    "facility-entry",
                    tuple(
                        Member("service", service.identifier, repr(name), f"zařízení č. {n + 1}")
                        for n, name in zip(numbers, names, strict=True)
                    ),
                    100.0,
                    "exact copy of the facility entry"
                    if exact
                    else "same facility; names differ only in spaces, case or punctuation",
                )
            )
    return groups


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            found[self.find(item)].append(item)
        return [g for g in found.values() if len(g) > 1]


def _similar_pairs(keys: list[str], threshold: float) -> Iterable[tuple[int, int, float]]:
    """Pairs (i < j) of *keys* with ``token_sort_ratio`` ≥ *threshold*, by one cdist."""
    if len(keys) < 2:
        return
    matrix = process.cdist(
        keys, keys, scorer=fuzz.token_sort_ratio, dtype=np.uint8, score_cutoff=int(threshold)
    )
    rows, cols = np.nonzero(np.triu(matrix, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        yield i, j, float(matrix[i, j])


def _facility_spellings(catalog: Catalog, threshold: float) -> list[DuplicateGroup]:
    by_place: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    for service in catalog:
        for facility in service.facilities:
            key = _address_key(facility.address)
            if key is not None and facility.name.strip():
                by_place[key].append((service.identifier, facility.name))
    groups: list[DuplicateGroup] = []
    for entries in by_place.values():
        spellings = sorted({name for _, name in entries})
        if len(spellings) < 2:
            continue
        keys = [normalize(s) for s in spellings]
        union = _Union(len(spellings))
        best: dict[int, float] = {}
        for i, j, score in _similar_pairs(keys, threshold):
            union.join(i, j)
            best[i] = max(best.get(i, 0.0), score)
        for component in union.groups():
            names = {spellings[i] for i in component}
            members = tuple(
                Member("service", ident, repr(name))
                for ident, name in dict.fromkeys(entries)
                if name in names
            )
            if len({m.id for m in members}) < 2:
                continue  # within one service: reported as facility-entry
            same = len({keys[i] for i in component}) == 1
            score = 100.0 if same else min(best.get(i, 100.0) for i in component[:-1])
            groups.append(
                DuplicateGroup(
                    "facility-spelling",
                    members,
                    score,
                    "one address, the same name written differently"
                    if same
                    else "one address, similar names",
                )
            )
    return groups


def _provider_contacts(provider: Provider) -> set[str]:
    keys: set[str] = set()
    for contact in provider.contacts:
        if contact.kind is ContactKind.PHONE:
            keys.update(f"tel:{p}" for p in phones(contact.value))
        elif contact.kind is ContactKind.WEB and (domain := web_domain(contact.value)):
            keys.add(f"web:{domain}")
    return keys


def _provider_spellings(catalog: Catalog, threshold: float) -> list[DuplicateGroup]:
    providers = list(catalog.providers.values())
    union = _Union(len(providers))
    reasons: dict[frozenset[int], str] = {}
    scores: dict[int, float] = {}
    by_obec: dict[str, list[int]] = defaultdict(list)
    for number, provider in enumerate(providers):
        obec = provider.seat.obec_code if provider.seat and provider.seat.obec_code else "-"
        by_obec[obec].append(number)
    keys = [normalize(p.name) for p in providers]
    for members in by_obec.values():
        for i, j, score in _similar_pairs([keys[m] for m in members], threshold):
            a, b = members[i], members[j]
            union.join(a, b)
            scores[a] = min(scores.get(a, 100.0), score)
            reasons[frozenset((a, b))] = "name"
    by_contact: dict[str, list[int]] = defaultdict(list)
    for number, provider in enumerate(providers):
        for key in _provider_contacts(provider):
            by_contact[key].append(number)
    for key, members in by_contact.items():
        for other in members[1:]:
            union.join(members[0], other)
            reasons[frozenset((members[0], other))] = key.split(":", 1)[0]
    groups: list[DuplicateGroup] = []
    for component in union.groups():
        kinds = {
            reason for pair, reason in reasons.items() if pair <= set(component) and len(pair) == 2
        }
        parts = []
        if "name" in kinds:
            parts.append("similar names in the same obec")
        if "tel" in kinds:
            parts.append("same phone")
        if "web" in kinds:
            parts.append("same web")
        score = min((scores.get(i, 100.0) for i in component), default=100.0)
        groups.append(
            DuplicateGroup(
                "provider-spelling",
                tuple(
                    Member("provider", providers[i].ico or providers[i].key, providers[i].name)
                    for i in component
                ),
                score,
                "; ".join(parts) or "similar",
            )
        )
    return groups


def _provider_variants(catalog: Catalog, report: ImportReport) -> list[DuplicateGroup]:
    """Providers written differently in their services (one IČO, several spellings).

    The importer keeps one version per IČO and warns, with field ``poskytovatel``, about
    each service that carried another; those warnings are grouped here by provider.
    """
    by_provider: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for warning in report.warnings:
        service = catalog.service(warning.identifier) if warning.identifier else None
        if warning.field == "poskytovatel" and service is not None:
            by_provider[service.provider.key].append((service.identifier, warning.message))
    groups: list[DuplicateGroup] = []
    for key, entries in by_provider.items():
        provider = catalog.providers[key]
        members = [Member("provider", provider.ico or key, provider.name, "verze v katalogu")]
        members += [
            Member("service", ident, catalog.services[ident].title, message)
            for ident, message in entries
        ]
        groups.append(
            DuplicateGroup(
                "provider-variants",
                tuple(members),
                100.0,
                "one IČO written differently in its services; the catalogue keeps the "
                "version most services use",
            )
        )
    return groups


KINDS = ("facility-entry", "facility-spelling", "provider-spelling", "provider-variants")


def find_duplicates(
    catalog: Catalog,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    kinds: Iterable[str] = (),
    report: ImportReport | None = None,
) -> list[DuplicateGroup]:
    """All duplicate groups in *catalog*, by kind then best score first.

    *kinds* limits the findings to some of :data:`KINDS`. ``provider-variants`` (one IČO
    written differently in its services) needs the import *report*: the catalogue keeps
    one version of each provider.
    """
    wanted = set(kinds) or set(KINDS)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"unknown duplicate kind(s): {sorted(unknown)}")
    with paused_gc():
        found = _find(catalog, wanted, threshold, report)
    return sorted(found, key=lambda g: (KINDS.index(g.kind), -g.score, g.members[0].id))


def _find(
    catalog: Catalog, wanted: set[str], threshold: float, report: ImportReport | None
) -> list[DuplicateGroup]:
    found: list[DuplicateGroup] = []
    if "facility-entry" in wanted:
        found += _facility_entries(catalog)
    if "facility-spelling" in wanted:
        found += _facility_spellings(catalog, threshold)
    if "provider-spelling" in wanted:
        found += _provider_spellings(catalog, threshold)
    if "provider-variants" in wanted and report is not None:
        found += _provider_variants(catalog, report)
    return found
