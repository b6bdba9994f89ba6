"""Built-in catalogue sections: life situations (životní situace) for citizen navigation.

Each section selects services by kind of Act 108/2006 (§ keys) and, where the code lists
have a fitting group, by target group. Sections are navigation aids: a service may be in
several of them. Regional plugins add their own through the same hook.
"""

from __future__ import annotations

from collections.abc import Callable

from kpss.extensions import CatalogueSection
from kpss.hookspecs import hookimpl

#: ``CilovaSkupinaOsoby/26`` is "pečující osoby" and ``/24`` "senioři" in the packaged
#: code-list snapshot (src/kpss/data/ciselniky, seen in the official open data).
PECUJICI_OSOBY = "CilovaSkupinaOsoby/26"
SENIORI = "CilovaSkupinaOsoby/24"

SECTIONS: tuple[CatalogueSection, ...] = (
    CatalogueSection(
        key="dluhy",
        title="Mám dluhy",
        description="Odborné sociální poradenství, včetně dluhového poradenství.",
        kinds=("37",),
        order=10,
    ),
    CatalogueSection(
        key="pecuji-o-blizkeho",
        title="Pečuji o blízkého",
        description=(
            "Služby, které pomáhají pečovat doma i dávají pečujícím čas na odpočinek: "
            "osobní asistence, pečovatelská a odlehčovací služba, denní stacionáře."
        ),
        kinds=("39", "40", "41", "44", "45", "46"),
        target_groups=(PECUJICI_OSOBY,),
        order=20,
    ),
    CatalogueSection(
        key="stari",
        title="Stárnu a potřebuji pomoc",
        description="Pomoc seniorům doma i v pobytových zařízeních.",
        kinds=("40", "41", "49", "50", "66"),
        target_groups=(SENIORI,),
        order=30,
    ),
    CatalogueSection(
        key="bez-domova",
        title="Jsem bez domova",
        description="Azylové domy, noclehárny, nízkoprahová denní centra, terénní programy.",
        kinds=("57", "61", "63", "69"),
        order=40,
    ),
    CatalogueSection(
        key="krize-nasili",
        title="Zažívám násilí nebo krizi",
        description="Krizová pomoc, telefonická krizová pomoc a intervenční centra.",
        kinds=("55", "60", "60a"),
        order=50,
    ),
)


@hookimpl
def register_catalogue_sections(register: Callable[[CatalogueSection], None]) -> None:
    """Register the built-in life situations."""
    for section in SECTIONS:
        register(section)
