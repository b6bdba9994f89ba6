"""Duplicates inside register data: facility entries, facility spellings, provider spellings."""

from __future__ import annotations

import attrs
import pytest

from kpss.find.dedupe import DuplicateGroup, find_duplicates
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.services import Facility

from .conftest import HULIN, KROMERIZ, build_services, place, service


def of_kind(groups: list[DuplicateGroup], kind: str) -> list[DuplicateGroup]:
    return [g for g in groups if g.kind == kind]


def test_facility_listed_twice_with_a_trailing_space(catalog: Catalog) -> None:
    groups = of_kind(find_duplicates(catalog), "facility-entry")
    assert len(groups) == 1
    group = groups[0]
    assert {m.id for m in group.members} == {"1000001"}
    assert [m.label for m in group.members] == [
        "'Domov pro seniory Kroměříž'",
        "'Domov pro seniory Kroměříž '",
    ]
    assert "spaces" in group.reason
    assert [m.detail for m in group.members] == ["zařízení č. 1", "zařízení č. 2"]


def test_exact_copy_of_a_facility_entry() -> None:
    services = build_services()
    copy = services[3].facilities[0]
    services[3] = attrs.evolve(services[3], facilities=(copy, copy))
    groups = of_kind(find_duplicates(Catalog.of(services)), "facility-entry")
    assert any(g.reason == "exact copy of the facility entry" for g in groups)


def test_same_address_written_differently_in_two_services(catalog: Catalog) -> None:
    groups = of_kind(find_duplicates(catalog), "facility-spelling")
    assert len(groups) == 1
    members = {(m.id, m.label) for m in groups[0].members}
    assert ("1000009", "'DOMOV PRO SENIORY KROMĚŘÍŽ'") in members
    assert ("1000001", "'Domov pro seniory Kroměříž'") in members
    assert groups[0].score == 100.0


def test_floors_of_one_building_are_not_spellings() -> None:
    base = build_services()
    floors = (
        Facility("Domov Pohoda", place(KROMERIZ, 7001)),
        Facility("2. nadzemní podlaží", place(KROMERIZ, 7001)),
    )
    other = attrs.evolve(base[1], identifier="1000099", facilities=floors[1:])
    first = attrs.evolve(base[0], facilities=floors[:1])
    groups = find_duplicates(Catalog.of([first, other]), kinds=["facility-spelling"])
    assert groups == []


def test_providers_with_several_spellings(catalog: Catalog) -> None:
    groups = of_kind(find_duplicates(catalog), "provider-spelling")
    icos = [{m.id for m in g.members} for g in groups]
    assert {"26123452", "26987651"} in icos  # NADĚJE HOME z.ú. / Naděje Home, z. ú. in Hulín
    group = groups[icos.index({"26123452", "26987651"})]
    assert "similar names in the same obec" in group.reason
    # different organisations with different names are not reported
    assert not any("00123455" in s for s in icos)


def test_providers_sharing_a_phone() -> None:
    services = build_services()
    twin = Provider("Pečovatelská služba Hulín", "61122335", seat=place(HULIN, 2003))
    extra = service(
        "1000050",
        "40",
        attrs.evolve(twin, ico="70123454", contacts=services[7].provider.contacts),
        (Facility("Pečovatelská služba Hulín 2", place(HULIN, 2010)),),
    )
    services = [s for s in services if s.provider.ico != "70123454"]  # free the IČO
    groups = find_duplicates(Catalog.of([*services, extra]), kinds=["provider-spelling"])
    shared = [g for g in groups if {m.id for m in g.members} >= {"61122335", "70123454"}]
    assert shared
    assert "same phone" in shared[0].reason


def test_threshold_and_kinds(catalog: Catalog) -> None:
    assert find_duplicates(catalog, kinds=["facility-entry"])
    assert all(
        g.kind == "facility-entry" for g in find_duplicates(catalog, kinds=["facility-entry"])
    )
    # one IČO written two ways needs the import report; without it nothing is claimed
    assert not [g for g in find_duplicates(catalog) if g.kind == "provider-variants"]
    with pytest.raises(ValueError, match="unknown duplicate kind"):
        find_duplicates(catalog, kinds=["service"])
    data = find_duplicates(catalog)[0].to_json()
    assert set(data) == {"kind", "score", "reason", "members"}
