"""kpss export json: the public view as JSON, valid against its documented schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from tests.opendata.data import HEAD, SECRET_POSTCODE, SECRET_STREET, STATUTORY

import kpss
from kpss.opendata.public_json import FORMAT, SCHEMA
from kpss.plugins.manager import get_exporter
from kpss.publish import view as public

#: Fields of the view's records the JSON leaves out on purpose (documented in the guide).
LEFT_OUT = {
    ("PublicService", "slug"),
    ("PublicService", "sources"),
    ("PublicProvider", "slug"),
    ("PublicKind", "slug"),
    ("PublicKind", "title"),
    ("PublicKind", "plain_source"),
    ("PublicGroup", "slug"),
    ("PublicObec", "slug"),
    ("PublicObec", "related"),
    ("PublicSection", "slug"),
    ("PublicSection", "order"),
    ("PublicRelated", "slug"),
    ("PublicPhoto", "file"),
    ("PublicPhoto", "media_type"),
    ("PublicForm", "code"),
    ("PublicCatalog", "source"),
    ("Ref", "slug"),
}


@pytest.fixture(scope="module")
def document(features: kpss.Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("json") / "katalog.json"
    kpss.export(features, "json", out, title="Katalog Kralovicka")
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_the_document_is_valid_against_its_schema(
    document: dict[str, Any], format_checker: FormatChecker
) -> None:
    Draft202012Validator.check_schema(SCHEMA)
    validator = Draft202012Validator(SCHEMA, format_checker=format_checker)
    assert [e.message for e in validator.iter_errors(document)] == []
    assert document["format"] == FORMAT
    assert document["title"] == "Katalog Kralovicka"


def test_the_schema_refuses_what_it_does_not_describe(document: dict[str, Any]) -> None:
    validator = Draft202012Validator(SCHEMA)
    extra = {**document, "services": [{**document["services"][0], "statutarniOrgany": []}]}
    assert not validator.is_valid(extra)


def _schema_of(node: dict[str, Any]) -> set[str]:
    return set(node.get("properties", {}))


def test_every_field_of_the_view_is_in_the_schema_or_left_out_on_purpose() -> None:
    """A field added to the view must be published (schema) or left out (documented)."""
    services = SCHEMA["properties"]["services"]["items"]
    nodes = {
        "PublicService": services,
        "PublicForm": services["properties"]["forms"]["items"],
        "PublicPlace": services["properties"]["places"]["items"],
        "PublicContact": services["properties"]["contacts"]["items"],
        "PublicHours": services["properties"]["hours"]["items"],
        "PublicAccessibility": services["properties"]["accessibility"],
        "PublicPhoto": services["properties"]["photos"]["items"],
        "Link": services["properties"]["links"]["items"],
        "PublicRelated": services["properties"]["related"]["items"],
        "Ref": services["properties"]["kind"],
        "PublicProvider": SCHEMA["properties"]["providers"]["items"],
        "PublicKind": SCHEMA["properties"]["kinds"]["items"],
        "PublicGroup": SCHEMA["properties"]["groups"]["items"],
        "PublicObec": SCHEMA["properties"]["obce"]["items"],
        "PublicSection": SCHEMA["properties"]["sections"]["items"],
        "PublicCatalog": SCHEMA,
    }
    missing = [
        (name, field.name)
        for name, node in nodes.items()
        for field in attrs.fields(getattr(public, name))
        if field.name not in _schema_of(node) and (name, field.name) not in LEFT_OUT
    ]
    assert missing == []


def test_only_public_data(document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=False)
    for word in (SECRET_STREET, SECRET_POSTCODE, *STATUTORY, *HEAD):
        assert word not in text
    hrefs = [
        c["href"] for s in document["services"] for c in s["contacts"] if c["href"] is not None
    ]
    assert hrefs
    assert all(h.startswith(("http://", "https://", "mailto:", "tel:")) for h in hrefs)
    shown_as_text = [
        c
        for s in document["services"]
        for c in s["contacts"]
        if c["value"].startswith("javascript:")
    ]
    assert [c["href"] for c in shown_as_text] == [None]
    secret = [p for s in document["services"] for p in s["places"] if p["secret"]]
    assert secret
    assert all(p["street"] is None and p["postcode"] is None for p in secret)
    assert all(p["address"].endswith("adresa neveřejná") for p in secret)


def test_json_is_the_public_view_and_kpss_catalog_keeps_its_name(
    features: kpss.Catalog, tmp_path: Path
) -> None:
    assert get_exporter("json").name == "json"
    assert "json" not in get_exporter("kpss-catalog").aliases
    kpss.export(features, "kpss-catalog", tmp_path / "catalog.json")
    again = kpss.load(tmp_path / "catalog.json").catalog
    assert set(again.services) == set(features.services)
