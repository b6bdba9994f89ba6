"""kpss export hsds: HSDS 3.0 JSON checked against the official schemas and the public rules."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from tests.opendata.conftest import RECORD_SCHEMAS, Validate, schema
from tests.opendata.data import (
    HEAD,
    OWN_NAME,
    SECRET_POSTCODE,
    SECRET_STREET,
    SNAPSHOT,
    STATUTORY,
    read_records,
)

import kpss
from kpss.errors import DataError, UsageError
from kpss.opendata.ids import NAMESPACE, hsds_id

#: Fields that hold HSDS ids (``tax_id`` is the DIČ, not an id).
_UUID_FIELD = re.compile(r"^(?!tax_id$)(.+_)?id$")


def _walk(record: Any) -> list[tuple[str, Any]]:
    """Every (key, value) pair anywhere in *record*."""
    found: list[tuple[str, Any]] = []
    if isinstance(record, dict):
        for key, value in record.items():
            found.append((key, value))
            found += _walk(value)
    elif isinstance(record, list):
        for item in record:
            found += _walk(item)
    return found


def _undeclared(record: Any, node: dict[str, Any], path: str) -> list[str]:
    """Properties of *record* its schema does not declare (HSDS allows them; kpss uses none)."""
    problems: list[str] = []
    if isinstance(record, dict):
        properties = node.get("properties", {})
        for key, value in record.items():
            if key not in properties:
                problems.append(f"{path}.{key}")
            else:
                problems += _undeclared(value, properties[key], f"{path}.{key}")
    elif isinstance(record, list):
        for index, item in enumerate(record):
            problems += _undeclared(item, node.get("items", {}), f"{path}[{index}]")
    return problems


def test_the_format_checker_refuses_what_hsds_forbids(format_checker: FormatChecker) -> None:
    validator = Draft202012Validator(schema("service.json"), format_checker=format_checker)
    good = {"id": str(uuid.uuid4()), "name": "Poradna", "status": "active"}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "id": "mpsv-123"})
    assert not validator.is_valid({**good, "url": "www.obec.cz"})
    assert not validator.is_valid({**good, "email": "nikdo"})
    assert not validator.is_valid({**good, "status": "otevřeno"})


def test_every_record_of_a_national_export_is_valid_hsds(
    national_hsds: Path, validate_hsds: Validate
) -> None:
    assert validate_hsds(national_hsds) == []
    assert len(read_records(national_hsds, "services.json")) == 300


def test_every_record_with_local_additions_is_valid_hsds(
    features_hsds: Path, validate_hsds: Validate
) -> None:
    assert validate_hsds(features_hsds) == []


@pytest.mark.parametrize("file", sorted(RECORD_SCHEMAS))
def test_records_use_only_fields_hsds_defines(features_hsds: Path, file: str) -> None:
    node = schema(RECORD_SCHEMAS[file])
    problems = [
        p
        for index, record in enumerate(read_records(features_hsds, file))
        for p in _undeclared(record, node, f"{file}[{index}]")
    ]
    assert problems == []


def test_dates_and_times_are_iso(features_hsds: Path) -> None:
    pairs = [
        pair
        for file in RECORD_SCHEMAS
        for record in read_records(features_hsds, file)
        for pair in _walk(record)
    ]
    days = [v for k, v in pairs if k in ("assured_date", "valid_from", "valid_to")]
    times = [v for k, v in pairs if k in ("opens_at", "closes_at")]
    assert days
    assert times
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in days)
    assert all(re.fullmatch(r"\d{2}:\d{2}:\d{2}", t) for t in times)


def test_every_id_is_a_uuid5_and_ids_are_unique(features_hsds: Path) -> None:
    checked = 0
    for file in RECORD_SCHEMAS:
        for record in read_records(features_hsds, file):
            for key, value in _walk(record):
                if _UUID_FIELD.match(key):
                    assert uuid.UUID(value).version == 5, (key, value)
                    checked += 1
    assert checked > 100
    services = read_records(features_hsds, "services.json")
    locations = [sal["location_id"] for s in services for sal in s["service_at_locations"]]
    assert len(locations) == len(set(locations))
    assert len({s["id"] for s in services}) == len(services)


def test_ids_come_from_register_identifiers(features: kpss.Catalog, features_hsds: Path) -> None:
    first = next(iter(features))
    expected = str(uuid.uuid5(NAMESPACE, f"service/{first.identifier}"))
    assert hsds_id(f"service/{first.identifier}") == expected
    ids = {s["id"] for s in read_records(features_hsds, "services.json")}
    assert expected in ids
    organization = str(uuid.uuid5(NAMESPACE, f"organization/{first.provider.key}"))
    assert organization in {o["id"] for o in read_records(features_hsds, "organizations.json")}


def test_a_re_export_writes_the_same_bytes(
    features: kpss.Catalog, features_hsds: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    kpss.export(features, "hsds", again)
    for file in RECORD_SCHEMAS:
        assert (again / file).read_bytes() == (features_hsds / file).read_bytes()


def _service(folder: Path, identifier: str) -> dict[str, Any]:
    wanted = hsds_id(f"service/{identifier}")
    return next(s for s in read_records(folder, "services.json") if s["id"] == wanted)


_TERMS: dict[str, str] = {}


def _code(attribute: dict[str, Any]) -> str:
    """The code of an attribute's term (terms are in taxonomy_terms.json)."""
    return _TERMS[attribute["taxonomy_term_id"]]


@pytest.fixture(autouse=True, scope="module")
def _terms(features_hsds: Path) -> None:
    _TERMS.update({t["id"]: t["code"] for t in read_records(features_hsds, "taxonomy_terms.json")})


def _attributes(record: dict[str, Any]) -> dict[str, list[str | None]]:
    found: dict[str, list[str | None]] = {}
    for attribute in record.get("attributes", []):
        found.setdefault(_code(attribute), []).append(attribute.get("value"))
    return found


def test_status_follows_the_dates(features: kpss.Catalog, features_hsds: Path) -> None:
    services = list(features)
    assert _service(features_hsds, services[0].identifier)["status"] == "active"
    assert _service(features_hsds, services[3].identifier)["status"] == "inactive"
    assert _service(features_hsds, services[4].identifier)["status"] == "defunct"
    assert _service(features_hsds, services[0].identifier)["assured_date"] == SNAPSHOT.isoformat()


def test_a_later_day_makes_a_future_service_active(features: kpss.Catalog, tmp_path: Path) -> None:
    later = (SNAPSHOT.replace(year=SNAPSHOT.year + 1)).isoformat()
    kpss.export(features, "hsds", tmp_path / "out", settings={"on": later})
    services = list(features)
    assert _service(tmp_path / "out", services[3].identifier)["status"] == "active"
    ended = hsds_id(f"service/{services[4].identifier}")
    assert ended not in {s["id"] for s in read_records(tmp_path / "out", "services.json")}


def test_the_service_carries_its_register_data_and_additions(
    features: kpss.Catalog, features_hsds: Path
) -> None:
    first = next(iter(features))
    record = _service(features_hsds, first.identifier)
    assert record["name"] == OWN_NAME
    assert record["eligibility_description"] == "od 18 let"
    assert record["email"] == "poradna@rozcesti.example.cz"
    assert record["url"] == "https://www.rozcesti.example.cz"
    assert record["cost_options"][0]["option"] == "zdarma"
    assert record["cost_options"][0]["amount"] == 0
    assert [lang["code"] for lang in record["languages"]] == ["cs", "uk", "cse"]
    attributes = _attributes(record)
    assert attributes["kpss/identifikator"] == [first.identifier]
    assert attributes["kpss/nazev"] == [OWN_NAME]
    assert attributes["kpss/web"] == ["https://rozcesti.example.cz/en"]
    assert attributes["kpss/datovaSchranka"] == ["abc123d"]
    assert attributes["kpss/nabidka"] == ["sociální poradenství", "pomoc s dávkami"]
    assert attributes[first.kind_code] == [None]
    assert attributes["FormaSocialniSluzby/ter"] == ["nepřetržitě"]
    assert attributes["FormaSocialniSluzby/amb"] == ["v časových rozsazích"]
    assert attributes["TypKapacitySocialniSluzby/kontakt"] == ["4"]
    assert attributes["TypKapacitySocialniSluzby/klient"] == [None]
    assert "CilovaSkupinaOsoby/999" in attributes
    phones = {p["number"]: p for p in record["phones"]}
    assert phones["+420 777 123 456"]["description"] == "krizová linka"
    assert phones["377 123 456"]["type"] == "fax"


def test_a_capacity_is_linked_to_its_form(features_hsds: Path, features: kpss.Catalog) -> None:
    record = _service(features_hsds, next(iter(features)).identifier)
    by_id = {a["id"]: a for a in record["attributes"]}
    capacity = next(a for a in record["attributes"] if _code(a).endswith("/kontakt"))
    assert capacity["link_entity"] == "attribute"
    assert _code(by_id[capacity["link_id"]]) == "FormaSocialniSluzby/amb"


def test_hours_become_weekly_schedules(features_hsds: Path, features: kpss.Catalog) -> None:
    record = _service(features_hsds, next(iter(features)).identifier)
    schedules = [
        (
            s.get("attending_type"),
            s.get("byday"),
            s.get("opens_at"),
            s.get("closes_at"),
            s.get("notes"),
        )
        for s in record["schedules"]
        if "opens_at" in s
    ]
    assert (None, "MO,TU", "08:00:00", "12:00:00", None) in schedules
    assert (None, "WE", "13:00:00", "17:30:00", "jen pro objednané") in schedules
    assert ("ambulantní", "MO,FR", "09:00:00", "11:00:00", None) in schedules
    continuous = [s for s in record["schedules"] if s.get("description") == "nepřetržitě"]
    assert [s["attending_type"] for s in continuous] == ["terénní"]
    assert continuous[0]["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    assert {"id", "service_id", "description"} <= set(
        next(
            s for s in record["schedules"] if s.get("description") == "o prázdninách zkrácená doba"
        )
    )


def test_a_whole_okres_is_one_service_area(features_hsds: Path, features: kpss.Catalog) -> None:
    record = _service(features_hsds, next(iter(features)).identifier)
    uris = [a["uri"] for a in record["service_areas"]]
    assert uris == [
        "https://linked.cuzk.cz/resource/ruian/okres/3407",
        "https://linked.cuzk.cz/resource/ruian/obec/554791",
    ]
    assert record["service_areas"][0]["name"] == "okres Plzeň-sever"


def test_a_public_facility_has_its_address_and_obec(
    features_hsds: Path, features: kpss.Catalog
) -> None:
    service = next(s for s in features if any(not f.secret_address for f in s.facilities))
    facility = next(f for f in service.facilities if not f.secret_address)
    assert facility.address is not None
    record = _service(features_hsds, service.identifier)
    location = next(
        sal["location"]
        for sal in record["service_at_locations"]
        if sal["location"].get("name") == facility.name
    )
    address = location["addresses"][0]
    assert address["country"] == "CZ"
    assert address["postal_code"].replace(" ", "") == facility.address.postcode
    assert address["state_province"] == "Plzeňský kraj"
    assert location["external_identifier"] == str(facility.address.address_point)
    assert _attributes(location) == {f"Obec/{facility.address.obec_code}": [None]}


def test_a_secret_facility_is_its_obec_and_nothing_more(
    features_hsds: Path, features: kpss.Catalog
) -> None:
    service = list(features)[3]
    record = _service(features_hsds, service.identifier)
    location = record["service_at_locations"][0]["location"]
    assert location["name"] == "Chráněné bydlení"
    assert location["description"] == "adresa neveřejná"
    assert "addresses" not in location
    assert "external_identifier" not in location
    assert set(_attributes(location)) == {
        f"Obec/{features.service(service.identifier).facilities[0].address.obec_code}",
        "kpss/utajenaAdresa",
    }  # type: ignore[union-attr]
    postal = [
        sal
        for sal in record["service_at_locations"]
        if sal["location"]["location_type"] == "postal"
    ]
    assert all("addresses" not in sal["location"] for sal in postal)


def test_no_secret_street_and_no_personal_data_anywhere(features_hsds: Path) -> None:
    text = "\n".join((features_hsds / file).read_text(encoding="utf-8") for file in RECORD_SCHEMAS)
    for word in (SECRET_STREET, SECRET_POSTCODE, "99999999", *STATUTORY, *HEAD):
        assert word not in text
    assert "javascript:" not in text


def test_no_personal_data_of_a_national_register(small_register: Any, national_hsds: Path) -> None:
    items = json.loads(Path(small_register.json).read_text(encoding="utf-8"))["polozky"]
    people = {
        f"{person['jmeno']} {person['prijmeni']}"
        for item in items
        for person in [
            *(item["poskytovatel"].get("statutarniOrgany") or []),
            *(f["vedouci"] for f in item["zarizeni"] if f.get("vedouci")),
        ]
    }
    assert people
    text = "\n".join((national_hsds / f).read_text(encoding="utf-8") for f in RECORD_SCHEMAS)
    assert [p for p in people if p in text] == []


def test_only_http_links_and_taxonomies_of_the_code_lists(national_hsds: Path) -> None:
    pairs = [
        pair
        for file in RECORD_SCHEMAS
        for record in read_records(national_hsds, file)
        for pair in _walk(record)
    ]
    links = [v for k, v in pairs if k in ("url", "website", "term_uri", "uri", "schedule_link")]
    assert links
    assert all(v.startswith(("http://", "https://")) for v in links)
    terms = read_records(national_hsds, "taxonomy_terms.json")
    codes = {t["code"] for t in terms}
    assert len(codes) == len(terms)
    assert all(re.fullmatch(r"[A-Za-z]+/[\w./-]+", c) for c in codes)
    kinds = [t for t in terms if t["taxonomy"] == "DruhSocialniSluzby" and "parent_id" in t]
    assert kinds
    parents = {t["id"]: t for t in terms}
    assert all(parents[k["parent_id"]]["code"].startswith("kpss/kategorie/") for k in kinds)
    taxonomy_ids = {t["id"] for t in read_records(national_hsds, "taxonomies.json")}
    assert {t["taxonomy_id"] for t in terms} <= taxonomy_ids


def test_a_folder_kpss_did_not_write_is_never_replaced(
    features: kpss.Catalog, tmp_path: Path
) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "letter.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError, match="did not write"):
        kpss.export(features, "hsds", mine)
    assert (mine / "letter.txt").read_text(encoding="utf-8") == "keep me"


def test_an_earlier_export_is_replaced_whole(features: kpss.Catalog, tmp_path: Path) -> None:
    out = tmp_path / "out"
    kpss.export(features, "hsds", out, settings={"tabular": "true"})
    kpss.export(features, "hsds", out)
    assert not (out / "datapackage.json").exists()
    assert (out / "services.json").is_file()


def test_text_that_is_not_unicode_fails_and_keeps_the_old_export(
    features: kpss.Catalog, features_hsds: Path, tmp_path: Path
) -> None:
    import attrs

    out = tmp_path / "out"
    kpss.export(features, "hsds", out)
    before = (out / "services.json").read_bytes()
    first = next(iter(features))
    broken = kpss.Catalog(codes=features.codes, snapshot_date=features.snapshot_date)
    broken.add(attrs.evolve(first, description="zlom \udcff"))
    with pytest.raises(DataError, match=r"services\.json"):
        kpss.export(broken, "hsds", out)
    assert (out / "services.json").read_bytes() == before


def test_a_folder_holding_the_source_is_refused(features_hsds: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    kpss.export(kpss.load(features_hsds / "services.json").catalog, "hsds", copy)
    source = kpss.load(copy / "services.json").catalog
    with pytest.raises(UsageError, match=r"holds the (input|SOURCE)"):
        kpss.export(source, "hsds", copy)
    assert (copy / "services.json").is_file()
