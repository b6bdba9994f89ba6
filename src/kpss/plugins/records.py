"""Typed records that plugins register: importers, exporters, catalogue sections, templates.

A plugin implements a hook such as ``register_importers(register)`` and calls
``register(Importer(...))`` once per importer (the pattern of llm; records like conda's).
Territory presets are :class:`kpss.model.territory.Area` records and CLI commands are
:class:`click.Command` objects; both are registered the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from kpss.errors import Finding
from kpss.filters import ImportFilter
from kpss.model.catalog import Catalog
from kpss.model.codes import CodeBook
from kpss.model.services import Service


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


@attrs.frozen
class Exporter:
    """An output format for a catalogue (web site, PDF, HSDS, WordPress WXR …).

    ``export(catalog, out, options)`` writes *out* (a file or a folder) atomically.
    """

    name: str
    description: str
    export: Callable[[Catalog, Path, ExportOptions], None]
    media_type: str | None = None
    suffix: str | None = None
    aliases: tuple[str, ...] = ()


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


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


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
