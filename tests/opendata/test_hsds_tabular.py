"""kpss export hsds --set tabular=true: the tabular package, checked by Frictionless."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest
from tests.opendata.conftest import SCHEMAS

import kpss
from kpss.opendata.hsds_tables import TABLES

_TYPES = {"string", "number"}


def _official() -> dict[str, dict[str, Any]]:
    """The objects of the official tabular schema, by name."""
    data = json.loads((SCHEMAS / "tabular.json").read_text(encoding="utf-8"))
    return {name: entry["items"] for name, entry in data["properties"].items()}


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_frictionless_finds_no_error(features_tabular: Path) -> None:
    report = frictionless.validate(str(features_tabular / "datapackage.json"))
    errors = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert errors == []
    assert report.valid


def test_frictionless_checks_the_foreign_keys(features_tabular: Path, tmp_path: Path) -> None:
    """A package whose service names a missing organization fails: the keys are declared."""
    broken = tmp_path / "broken"
    broken.mkdir()
    for file in features_tabular.iterdir():
        (broken / file.name).write_bytes(file.read_bytes())
    rows = _rows(broken, "services.csv")
    rows[0]["organization_id"] = "00000000-0000-5000-8000-000000000000"
    with open(broken / "services.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = frictionless.validate(str(broken / "datapackage.json"))
    types = {e[0] for e in report.flatten(["type"])}
    assert "foreign-key" in types


def test_columns_follow_the_official_tabular_schema() -> None:
    official = _official()
    for table in TABLES:
        entry = official[table.name]
        assert entry["path"] == table.path
        columns = [name for name, spec in entry["properties"].items() if spec["type"] in _TYPES]
        assert list(table.columns) == columns, table.name
        required = set(entry.get("required", [])) | set(entry.get("tabular_required", []))
        assert set(table.required) == required, table.name
        for field in table.fields:
            spec = entry["properties"][field.name]
            expected = spec.get("datapackage_type") or spec["type"]
            assert field.type == expected, (table.name, field.name)
            if spec.get("format") in ("uuid", "email", "uri"):
                assert field.format == spec["format"], (table.name, field.name)
            assert field.unique == spec["constraints"]["unique"], (table.name, field.name)
            assert field.enum == (tuple(spec["enum"]) if "enum" in spec else None)


def test_the_descriptor_is_a_tabular_data_package(features_tabular: Path) -> None:
    package = json.loads((features_tabular / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    names = [r["name"] for r in package["resources"]]
    assert names == [t.name for t in TABLES]
    for resource in package["resources"]:
        with open(features_tabular / resource["path"], encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_every_object_is_one_row_linked_by_ids(
    features_tabular: Path, features: kpss.Catalog
) -> None:
    services = _rows(features_tabular, "services.csv")
    assert len(services) == len(features)
    organizations = {r["id"] for r in _rows(features_tabular, "organizations.csv")}
    assert {s["organization_id"] for s in services} <= organizations
    locations = {r["id"] for r in _rows(features_tabular, "locations.csv")}
    links = _rows(features_tabular, "service_at_location.csv")
    assert {link["location_id"] for link in links} == locations
    terms = {r["id"] for r in _rows(features_tabular, "taxonomy_terms.csv")}
    assert {a["taxonomy_term_id"] for a in _rows(features_tabular, "attributes.csv")} <= terms


def test_formula_cells_are_neutralised(features_tabular: Path) -> None:
    texts = [
        cell
        for name in ("services.csv", "phones.csv")
        for row in _rows(features_tabular, name)
        for cell in row.values()
    ]
    assert "'+420 777 123 456" in texts
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    assert any(t.startswith("'-200 Kč") for t in texts)
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


@pytest.mark.parametrize(
    ("setting", "written"), [("true", "datapackage.json"), ("false", "services.json")]
)
def test_tabular_is_a_true_or_false_setting(
    features: kpss.Catalog, tmp_path: Path, setting: str, written: str
) -> None:
    kpss.export(features, "hsds", tmp_path / "out", settings={"tabular": setting})
    assert (tmp_path / "out" / written).is_file()


@pytest.mark.parametrize("settings", [{"tabular": "možná"}, {"tabulr": "true"}])
def test_a_meaningless_setting_is_refused(
    features: kpss.Catalog, tmp_path: Path, settings: dict[str, str]
) -> None:
    with pytest.raises(kpss.UsageError, match="tabul"):
        kpss.export(features, "hsds", tmp_path / "out", settings=settings)
    assert not (tmp_path / "out").exists()
