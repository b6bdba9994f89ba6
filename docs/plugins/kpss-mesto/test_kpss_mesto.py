"""Tests of kpss-mesto: first that kpss finds it, then what it adds."""

from __future__ import annotations

import importlib.metadata

from kpss.plugins import calls, manager as plugins
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.services import Service


def test_plugin_is_installed() -> None:
    names = [ep.name for ep in importlib.metadata.entry_points(group="kpss")]
    assert "mesto" in names
    assert "mesto" in {p.name for p in plugins.get_plugins() if p.status == "loaded"}


def test_preset() -> None:
    area = plugins.get_presets()["mikroregion"]
    assert "559075" in area.obec_codes


def test_enrich_service() -> None:
    provider = Provider("Pečovatelská služba města", "00000019")
    catalog = Catalog.of([Service("1234567", "DruhSocialniSluzby/4", provider)])
    service = calls.enrich(catalog).service("1234567")
    assert service is not None
    assert service.hours_note == "po–pá 7:00–15:30"
    assert service.related_services[0].name == "Klub seniorů"
