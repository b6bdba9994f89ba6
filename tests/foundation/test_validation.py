"""Services whose forms the law does not allow, and unknown codes, are reported."""

from __future__ import annotations

import datetime as dt

import attrs

from kpss.checks import check_service
from kpss.model import Capacity, Catalog, Form, FormOfProvision, Provider, Service
from kpss.reference import code_snapshot, law

PROVIDER = Provider("Domov Plasy, příspěvková organizace", "03593207")


def service(kind_key: str | None, *forms: Form, groups: tuple[str, ...] = ()) -> Service:
    kind = law().get(kind_key) if kind_key else None
    return Service(
        identifier="1234567",
        kind_code=kind.register_code if kind and kind.register_code else "DruhSocialniSluzby/999",
        provider=PROVIDER,
        kind=kind,
        forms=tuple(
            FormOfProvision(
                f.register_code, f, capacities=(Capacity(30, "TypKapacitySocialniSluzby/luzka"),)
            )
            for f in forms
        ),
        target_groups=groups,
    )


def test_allowed_forms_give_no_problem() -> None:
    assert check_service(service("44", Form.POBYTOVA, Form.TERENNI), code_snapshot()) == []


def test_form_not_allowed_for_kind_is_an_error_with_path() -> None:
    problems = check_service(service("49", Form.TERENNI))
    assert [(p.path, p.severity) for p in problems] == [("service 1234567.forms[0]", "error")]
    assert problems[0].message == (
        "form terénní is not allowed for § 49 domovy pro seniory by "
        "Act 108/2006 (allowed: pobytová)"
    )


def test_unknown_kind_form_and_codes_are_warnings() -> None:
    s = service(None, Form.AMBULANTNI, groups=("CilovaSkupinaOsoby/24", "CilovaSkupinaOsoby/555"))
    s = attrs.evolve(s, forms=(*s.forms, FormOfProvision("FormaSocialniSluzby/dist")))
    problems = {p.path: p for p in check_service(s, code_snapshot())}
    assert problems["service 1234567.kind"].severity == "warning"
    assert "DruhSocialniSluzby/999" in problems["service 1234567.kind"].message
    assert "FormaSocialniSluzby/dist" in problems["service 1234567.forms[1]"].message
    assert problems["service 1234567.target_groups[1]"].message.startswith(
        "unknown target group 'CilovaSkupinaOsoby/555'"
    )
    assert "service 1234567.target_groups[0]" not in problems


def test_kind_with_unknown_forms_is_not_validated() -> None:
    assert check_service(service("cdz", Form.POBYTOVA)) == []


def test_catalog_queries() -> None:
    home = service("49", Form.POBYTOVA, groups=("CilovaSkupinaOsoby/24",))
    care = Service(
        "7654321",
        "DruhSocialniSluzby/4",
        PROVIDER,
        kind=law().get("40"),
        service_area=frozenset({"559351"}),
        valid_to=dt.date(2020, 12, 31),
    )
    catalog = Catalog.of([home, care], code_snapshot())
    assert [s.identifier for s in catalog.by_kind(law().get("49"))] == ["1234567"]  # type: ignore[arg-type]
    assert [s.identifier for s in catalog.by_kind("DruhSocialniSluzby/4")] == ["7654321"]
    assert [s.identifier for s in catalog.in_obce(["559351"])] == ["7654321"]
    assert [s.identifier for s in catalog.active_on(dt.date(2021, 1, 1))] == ["1234567"]
    assert [s.identifier for s in catalog.active_on(dt.date(2020, 12, 31))] == [
        "1234567",
        "7654321",
    ]
    assert catalog.services_of("03593207") == [home, care]
    assert catalog.label("CilovaSkupinaOsoby/24") == "senioři"
    assert [
        s.identifier
        for s in catalog.query(forms=[Form.POBYTOVA], target_groups=["CilovaSkupinaOsoby/24"])
    ] == ["1234567"]
