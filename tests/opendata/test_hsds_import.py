"""The HSDS importer: kpss → HSDS → kpss keeps what HSDS carries; other systems' HSDS reads."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path
from typing import Any

import attrs
import pytest

import kpss
from kpss.api import choose_importer
from kpss.errors import DataError, StrictModeError
from kpss.model.contacts import Address, ContactKind
from kpss.model.services import Service
from kpss.publish.urls import email_href, web_href


def _public_contacts(service: Service) -> tuple[Any, ...]:
    """What HSDS carries of the shown contacts: links only, webs as links."""
    kept = []
    for contact in service.shown_contacts():
        if contact.kind is ContactKind.WEB:
            href = web_href(contact.value)
            if href:
                kept.append(attrs.evolve(contact, value=href, note=None))
        elif contact.kind is ContactKind.EMAIL:
            if email_href(contact.value):
                kept.append(contact)
        elif contact.kind is ContactKind.DATA_BOX:
            kept.append(attrs.evolve(contact, note=None))
        else:
            kept.append(contact)
    order = [
        ContactKind.EMAIL,
        ContactKind.PHONE,
        ContactKind.WEB,
        ContactKind.FAX,
        ContactKind.DATA_BOX,
    ]
    return tuple(sorted(kept, key=lambda c: order.index(c.kind)))


def _obec_only(address: Address | None) -> Address | None:
    if address is None or address.obec_code is None:
        return None
    obec = kpss.territory().obec(address.obec_code)
    return Address(
        obec_code=address.obec_code,
        okres_code=obec.okres_code if obec else None,
        kraj_code=obec.kraj_code if obec else None,
    )


def carried(service: Service) -> Service:
    """*service* as HSDS carries it: what docs/user-guide/open-data.md lists as lost, gone.

    Lost: the provider's seat, cast obce and district codes, capacity descriptions,
    documents, photos, related services, provenance, web notes, links that are not
    http(s)/mailto, the streets of secret places (and of contact addresses of a service
    with a secret place); local contacts come back as the contacts shown.
    """
    secret = any(f.secret_address is not False for f in service.facilities)

    def address(value: Address | None) -> Address | None:
        if value is None:
            return None
        return attrs.evolve(value, cast_obce_code=None, district_code=None)

    return attrs.evolve(
        service,
        provider=attrs.evolve(
            service.provider,
            seat=None,
            contacts=_public_contacts(
                Service("x", "x", service.provider, contacts=service.provider.contacts)
            ),
        ),
        contacts=_public_contacts(service),
        local_contacts=(),
        replace_contacts=False,
        facilities=tuple(
            attrs.evolve(
                f,
                address=_obec_only(f.address)
                if f.secret_address is not False
                else address(f.address),
            )
            for f in service.facilities
        ),
        contact_addresses=tuple(
            dict.fromkeys(
                _obec_only(a) if secret else address(a) for a in service.contact_addresses
            )
        ),
        forms=tuple(
            attrs.evolve(
                f,
                capacities=tuple(attrs.evolve(c, description=None) for c in f.capacities),
                hours=tuple(sorted(f.hours, key=lambda h: (h.day, h.opens))),
            )
            for f in service.forms
        ),
        opening_hours=tuple(sorted(service.opening_hours, key=lambda h: (h.day, h.opens))),
        documents=(),
        photos=(),
        related_services=(),
        sources=(),
    )


def _differences(original: kpss.Catalog, back: kpss.Catalog) -> list[str]:
    found = []
    for service in original:
        other = back.service(service.identifier)
        if other is None:
            found.append(f"{service.identifier}: missing")
            continue
        mine, theirs = carried(service), carried(other)
        for field in attrs.fields(Service):
            if getattr(mine, field.name) != getattr(theirs, field.name):
                found.append(f"{service.identifier}.{field.name}")
    return found


@pytest.mark.parametrize("start", ["services.json", "organizations.json", "taxonomy_terms.json"])
def test_json_round_trip_keeps_what_hsds_carries(
    features: kpss.Catalog, features_hsds: Path, start: str
) -> None:
    result = kpss.load(features_hsds / start)
    assert result.report.read == len(features)
    assert result.report.rejected == []
    assert result.report.warnings == []
    assert _differences(features, result.catalog) == []
    assert result.catalog.snapshot_date == features.snapshot_date


def test_tabular_round_trip_keeps_what_hsds_carries(
    features: kpss.Catalog, features_tabular: Path
) -> None:
    result = kpss.load(features_tabular / "datapackage.json")
    assert result.report.rejected == []
    assert result.report.warnings == []
    assert _differences(features, result.catalog) == []


def test_national_round_trip(national: kpss.Catalog, national_hsds: Path) -> None:
    result = kpss.load(national_hsds / "services.json")
    assert result.report.accepted == len(national)
    assert _differences(national, result.catalog) == []
    assert result.catalog.label("CilovaSkupinaOsoby/24") == national.label("CilovaSkupinaOsoby/24")


def test_the_round_trip_is_not_trivially_equal(features: kpss.Catalog, features_hsds: Path) -> None:
    """The comparison sees a change: a phone changed in the file is a difference."""
    path = features_hsds.parent / "changed"
    path.mkdir()
    for file in features_hsds.iterdir():
        text = file.read_text(encoding="utf-8").replace("+420 777 123 456", "+420 777 000 000")
        (path / file.name).write_text(text, encoding="utf-8")
    back = kpss.load(path / "services.json").catalog
    assert _differences(features, back) == [f"{next(iter(features)).identifier}.contacts"]


def test_the_importer_is_chosen_by_content(
    features_hsds: Path, features_tabular: Path, sample_register: Path
) -> None:
    assert choose_importer(features_hsds / "services.json").name == "hsds"
    assert choose_importer(features_tabular / "datapackage.json").name == "hsds"
    assert choose_importer(sample_register / "rpss.json").name == "rpss-json"


def test_filters_apply(features_hsds: Path, features: kpss.Catalog) -> None:
    first = next(iter(features))
    chosen = kpss.resolve_filter(kind=first.kind.key if first.kind else first.kind_code).filter
    result = kpss.load(features_hsds / "services.json", filter=chosen)
    assert result.report.accepted == len([s for s in features if s.kind_code == first.kind_code])
    assert result.report.read == result.report.accepted + result.report.filtered_out


# -- another system's HSDS -------------------------------------------------------------


def _id() -> str:
    return str(uuid.uuid4())


def _foreign(folder: Path, services: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "services.json"
    path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    return path


def _organization(name: str = "Charita Kralovice", ico: str = "70836931") -> dict[str, Any]:
    return {
        "id": _id(),
        "name": name,
        "description": "charita",
        "website": "https://kralovice.charita.cz",
        "organization_identifiers": [{"id": _id(), "identifier_type": "IČO", "identifier": ico}],
    }


def _term(name: str, code: str | None = None) -> dict[str, Any]:
    term = {"id": _id(), "name": name, "description": name}
    if code:
        term["code"] = code
    return term


def _service(**fields: Any) -> dict[str, Any]:
    record = {"id": _id(), "name": "Pečovatelská služba Kralovice", "status": "active"}
    record.update(fields)
    return record


def test_a_service_of_another_system_reads(tmp_path: Path) -> None:
    service = _service(
        organization=_organization(),
        description="Pomoc v domácnosti.",
        email="pecovatelky@kralovice.example.cz",
        phones=[{"id": _id(), "number": "373 396 111"}],
        attributes=[{"id": _id(), "taxonomy_term": _term("pečovatelská služba", "PS-01")}],
        service_at_locations=[
            {
                "id": _id(),
                "location": {
                    "id": _id(),
                    "location_type": "physical",
                    "name": "Dům s pečovatelskou službou",
                    "addresses": [
                        {
                            "id": _id(),
                            "address_1": "Plzeňská 4",
                            "city": "Kralovice",
                            "state_province": "Plzeňský kraj",
                            "postal_code": "331 41",
                            "country": "CZ",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        schedules=[
            {
                "id": _id(),
                "freq": "WEEKLY",
                "byday": "MO,WE",
                "opens_at": "07:30",
                "closes_at": "15:00",
            }
        ],
    )
    result = kpss.load(_foreign(tmp_path, [service]))
    assert result.report.accepted == 1
    assert result.report.warnings == []
    read = next(iter(result.catalog))
    assert read.identifier == service["id"]
    assert read.name == "Pečovatelská služba Kralovice"
    assert read.kind is not None
    assert read.kind.key == "40"
    assert read.provider.ico == "70836931"
    assert read.provider.contacts[0].value == "https://kralovice.charita.cz"
    facility = read.facilities[0]
    assert facility.address is not None
    obec = kpss.territory().obec(facility.address.obec_code or "")
    assert obec is not None
    assert obec.name == "Kralovice"
    assert (facility.address.street, facility.address.house_number) == ("Plzeňská", 4)
    assert facility.address.postcode == "33141"
    assert [(h.day, h.opens.isoformat()) for h in read.opening_hours] == [
        ("DenVTydnu/1", "07:30:00"),
        ("DenVTydnu/3", "07:30:00"),
    ]
    assert [c.kind for c in read.contacts] == [ContactKind.EMAIL, ContactKind.PHONE]


def test_an_api_page_of_services_reads(tmp_path: Path) -> None:
    service = _service(
        organization=_organization(),
        attributes=[{"id": _id(), "taxonomy_term": _term("x", "DruhSocialniSluzby/4")}],
    )
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"total_items": 1, "contents": [service]}), encoding="utf-8")
    result = kpss.load(path, importer="hsds")
    assert [s.kind_code for s in result.catalog] == ["DruhSocialniSluzby/4"]


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"attributes": []}, "attributes", "no kind of social service"),
        ({"organization": None}, "organization_id", "no organization"),
        ({"name": None}, "name", "required field missing"),
        ({"status": "defunct"}, "status", "defunct without the last day"),
    ],
)
def test_a_service_kpss_cannot_use_is_rejected_with_the_reason(
    tmp_path: Path, change: dict[str, Any], field: str, reason: str
) -> None:
    term = _term("osobní asistence")
    good = _service(organization=_organization(), attributes=[{"id": _id(), "taxonomy_term": term}])
    bad = {**good, "id": _id(), "attributes": [{"id": _id(), "taxonomy_term": term}], **change}
    if bad.get("organization") is None:
        bad.pop("organization")
    path = _foreign(tmp_path, [good, bad])
    result = kpss.load(path)
    assert result.report.accepted == 1
    (rejected,) = result.report.rejected
    assert reason in rejected.message
    assert rejected.location.file == str(path)
    assert rejected.location.index == 1
    assert rejected.location.field == field
    assert result.report.read == 2


def test_a_record_without_id_is_rejected(tmp_path: Path) -> None:
    path = _foreign(tmp_path, [{"name": "bez id", "status": "active"}])
    result = kpss.load(path)
    assert result.report.read == 1
    assert result.report.accepted == 0
    assert "no id" in result.report.rejected[0].message
    assert result.report.rejected[0].location.index == 0


def test_strict_mode_fails_on_a_rejected_service(tmp_path: Path) -> None:
    path = _foreign(tmp_path, [_service(organization=_organization())])
    with pytest.raises(StrictModeError, match="no kind"):
        kpss.load(path, strict=True)


def test_an_invalid_ico_is_a_warning(tmp_path: Path) -> None:
    service = _service(
        organization=_organization(ico="12345678"),
        attributes=[{"id": _id(), "taxonomy_term": _term("azylové domy")}],
    )
    result = kpss.load(_foreign(tmp_path, [service]))
    assert next(iter(result.catalog)).provider.ico is None
    (warning,) = result.report.warnings
    assert "invalid IČO" in warning.message
    assert warning.location.path == "organization.organization_identifiers[0]"


def test_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_text('[\n{"id": "x",\n', encoding="utf-8")
    with pytest.raises(DataError) as error:
        kpss.load(path, importer="hsds")
    assert error.value.location.file == str(path)
    assert error.value.location.line is not None


def _package_copy(source: Path, target: Path) -> Path:
    target.mkdir()
    for file in source.iterdir():
        (target / file.name).write_bytes(file.read_bytes())
    return target


def test_a_broken_csv_row_names_file_and_line(features_tabular: Path, tmp_path: Path) -> None:
    package = _package_copy(features_tabular, tmp_path / "p")
    with open(package / "phones.csv", "a", encoding="utf-8", newline="") as handle:
        handle.write("only,three,cells\r\n")
    lines = len((package / "phones.csv").read_text(encoding="utf-8").splitlines())
    with pytest.raises(DataError, match="3 cells in a row of 10 columns") as error:
        kpss.load(package / "datapackage.json")
    assert error.value.location.file == str(package / "phones.csv")
    assert error.value.location.line == lines


def test_a_cell_that_is_not_a_number_is_a_warning(features_tabular: Path, tmp_path: Path) -> None:
    package = _package_copy(features_tabular, tmp_path / "p")
    with open(package / "cost_options.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("amount")
    rows[1][column] = "nula"
    with open(package / "cost_options.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = kpss.load(package / "datapackage.json")
    (warning,) = result.report.warnings
    assert warning.location.field == "amount"
    assert warning.location.line == 2
    assert "expected a number" in warning.message


def test_a_resource_outside_the_package_is_refused(features_tabular: Path, tmp_path: Path) -> None:
    package = _package_copy(features_tabular, tmp_path / "p")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "../../etc/passwd"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataError, match="relative path inside the package") as error:
        kpss.load(package / "datapackage.json")
    assert error.value.location.path == "resources[0]"
