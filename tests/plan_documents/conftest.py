"""Fixtures of the plan-document tests: the Kralovice example plan exported once per session.

The plan is the repository's example (``examples/plans/kralovice-2023-2025``), read both
through kpss and as raw YAML (the tests check the documents against the file, not against
kpss's own reading of it). The territory chapter uses the bundled sample register.
Documents are built once and shared: read them, never change them.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

import kpss
from kpss.model.catalog import Catalog
from kpss.model.plan import Plan
from kpss.planning import load_plan, resolve_territory
from kpss.planning.analysis import TerritoryAnalysis, analyse_territory
from kpss.planning.documents import plan_document, write_document

ROOT = Path(__file__).resolve().parents[2]
PLAN_DIR = ROOT / "examples" / "plans" / "kralovice-2023-2025"
SAMPLE = ROOT / "examples" / "data" / "rpss-plzensky"
ON = dt.date(2026, 8, 31)


def raw(name: str) -> Any:
    """A file of the example plan as plain YAML data."""
    return yaml.safe_load((PLAN_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan(PLAN_DIR)


@pytest.fixture(scope="session")
def sample_catalog() -> Catalog:
    return kpss.load(SAMPLE / "rpss.json", codes=SAMPLE / "ciselniky").catalog


@pytest.fixture(scope="session")
def analysis(plan: Plan, sample_catalog: Catalog) -> TerritoryAnalysis:
    return analyse_territory(sample_catalog, resolve_territory(plan), on=ON)


@pytest.fixture(scope="session")
def exported(
    plan: Plan, analysis: TerritoryAnalysis, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The whole plan with its territory chapter as html, odt and pdf."""
    folder = tmp_path_factory.mktemp("plan-export")
    document = plan_document(plan, resolve_territory(plan), analysis)
    return {f: write_document(document, f, folder / f"plan.{f}") for f in ("html", "odt", "pdf")}


def odt_content(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("content.xml")
