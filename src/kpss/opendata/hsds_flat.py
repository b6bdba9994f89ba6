"""Nested HSDS records ↔ flat tables: one walk for the tabular writer and the reader.

HSDS JSON nests objects (a service holds its phones, its service-at-locations hold their
locations …); the tabular package has one table per object linked by ``*_id`` columns.
:class:`Flattener` walks nested records and files every object in its table by ``id``,
filling in the link to its parent where the nesting implied it. Objects kpss does not
model (programs, funding, metadata, required documents) are passed over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kpss.errors import Finding, Location, Severity
from kpss.opendata.hsds_tables import TABLE

#: parent object → {key of a nested list: (child object, the child's link to the parent)}
MANY: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "organization": {
        "organization_identifiers": ("organization_identifier", "organization_id"),
        "phones": ("phone", "organization_id"),
        "contacts": ("contact", "organization_id"),
        "locations": ("location", "organization_id"),
        "services": ("service", "organization_id"),
    },
    "service": {
        "phones": ("phone", "service_id"),
        "schedules": ("schedule", "service_id"),
        "service_areas": ("service_area", "service_id"),
        "service_at_locations": ("service_at_location", "service_id"),
        "languages": ("language", "service_id"),
        "cost_options": ("cost_option", "service_id"),
        "contacts": ("contact", "service_id"),
    },
    "service_at_location": {
        "contacts": ("contact", "service_at_location_id"),
        "phones": ("phone", "service_at_location_id"),
        "schedules": ("schedule", "service_at_location_id"),
    },
    "location": {
        "languages": ("language", "location_id"),
        "addresses": ("address", "location_id"),
        "contacts": ("contact", "location_id"),
        "accessibility": ("accessibility", "location_id"),
        "phones": ("phone", "location_id"),
        "schedules": ("schedule", "location_id"),
    },
    "contact": {"phones": ("phone", "contact_id")},
    "phone": {"languages": ("language", "phone_id")},
}

#: parent object → {key of a nested object: (that object, the parent's link to it)}
ONE: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "service": {"organization": ("organization", "organization_id")},
    "service_at_location": {
        "location": ("location", "location_id"),
        "service": ("service", "service_id"),
    },
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
}

Tables = dict[str, dict[str, dict[str, Any]]]


class Flattener:
    """Files nested HSDS records into flat tables (``tables[object][id] = record``).

    ``origin[id]`` says where each object was found (only with *track*: a reader names
    positions, a writer needs none); ``findings`` are the problems met (an object without
    an id, the same id with different content) and ``rejected`` the services that could
    not be filed at all.
    """

    def __init__(self, file: str | None = None, *, track: bool = True) -> None:
        self.file = file
        self.track = track
        self.tables: Tables = {name: {} for name in TABLE}
        self.origin: dict[str, Location] = {}
        self.findings: list[Finding] = []
        self.rejected: list[Finding] = []

    def add(self, record: Any, kind: str, where: Location) -> str | None:
        """File *record* (an HSDS object of type *kind*) and everything nested in it.

        Returns its id, or ``None`` when it has none (a finding says so).
        """
        if not isinstance(record, dict):
            self._unfiled(kind, where, f"expected an HSDS {kind} object, got {_type_name(record)}")
            return None
        ident = record.get("id")
        if not isinstance(ident, str) or not ident.strip():
            self._unfiled(kind, where, f"the {kind} has no id (expected a UUID string)")
            return None
        flat: dict[str, Any] = {}
        many = MANY.get(kind, {})
        one = ONE.get(kind, {})
        for key, value in record.items():
            if key in many:
                child, link = many[key]
                for n, item in enumerate(value if isinstance(value, list) else [value]):
                    if isinstance(item, dict) and item.get(link) is None:
                        item = {**item, link: ident}
                    self.add(item, child, self._inside(where, key, n))
            elif key == "attributes":
                for n, item in enumerate(value if isinstance(value, list) else [value]):
                    if isinstance(item, dict) and item.get("link_id") is None:
                        item = {**item, "link_id": ident, "link_entity": kind}
                    self.add(item, "attribute", self._inside(where, key, n))
            elif key in one:
                child, link = one[key]
                if value is None:
                    continue
                child_id = self.add(value, child, self._inside(where, key))
                if child_id is not None and record.get(link) is None:
                    flat[link] = child_id
            elif not isinstance(value, dict | list):
                flat[key] = value
        self._file(kind, ident, flat, where)
        return ident

    def add_all(self, records: Iterable[tuple[dict[str, Any], Location]], kind: str) -> None:
        """File flat records (rows of a CSV file) of one table."""
        for record, where in records:
            ident = record.get("id")
            if not isinstance(ident, str) or not ident.strip():
                self._unfiled(kind, where, f"the {kind} has no id (expected a UUID string)")
                continue
            self._file(kind, ident, record, where)

    def _file(self, kind: str, ident: str, flat: dict[str, Any], where: Location) -> None:
        table = self.tables[kind]
        held = table.get(ident)
        if held is None:
            table[ident] = flat
            if self.track:
                self.origin.setdefault(ident, where)
        elif held != flat:
            self._problem(
                where,
                f"{kind} {ident} appears again with other values (first seen at "
                f"{self.origin.get(ident, Location())}); the first is kept",
            )

    def _inside(self, where: Location, key: str, index: int | None = None) -> Location:
        """The location of ``key[index]`` inside the object at *where*."""
        if not self.track:
            return where
        step = key if index is None else f"{key}[{index}]"
        path = f"{where.path}.{step}" if where.path else step
        return Location(file=where.file, line=where.line, index=where.index, path=path)

    def _problem(self, where: Location, message: str) -> None:
        self.findings.append(Finding(message, where, Severity.WARNING))

    def _unfiled(self, kind: str, where: Location, message: str) -> None:
        if kind == "service":
            self.rejected.append(Finding(message, where, Severity.ERROR))
        else:
            self._problem(where, f"{message}; left out")


def _type_name(value: Any) -> str:
    names = {str: "a string", int: "a number", float: "a number", bool: "true or false"}
    names.update({list: "an array", type(None): "null"})
    return names.get(type(value), type(value).__name__)


def flatten(
    records: Iterable[dict[str, Any]], kind: str, flattener: Flattener | None = None
) -> Flattener:
    """File nested *records* of type *kind* (``service``, ``organization`` …)."""
    target = flattener or Flattener()
    for index, record in enumerate(records):
        target.add(record, kind, Location(file=target.file, index=index))
    return target
