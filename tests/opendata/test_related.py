"""Related services that are not registered (návazné služby) in the CSV and HSDS exports.

The bundled sample with its additions (``doplnky.yaml``) on the Kralovicko area holds
two of them; every open-data output carries each once, marked as not registered.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import frictionless
import pytest
from tests.opendata.conftest import Validate

import kpss
from kpss.model.contacts import ContactKind
from kpss.model.services import NOT_REGISTERED, RelatedService
from kpss.opendata import hsds_vocabulary as vocab
from kpss.opendata.csv_rows import FACILITY_COLUMNS, SERVICE_COLUMNS, rows, write_csv
from kpss.opendata.hsds_build import build_hsds, related_service_id, service_id
from kpss.publish.view import public_view

RELATED_KEYS = {"klub-senioru-kralovice", "socialni-prace-mu-kralovice"}
NOT_REGISTERED_CELL = f"ne – {NOT_REGISTERED}"


@pytest.fixture(scope="module")
def kralovicko(sample_register: Path) -> kpss.Catalog:
    result = kpss.load(
        sample_register / "rpss.json",
        codes=sample_register / "ciselniky",
        filter=kpss.resolve_filter(area="Kralovicko").filter,
        additions=sample_register / "doplnky.yaml",
    )
    assert set(result.catalog.related) == RELATED_KEYS
    return result.catalog


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module", params=["service", "facility"])
def table(
    request: pytest.FixtureRequest,
    kralovicko: kpss.Catalog,
    tmp_path_factory: pytest.TempPathFactory,
) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("csv") / f"{request.param}.csv"
    kpss.export(kralovicko, "csv", out, settings={"rows": request.param, "headers": "en"})
    return _read(out)


def test_each_related_service_is_one_row_marked_not_registered(
    table: list[dict[str, str]], kralovicko: kpss.Catalog
) -> None:
    related = [r for r in table if r["registered"] != "ano"]
    assert sorted(r["id"] for r in related) == sorted(RELATED_KEYS)
    assert {r["registered"] for r in related} == {NOT_REGISTERED_CELL}
    register = [r for r in table if r["registered"] == "ano"]
    assert {r["id"] for r in register} == {s.identifier for s in kralovicko}
    assert table[-len(related) :] == related, "related services come after the register ones"


def test_related_cells_hold_what_applies(table: list[dict[str, str]]) -> None:
    club = next(r for r in table if r["id"] == "klub-senioru-kralovice")
    assert club["name"] == "Klub seniorů Kralovice"
    assert club["kind"] == "klub seniorů"
    assert club["provider"] == "Město Kralovice"
    assert club["provider_ico"] == ""
    assert club["forms"] == ""
    assert club["phones"] == "373 396 111 (podatelna městského úřadu)"
    if "street" in club:  # one row per facility: the address in its columns
        assert (club["street"], club["postcode"], club["obec"]) == (
            "Markova 2",
            "331 41",
            "Kralovice",
        )
        assert club["secret"] == "ne"
    else:
        assert club["places"] == "Markova 2, 331 41 Kralovice"
        assert club["area"] == "Kožlany; Kralovice; Mladotice"
        assert club["hours"] == "Út 13:00–17:00; Čt 13:00–17:00"
        assert club["fees"] == "zdarma"
        assert club["target_groups"] == club["capacity"] == club["paragraph"] == ""
        assert club["description"].startswith("Setkávání, přednášky")


def test_secret_place_of_a_related_service_shows_only_its_obec(
    kralovicko: kpss.Catalog, tmp_path: Path
) -> None:
    view = public_view(kralovicko)
    club = view.related["klub-senioru-kralovice"]
    assert club.place is not None
    assert club.place.street
    hidden = attrs.evolve(club.place, street=None, postcode=None, secret=True)
    view = attrs.evolve(
        view, related={**view.related, club.key or "": attrs.evolve(club, place=hidden)}
    )
    for per, columns in (("service", SERVICE_COLUMNS), ("facility", FACILITY_COLUMNS)):
        out = tmp_path / f"{per}.csv"
        write_csv(out, rows(view, kralovicko, per), columns, headers="en")
        row = next(r for r in _read(out) if r["id"] == "klub-senioru-kralovice")
        assert "Markova" not in repr(row)
        assert "331 41" not in repr(row)
        if per == "facility":
            assert (row["street"], row["obec"], row["secret"]) == ("", "Kralovice", "ano")
        else:
            assert row["places"] == "Kralovice – adresa neveřejná"


def test_related_cells_are_neutralised(kralovicko: kpss.Catalog, tmp_path: Path) -> None:
    view = public_view(kralovicko)
    club = view.related["klub-senioru-kralovice"]
    bad = attrs.evolve(club, name="=HYPERLINK(1)", operator="@SUM(A1)")
    view = attrs.evolve(view, related={club.key or "": bad})
    out = tmp_path / "a.csv"
    write_csv(out, rows(view, kralovicko), SERVICE_COLUMNS, headers="en")
    row = next(r for r in _read(out) if r["id"] == "klub-senioru-kralovice")
    assert (row["name"], row["provider"]) == ("'=HYPERLINK(1)", "'@SUM(A1)")


# -- HSDS ------------------------------------------------------------------------------


def _carried(related: RelatedService) -> RelatedService:
    """*related* as HSDS carries it (``docs/user-guide/open-data.md``): no photos, no
    provenance, a house number as ``č. p.``, contacts in the order of their kinds."""
    order = [ContactKind.EMAIL, ContactKind.PHONE, ContactKind.WEB, ContactKind.FAX]
    address = related.address
    if address is not None and address.house_number is not None:
        address = attrs.evolve(address, house_number_type="TypStavebnihoObjektu/1")
    return attrs.evolve(
        related,
        photos=(),
        sources=(),
        address=address,
        contacts=tuple(sorted(related.contacts, key=lambda c: order.index(c.kind))),
    )


@pytest.fixture(scope="module")
def hsds(kralovicko: kpss.Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hsds") / "out"
    kpss.export(kralovicko, "hsds", out)
    return out


def _services(folder: Path) -> list[dict[str, Any]]:
    return json.loads((folder / "services.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _codes(folder: Path) -> dict[str, str]:
    terms = json.loads((folder / "taxonomy_terms.json").read_text(encoding="utf-8"))
    return {t["id"]: t["code"] for t in terms}


def test_each_related_service_is_an_hsds_service_marked_not_registered(
    hsds: Path, kralovicko: kpss.Catalog, validate_hsds: Validate
) -> None:
    assert validate_hsds(hsds) == []
    codes = _codes(hsds)
    services = _services(hsds)
    marked = {
        s["id"]: s
        for s in services
        for a in s.get("attributes", ())
        if codes[a["taxonomy_term_id"]] == vocab.REGISTERED
        and a["value"] == vocab.NOT_REGISTERED_VALUE
    }
    assert set(marked) == {related_service_id(k) for k in RELATED_KEYS}
    register_ids = {service_id(s.identifier) for s in kralovicko}
    assert {s["id"] for s in services} == register_ids | set(marked)
    club = marked[related_service_id("klub-senioru-kralovice")]
    assert club["status"] == "active"
    assert club["name"] == "Klub seniorů Kralovice"
    assert club["cost_options"][0]["option"] == "zdarma"
    assert [s["byday"] for s in club["schedules"]] == ["TU,TH"]
    assert {a["name"] for a in club["service_areas"]} == {"Kožlany", "Kralovice", "Mladotice"}
    address = club["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"]) == ("Markova 2", "331 41")
    organizations = json.loads((hsds / "organizations.json").read_text(encoding="utf-8"))
    operator = next(o for o in organizations if o["id"] == club["organization_id"])
    assert operator["name"] == "Město Kralovice"


def test_a_secret_place_of_a_related_service_keeps_only_its_obec(
    kralovicko: kpss.Catalog,
) -> None:
    view = public_view(kralovicko)
    club = view.related["klub-senioru-kralovice"]
    assert club.place is not None
    hidden = attrs.evolve(club.place, street=None, postcode=None, secret=True)
    view = attrs.evolve(view, related={"klub-senioru-kralovice": attrs.evolve(club, place=hidden)})
    document = build_hsds(kralovicko, view, status_on=dt.date(2026, 1, 1))
    record = next(
        s for s in document.services if s["id"] == related_service_id("klub-senioru-kralovice")
    )
    location = record["service_at_locations"][0]["location"]
    assert "addresses" not in location
    assert "Markova" not in json.dumps(document.services, ensure_ascii=False)
    codes = {t["id"]: t["code"] for t in document.taxonomy_terms}
    assert vocab.SECRET in {codes[a["taxonomy_term_id"]] for a in location["attributes"]}


@pytest.mark.parametrize("tabular", [False, True])
def test_related_services_round_trip_to_catalog_related(
    kralovicko: kpss.Catalog, tmp_path: Path, tabular: bool
) -> None:
    out = tmp_path / "out"
    kpss.export(kralovicko, "hsds", out, settings={"tabular": str(tabular).lower()})
    if tabular:  # the package, with the operators' organizations, still validates
        report = frictionless.validate(str(out / "datapackage.json"))
        assert report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"]) == []
    result = kpss.load(out / ("datapackage.json" if tabular else "services.json"))
    back = result.catalog
    assert result.report.rejected == []
    assert result.report.warnings == []
    assert result.report.read == len(kralovicko)
    assert {s.identifier for s in back} == {s.identifier for s in kralovicko}
    assert set(back.related) == RELATED_KEYS
    for key, related in kralovicko.related.items():
        assert back.related[key] == _carried(related), key
    assert all(r.registered is False for r in back.related.values())
