"""Every model type goes through the converter and back unchanged; errors name the path."""

from __future__ import annotations

import inspect
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kpss.model
from kpss.convert import structure, unstructure
from kpss.errors import ConversionError
from kpss.model import Catalog, Provider, Service

from .strategies import STRATEGIES

# Plan types have their own round-trip tests in tests/planning.
PLAN_MODULE = "kpss.model.plan"


def model_types() -> list[type]:
    found = set()
    for module_name in ("actors", "catalog", "codes", "contacts", "law", "services", "territory"):
        module = getattr(kpss.model, module_name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if attrs.has(obj) and obj.__module__ == module.__name__:
                found.add(obj)
    return sorted(found, key=lambda t: t.__name__)


def test_every_model_type_has_a_strategy() -> None:
    missing = [t.__name__ for t in model_types() if t not in STRATEGIES]
    assert missing == []


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda t: t.__name__)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_round_trip_through_json(cls: type, data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls])
    wire = json.loads(json.dumps(unstructure(obj), ensure_ascii=False))
    back = structure(wire, cls)
    assert back == obj
    if isinstance(obj, Catalog):  # providers are shared objects after a round trip
        assert isinstance(back, Catalog)
        for service in back:
            assert service.provider is back.providers[service.provider.key]


def test_catalog_stores_each_provider_once() -> None:
    provider = Provider("Charita Kralovice", "03593207")
    catalog = Catalog.of(
        [
            Service("1000001", "DruhSocialniSluzby/4", provider),
            Service("1000002", "DruhSocialniSluzby/13", provider),
        ]
    )
    data: dict[str, Any] = unstructure(catalog)
    assert len(data["providers"]) == 1
    assert [s["provider"] for s in data["services"]] == ["03593207", "03593207"]


def test_structure_errors_name_every_bad_field_path() -> None:
    bad = {
        "identifier": 1234567,
        "kind_code": "DruhSocialniSluzby/13",
        "provider": {"name": "X", "ico": "12345678"},
        "forms": [
            {
                "form_code": "FormaSocialniSluzby/pob",
                "capacities": [{"count": "7", "unit": "TypKapacitySocialniSluzby/luzka"}],
            }
        ],
        "valid_from": "2024-02-30",
        "unexpected": True,
    }
    with pytest.raises(ConversionError) as caught:
        structure(bad, Service)
    message = str(caught.value)
    assert "expected a string, got int 1234567 @ $.identifier" in message
    assert "invalid IČO '12345678'" in message
    assert "expected an integer, got str '7' @ $.forms[0].capacities[0].count" in message
    assert "expected a date as YYYY-MM-DD, got '2024-02-30' @ $.valid_from" in message
    assert "unexpected" in message


def test_unknown_service_kind_key_is_an_error() -> None:
    with pytest.raises(ConversionError, match="unknown service kind '99'"):
        structure(
            {"identifier": "1", "kind_code": "x", "provider": {"name": "p"}, "kind": "99"}, Service
        )


def test_catalog_with_unknown_provider_reference_is_an_error() -> None:
    data = {
        "format": "kpss-catalog/1",
        "providers": [],
        "services": [{"identifier": "1", "kind_code": "x", "provider": "03593207"}],
    }
    with pytest.raises(ConversionError, match=r"services\[0\]\.provider"):
        structure(data, Catalog)


def test_catalog_errors_name_the_service_and_are_all_listed() -> None:
    provider = Provider("Charita Kralovice", "03593207")
    catalog = Catalog.of(
        [Service(str(1000001 + i), "DruhSocialniSluzby/4", provider) for i in range(5)]
    )
    data: dict[str, Any] = unstructure(catalog)
    data["services"][1]["valid_from"] = 5
    data["services"][4]["surprise"] = True
    data["providers"][0]["name"] = 5
    with pytest.raises(ConversionError) as caught:
        structure(data, Catalog)
    problems = caught.value.problems
    assert any("@ $.services[1].valid_from" in p for p in problems), problems
    assert any("surprise" in p and "$.services[4]" in p for p in problems), problems
    assert any("@ $.providers[0].name" in p for p in problems), problems
