"""The seven KPSS planning regions of Plzeňský kraj as territory presets.

Each region is the administrative area of one ORP (obec s rozšířenou působností), taken
from the territory data packaged with kpss: Blovicko = the obce of ORP Blovice, and so on.
That is an assumption: the kraj's materials name the regions after these ORP towns, and a
region's own plan may draw its border differently (add or leave out single obce); a
municipality that needs another set registers its own preset.
"""

from __future__ import annotations

import attrs

from kpss.model.territory import Area, Territory


@attrs.frozen
class Region:
    """A planning region: preset key and name, and the ČSÚ code of the ORP it follows."""

    key: str
    name: str
    orp_code: str


#: The regions in the order of the kraj's materials (alphabetical). ORP codes are ČSÚ codes
#: (číselník 65) as in ``kpss/data/territory/orp.csv``.
REGIONS: tuple[Region, ...] = (
    Region("blovicko", "Blovicko", "3201"),
    Region("horazdovicko", "Horažďovicko", "3203"),
    Region("klatovsko", "Klatovsko", "3205"),
    Region("kralovicko", "Kralovicko", "3206"),
    Region("nyransko", "Nýřansko", "3208"),
    Region("presticko", "Přešticko", "3210"),
    Region("susicko", "Sušicko", "3214"),
)

PLZENSKY_KRAJ_NUTS = "CZ032"


def region_area(territory: Territory, region: Region) -> Area:
    """The :class:`Area` of *region*: the obce of its ORP; ``LookupError`` if it is unknown."""
    orp = territory.orp_by_code(region.orp_code)
    if orp is None:
        raise LookupError(f"{region.name}: ORP {region.orp_code} is not in the territory data")
    kraj = territory.kraj(orp.kraj_code)
    if kraj is None or kraj.nuts != PLZENSKY_KRAJ_NUTS:
        raise LookupError(f"{region.name}: ORP {orp.name} is not in Plzeňský kraj")
    return Area(
        key=region.key,
        name=region.name,
        obec_codes=territory.obec_codes(orp),
        description=f"Region komunitního plánování {region.name}: obce ORP {orp.name} ({orp.code})",
        source="kpss-plzensky: ORP membership from the territory data packaged with kpss",
    )
