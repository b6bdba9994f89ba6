"""Every hook a kpss plugin can implement, typed and documented.

Implement hooks with :data:`hookimpl` in a module registered under the entry-point group
``kpss``. An implementation may accept any subset of the documented arguments, in any
order (a pluggy feature): ``def register_presets(register)`` is fine even though the hook
also offers ``territory``. New arguments may be added to a hook later; existing ones are
never removed or renamed.

Two styles, as in llm and conda:

* **register hooks** (``register_*``) receive a ``register`` callback and call it once per
  typed record (:class:`~kpss.plugins.records.Importer`, :class:`~kpss.plugins.records.Exporter`,
  :class:`~kpss.model.territory.Area`, :class:`~kpss.plugins.records.CatalogueSection`,
  :class:`~kpss.plugins.records.TemplateDirectory`, :class:`click.Command`). kpss checks the
  type of each record and rejects two plugins registering the same name, naming both.
* **data hooks** (``enrich_service``, ``validate_plan``) return a value that kpss combines.

kpss calls each plugin's implementation on its own: one that raises is reported with a
:class:`~kpss.plugins.manager.KpssPluginWarning` naming the plugin (an error under
``KPSS_STRICT_PLUGINS=1``) and the other plugins keep working.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from kpss.errors import Finding
    from kpss.model.catalog import Catalog
    from kpss.model.plan import Plan
    from kpss.model.services import Service
    from kpss.model.territory import Area, Territory
    from kpss.plugins.records import CatalogueSection, Exporter, Importer, TemplateDirectory

PROJECT = "kpss"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register sources of catalogue data (a register file, a regional system, a CSV).

    :param register: call it once per :class:`~kpss.plugins.records.Importer`.
    :returns: nothing; the records passed to *register* count.

    Two importers with the same ``name`` are an error naming both plugins.

    Example::

        @hookimpl
        def register_importers(register):
            register(Importer(name="town-csv", description="Town CSV list",
                              load=load_csv, suffixes=(".csv",), media_type="text/csv"))
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register output formats for catalogues (``kpss export FORMAT``).

    :param register: call it once per :class:`~kpss.plugins.records.Exporter`.
    :returns: nothing; the records passed to *register* count.

    Names and aliases share one namespace: a name or alias used by two exporters is an
    error naming both plugins.

    Example::

        @hookimpl
        def register_exporters(register):
            register(Exporter(name="wordpress", description="WordPress WXR 1.2",
                              export=write_wxr, suffix=".xml", aliases=("wxr",)))
    """


@hookspec
def register_presets(register: Callable[[Area], None], territory: Territory) -> None:
    """Register territory presets: named planning areas usable as ``--area PRESET``.

    :param register: call it once per :class:`~kpss.model.territory.Area` (a key such as
        ``"kralovicko"``, a name such as ``"Kralovicko"`` and the obec codes).
    :param territory: the packaged :class:`~kpss.model.territory.Territory`, to build
        areas from ORP, POU or okres membership; ``territory.area(key, name, codes)``
        checks that every code is an obec.
    :returns: nothing; the records passed to *register* count.

    Presets are matched by key, or by name ignoring case and diacritics. A key or name
    used by two plugins is an error naming both.

    Example::

        @hookimpl
        def register_presets(register, territory):
            orp = territory.orp_by_code("3206")
            register(territory.area("kralovicko", "Kralovicko", territory.obec_codes(orp)))
    """


@hookspec
def enrich_service(service: Service, catalog: Catalog) -> Service | None:
    """Add local knowledge to a service: description, hours, fees, photos, návazné služby.

    Called once per service by :func:`kpss.plugins.calls.enrich` (``kpss export`` does it before
    writing). Implementations run in pluggy order (later-registered first, ``tryfirst`` /
    ``trylast`` respected), each receiving the result of the previous one.

    :param service: the :class:`~kpss.model.services.Service` as enriched so far.
    :param catalog: the whole :class:`~kpss.model.catalog.Catalog` (read only), e.g. to
        look up other services of the provider.
    :returns: a changed copy (``attrs.evolve(service, ...)``) with the same
        ``identifier``, or ``None`` to leave the service as it is.

    Example::

        @hookimpl
        def enrich_service(service):
            extra = LOCAL_DATA.get(service.identifier)
            if extra is None:
                return None
            return attrs.evolve(service, hours_note=extra["hours"], fees=extra["fees"])
    """


@hookspec
def validate_plan(plan: Plan) -> Iterable[Finding] | None:
    """Check a community plan against extra rules, e.g. a region's methodology.

    Called by :func:`kpss.plugins.manager.validate_plan` (``kpss plan validate``) after the
    built-in checks.

    :param plan: the :class:`kpss.model.plan.Plan` to check (read only).
    :returns: the :class:`~kpss.errors.Finding` objects found (``path`` points into the
        plan, e.g. ``priorities[0].measures[2].kraj_plan_link``), or ``None``.

    Example::

        @hookimpl
        def validate_plan(plan):
            for path, measure in iter_measures(plan):
                if not measure.indicators:
                    yield Finding.at(f"{path}.indicators", "a measure needs an indicator")
    """


@hookspec
def register_catalogue_sections(register: Callable[[CatalogueSection], None]) -> None:
    """Register sections of the public catalogue, e.g. life situations.

    :param register: call it once per :class:`~kpss.plugins.records.CatalogueSection`
        ("Mám dluhy", "Pečuji o blízkého"): a key, a Czech title and the kinds, target
        groups or predicate that select its services.
    :returns: nothing; the records passed to *register* count.

    A key used by two plugins is an error naming both.

    Example::

        @hookimpl
        def register_catalogue_sections(register):
            register(CatalogueSection(key="dluhy", title="Mám dluhy", kinds=("37",),
                                      description="Poradenství při zadlužení."))
    """


@hookspec
def register_template_dirs(register: Callable[[TemplateDirectory], None]) -> None:
    """Register folders of templates and static files that brand web and print output.

    :param register: call it once per :class:`~kpss.plugins.records.TemplateDirectory`;
        ``exporters`` limits it to some exporters (empty: all that use templates).
    :returns: nothing; the records passed to *register* count.

    Exporters ask :func:`kpss.plugins.manager.get_template_dirs` for the folders that apply to
    them and look files up there before their own templates. A folder that does not exist
    is reported as a plugin problem.

    Example::

        @hookimpl
        def register_template_dirs(register):
            register(TemplateDirectory(Path(__file__).parent / "templates",
                                       exporters=("web", "pdf")))
    """


@hookspec
def register_commands(register: Callable[[click.Command], None]) -> None:
    """Add commands to the ``kpss`` command line.

    :param register: call it once per :class:`click.Command` (or group). Its ``name`` is
        the sub-command name.
    :returns: nothing; the commands passed to *register* count.

    A name used by a built-in command or by another plugin is an error naming both.
    Commands of a broken plugin are left out; ``kpss --help`` keeps working.

    Example::

        @hookimpl
        def register_commands(register):
            @click.command(name="kraj-report")
            @click.argument("source")
            def kraj_report(source):
                "Print the kraj's yearly report."
            register(kraj_report)
    """
