"""Typed records that plugins register: importers and exporters.

A plugin implements a hook such as ``register_importers(register)`` and calls
``register(Importer(...))`` once per importer (the pattern of llm; records like conda's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from kpss.errors import Location
from kpss.model.catalog import Catalog
from kpss.model.codes import CodeBook


@attrs.frozen
class ImportFilter:
    """What to keep while reading a source. Empty collections mean "no restriction".

    ``obce`` are obec codes (a kraj, okres, ORP or preset is resolved to its obce first);
    ``active_on`` keeps services provided on that day (``None`` keeps ended ones too).
    """

    obce: frozenset[str] | None = None
    active_on: dt.date | None = None
    kinds: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()


@attrs.frozen
class ImportOptions:
    """Options every importer receives."""

    filter: ImportFilter = ImportFilter()
    codes: CodeBook | None = None
    strict: bool = False
    progress: Callable[[int], None] | None = None
    settings: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class ReportEntry:
    """A record that was rejected, or a warning about one: where, which field, why."""

    message: str
    index: int | None = None
    identifier: str | None = None
    field: str | None = None
    location: Location | None = None


@attrs.define
class ImportReport:
    """What an import read, accepted, filtered out, rejected (with reasons) and warned about.

    ``read == accepted + filtered_out + len(rejected)`` always holds.
    """

    source: str | None = None
    read: int = 0
    accepted: int = 0
    filtered_out: int = 0
    rejected: list[ReportEntry] = attrs.field(factory=list)
    warnings: list[ReportEntry] = attrs.field(factory=list)


@attrs.frozen
class ImportResult:
    """A catalogue and the report of how it was read."""

    catalog: Catalog
    report: ImportReport


@attrs.frozen
class Importer:
    """A source of catalogue data (the register JSON, its XML rendition, a regional system).

    ``load(path, options)`` reads the source. ``suffixes`` (``.json``) and ``detect(path)``
    let kpss choose an importer for a file; ``detect`` may look at the first bytes.
    """

    name: str
    description: str
    load: Callable[[Path, ImportOptions], ImportResult]
    suffixes: tuple[str, ...] = ()
    media_type: str | None = None
    detect: Callable[[Path], bool] | None = None


@attrs.frozen
class ExportOptions:
    """Options every exporter receives; ``settings`` carry exporter-specific values."""

    title: str | None = None
    territory_name: str | None = None
    template_dirs: tuple[Path, ...] = ()
    settings: Mapping[str, Any] = attrs.field(factory=dict)


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


def names(records: Iterable[Importer | Exporter]) -> list[str]:
    """The names of some records, sorted."""
    return sorted(r.name for r in records)
