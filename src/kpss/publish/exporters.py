"""The exporter functions behind ``kpss export web`` and ``kpss export fragment``.

Both take the :class:`~kpss.plugins.records.ExportOptions` every exporter gets and read
these settings (``--set KEY=VALUE``, or any value when called from Python):

* ``area``: the exported territory as an :class:`~kpss.model.territory.Area` (every obec
  of it gets a page); ``options.area`` is used when the options carry one;
* ``on`` (``YYYY-MM-DD``): leave out what ended before that day (default: keep what the
  import filter kept).

Web only: ``base_url`` (the public address, for ``sitemap.xml``), ``search`` (``no``: no
search index). Fragment: see :func:`kpss.publish.fragment.write_fragment`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kpss.errors import UsageError
from kpss.model.catalog import Catalog
from kpss.model.territory import Area
from kpss.plugins.records import CatalogueSection, ExportOptions, Setting, SettingKind
from kpss.publish.site import SiteInfo, write_site
from kpss.publish.view import PublicCatalog, public_view

__all__ = [
    "FRAGMENT_SETTINGS",
    "VIEW_SETTINGS",
    "WEB_SETTINGS",
    "export_fragment",
    "export_web",
    "view_for_export",
]

DEFAULT_TITLE = "Katalog sociálních služeb"
_NO = ("no", "ne", "false", "0", "off")


def _choice(description: str, choices: tuple[str, ...], default: str) -> Setting:
    # Setting.choices has converter=tuple, which mypy cannot type (Iterable[_T_co]).
    return Setting(description, SettingKind.CHOICE, choices, default)


#: Settings of every exporter built on the public view.
VIEW_SETTINGS: dict[str, Setting] = {
    "area": Setting(
        "the exported territory (an Area from Python; every obec of it gets a page)",
        SettingKind.ANY,
    ),
    "on": Setting("leave out services and facilities ended before this day", SettingKind.DATE),
}
WEB_SETTINGS: dict[str, Setting] = {
    **VIEW_SETTINGS,
    "base_url": Setting("the public address of the site, for sitemap.xml", SettingKind.URL),
    "search": _choice("'no' leaves out the search index", ("yes", "no"), "yes"),
}
FRAGMENT_SETTINGS: dict[str, Setting] = {
    **VIEW_SETTINGS,
    "service": Setting("the card of one service (its register identifier)"),
    "kind": Setting("a list of one kind (§ key such as 40)"),
    "group": Setting("a list of one target group (CilovaSkupinaOsoby/…)"),
    "obec": Setting("a list of the services in or serving one obec (its code)"),
    "situation": Setting("a list of one life situation (its key, e.g. dluhy)"),
    "link_base": Setting(
        "where the web catalogue is published; titles link to it", SettingKind.URL
    ),
    "heading": _choice("heading level of the titles", ("2", "3", "4", "5", "6"), "3"),
}


def _setting(options: ExportOptions, name: str) -> Any:
    value = getattr(options, name, None)
    return value if value is not None else options.settings.get(name)


def _day(value: Any, name: str) -> dt.date | None:
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"setting {name}={value!r}: expected a date YYYY-MM-DD") from None


def _area(options: ExportOptions) -> Area | None:
    value = _setting(options, "area")
    if value is None or isinstance(value, Area):
        return value
    raise UsageError(
        f"setting area: expected a territory (an Area), got {type(value).__name__}; "
        "choose the territory with --orp, --kraj, --area …"
    )


def view_for_export(
    catalog: Catalog,
    options: ExportOptions,
    sections: Sequence[CatalogueSection] | None = None,
) -> PublicCatalog:
    """The public view an exporter shows, from the catalogue and the export options.

    *sections* default to the catalogue sections plugins register (life situations).
    """
    return public_view(catalog, _area(options), sections, on=_day(options.settings.get("on"), "on"))


def export_web(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """``kpss export web``: the static web catalogue in the folder *out*."""
    view = view_for_export(catalog, options)
    territory = options.territory_name or (view.territory.label if view.territory else None)
    info = SiteInfo(
        title=options.title or DEFAULT_TITLE,
        territory_name=territory,
        as_of=view.as_of,
        generated=dt.date.today(),
        base_url=str(options.settings.get("base_url") or "") or None,
    )
    search = str(options.settings.get("search", "yes")).strip().lower() not in _NO
    write_site(
        view,
        Path(out),
        info=info,
        template_dirs=options.template_dirs,
        progress=options.progress,
        search=search,
    )


def export_fragment(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """``kpss export fragment``: an HTML fragment (a list or a card) in the file *out*."""
    from kpss.publish.fragment import write_fragment

    view = view_for_export(catalog, options)
    write_fragment(view, Path(out), options)
