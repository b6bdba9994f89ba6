"""Applying additions: a pure function with provenance, and kpss.load(additions=...)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import kpss
from kpss.additions import apply_additions, read_additions
from kpss.convert import structure, unstructure
from kpss.errors import Severity, StrictModeError
from kpss.model import Catalog, Contact, ContactKind
from kpss.model.services import NOT_REGISTERED, Charge

from .helpers import KRALOVICE, catalog, line_of, write

ADDITIONS = """\
sluzby:
  "1000001":
    popis: Pomáháme seniorům doma.
    uhrada: zdarma
    kontakty:
      - {telefon: 373 396 120, poznamka: koordinátorka}
  "1000002":
    popis: Už neposkytujeme.
  "9999999":
    popis: Překlep.
navazne_sluzby:
  klub-senioru:
    nazev: Klub seniorů Kralovice
    druh: klub seniorů
    obce: [Kralovice]
  klub-plzen:
    nazev: Klub seniorů Plzeň
    druh: klub seniorů
    obce: [Plzeň]
"""


@pytest.fixture
def additions_file(tmp_path: Path) -> Path:
    return write(tmp_path, "doplnky.yaml", ADDITIONS)


def test_apply_sets_fields_with_their_source_and_keeps_the_input(additions_file: Path) -> None:
    before = catalog()
    copy = catalog()
    applied = apply_additions(before, read_additions(additions_file), on=dt.date(2025, 1, 1))
    assert before == copy  # the input catalogue is not changed
    service = applied.catalog.services["1000001"]
    assert service.description == "Pomáháme seniorům doma."
    assert service.charge is Charge.FREE
    line = line_of(additions_file, "popis:")
    assert service.source_label("description") == f"doplňky doplnky.yaml:{line}"
    assert service.source_label("name") == "registr"
    record = service.source_of("charge")
    assert record is not None
    assert record.file == str(additions_file)


def test_local_contacts_come_first_and_the_register_ones_stay(additions_file: Path) -> None:
    applied = apply_additions(catalog(), read_additions(additions_file))
    service = applied.catalog.services["1000001"]
    assert service.contacts == catalog().services["1000001"].contacts  # register data kept
    assert service.shown_contacts()[0] == Contact(ContactKind.PHONE, "373 396 120", "koordinátorka")
    assert len(service.shown_contacts()) == 3


def test_replace_contacts_shows_only_the_local_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.yaml",
        'sluzby:\n  "1000001":\n    kontakty: [{email: a@kralovice.cz}]\n'
        "    nahradit_kontakty: ano\n",
    )
    service = apply_additions(catalog(), read_additions(path)).catalog.services["1000001"]
    assert service.shown_contacts() == (Contact(ContactKind.EMAIL, "a@kralovice.cz"),)


def test_warnings_for_ended_and_missing_services(additions_file: Path) -> None:
    applied = apply_additions(catalog(), read_additions(additions_file), on=dt.date(2025, 1, 1))
    messages = [w.message for w in applied.warnings]
    assert all(w.severity is Severity.WARNING for w in applied.warnings)
    assert any("ended on 2020-12-31" in m for m in messages)
    assert any(m.startswith("1 of 3 entries were not applied") and "9999999" in m for m in messages)


def test_related_services_are_kept_only_where_the_catalogue_is(additions_file: Path) -> None:
    additions = read_additions(additions_file)
    everywhere = apply_additions(catalog(), additions).catalog
    assert set(everywhere.related) == {"klub-senioru", "klub-plzen"}
    local = apply_additions(catalog(), additions, obce={KRALOVICE}).catalog
    assert set(local.related) == {"klub-senioru"}
    assert all(not r.registered for r in local.related.values())
    assert [r.name for r in local.related_in({KRALOVICE})] == ["Klub seniorů Kralovice"]
    assert NOT_REGISTERED == "není registrovaná sociální služba"


def test_applying_twice_gives_the_same_catalogue(additions_file: Path) -> None:
    additions = read_additions(additions_file)
    once = apply_additions(catalog(), additions).catalog
    twice = apply_additions(once, additions).catalog
    assert twice == once


def test_the_applied_catalogue_round_trips_through_json(additions_file: Path) -> None:
    applied = apply_additions(catalog(), read_additions(additions_file)).catalog
    wire = json.loads(json.dumps(unstructure(applied), ensure_ascii=False))
    assert structure(wire, Catalog) == applied


def test_load_applies_additions_and_reports_their_warnings(sample_register: Path) -> None:
    source = sample_register / "rpss.json"
    example = sample_register / "doplnky.yaml"
    area = kpss.resolve_filter(area=["Kralovicko"]).filter
    plain = kpss.load(source, filter=area)
    result = kpss.load(source, filter=area, additions=example)
    assert len(result.catalog) == len(plain.catalog)
    service = result.catalog.services["4770640"]
    assert service.sign_language_video is not None
    assert service.sign_language_video.startswith("https://")
    assert plain.catalog.services["4770640"].sign_language_video is None
    assert set(result.catalog.related) == {"klub-senioru-kralovice", "socialni-prace-mu-kralovice"}
    assert result.report.warnings[: len(plain.report.warnings)] == plain.report.warnings


def test_load_in_strict_mode_refuses_additions_warnings(
    sample_register: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, "d.yaml", 'sluzby:\n  "9999999": {popis: X}\n')
    catalogue = tmp_path / "k.json"
    result = kpss.load(sample_register / "rpss.json", enrich=False)
    catalogue.write_text(json.dumps(unstructure(result.catalog)), encoding="utf-8")
    with pytest.raises(StrictModeError, match=r"warning\(s\) about the additions"):
        kpss.load(catalogue, strict=True, additions=path)


def test_load_reads_the_additions_before_the_source(tmp_path: Path) -> None:
    bad = write(tmp_path, "d.yaml", "sluzby: [\n")
    (tmp_path / "rpss.json").write_text('{"polozky": []}', encoding="utf-8")
    with pytest.raises(kpss.DataError, match="not valid YAML"):
        kpss.load(tmp_path / "rpss.json", additions=bad)


def test_catalog_copy_keeps_related_services_in_its_own_dicts(additions_file: Path) -> None:
    applied = apply_additions(catalog(), read_additions(additions_file)).catalog
    copy = applied.copy()
    assert copy == applied
    del copy.related["klub-senioru"]
    copy.services.pop("1000001")
    assert "klub-senioru" in applied.related
    assert "1000001" in applied.services
