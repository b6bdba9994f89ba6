"""HTML fragments for pasting into a municipal CMS: a list of services or one service's card.

A fragment has no page chrome (no ``<html>``, header or navigation), needs no script, and
carries its own small stylesheet in a ``<style>`` element whose every rule is scoped under
the class ``kpss-fragment``, so it cannot restyle the host page. Everything is escaped.

Settings (``kpss export fragment … --set KEY=VALUE``):

* ``service=IDENTIFIKATOR``: the card of one service; otherwise a list of services,
  optionally narrowed by ``kind=40`` (§ key), ``group=CilovaSkupinaOsoby/24``,
  ``obec=558231`` (a facility there or covering it) or ``situation=dluhy``;
* ``link_base=https://…/katalog/``: where the web catalogue is published; titles then
  link to its service pages (only an http or https address is accepted);
* ``heading``: the heading level of the titles (default ``3``, 2–6).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import markupsafe

from kpss.atomic import atomic_text
from kpss.errors import UsageError
from kpss.plugins.records import ExportOptions
from kpss.publish.templates import own_template_dir, template_environment
from kpss.publish.urls import web_href
from kpss.publish.view import PublicCatalog, PublicService

__all__ = ["SCOPE", "render_fragment", "select_services", "write_fragment"]

SCOPE = "kpss-fragment"
EXPORTER = "fragment"
HEADING_LEVELS = range(2, 7)


def select_services(view: PublicCatalog, settings: dict[str, Any]) -> list[PublicService]:
    """The services the settings ask for (see the module docstring), in Czech order."""
    if settings.get("service"):
        ident = str(settings["service"])
        if ident not in view.services:
            raise UsageError(f"setting service={ident!r}: no such service in the catalogue")
        return [view.services[ident]]
    ids: Sequence[str] = list(view.services)
    chosen = {
        "kind": [k.services for k in view.kinds if k.key == str(settings.get("kind"))],
        "group": [g.services for g in view.groups if g.code == str(settings.get("group"))],
        "obec": [o.services for o in view.obce if o.code == str(settings.get("obec"))],
        "situation": [s.services for s in view.sections if s.key == str(settings.get("situation"))],
    }
    for name, found in chosen.items():
        if settings.get(name) is None:
            continue
        if not found:
            raise UsageError(f"setting {name}={settings[name]!r}: not in the catalogue")
        wanted = set(found[0])
        ids = [i for i in ids if i in wanted]
    return view.services_in(ids)


def _link_base(settings: dict[str, Any]) -> str | None:
    value = settings.get("link_base")
    if not value:
        return None
    href = web_href(str(value))
    if href is None or not href.lower().startswith(("http://", "https://")):
        raise UsageError(f"setting link_base={value!r}: expected an http or https address")
    return href.rstrip("/") + "/"


def _heading(settings: dict[str, Any]) -> int:
    value = settings.get("heading", 3)
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = 0
    if level not in HEADING_LEVELS:
        raise UsageError(f"setting heading={value!r}: expected a number from 2 to 6")
    return level


def render_fragment(
    view: PublicCatalog, settings: dict[str, Any], template_dirs: Sequence[Path] = ()
) -> str:
    """The fragment's HTML (a card for ``service=…``, else a list)."""
    services = select_services(view, settings)
    environment = template_environment(EXPORTER, template_dirs)
    style = (own_template_dir(EXPORTER) / "fragment.css").read_text(encoding="utf-8")
    for folder in template_dirs:  # a plugin's fragment.css replaces kpss's
        candidate = Path(folder) / "fragment.css"
        if candidate.is_file():
            style = candidate.read_text(encoding="utf-8")
            break
    template = environment.get_template("card.html" if settings.get("service") else "list.html")
    return template.render(
        view=view,
        services=services,
        link_base=_link_base(settings),
        heading=_heading(settings),
        scope=SCOPE,
        style=_style(style),
        site={"as_of": view.as_of},
    )


def _style(css: str) -> markupsafe.Markup:
    """The stylesheet as markup for a ``<style>`` element (it must not close the element)."""
    if "</" in css:
        raise UsageError("fragment.css must not contain '</' (it would end the <style> element)")
    return markupsafe.Markup(css)


def write_fragment(view: PublicCatalog, out: Path, options: ExportOptions) -> None:
    """Write the fragment to the file *out* atomically."""
    if Path(out).is_dir():
        raise UsageError(f"{out} is a folder; a fragment is written to a file (e.g. sluzby.html)")
    html = render_fragment(view, dict(options.settings), options.template_dirs)
    with atomic_text(out) as handle:
        handle.write(html)
