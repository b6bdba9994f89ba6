"""The import warns about forms the law does not allow and capacity units that do not fit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kpss import StrictModeError, load
from kpss.checks import law_findings
from kpss.model import Capacity, Form, FormOfProvision, Provider, Service
from kpss.reference import law

PROVIDER = Provider("Domov Plasy, příspěvková organizace", "03593207")
BEDS = "TypKapacitySocialniSluzby/luzka"
CLIENTS = "TypKapacitySocialniSluzby/klient"


def service(kind_key: str | None, *forms: tuple[Form, str]) -> Service:
    kind = law().get(kind_key) if kind_key else None
    return Service(
        identifier="1234567",
        kind_code=kind.register_code if kind and kind.register_code else "DruhSocialniSluzby/999",
        provider=PROVIDER,
        kind=kind,
        forms=tuple(
            FormOfProvision(f.register_code, f, capacities=(Capacity(30, unit),))
            for f, unit in forms
        ),
    )


def test_allowed_forms_and_fitting_units_give_no_finding() -> None:
    assert law_findings(service("44", (Form.POBYTOVA, BEDS), (Form.TERENNI, CLIENTS))) == []


def test_form_not_allowed_for_kind_names_the_register_field() -> None:
    (finding,) = law_findings(service("49", (Form.TERENNI, CLIENTS)))
    assert (finding.field, finding.severity) == ("formy[0].forma", "warning")
    assert finding.message == (
        "form terénní is not allowed for § 49 domovy pro seniory by "
        "Act 108/2006 (allowed: pobytová)"
    )


def test_beds_in_a_field_form_and_calls_in_a_residential_form_do_not_fit() -> None:
    findings = law_findings(
        service("44", (Form.TERENNI, BEDS), (Form.POBYTOVA, "TypKapacitySocialniSluzby/hovor"))
    )
    assert [f.field for f in findings] == ["formy[0].kapacity[0].typ", "formy[1].kapacity[0].typ"]
    assert "beds" in findings[0].message
    assert "hovor" in findings[1].message


def test_night_shelters_count_beds_in_an_ambulant_form() -> None:
    assert law_findings(service("63", (Form.AMBULANTNI, BEDS))) == []


def test_kind_with_unknown_forms_is_not_checked() -> None:
    assert law_findings(service("cdz", (Form.POBYTOVA, BEDS))) == []


def _register(tmp_path: Path, item: dict[str, Any]) -> Path:
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps({"polozky": [item]}, ensure_ascii=False), encoding="utf-8")
    return path


def _item(formy: list[dict[str, Any]], groups: list[str]) -> dict[str, Any]:
    return {
        "identifikator": "7654321",
        "datumPoskytovaniOd": "2020-01-01",
        "datumPoskytovaniDo": None,
        "druhSocialniSluzby": {"id": "DruhSocialniSluzby/3"},  # § 39 osobní asistence
        "poskytovatel": {"ico": "03593207", "nazev": "Asistence Plasy, z. ú."},
        "formy": formy,
        "ciloveSkupiny": [{"cilovaSkupina": {"id": g}} for g in groups],
        "zarizeni": [],
    }


def test_import_reports_law_findings_and_unknown_groups_and_strict_fails(tmp_path: Path) -> None:
    formy = [
        {
            "forma": {"id": "FormaSocialniSluzby/pob"},
            "nepretrzitePoskytovani": True,
            "casoveRozsahy": None,
            "kapacity": [{"pocet": 5, "popis": None, "typ": {"id": BEDS}}],
        }
    ]
    path = _register(tmp_path, _item(formy, ["CilovaSkupinaOsoby/24", "CilovaSkupinaOsoby/9999"]))
    result = load(path, enrich=False)
    assert result.report.accepted == 1
    by_field = {w.field: w.message for w in result.report.warnings}
    assert "not allowed for § 39 osobní asistence" in by_field["formy[0].forma"]
    assert any("CilovaSkupinaOsoby/9999" in m for m in by_field.values())
    assert all(w.identifier == "7654321" for w in result.report.warnings)
    with pytest.raises(StrictModeError, match="not allowed"):
        load(path, strict=True, enrich=False)
