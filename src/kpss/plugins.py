"""The plugin manager: lazy, each plugin loaded on its own, clashes reported.

Importing kpss loads nothing. The first call that needs plugins loads the entry points of
group ``kpss`` (kpss's own default plugins are registered there too).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import pluggy

from kpss import hookspecs
from kpss.errors import PluginError
from kpss.extensions import Exporter, Importer

GROUP = "kpss"
R = TypeVar("R", Importer, Exporter)


@functools.cache
def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, with every entry point of group ``kpss`` loaded."""
    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    manager.load_setuptools_entrypoints(GROUP)
    manager.check_pending()
    return manager


def _collect(hook: Callable[..., object], what: str) -> dict[str, R]:
    found: dict[str, R] = {}
    owners: dict[str, str] = {}
    manager = get_plugin_manager()
    for impl in hook.get_hookimpls():  # type: ignore[attr-defined]
        plugin_name = manager.get_name(impl.plugin) or repr(impl.plugin)
        registered: list[R] = []
        impl.function(register=registered.append)
        for record in registered:
            if record.name in found:
                raise PluginError(
                    f"{what} {record.name!r} is registered by both {owners[record.name]!r} "
                    f"and {plugin_name!r}"
                )
            found[record.name] = record
            owners[record.name] = plugin_name
    return found


def get_importers() -> dict[str, Importer]:
    """Every registered importer by name."""
    return _collect(get_plugin_manager().hook.register_importers, "importer")


def get_exporters() -> dict[str, Exporter]:
    """Every registered exporter by name."""
    return _collect(get_plugin_manager().hook.register_exporters, "exporter")
