"""Settings of the print exporters (``kpss export pdf|odt|leaflet … --set KEY=VALUE``).

The declarations (:data:`PDF_SETTINGS`, :data:`ODT_SETTINGS`, :data:`LEAFLET_SETTINGS`) are
what ``kpss export`` checks before reading the source; :func:`print_settings` turns the
values into a :class:`PrintSettings` (and checks them again for Python callers).

* ``page``: ``A4`` (default) or ``A5`` (pdf, odt);
* ``by``: sections by ``group`` (default), ``kind``, ``obec`` or ``situation`` (pdf, odt);
  a leaflet per ``situation`` (default) or ``kind`` (leaflet);
* ``repeat``: ``yes`` prints the full card in every section a service is in (pdf, odt);
* ``description``: ``short`` (the first paragraph, default), ``full`` or ``none``;
* ``area`` and ``on``: the territory and the day, as for every exporter on the public view.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from kpss.errors import UsageError
from kpss.plugins.records import Setting, SettingKind
from kpss.publish.exporters import VIEW_SETTINGS

__all__ = [
    "LEAFLET_SETTINGS",
    "ODT_SETTINGS",
    "PDF_SETTINGS",
    "PrintSettings",
    "print_settings",
]


def _choice(description: str, choices: tuple[str, ...]) -> Setting:
    return Setting(description, SettingKind.CHOICE, choices, choices[0])


_ARRANGE = ("group", "kind", "obec", "situation")
_CATALOGUE: dict[str, Setting] = {
    **VIEW_SETTINGS,
    "page": _choice("page size", ("A4", "A5")),
    "by": _choice("sections by target group, kind, obec or life situation", _ARRANGE),
    "repeat": _choice("'yes': the full card in every section a service is in", ("no", "yes")),
    "description": _choice(
        "the description: first paragraph, all of it or none", ("short", "full", "none")
    ),
}
PDF_SETTINGS: dict[str, Setting] = dict(_CATALOGUE)
ODT_SETTINGS: dict[str, Setting] = dict(_CATALOGUE)
LEAFLET_SETTINGS: dict[str, Setting] = {
    **VIEW_SETTINGS,
    "by": _choice("a leaflet per life situation or per kind", ("situation", "kind")),
}
_DECLARED = {"pdf": PDF_SETTINGS, "odt": ODT_SETTINGS, "leaflet": LEAFLET_SETTINGS}


@attrs.frozen
class PrintSettings:
    """The checked settings of one print export."""

    page: str = "A4"
    by: str = "group"
    repeat: bool = False
    description: str = "short"


def print_settings(exporter: str, settings: Mapping[str, Any]) -> PrintSettings:
    """The :class:`PrintSettings` of *exporter* (``pdf``, ``odt``, ``leaflet``) from *settings*."""
    declared = _DECLARED[exporter]
    values: dict[str, str] = {}
    for key, value in settings.items():
        if key not in declared:
            raise UsageError(
                f"{exporter}: unknown setting {key!r}; known settings: {', '.join(declared)}"
            )
        problem = declared[key].problem(value)
        if problem is not None:
            raise UsageError(f"{exporter}: setting {key}={value!r}: {problem}")
        if declared[key].kind is SettingKind.CHOICE:
            values[key] = str(value)

    def pick(key: str, fallback: str) -> str:
        if key in values:
            return values[key]
        setting = declared.get(key)
        return setting.default if setting is not None and setting.default else fallback

    return PrintSettings(
        page=pick("page", "A4"),
        by=pick("by", "group"),
        repeat=pick("repeat", "no") == "yes",
        description=pick("description", "short"),
    )
