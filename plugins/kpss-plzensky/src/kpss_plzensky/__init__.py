"""kpss plugin for Plzeňský kraj: planning-region presets, branding and plan rules.

Registered under the entry-point group ``kpss`` as ``plzensky``. It provides

* territory presets for the seven KPSS planning regions (Blovicko, Horažďovicko,
  Klatovsko, Kralovicko, Nýřansko, Přešticko, Sušicko), usable as ``--area Kralovicko``;
* a template folder with the region's branding for web and print output;
* a plan rule: a measure that claims to implement the kraj's mid-term plan names its measure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kpss.errors import Finding
from kpss.model.plan import Plan
from kpss.model.territory import Area, Territory
from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import TemplateDirectory
from kpss_plzensky.regions import REGIONS, region_area
from kpss_plzensky.rules import check_kraj_plan_links

__version__ = "0.1.0"

TEMPLATES = Path(__file__).parent / "templates"
#: Exporters the branding applies to (the built-in web and print exporters).
BRANDED_EXPORTERS = ("web", "fragment", "pdf", "odt", "leaflet")


@hookimpl
def register_presets(register: Callable[[Area], None], territory: Territory) -> None:
    """The seven planning regions of the kraj, each the obce of one ORP."""
    for region in REGIONS:
        register(region_area(territory, region))


@hookimpl
def register_template_dirs(register: Callable[[TemplateDirectory], None]) -> None:
    """The region's branding: a stylesheet and a header partial."""
    register(
        TemplateDirectory(
            TEMPLATES,
            exporters=BRANDED_EXPORTERS,
            description="Plzeňský kraj branding (colours, header)",
        )
    )


@hookimpl
def validate_plan(plan: Plan) -> Iterable[Finding]:
    """Measures claiming the kraj's mid-term plan must name its measure."""
    return check_kraj_plan_links(plan)
