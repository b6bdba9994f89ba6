"""The plugin manager: lazy, each plugin loaded on its own, problems named, clashes refused.

Importing kpss loads nothing. The first call that needs plugins (``get_importers()``,
``get_presets()``, ``kpss plugins`` …) loads the entry points of group ``kpss``:

* kpss's own default plugins (``kpss.default_plugins.*``, listed by module path in
  :data:`DEFAULT_PLUGINS`) are **always** loaded;
* third-party plugins are the entry points of the group. ``KPSS_LOAD_PLUGINS=a,b`` loads
  only those, named by entry-point name or by distribution name (``kpss-wordpress``, as in
  llm); empty loads none;
* each plugin is imported and registered on its own. One that fails to import, does not
  match the hook specifications or raises inside a hook is reported with a
  :class:`KpssPluginWarning` naming it, and the others keep working.
  ``KPSS_STRICT_PLUGINS=1`` turns every such report into a :class:`~kpss.errors.PluginError`;
* a hook implementation whose name matches no hook (a typo such as ``register_exporter``)
  is reported the same way, with the closest hook name;
* ``KPSS_TRACE_PLUGINS=1`` prints every hook call, its plugin and its result to stderr;
* ``KPSS_PLUGINS_DIR=folder`` also loads every ``*.py`` file of that folder as a plugin
  named after the file (a town's own hooks without packaging; like datasette's
  ``--plugins-dir``). Such plugins count as third-party for ``KPSS_LOAD_PLUGINS``.

Tests register plugin objects temporarily with :func:`registered` and start again with
:func:`reset`.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import importlib.metadata
import importlib.util
import os
import sys
import threading
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from kpss.errors import NotFoundError, PluginError
from kpss.model.names import fold
from kpss.model.territory import Area
from kpss.plugins import hookspecs
from kpss.plugins.records import CatalogueSection, Exporter, Importer, TemplateDirectory

if TYPE_CHECKING:
    import click


GROUP = "kpss"
BUILTIN_DISTRIBUTION = "kpss"
#: kpss's own plugins, by module path (as llm and datasette list theirs): they are always
#: loaded, registered through the same hooks as third-party plugins, and need no installed
#: metadata, so a source tree works as it is.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "kpss.default_plugins.kpss_catalog",
    "kpss.default_plugins.rpss_json",
    "kpss.default_plugins.rpss_xml",
    "kpss.default_plugins.life_situations",
    "kpss.default_plugins.web",
    "kpss.default_plugins.fragment",
    "kpss.default_plugins.hsds",
    "kpss.default_plugins.csv_export",
    "kpss.default_plugins.public_json",
    "kpss.default_plugins.pdf",
    "kpss.default_plugins.odt",
    "kpss.default_plugins.leaflet",
)
ENV_LOAD = "KPSS_LOAD_PLUGINS"
ENV_STRICT = "KPSS_STRICT_PLUGINS"
ENV_TRACE = "KPSS_TRACE_PLUGINS"
ENV_DIR = "KPSS_PLUGINS_DIR"

#: What a plugin can register, by the name used in ``kpss plugins`` output.
KINDS: dict[str, str] = {
    "importers": "register_importers",
    "exporters": "register_exporters",
    "presets": "register_presets",
    "sections": "register_catalogue_sections",
    "template_dirs": "register_template_dirs",
    "commands": "register_commands",
}


class KpssPluginWarning(UserWarning):
    """A plugin failed to load, does not fit the hooks, or raised in a hook."""


@attrs.define
class PluginInfo:
    """What is known about one plugin: where it comes from and how loading went.

    ``status`` is ``"loaded"``, ``"failed"`` (import or registration failed) or
    ``"skipped"`` (left out by ``KPSS_LOAD_PLUGINS``). ``problems`` lists every warning
    issued about the plugin, including failures of its hooks.
    """

    name: str
    distribution: str | None = None
    version: str | None = None
    module: str | None = None
    builtin: bool = False
    status: str = "loaded"
    problems: list[str] = attrs.field(factory=list)


@attrs.frozen
class Registration:
    """One record registered by a plugin through a ``register_*`` hook."""

    plugin: str
    record: Any


def strict() -> bool:
    """Whether ``KPSS_STRICT_PLUGINS`` asks for plugin problems to be errors."""
    return os.environ.get(ENV_STRICT, "").strip().lower() not in ("", "0", "false", "no")


def _tracing() -> bool:
    return os.environ.get(ENV_TRACE, "").strip().lower() not in ("", "0", "false", "no")


def _is_wanted(info: PluginInfo, wanted: frozenset[str]) -> bool:
    """Whether ``KPSS_LOAD_PLUGINS`` names the plugin or its distribution (``kpss-wordpress``)."""
    if info.name in wanted:
        return True
    folded = {fold(w) for w in wanted}
    return info.distribution is not None and fold(info.distribution) in folded


def _own_version() -> str:
    from kpss import __version__

    return __version__


def _wanted() -> frozenset[str] | None:
    """Names from ``KPSS_LOAD_PLUGINS`` (``None`` when unset: load every plugin)."""
    value = os.environ.get(ENV_LOAD)
    if value is None:
        return None
    return frozenset(n.strip() for n in value.split(",") if n.strip())


class KpssPluginManager(pluggy.PluginManager):
    """A pluggy manager that forgets cached registrations whenever plugins change."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self.cache: dict[str, Any] = {}

    def register(self, plugin: object, name: str | None = None) -> str | None:
        self.cache.clear()
        return super().register(plugin, name)

    def unregister(self, plugin: object | None = None, name: str | None = None) -> Any:
        self.cache.clear()
        removed = super().unregister(plugin, name)
        if name is not None and name in self.infos and not self.infos[name].builtin:
            del self.infos[name]
        return removed


_manager: KpssPluginManager | None = None
_lock = threading.RLock()


def get_plugin_manager() -> KpssPluginManager:
    """The process-wide plugin manager; loads the plugins on first use."""
    global _manager
    with _lock:
        if _manager is None:
            manager = KpssPluginManager()
            _load_entry_points(manager)
            _manager = manager
        return _manager


def reset() -> None:
    """Forget the plugin manager; the next call loads the plugins again (for tests)."""
    global _manager
    with _lock:
        _manager = None


@contextlib.contextmanager
def registered(plugin: object, name: str | None = None) -> Iterator[str]:
    """Register *plugin* (a module or an object with hook methods) for the ``with`` block.

    Raise :class:`~kpss.errors.PluginError` when it has a hook implementation that matches no hook.

    Example::

        class Plugin:
            __name__ = "test-presets"

            @hookimpl
            def register_presets(self, register):
                register(Area("mesto", "Město", frozenset({"559075"})))

        with registered(Plugin()):
            assert "mesto" in get_presets()
    """
    manager = get_plugin_manager()
    plugin_name = manager.register(plugin, name=name)
    if plugin_name is None:  # pluggy returns None only for blocked names
        raise PluginError(f"plugin {name!r} is blocked and cannot be registered")
    try:
        unknown = _unknown_hooks(manager, plugin)
        if unknown:
            raise PluginError(f"plugin {plugin_name!r}: {'; '.join(unknown)}")
        yield plugin_name
    finally:
        manager.unregister(name=plugin_name)


# -- loading ------------------------------------------------------------------------------


def _distribution(entry_point: importlib.metadata.EntryPoint) -> tuple[str | None, str | None]:
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return None, None
    return dist.metadata["Name"], dist.version


def _is_builtin(distribution: str | None) -> bool:
    return distribution is not None and fold(distribution) == BUILTIN_DISTRIBUTION


def _report(manager: KpssPluginManager | None, plugin: str, message: str) -> None:
    """Record and warn about a plugin problem; raise it instead in strict mode."""
    text = f"plugin {plugin!r}: {message}"
    if manager is not None:
        info = manager.infos.setdefault(plugin, PluginInfo(name=plugin))
        info.problems.append(message)
    if strict():
        raise PluginError(f"{text} ({ENV_STRICT} is set)")
    warnings.warn(text, KpssPluginWarning, stacklevel=3)


def _describe(exc: BaseException) -> str:
    """``Type: message`` on one line (pluggy's validation messages span several)."""
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"


def _load_entry_points(manager: KpssPluginManager) -> None:
    wanted = _wanted()
    found: set[str] = set()
    for module in DEFAULT_PLUGINS:
        name = module.rpartition(".")[2]
        info = PluginInfo(
            name=name,
            distribution=BUILTIN_DISTRIBUTION,
            version=_own_version(),
            module=module,
            builtin=True,
        )
        _add(manager, info, functools.partial(importlib.import_module, module), wanted)
    entry_points = sorted(importlib.metadata.entry_points(group=GROUP), key=lambda ep: ep.name)
    for entry_point in entry_points:
        distribution, version = _distribution(entry_point)
        if _is_builtin(distribution):
            continue  # an old install's metadata; built-ins come from DEFAULT_PLUGINS
        name = entry_point.name
        found.add(name)
        if distribution is not None:
            found.add(fold(distribution))
        if name in manager.infos:
            first = manager.infos[name].distribution
            _report(
                None,
                name,
                f"entry point name is used by both distributions {first!r} and "
                f"{distribution!r}; the one of {distribution!r} is ignored",
            )
            continue
        info = PluginInfo(
            name=name,
            distribution=distribution,
            version=version,
            module=entry_point.value,
            builtin=_is_builtin(distribution),
        )
        _add(manager, info, entry_point.load, wanted)
    for path in _plugin_files():
        name = path.stem
        found.add(name)
        if name in manager.infos:
            _report(None, name, f"{path} has the name of an installed plugin and is ignored")
            continue
        info = PluginInfo(name=name, module=str(path))
        _add(manager, info, functools.partial(_load_file, path), wanted)
    if wanted:
        for missing in sorted(w for w in wanted if w not in found and fold(w) not in found):
            _report(None, missing, f"named in {ENV_LOAD} but not installed")


def _add(
    manager: KpssPluginManager,
    info: PluginInfo,
    load: Callable[[], object],
    wanted: frozenset[str] | None,
) -> None:
    """Import one plugin and register it, reporting (not raising) whatever goes wrong."""
    name = info.name
    manager.infos[name] = info
    if wanted is not None and not info.builtin and not _is_wanted(info, wanted):
        info.status = "skipped"
        return
    try:
        plugin = load()
    except (Exception, SystemExit) as exc:
        info.status = "failed"
        _report(manager, name, f"failed to load ({info.module}): {_describe(exc)}")
        return
    if manager.is_registered(plugin):
        info.status = "skipped"
        other = manager.get_name(plugin)
        _report(manager, name, f"{info.module} is already registered as {other!r}")
        return
    try:
        manager.register(plugin, name=name)
    except (Exception, SystemExit) as exc:
        info.status = "failed"
        _report(manager, name, f"does not fit the kpss hooks: {_describe(exc)}")
        return
    for problem in _unknown_hooks(manager, plugin):
        _report(manager, name, problem)


def _plugin_files() -> list[Path]:
    """The ``*.py`` files of the folders in ``KPSS_PLUGINS_DIR`` (``os.pathsep``-separated)."""
    value = os.environ.get(ENV_DIR, "").strip()
    files: list[Path] = []
    for folder in (Path(f) for f in value.split(os.pathsep) if f.strip()):
        if not folder.is_dir():
            _report(None, str(folder), f"{ENV_DIR} names {folder}, which is not a folder")
            continue
        files += sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))
    return files


def _load_file(path: Path) -> object:
    """Import a loose plugin file as the module ``kpss_local_plugin_<stem>``."""
    module_name = f"kpss_local_plugin_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def _unknown_hooks(manager: pluggy.PluginManager, plugin: object) -> list[str]:
    """Messages for hook implementations of *plugin* that match no hook (typos) or that
    are wrappers, which kpss never calls."""
    problems = []
    known = sorted(manager.hook.__dict__)
    for caller in manager.get_hookcallers(plugin) or ():
        if any(
            impl.plugin is plugin and (impl.wrapper or impl.hookwrapper)
            for impl in caller.get_hookimpls()
        ):
            problems.append(
                f"hook wrapper {caller.name!r} is not supported (kpss calls implementations "
                "one by one); it is ignored"
            )
        if caller.spec is not None:
            continue
        if all(impl.optionalhook for impl in caller.get_hookimpls() if impl.plugin is plugin):
            continue
        specified = [n for n in known if getattr(manager.hook, n).spec is not None]
        close = difflib.get_close_matches(caller.name, specified, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.append(f"hook implementation {caller.name!r} matches no kpss hook{hint}")
    return problems


# -- calling hooks --------------------------------------------------------------------------


def _implementations(hook_name: str) -> list[Any]:
    """The implementations of a hook in calling order (pluggy's: last registered first)."""
    caller = getattr(get_plugin_manager().hook, hook_name)
    return [
        impl for impl in reversed(caller.get_hookimpls()) if not (impl.hookwrapper or impl.wrapper)
    ]


def _brief(value: Any) -> str:
    """A short description of a hook argument or result for traces (catalogues are big)."""
    from kpss.model.catalog import Catalog
    from kpss.model.services import Service
    from kpss.model.territory import Territory

    if isinstance(value, Catalog):
        return f"<Catalog of {len(value)} services>"
    if isinstance(value, Service):
        return f"<Service {value.identifier}>"
    if isinstance(value, Territory):
        return f"<Territory of {len(value.obce)} obce>"
    if callable(value) and hasattr(value, "__name__"):
        return f"<{value.__name__}>"
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def _call(impl: Any, hook_name: str, kwargs: Mapping[str, Any]) -> Any:
    """Call one implementation with the arguments it asks for."""
    result = impl.function(*(kwargs[a] for a in impl.argnames))
    if _tracing():
        args = ", ".join(f"{a}={_brief(kwargs[a])}" for a in impl.argnames)
        print(
            f"kpss trace: {hook_name}({args}) in plugin {impl.plugin_name!r} -> {_brief(result)}",
            file=sys.stderr,
        )
    return result


class _NoCommandType:
    """Stands for click.Command while click is not imported: nothing is an instance."""


def _record_type(kind: str) -> type:
    if kind == "commands":
        # The library never imports click: a plugin that built a click.Command has
        # imported it already, so without click in sys.modules no record can be one.
        click = sys.modules.get("click")
        return click.Command if click is not None else _NoCommandType
    types: dict[str, type] = {
        "importers": Importer,
        "exporters": Exporter,
        "presets": Area,
        "sections": CatalogueSection,
        "template_dirs": TemplateDirectory,
    }
    return types[kind]


def _registrations(kind: str) -> list[Registration]:
    """Every record registered through the hook of *kind* (cached until plugins change)."""
    manager = get_plugin_manager()
    record_type = _record_type(kind)
    key = f"registrations:{kind}"
    if key in manager.cache:
        cached: list[Registration] = manager.cache[key]
        return cached
    hook_name = KINDS[kind]
    extra: dict[str, Any] = {}
    if kind == "presets":
        from kpss import reference

        extra["territory"] = reference.territory()
    result: list[Registration] = []
    for impl in _implementations(hook_name):
        records: list[Any] = []

        def register(record: Any, _records: list[Any] = records) -> None:
            if not isinstance(record, record_type):
                raise TypeError(
                    f"register() expects {record_type.__name__}, got {type(record).__name__}"
                )
            _records.append(record)

        try:
            _call(impl, hook_name, {"register": register, **extra})
        except Exception as exc:
            _report(manager, impl.plugin_name, f"{hook_name} failed: {_describe(exc)}")
            continue
        result.extend(Registration(impl.plugin_name, r) for r in records)
    manager.cache[key] = result
    return result


def _unique(
    what: str,
    registrations: Iterable[Registration],
    keys: Callable[[Any], Iterable[str]],
    reserved: Mapping[str, str] | None = None,
) -> dict[str, Registration]:
    """Registrations by their first key; a key claimed twice is an error naming both owners."""
    owners: dict[str, tuple[str, str]] = {k: (v, k) for k, v in (reserved or {}).items()}
    result: dict[str, Registration] = {}
    for registration in registrations:
        record_keys = list(keys(registration.record))
        for key in record_keys:
            if key in owners:
                other, other_name = owners[key]
                raise PluginError(
                    f"{what} {key!r} is registered by both plugin {other!r} "
                    f"({other_name!r}) and plugin {registration.plugin!r} "
                    f"({record_keys[0]!r}); uninstall one of them or set {ENV_LOAD}"
                )
            owners[key] = (registration.plugin, record_keys[0])
        result[record_keys[0]] = registration
    return result


def _records(kind: str, what: str, keys: Callable[[Any], Iterable[str]]) -> Any:
    manager = get_plugin_manager()
    key = f"records:{kind}"
    if key not in manager.cache:
        unique = _unique(what, _registrations(kind), keys)
        manager.cache[key] = {k: r.record for k, r in unique.items()}
    return dict(manager.cache[key])


def owners(kind: str) -> dict[str, str]:
    """Which plugin registered each record of *kind* (a key of :data:`KINDS`), by name."""
    names: dict[str, str] = {}
    for registration in _registrations(kind):
        names.setdefault(_record_name(registration.record), registration.plugin)
    return names


def _record_name(record: Any) -> str:
    if isinstance(record, Area):
        return record.key
    if isinstance(record, TemplateDirectory):
        return str(record.path)
    if isinstance(record, CatalogueSection):
        return record.key
    return str(getattr(record, "name", record))


# -- importers, exporters, presets, sections, templates, commands ---------------------------


def get_importers() -> dict[str, Importer]:
    """Every registered importer by name.

    A name registered twice is a :class:`~kpss.errors.PluginError`.
    """
    result: dict[str, Importer] = _records("importers", "importer", lambda r: [r.name])
    return result


def get_exporters() -> dict[str, Exporter]:
    """Every registered exporter by name; a name or alias used twice is a PluginError."""
    result: dict[str, Exporter] = _records("exporters", "exporter", lambda r: [r.name, *r.aliases])
    return {name: exporter for name, exporter in result.items() if name == exporter.name}


def get_importer(name: str) -> Importer:
    """The importer called *name*; :class:`~kpss.errors.NotFoundError` lists the known ones."""
    importers = get_importers()
    if name not in importers:
        known = ", ".join(sorted(importers)) or "none"
        raise NotFoundError(f"unknown importer {name!r}; known importers: {known}")
    return importers[name]


def get_exporter(name: str) -> Exporter:
    """The exporter called *name* or with *name* as an alias; NotFoundError lists them."""
    exporters = get_exporters()
    if name in exporters:
        return exporters[name]
    for exporter in exporters.values():
        if name in exporter.aliases:
            return exporter
    known = ", ".join(sorted(exporters)) or "none"
    raise NotFoundError(f"unknown export format {name!r}; known formats: {known}")


def get_presets() -> dict[str, Area]:
    """Territory presets by key (``"kralovicko"``); keys and folded names must be unique."""
    result: dict[str, Area] = _records(
        "presets",
        "territory preset",
        lambda r: list(dict.fromkeys([r.key, fold(r.name)])),
    )
    return result


def get_catalogue_sections() -> list[CatalogueSection]:
    """Catalogue sections sorted by ``order`` then title; a key used twice is a PluginError."""
    found: dict[str, CatalogueSection] = _records(
        "sections", "catalogue section", lambda r: [r.key]
    )
    return sorted(found.values(), key=lambda s: (s.order, fold(s.title), s.key))


def get_template_dirs(exporter_name: str | None = None) -> list[Path]:
    """Template folders registered for *exporter_name* (all with ``None``), first wins.

    A registered folder that does not exist is reported as a problem of its plugin.
    """
    manager = get_plugin_manager()
    key = "checked:template_dirs"
    if key not in manager.cache:
        checked = []
        for registration in _registrations("template_dirs"):
            directory: TemplateDirectory = registration.record
            if directory.path.is_dir():
                checked.append(directory)
            else:
                _report(
                    manager, registration.plugin, f"template folder {directory.path} is missing"
                )
        manager.cache[key] = checked
    return [
        d.path for d in manager.cache[key] if exporter_name is None or d.applies_to(exporter_name)
    ]


def get_commands(reserved: Collection[str] = ()) -> dict[str, click.Command]:
    """CLI commands registered by plugins, by name; *reserved* names belong to kpss."""
    registrations = [r for r in _registrations("commands") if r.record.name is not None]
    unique = _unique(
        "command",
        registrations,
        lambda r: [r.name],
        reserved=dict.fromkeys(reserved, "kpss"),
    )
    return {name: r.record for name, r in unique.items()}


# -- introspection --------------------------------------------------------------------------


def get_plugins(include_builtin: bool = True) -> list[PluginInfo]:
    """Every known plugin (loaded, failed or skipped) with its hooks, sorted by name.

    Registered plugins without an entry point (tests, ``registered()``) are listed too.
    """
    manager = get_plugin_manager()
    infos = dict(manager.infos)
    for name, plugin in manager.list_name_plugin():
        if name not in infos:
            infos[name] = PluginInfo(name=name, module=getattr(plugin, "__name__", None))
    return sorted(
        (i for i in infos.values() if include_builtin or not i.builtin),
        key=lambda i: (i.builtin, i.name),
    )


def plugin_hooks(name: str) -> list[str]:
    """Names of the hooks the plugin called *name* implements (empty when not loaded)."""
    manager = get_plugin_manager()
    plugin = manager.get_plugin(name)
    if plugin is None:
        return []
    return sorted(caller.name for caller in manager.get_hookcallers(plugin) or ())


def plugin_registrations(name: str) -> dict[str, list[str]]:
    """What the plugin called *name* registers, by kind (``importers``, ``presets`` …)."""
    return {
        kind: [_record_name(r.record) for r in _registrations(kind) if r.plugin == name]
        for kind in KINDS
    }


def hook_names() -> list[str]:
    """Names of every kpss hook, sorted."""
    manager = get_plugin_manager()
    return sorted(n for n, c in vars(manager.hook).items() if getattr(c, "spec", None) is not None)
