"""The front door: ``load`` a source into a catalogue, ``export`` a catalogue in a format.

One pipeline for the API and the CLI alike: source file → importer plugin → Catalog (+
import report) → enrichment (``enrich_service`` hooks) → exporter plugin → output. The
CLI only parses arguments, calls these and prints.

>>> import kpss
>>> result = kpss.load("examples/data/rpss-plzensky/rpss.json",
...                    filter=kpss.resolve_filter(orp="Kralovice").filter)   # doctest: +SKIP
>>> kpss.export(result.catalog, "web", "build/katalog")                   # doctest: +SKIP
"""

from __future__ import annotations

import os
import stat
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpss import reference
from kpss.atomic import refuse_inputs
from kpss.errors import DataError, Location, UsageError
from kpss.filters import ImportFilter
from kpss.model.catalog import Catalog
from kpss.model.codes import CodeBook
from kpss.model.territory import Area
from kpss.plugins.records import Exporter, ExportOptions, Importer, ImportOptions, ImportResult

if TYPE_CHECKING:
    from kpss.additions.format import Additions

#: Receives the number of bytes read so far (importers) — a progress bar's ``update``.
ByteProgress = Callable[[int], None]
#: Receives (done, total) units of work (exporters: pages, records).
WorkProgress = Callable[[int, int], None]


def choose_importer(path: str | Path, name: str | None = None) -> Importer:
    """The importer called *name*, else the one the file's content or suffix points to.

    Selection reads the importers' records (``detect``, ``priority``, ``suffixes``,
    ``claims_suffix``), never their names: a third-party importer takes part as a built-in.
    """
    from kpss.plugins.manager import get_importers

    importers = get_importers()
    if name is not None:
        if name not in importers:
            known = ", ".join(sorted(importers))
            raise UsageError(f"unknown importer {name!r}; known importers: {known}")
        return importers[name]
    file = Path(path)
    ordered = sorted(importers.values(), key=lambda i: (-i.priority, i.name))
    for importer in ordered:
        if importer.detect is not None and importer.detect(file):
            return importer
    suffix = file.suffix.lower()
    for importer in ordered:
        if importer.claims_suffix and suffix in importer.suffixes:
            return importer
    known = ", ".join(sorted(importers))
    raise DataError(
        f"cannot tell the format of this file (known importers: {known}); "
        "expected a register rpss.json / rpss.xml or a catalogue saved by kpss",
        Location(file=str(file)),
    )


def check_source(path: str | Path) -> None:
    """A SOURCE must be a regular file; say what it is when it is not.

    A device (``/dev/null``), FIFO or socket is refused before it is opened (opening a FIFO
    would wait for a writer forever); raise :class:`~kpss.errors.DataError`.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise DataError("no such file", Location(file=str(path))) from None
    except OSError as exc:
        raise DataError(f"cannot read it: {exc.strerror}", Location(file=str(path))) from None
    if stat.S_ISDIR(mode):
        raise DataError("is a folder, expected a file", Location(file=str(path)))
    if not stat.S_ISREG(mode):
        raise DataError(
            "is not a regular file (a device, FIFO or socket); expected a register or "
            "catalogue file",
            Location(file=str(path)),
        )


def load(
    source: str | Path,
    *,
    filter: ImportFilter | None = None,
    codes: CodeBook | str | Path | None = None,
    strict: bool = False,
    enrich: bool = True,
    progress: ByteProgress | None = None,
    importer: str | None = None,
    additions: str | Path | Additions | None = None,
) -> ImportResult:
    """Read a register file (``rpss.json``, ``rpss.xml``) or a kpss catalogue.

    :param filter: what to keep (:func:`kpss.resolve_filter` builds one from names).
    :param codes: a code book, or a folder of official ``ciselniky/*.json`` laid over the
        packaged snapshot.
    :param strict: any warning or rejected record raises
        :class:`~kpss.errors.StrictModeError` (which still carries the report).
    :param enrich: apply the plugins' ``enrich_service`` hooks to the catalogue.
    :param progress: receives byte counts while the file is read.
    :param importer: the name of an importer instead of detecting one.
    :param additions: local additions (:mod:`kpss.additions`): a YAML/CSV file or a folder
        of them, read before the source (its errors come first), applied after the
        plugins' enrichment; their warnings join the report.
    :returns: the catalogue and its import report
        (``read == accepted + filtered_out + rejected``).
    """
    path = Path(source)
    check_source(path)
    local = None
    if additions is not None:
        from kpss.additions.apply import apply_to_import, as_additions

        local = as_additions(additions)
    book = codes if isinstance(codes, CodeBook) else reference.code_book(codes)
    chosen = choose_importer(path, importer)
    options = ImportOptions(
        filter=filter or ImportFilter(), codes=book, strict=strict, progress=progress
    )
    result = chosen.load(path, options)
    if enrich:
        from kpss.plugins.calls import enrich as enrich_catalog

        result = ImportResult(enrich_catalog(result.catalog), result.report)
    if local is not None:
        result = apply_to_import(result, local, options.filter, strict)
    read = [path]
    if isinstance(additions, str | os.PathLike):
        read.append(Path(additions))
    _remember_inputs(result.catalog, read)
    return result


#: The files each catalogue returned by :func:`load` was read from, by ``id`` (dropped
#: with the catalogue), so that :func:`export` never writes over them.
_INPUTS: dict[int, tuple[Path, ...]] = {}


def _remember_inputs(catalog: Catalog, paths: Sequence[Path]) -> None:
    key = id(catalog)
    if key not in _INPUTS:
        weakref.finalize(catalog, _INPUTS.pop, key, None)
    _INPUTS[key] = tuple(paths)


def inputs_of(catalog: Catalog) -> tuple[Path, ...]:
    """The files *catalog* was read from: its ``source`` and what :func:`load` read."""
    found = list(_INPUTS.get(id(catalog), ()))
    if catalog.source:
        found.append(Path(catalog.source))
    return tuple(found)


def check_settings(exporter: Exporter, settings: Mapping[str, Any]) -> None:
    """Refuse settings *exporter* does not declare and values of the wrong kind.

    Raise :class:`~kpss.errors.UsageError` naming the exporter's keys (see
    :class:`~kpss.plugins.records.Setting`). An exporter whose ``settings`` is ``None``
    (it declares nothing) is not checked.
    """
    declared = exporter.settings
    if declared is None:  # an exporter that does not declare its settings
        return
    for key, value in settings.items():
        setting = declared.get(key)
        if setting is None:
            keys = ", ".join(sorted(declared)) or "none"
            raise UsageError(
                f"unknown setting {key!r} of the {exporter.name} exporter; its settings: {keys}"
            )
        problem = setting.problem(value)
        if problem is not None:
            raise UsageError(f"setting {key}={value!r} of the {exporter.name} exporter: {problem}")


def export(
    catalog: Catalog,
    format: str,
    out: str | Path,
    *,
    title: str | None = None,
    territory_name: str | None = None,
    settings: Mapping[str, Any] | None = None,
    progress: WorkProgress | None = None,
    inputs: Iterable[str | Path | None] = (),
    area: Area | None = None,
) -> Exporter:
    """Write *catalog* to *out* (a file or a folder) with the exporter called *format*.

    The exporter gets the template folders plugins register for it. Refused with a
    :class:`~kpss.errors.UsageError` before anything is written: *settings* the exporter
    does not declare or of the wrong kind (:func:`check_settings`), and an output that is
    an input — the catalogue's source, the files :func:`load` read it from, any of
    *inputs* — or a folder holding one. *area* is the territory exported (outputs that
    list places give each of its obce an entry, also one without a service).
    :returns: the exporter that wrote it.
    """
    from kpss.plugins.manager import get_exporter, get_template_dirs

    exporter = get_exporter(format)
    given = dict(settings or {})
    check_settings(exporter, given)
    target = Path(out)
    refuse_inputs(target, [*inputs_of(catalog), *inputs])
    options = ExportOptions(
        title=title,
        territory_name=territory_name,
        template_dirs=tuple(get_template_dirs(exporter.name)),
        settings=given,
        progress=progress,
        area=area,
    )
    exporter.export(catalog, target, options)
    return exporter
