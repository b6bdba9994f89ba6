"""The Jinja2 environment of public outputs: autoescaped, plugin folders before kpss's own.

A template folder (``kpss/publish/templates/<exporter>``, or one a plugin registers with
``register_template_dirs``) holds Jinja2 templates and static files:

* templates are looked up by name in the plugin folders first (the first that has the file
  wins), then in the exporter's own folder, then in ``templates/common``. A plugin can
  override a whole page (``service.html``) or a part (``partials/header.html``);
* ``branding.css`` at the root of a folder and everything under ``static/`` are copied to
  the output by :func:`static_files` (again the first folder that has a path wins); every
  page links ``static/kpss.css`` and then ``branding.css``.

Autoescape is on for every template: data can never become markup. Filters: ``nbsp``
(Czech non-breaking spaces), ``czdate`` (``31. 8. 2026``), ``blocks`` (paragraphs and
lists of plain text), ``href`` (drops a link target that is not http, https, mailto, tel
or a relative path).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import jinja2

from kpss.publish.typography import czech_date, nbsp, text_blocks
from kpss.publish.urls import is_linkable

__all__ = ["BRANDING_CSS", "own_template_dir", "static_files", "template_environment"]

BRANDING_CSS = "branding.css"
STATIC_DIR = "static"


def own_template_dir(name: str) -> Path:
    """kpss's own template folder of an exporter (``web``, ``fragment``) or ``common``."""
    return Path(str(resources.files("kpss.publish").joinpath("templates", name)))


def _search_path(exporter: str, template_dirs: Iterable[Path]) -> list[Path]:
    own = [own_template_dir(exporter), own_template_dir("common")]
    return [*(Path(d) for d in template_dirs), *(d for d in own if d.is_dir())]


def _href(value: object) -> str | None:
    text = "" if value is None else str(value)
    return text if is_linkable(text) else None


def template_environment(exporter: str, template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """The environment for *exporter*: *template_dirs* (plugins') first, then kpss's own.

    Undefined variables are errors (a typo in a plugin's template fails the export with
    the template's name and line instead of printing nothing).
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in _search_path(exporter, template_dirs)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.filters["nbsp"] = lambda text: nbsp(str(text)) if text is not None else ""
    environment.filters["czdate"] = czech_date
    environment.filters["blocks"] = text_blocks
    environment.filters["href"] = _href
    return environment


def static_files(exporter: str, template_dirs: Sequence[Path] = ()) -> dict[str, Path]:
    """Files to copy into the output by relative path (``static/kpss.css``, ``branding.css``)."""
    found: dict[str, Path] = {}
    for folder in _search_path(exporter, template_dirs):
        branding = folder / BRANDING_CSS
        if branding.is_file():
            found.setdefault(BRANDING_CSS, branding)
        static = folder / STATIC_DIR
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file():
                    found.setdefault(path.relative_to(folder).as_posix(), path)
    return found
