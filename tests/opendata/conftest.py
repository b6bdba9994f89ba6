"""Fixtures of the open-data tests: catalogues, their HSDS exports, the official schemas."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from tests.opendata.data import feature_catalog

import kpss
from kpss.testing import RegisterInfo

SCHEMAS = Path(__file__).parent / "schemas"
#: HSDS JSON file → the schema of one of its records.
RECORD_SCHEMAS = {
    "services.json": "service.json",
    "organizations.json": "organization.json",
    "taxonomies.json": "taxonomy.json",
    "taxonomy_terms.json": "taxonomy_term.json",
}


def schema(name: str) -> dict[str, Any]:
    """An official HSDS schema with every ``$ref`` (a file name) replaced by that file.

    The per-object schemas refer to each other without cycles, so the result is finite:
    what ``schema/compiled/`` of the specification holds, built here from the copies.
    """

    def inline(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                target = node["$ref"]
                assert target not in seen, f"cycle {seen} -> {target}"
                return inline(_load(target), (*seen, target))
            return {key: inline(value, seen) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value, seen) for value in node]
        return node

    return inline(_load(name), (name,))  # type: ignore[no-any-return]


_CACHE: dict[str, Any] = {}


def _load(name: str) -> Any:
    if name not in _CACHE:
        _CACHE[name] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return _CACHE[name]


Validate = Callable[[Path], list[str]]


@pytest.fixture(scope="session")
def format_checker() -> FormatChecker:
    """jsonschema's format checker; it must really check uuid, uri, email and date."""
    checker = FormatChecker()
    missing = {"uuid", "uri", "email", "date"} - set(checker.checkers)
    assert not missing, f"jsonschema cannot check {missing}: install jsonschema[format-nongpl]"
    return checker


@pytest.fixture(scope="session")
def validate_hsds(format_checker: FormatChecker) -> Validate:
    """Validate every record of an HSDS JSON folder; the errors as readable lines."""
    validators = {
        file: Draft202012Validator(schema(name), format_checker=format_checker)
        for file, name in RECORD_SCHEMAS.items()
    }

    def validate(folder: Path) -> list[str]:
        errors = []
        for file, validator in validators.items():
            records = json.loads((folder / file).read_text(encoding="utf-8"))
            for index, record in enumerate(records):
                for error in validator.iter_errors(record):
                    path = "/".join(str(p) for p in error.absolute_path)
                    errors.append(f"{file}[{index}]/{path}: {error.message}")
        return errors

    return validate


@pytest.fixture(scope="session")
def features(tmp_path_factory: pytest.TempPathFactory) -> kpss.Catalog:
    """The Kralovice register with local additions and edge cases (see ``data.py``)."""
    return feature_catalog(tmp_path_factory.mktemp("register"))


def _export(catalog: kpss.Catalog, folder: Path, **settings: Any) -> Path:
    kpss.export(catalog, "hsds", folder, settings=settings)
    return folder


@pytest.fixture(scope="session")
def features_hsds(features: kpss.Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HSDS JSON folder of :func:`features`."""
    return _export(features, tmp_path_factory.mktemp("hsds") / "out")


@pytest.fixture(scope="session")
def features_tabular(features: kpss.Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HSDS tabular package of :func:`features`."""
    return _export(features, tmp_path_factory.mktemp("tabular") / "out", tabular="true")


@pytest.fixture(scope="session")
def national(small_register: RegisterInfo) -> kpss.Catalog:
    """300 synthetic services from the whole country, read with their code lists."""
    return kpss.load(small_register.json, codes=small_register.codes).catalog


@pytest.fixture(scope="session")
def national_hsds(national: kpss.Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HSDS JSON folder of :func:`national`."""
    return _export(national, tmp_path_factory.mktemp("national") / "out")
