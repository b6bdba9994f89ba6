"""Typed records that plugins register: importers, exporters, catalogue sections, templates.

A plugin implements a hook such as ``register_importers(register)`` and calls
``register(Importer(...))`` once per importer (the pattern of llm; records like conda's).
Territory presets are :class:`kpss.model.territory.Area` records and CLI commands are
:class:`click.Command` objects; both are registered the same way.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import types
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from kpss.errors import Finding
from kpss.filters import ImportFilter
from kpss.model.catalog import Catalog
from kpss.model.codes import CodeBook
from kpss.model.services import Service
from kpss.model.territory import Area


@attrs.frozen
class ImportOptions:
    """Options every importer receives."""

    filter: ImportFilter = attrs.field(factory=ImportFilter)
    codes: CodeBook | None = None
    strict: bool = False
    progress: Callable[[int], None] | None = None
    settings: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.define
class ImportReport:
    """What an import read, accepted, filtered out, rejected (with reasons) and warned about.

    ``rejected`` holds error :class:`~kpss.errors.Finding` s, ``warnings`` warning ones,
    each located by file, line or byte, record index, ``identifikator`` and field.

    ``read == accepted + filtered_out + len(rejected)`` always holds.
    """

    source: str | None = None
    read: int = 0
    accepted: int = 0
    filtered_out: int = 0
    rejected: list[Finding] = attrs.field(factory=list)
    warnings: list[Finding] = attrs.field(factory=list)


@attrs.frozen
class ImportResult:
    """A catalogue and the report of how it was read."""

    catalog: Catalog
    report: ImportReport


@attrs.frozen
class Importer:
    """A source of catalogue data (the register JSON, its XML rendition, a regional system).

    ``load(path, options)`` reads the source. kpss chooses an importer for a file by these
    fields, never by name: first the ``detect(path)`` functions (which may look at the
    first bytes), higher ``priority`` first; when none recognises the file, the first
    importer (by priority) that lists the file's suffix in ``suffixes`` and
    ``claims_suffix``. An importer whose files always carry a mark it detects sets
    ``claims_suffix=False``.
    """

    name: str
    description: str
    load: Callable[[Path, ImportOptions], ImportResult]
    suffixes: tuple[str, ...] = ()
    media_type: str | None = None
    detect: Callable[[Path], bool] | None = None
    priority: int = 0
    claims_suffix: bool = True


@attrs.frozen
class ExportOptions:
    """Options every exporter receives; ``settings`` carry exporter-specific values."""

    title: str | None = None
    territory_name: str | None = None
    template_dirs: tuple[Path, ...] = ()
    settings: Mapping[str, Any] = attrs.field(factory=dict)
    #: Called with (done, total) units of work while a long export runs (e.g. pages).
    progress: Callable[[int, int], None] | None = None
    #: The territory exported (its obce), when the export was asked for one: outputs
    #: that list places give every obec of it a page or an entry, also one without a
    #: service.
    area: Area | None = None


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


class SettingKind(enum.StrEnum):
    """What the value of an exporter setting must be; :func:`kpss.export` checks it."""

    #: Any text without control characters (line feeds and tabs allowed).
    TEXT = "text"
    #: Becomes a link: an ``http(s)://host…`` address or a relative path (``/katalog/``,
    #: ``sluzby``) — never another scheme (``javascript:``, ``data:``), ``//host`` or ``\\``.
    URL = "url"
    #: A local file or folder that exists.
    PATH = "path"
    #: One of the setting's ``choices``.
    CHOICE = "choice"
    #: A day as ``YYYY-MM-DD`` (or a :class:`datetime.date` from Python).
    DATE = "date"
    #: Not checked: e.g. an object only Python callers give (the exporter checks it).
    ANY = "any"


_SETTING_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_URL_UNSAFE = re.compile("[\x00-\x20\x7f-\x9f\\\\]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _url_problem(text: str) -> str | None:
    if _URL_UNSAFE.search(text):
        return "an address without spaces, control characters or backslashes"
    parts = urllib.parse.urlsplit(text)
    if parts.scheme:
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            return "an http:// or https:// address or a relative path (no other scheme)"
    elif text.startswith("//"):
        return "an http:// or https:// address or a relative path (not //host)"
    return None


@attrs.frozen
class Setting:
    """One setting an exporter takes (``kpss export … --set KEY=VALUE``).

    ``kind`` says what a value must be (:class:`SettingKind`); ``choices`` lists the values
    of a ``choice`` setting; ``default`` is shown in help and documentation only (the
    exporter applies it).
    """

    description: str
    kind: SettingKind = attrs.field(default=SettingKind.TEXT, converter=SettingKind)
    choices: tuple[str, ...] = attrs.field(default=(), converter=_names)
    default: str | None = None

    def problem(self, value: Any) -> str | None:
        """What is wrong with *value* for this setting (``"expected …"``), else ``None``."""
        kind = self.kind
        if kind is SettingKind.ANY or (kind is SettingKind.DATE and isinstance(value, dt.date)):
            return None
        if kind is SettingKind.URL:
            if not isinstance(value, str):
                return f"expected an address as text, got {type(value).__name__}"
            wrong = _url_problem(value)
            return None if wrong is None else f"expected {wrong}"
        if kind is SettingKind.PATH and isinstance(value, os.PathLike):
            value = os.fspath(value)
        text = str(value)
        if _SETTING_CONTROL.search(text):
            return "expected text without control characters"
        if kind is SettingKind.CHOICE and text not in self.choices:
            return f"expected one of: {', '.join(self.choices)}"
        if kind is SettingKind.DATE:
            try:
                if _DAY.match(text):
                    dt.date.fromisoformat(text)
                    return None
            except ValueError:
                pass
            return "expected a day as YYYY-MM-DD"
        if kind is SettingKind.PATH and not Path(text).exists():
            return "expected an existing file or folder"
        return None


def _settings(value: Mapping[str, Setting] | None) -> Mapping[str, Setting] | None:
    return None if value is None else types.MappingProxyType(dict(value))


@attrs.frozen
class Exporter:
    """An output format for a catalogue (web site, PDF, HSDS, WordPress WXR …).

    ``export(catalog, out, options)`` writes *out* (a file or a folder) atomically.
    ``settings`` declares every key ``ExportOptions.settings`` may carry
    (``kpss export … --set KEY=VALUE``); :func:`kpss.export` refuses other keys and values
    of the wrong kind before the exporter runs. ``{}`` declares that the exporter takes
    none; ``None`` (the default, for exporters written before settings were declared)
    leaves the keys unchecked.
    """

    name: str
    description: str
    export: Callable[[Catalog, Path, ExportOptions], None]
    media_type: str | None = None
    suffix: str | None = None
    aliases: tuple[str, ...] = ()
    settings: Mapping[str, Setting] | None = attrs.field(
        default=None, converter=_settings, eq=False
    )


@attrs.frozen
class CatalogueSection:
    """A section of a public catalogue, e.g. a life situation ("Mám dluhy", "Pečuji o blízkého").

    A service belongs to the section when it matches *any* of the criteria: its kind is one
    of ``kinds`` (§ keys such as ``"37"`` or register codes ``DruhSocialniSluzby/1``), one of
    its target groups is in ``target_groups`` (``CilovaSkupinaOsoby/26``), or ``match(service)``
    is true. Sections are shown sorted by ``order``, then by title.
    """

    key: str
    title: str
    description: str | None = None
    kinds: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    match: Callable[[Service], bool] | None = None
    order: int = 100

    def contains(self, service: Service) -> bool:
        """Whether *service* belongs to this section."""
        if self.kinds and (
            service.kind_code in self.kinds
            or (service.kind is not None and service.kind.key in self.kinds)
        ):
            return True
        if self.target_groups and any(g in self.target_groups for g in service.target_groups):
            return True
        return self.match is not None and bool(self.match(service))

    def services(self, catalog: Catalog) -> list[Service]:
        """The services of *catalog* in this section, in catalogue order."""
        return [s for s in catalog if self.contains(s)]


def _path(value: str | os.PathLike[str]) -> Path:
    return Path(value)


@attrs.frozen
class TemplateDirectory:
    """A folder of templates and static files that overrides an exporter's own (branding).

    ``exporters`` names the exporters it applies to (empty: every exporter that uses
    templates). Files are looked up by relative path; the first directory that has the
    file wins, plugin directories before the exporter's built-in ones.
    """

    path: Path = attrs.field(converter=_path)  # a str from a plugin is taken too
    exporters: tuple[str, ...] = attrs.field(default=(), converter=_names)
    description: str | None = None

    def applies_to(self, exporter_name: str) -> bool:
        """Whether this directory is meant for the exporter called *exporter_name*."""
        return not self.exporters or exporter_name in self.exporters


def names(records: Iterable[Importer | Exporter]) -> list[str]:
    """The names of some records, sorted."""
    return sorted(r.name for r in records)
