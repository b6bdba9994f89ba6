"""Related services that are not registered (návazné služby) in the CSV and HSDS exports.

The bundled sample with its additions (``doplnky.yaml``) on the Kralovicko area holds
two of them; every open-data output carries each once, marked as not registered.
"""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import pytest

import kpss
from kpss.model.services import NOT_REGISTERED
from kpss.opendata.csv_rows import FACILITY_COLUMNS, SERVICE_COLUMNS, rows, write_csv
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
