"""A clean generated register imports into kpss with nothing rejected and exercises the mapper."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import kpss
from kpss import reference
from kpss.convert import unstructure
from kpss.model.catalog import Catalog
from kpss.model.codes import CODE_LIST_FILES
from kpss.model.law import Form
from kpss.model.territory import Level
from kpss.rpss.copy import convert
from kpss.testing import REFERENCE_DATE, RegisterInfo

from .helpers import items, references

TERRITORY_FILES = {
    "Kraj": "kraje.json",
    "Okres": "okresy.json",
    "Obec": "obce.json",
    "CastObce": "casti-obci.json",
}


@pytest.mark.parametrize("name", ["rpss.json", "rpss.xml"])
def test_clean_register_imports_with_only_the_planted_duplicates_warned(
    rpss_folder: RegisterInfo, name: str
) -> None:
    report = kpss.load(rpss_folder / name, codes=rpss_folder.codes).report
    assert (report.read, report.accepted, report.filtered_out) == (300, 300, 0)
    assert report.rejected == []
    assert rpss_folder.counts.duplicate_facilities > 0
    assert len(report.warnings) == rpss_folder.counts.duplicate_facilities
    assert all(
        "; merged" in w.message and "duplicate of zarizeni" in w.message for w in report.warnings
    )


def test_without_the_code_lists_the_synthetic_ids_are_warned_about(
    rpss_folder: RegisterInfo,
) -> None:
    report = kpss.load(rpss_folder.json).report
    assert report.rejected == []
    unknown = {
        w.message.split()[2] for w in report.warnings if w.message.startswith("unknown code")
    }
    assert "CilovaSkupinaOsoby/101" in unknown
    assert "VekovaSkupinaOsoby/101" in unknown
    assert "CilovaSkupinaOsoby/24" not in unknown  # seen ids are in kpss's snapshot


def test_a_national_register_imports_cleanly_too(rpss_factory) -> None:
    info = rpss_factory(services=1500, seed=21, xml=True)
    report = kpss.load(info.xml, codes=info.codes).report
    assert report.rejected == []
    assert report.accepted == 1500
    assert len(report.warnings) == info.counts.duplicate_facilities


def test_code_lists_label_every_code_used(rpss_folder: RegisterInfo) -> None:
    ids = {r for item in items(rpss_folder.json) for r in references(item)}
    files = {**CODE_LIST_FILES, **TERRITORY_FILES}
    listed: dict[str, set[str]] = {}
    for list_name, file_name in files.items():
        data = json.loads((rpss_folder.codes / file_name).read_text(encoding="utf-8"))
        for entry in data["polozky"]:
            assert isinstance(entry["nazev"]["cs"], str)
            assert entry["nazev"]["cs"]
        listed[list_name] = {entry["id"] for entry in data["polozky"]}
    used_lists = {code_id.partition("/")[0] for code_id in ids}
    assert set(files) <= used_lists | {"DruhSocialniSluzby"}
    for code_id in ids:
        list_name = code_id.partition("/")[0]
        if list_name in files:
            assert code_id in listed[list_name], code_id
    # and kpss reads the files and labels every code of its code lists
    book = reference.code_book(rpss_folder.codes)
    for code_id in ids:
        if code_id.partition("/")[0] in CODE_LIST_FILES:
            assert book.label(code_id), code_id
    assert book.label("CilovaSkupinaOsoby/24") == "senioři"  # the snapshot's label is kept


def test_territorial_code_lists_carry_the_official_codes(rpss_folder: RegisterInfo) -> None:
    def entries(name: str) -> dict[str, dict]:
        data = json.loads((rpss_folder.codes / name).read_text(encoding="utf-8"))
        return {e["id"]: e for e in data["polozky"]}

    assert entries("kraje.json")["Kraj/43"]["kodNuts3"] == "CZ032"
    assert entries("okresy.json")["Okres/3402"]["kodLau"] == "CZ0411"
    aš = entries("obce.json")["Obec/554499"]
    assert (aš["nazev"]["cs"], aš["kod"], aš["okres"]) == ("Aš", "554499", {"id": "Okres/3402"})
    assert len(entries("obce.json")) == len(reference.territory().obce)


def test_json_and_xml_are_the_same_register_in_kpss_own_rendition(
    rpss_folder: RegisterInfo, tmp_path: Path
) -> None:
    assert convert(rpss_folder.json, tmp_path / "kpss.xml") == 300
    assert (tmp_path / "kpss.xml").read_bytes() == rpss_folder.xml.read_bytes()  # type: ignore[union-attr]
    assert convert(rpss_folder.xml, tmp_path / "back.json") == 300  # type: ignore[arg-type]
    assert (tmp_path / "back.json").read_bytes() == rpss_folder.json.read_bytes()


def test_the_mapper_meets_forms_capacities_and_the_law(rpss_catalog: Catalog) -> None:
    services = list(rpss_catalog)
    assert any(len(s.forms) > 1 for s in services)
    assert any(len(f.capacities) > 1 for s in services for f in s.forms)
    for service in services:
        assert service.kind is not None, service.kind_code
        for form in service.forms:
            assert form.form is not None
            assert service.kind.allows(form.form) is not False, (service.kind.key, form.form)
            units = {c.unit.partition("/")[2] for c in form.capacities}
            if form.form is Form.POBYTOVA or service.kind.key == "63":
                assert units == {"luzka"}
            elif service.kind.key == "55":
                assert units == {"hovor"}
            else:
                assert "luzka" not in units
                assert "hovor" not in units
                assert units <= {"klient", "interv", "kontakt"}
            assert all(type(c.count) is int for c in form.capacities)
    kinds = {s.kind.key for s in services if s.kind}
    assert len(kinds) > 25


def test_dates_secret_addresses_and_areas(rpss_catalog: Catalog, rpss_folder: RegisterInfo) -> None:
    services = list(rpss_catalog)
    today = REFERENCE_DATE
    ended = [s for s in services if s.valid_to and s.valid_to < today]
    assert len(ended) == rpss_folder.counts.ended > 0
    assert any(s.valid_from and s.valid_from > today for s in services)
    assert any(s.is_active(today) for s in services)
    secret = [f for s in services for f in s.facilities if f.secret_address]
    assert len(secret) == rpss_folder.counts.secret_facilities > 0
    assert all(f.address is None for f in secret)
    facilities = [f for s in services for f in s.facilities if f.address]
    assert any(f.address.address_point is None for f in facilities)  # type: ignore[union-attr]
    total = sum(len(s.facilities) for s in services)
    assert total == rpss_folder.counts.facilities - rpss_folder.counts.duplicate_facilities
    assert (
        sum(1 for s in services if s.service_area) == rpss_folder.counts.services_with_service_area
    )
    # an okres without obec means every obec of the okres
    territory = reference.territory()
    for item in items(rpss_folder.json):
        wide = [e for e in item["rozsirenePusobnostiVKraji"] if e["obec"] is None and e["okres"]]
        if wide:
            okres = territory.okresy[wide[0]["okres"]["id"].partition("/")[2]]
            area = rpss_catalog.service(item["identifikator"]).service_area  # type: ignore[union-attr]
            assert territory.obec_codes(okres) <= area
            break
    else:
        pytest.fail("no service area given by an okres")


def test_providers_contacts_and_documents(rpss_catalog: Catalog) -> None:
    services = list(rpss_catalog)
    providers = {s.provider.key for s in services}
    assert len(providers) == len(rpss_catalog.providers) < len(services)
    assert all(p.ico for p in rpss_catalog.providers.values())
    assert all(s.documents for s in services)
    assert all(
        d.url.startswith("https://mpsv.cz/agportal-server/") for s in services for d in s.documents
    )
    assert all(s.description for s in services)
    assert any(s.target_groups for s in services)
    assert any(s.age_groups for s in services)
    assert any(s.contacts for s in services)
    assert any(f.hours for s in services for f in s.forms)


def test_personal_data_never_reaches_the_catalogue(
    rpss_catalog: Catalog, rpss_folder: RegisterInfo
) -> None:
    text = json.dumps(unstructure(rpss_catalog), ensure_ascii=False)
    data = items(rpss_folder.json)
    providers = {i["poskytovatel"]["nazev"] for i in data}
    people = {
        f"{p['jmeno']} {p['prijmeni']}"
        for i in data
        for p in [*i["poskytovatel"]["statutarniOrgany"], *(f["vedouci"] for f in i["zarizeni"])]
        if p is not None
    }
    assert len(people) > 50
    for name in people:
        if not any(name in provider for provider in providers):  # a natural person provides
            assert name not in text, name


def test_filters_find_part_of_the_register(rpss_folder: RegisterInfo) -> None:
    territory = reference.territory()
    [plzensky] = territory.find("Plzeňský kraj", Level.KRAJ)
    flt = kpss.ImportFilter(obce=territory.obec_codes(plzensky), active_on=dt.date(2026, 8, 31))
    report = kpss.load(rpss_folder.json, filter=flt, codes=rpss_folder.codes).report
    assert 0 < report.accepted < 300
    assert report.read == report.accepted + report.filtered_out
