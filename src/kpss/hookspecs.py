"""Every hook a kpss plugin can implement, typed and documented.

Implement hooks with :data:`hookimpl` in a module registered under the entry-point group
``kpss``. An implementation may accept any subset of the documented arguments.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

from kpss.extensions import Exporter, Importer

hookspec = pluggy.HookspecMarker("kpss")
hookimpl = pluggy.HookimplMarker("kpss")


@hookspec
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register sources of catalogue data.

    :param register: call it once per :class:`~kpss.extensions.Importer`.

    Example::

        @hookimpl
        def register_importers(register):
            register(Importer(name="my-csv", description="Town CSV", load=load_csv,
                              suffixes=(".csv",)))
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register output formats for catalogues.

    :param register: call it once per :class:`~kpss.extensions.Exporter`.

    Example::

        @hookimpl
        def register_exporters(register):
            register(Exporter(name="wordpress", description="WordPress WXR",
                              export=write_wxr, suffix=".xml"))
    """
