"""kpss-mesto: local knowledge of our town for kpss (the plugin of the tutorial)."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from kpss.plugins.hookspecs import hookimpl
from kpss.model.services import RelatedService, Service
from kpss.model.territory import Area, Territory

#: Obce of the microregion, by code (``kpss territory Bezvěrov`` shows a code).
MIKROREGION = ("559075", "558656", "530239", "566471")

#: What the town knows about services, by register identifier (``identifikator``).
LOCAL: dict[str, dict[str, str]] = {
    "1234567": {
        "hours": "po–pá 7:00–15:30",
        "club": "Klub seniorů v knihovně, každou středu od 14:00",
    },
}


@hookimpl
def register_presets(register: Callable[[Area], None], territory: Territory) -> None:
    """The microregion as a planning area: ``--area mikroregion``."""
    register(
        territory.area(
            "mikroregion",
            "Mikroregion Kralovicko-jih",
            MIKROREGION,
            description="Obce, které spolu plánují sociální služby",
        )
    )


@hookimpl
def enrich_service(service: Service) -> Service | None:
    """Add opening hours and a senior club (návazná služba) where the town knows them."""
    local = LOCAL.get(service.identifier)
    if local is None:
        return None
    club = RelatedService(name="Klub seniorů", description=local["club"])
    return attrs.evolve(
        service,
        hours_note=local["hours"],
        related_services=(*service.related_services, club),
    )
