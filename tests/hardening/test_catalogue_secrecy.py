"""A catalogue file written by hand follows the same secrecy rule as the register: only an
explicit ``false`` makes a facility's street public, through every exporter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import kpss

STREET = "Tajná ulice"


def _catalogue(flag: Any) -> dict[str, Any]:
    facility: dict[str, Any] = {
        "name": "Azylový dům",
        "address": {
            "street": STREET,
            "house_number": 12,
            "postcode": "33141",
            "obec_code": "559075",
        },
    }
    if flag != "missing":
        facility["secret_address"] = flag
    return {
        "format": "kpss-catalog/1",
        "providers": [{"name": "Naděje, z. s.", "ico": "00570931"}],
        "services": [
            {
                "identifier": "1234567",
                "kind_code": "DruhSocialniSluzby/20",
                "provider": "00570931",
                "facilities": [facility],
            }
        ],
    }


@pytest.mark.parametrize("flag", ["missing", True, "false", 0, None, [False]])
def test_anything_but_false_hides_the_street(tmp_path: Path, flag: Any) -> None:
    path = tmp_path / "katalog.json"
    path.write_text(json.dumps(_catalogue(flag), ensure_ascii=False), encoding="utf-8")
    result = kpss.load(path)
    (service,) = result.catalog
    (facility,) = service.facilities
    assert facility.secret_address is True
    assert facility.address is not None
    assert facility.address.street is None
    assert facility.address.obec_code == "559075"
    warned = [w for w in result.report.warnings if "secret_address" in (w.field or "")]
    assert len(warned) == (0 if flag is True else 1)
    saved = tmp_path / "znovu.json"
    kpss.export(result.catalog, "kpss-catalog", saved)
    assert STREET not in saved.read_text(encoding="utf-8")


def test_a_missing_flag_is_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "katalog.json"
    path.write_text(json.dumps(_catalogue("missing")), encoding="utf-8")
    (warning,) = kpss.load(path).report.warnings
    assert warning.field == "services[0].facilities[0].secret_address"
    assert warning.identifier == "1234567"


def test_an_explicit_false_keeps_the_street_and_kpss_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "katalog.json"
    path.write_text(json.dumps(_catalogue(False), ensure_ascii=False), encoding="utf-8")
    result = kpss.load(path)
    (service,) = result.catalog
    assert service.facilities[0].address is not None
    assert service.facilities[0].address.street == STREET
    saved = tmp_path / "znovu.json"
    kpss.export(result.catalog, "kpss-catalog", saved)
    again = json.loads(saved.read_text(encoding="utf-8"))
    assert again["services"][0]["facilities"][0]["secret_address"] is False
    assert kpss.load(saved).catalog.service("1234567").facilities[0].address.street == STREET
