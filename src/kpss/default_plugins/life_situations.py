"""Built-in catalogue sections: life situations (životní situace) for citizen navigation.

The situations, their Czech texts and the kinds of Act 108/2006 (§ keys) and target groups
that select their services are packaged data (``kpss/data/life_situations.json``, sources
in ``data/SOURCES.md``). A service may be in several situations. Regional plugins add
their own through the same hook (``register_catalogue_sections``).
"""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import CatalogueSection


def sections() -> tuple[CatalogueSection, ...]:
    """The packaged life situations as catalogue sections, in file order."""
    from kpss.publish.texts import situation_texts

    return tuple(
        CatalogueSection(
            key=text.key,
            title=text.title,
            description=text.description,
            kinds=text.kinds,
            target_groups=text.target_groups,
            order=text.order,
        )
        for text in situation_texts()
    )


@hookimpl
def register_catalogue_sections(register: Callable[[CatalogueSection], None]) -> None:
    """Register the packaged life situations."""
    for section in sections():
        register(section)
