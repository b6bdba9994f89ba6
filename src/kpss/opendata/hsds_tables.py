"""The HSDS 3.0 objects kpss writes and reads, in their tabular shape.

One :class:`Table` per HSDS object: the CSV file of the tabular package, its columns in
the order of the specification (``schema/compiled/tabular.json`` of HSDS 3.0), their
types, formats and constraints, and the foreign keys between the files. The tabular
writer takes its columns and ``datapackage.json`` from here, the reader its types; the
tests hold this table against the official schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

HSDS_VERSION = "3.0"


@attrs.frozen
class Field:
    """One column: ``type`` is a Frictionless type (string, number, date, time, datetime)."""

    name: str
    type: str = "string"
    format: str | None = None
    unique: bool = False
    enum: tuple[str, ...] | None = None


@attrs.frozen
class Table:
    """One HSDS object as a CSV file of the tabular package."""

    name: str
    path: str
    fields: tuple[Field, ...]
    required: tuple[str, ...] = ("id",)

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field | None:
        """The column called *name*, or ``None``."""
        return next((f for f in self.fields if f.name == name), None)


def _id() -> Field:
    return Field("id", format="uuid", unique=True)


def _ref(name: str) -> Field:
    return Field(name, format="uuid")


_TYPES = ("physical", "postal", "virtual")
_STATUS = ("active", "inactive", "defunct", "temporarily closed")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

TABLES: tuple[Table, ...] = (
    Table(
        "organization",
        "organizations.csv",
        (
            _id(),
            Field("name"),
            Field("alternate_name"),
            Field("description"),
            Field("email", format="email"),
            Field("website", format="uri"),
            Field("tax_status"),
            Field("tax_id"),
            Field("year_incorporated", "number"),
            Field("legal_status"),
            Field("logo"),
            Field("uri", format="uri"),
            _ref("parent_organization_id"),
        ),
        ("id", "name", "description"),
    ),
    Table(
        "service",
        "services.csv",
        (
            _id(),
            _ref("organization_id"),
            _ref("program_id"),
            Field("name"),
            Field("alternate_name"),
            Field("description"),
            Field("url", format="uri"),
            Field("email", format="email"),
            Field("status", enum=_STATUS),
            Field("interpretation_services"),
            Field("application_process"),
            Field("fees_description"),
            Field("wait_time"),
            Field("fees"),
            Field("accreditations"),
            Field("eligibility_description"),
            Field("minimum_age", "number"),
            Field("maximum_age", "number"),
            Field("assured_date", "date"),
            Field("assurer_email", format="email"),
            Field("licenses"),
            Field("alert"),
            Field("last_modified", "datetime"),
        ),
        ("id", "name", "status", "organization_id"),
    ),
    Table(
        "attribute",
        "attributes.csv",
        (
            _id(),
            _ref("link_id"),
            _ref("taxonomy_term_id"),
            Field("link_type"),
            Field("link_entity"),
            Field("value"),
        ),
        ("id", "link_id", "taxonomy_term_id", "link_entity"),
    ),
    Table(
        "service_at_location",
        "service_at_location.csv",
        (_id(), _ref("service_id"), _ref("location_id"), Field("description")),
        ("id", "service_id", "location_id"),
    ),
    Table(
        "location",
        "locations.csv",
        (
            _id(),
            Field("location_type", enum=_TYPES),
            Field("url", format="uri"),
            _ref("organization_id"),
            Field("name"),
            Field("alternate_name"),
            Field("description"),
            Field("transportation"),
            Field("latitude", "number"),
            Field("longitude", "number"),
            Field("external_identifier"),
            Field("external_identifier_type"),
        ),
        ("id", "location_type"),
    ),
    Table(
        "phone",
        "phones.csv",
        (
            _id(),
            _ref("location_id"),
            _ref("service_id"),
            _ref("organization_id"),
            _ref("contact_id"),
            _ref("service_at_location_id"),
            Field("number"),
            Field("extension", "number"),
            Field("type"),
            Field("description"),
        ),
        ("id", "number"),
    ),
    Table(
        "contact",
        "contacts.csv",
        (
            _id(),
            _ref("organization_id"),
            _ref("service_id"),
            _ref("service_at_location_id"),
            _ref("location_id"),
            Field("name"),
            Field("title"),
            Field("department"),
            Field("email", format="email"),
        ),
    ),
    Table(
        "address",
        "addresses.csv",
        (
            _id(),
            _ref("location_id"),
            Field("attention"),
            Field("address_1"),
            Field("address_2"),
            Field("city"),
            Field("region"),
            Field("state_province"),
            Field("postal_code"),
            Field("country"),
            Field("address_type", enum=_TYPES),
        ),
        ("id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
    ),
    Table(
        "schedule",
        "schedules.csv",
        (
            _id(),
            _ref("service_id"),
            _ref("location_id"),
            _ref("service_at_location_id"),
            Field("valid_from", "date"),
            Field("valid_to", "date"),
            Field("dtstart", "date"),
            Field("timezone", "number"),
            Field("until", "date"),
            Field("count", "number"),
            Field("wkst", enum=_DAYS),
            Field("freq", enum=("WEEKLY", "MONTHLY")),
            Field("interval", "number"),
            Field("byday"),
            Field("byweekno"),
            Field("bymonthday"),
            Field("byyearday"),
            Field("description"),
            Field("opens_at", "time"),
            Field("closes_at", "time"),
            Field("schedule_link", format="uri"),
            Field("attending_type"),
            Field("notes"),
        ),
    ),
    Table(
        "service_area",
        "service_areas.csv",
        (
            _id(),
            _ref("service_id"),
            Field("name"),
            Field("description"),
            Field("extent"),
            Field("extent_type"),
            Field("uri"),
        ),
    ),
    Table(
        "language",
        "languages.csv",
        (
            _id(),
            _ref("service_id"),
            _ref("location_id"),
            _ref("phone_id"),
            Field("name"),
            Field("code"),
            Field("note"),
        ),
    ),
    Table(
        "accessibility",
        "accessibility.csv",
        (
            _id(),
            _ref("location_id"),
            Field("description"),
            Field("details"),
            Field("url", format="uri"),
        ),
    ),
    Table(
        "taxonomy_term",
        "taxonomy_terms.csv",
        (
            _id(),
            Field("code", unique=True),
            Field("name"),
            Field("description"),
            _ref("parent_id"),
            Field("taxonomy"),
            Field("language"),
            _ref("taxonomy_id"),
            Field("term_uri", format="uri"),
        ),
        ("id", "name", "description"),
    ),
    Table(
        "cost_option",
        "cost_options.csv",
        (
            _id(),
            _ref("service_id"),
            Field("valid_from", "date"),
            Field("valid_to", "date"),
            Field("option"),
            Field("currency"),
            Field("amount", "number"),
            Field("amount_description"),
        ),
        ("id", "service_id"),
    ),
    Table(
        "organization_identifier",
        "organization_identifiers.csv",
        (
            _id(),
            _ref("organization_id"),
            Field("identifier_scheme"),
            Field("identifier_type"),
            Field("identifier"),
        ),
        ("id", "identifier_type", "identifier", "organization_id"),
    ),
    Table(
        "taxonomy",
        "taxonomies.csv",
        (_id(), Field("name"), Field("description"), Field("uri", format="uri"), Field("version")),
        ("id", "name", "description"),
    ),
)

TABLE: Mapping[str, Table] = {t.name: t for t in TABLES}

#: Which table a ``*_id`` column points at (``link_id`` points at any table: no key).
REFERENCES: Mapping[str, str] = {
    "organization_id": "organization",
    "parent_organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "contact_id": "contact",
    "phone_id": "phone",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
    "parent_id": "taxonomy_term",
}


def resource_schema(table: Table) -> dict[str, Any]:
    """The Table Schema of *table* for ``datapackage.json`` (fields, keys, constraints)."""
    fields: list[dict[str, Any]] = []
    for field in table.fields:
        entry: dict[str, Any] = {"name": field.name, "type": field.type}
        if field.format:
            entry["format"] = field.format
        constraints: dict[str, Any] = {}
        if field.name in table.required:
            constraints["required"] = True
        if field.unique:
            constraints["unique"] = True
        if field.enum:
            constraints["enum"] = list(field.enum)
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
    foreign = [
        {
            "fields": name,
            "reference": {"resource": "" if target == table.name else target, "fields": "id"},
        }
        for name in table.columns
        if (target := REFERENCES.get(name)) is not None and target in TABLE
    ]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": "id"}
    if foreign:
        schema["foreignKeys"] = foreign
    return schema
