"""Calling the data hooks: ``enrich_service`` over a catalogue, ``validate_plan`` on a plan.

Each implementation is called on its own; one that raises or returns the wrong type is
reported as a problem of its plugin (an error under ``KPSS_STRICT_PLUGINS=1``) and the
others keep working.
"""

from __future__ import annotations

from kpss.errors import Finding
from kpss.model.catalog import Catalog
from kpss.model.plan import Plan
from kpss.model.services import Service
from kpss.plugins.manager import _call, _describe, _implementations, _report, get_plugin_manager


def enrich(catalog: Catalog) -> Catalog:
    """A copy of *catalog* with every ``enrich_service`` implementation applied.

    A plugin that raises or returns something other than a
    :class:`~kpss.model.services.Service` with the same identifier is reported once (naming
    the service) and skipped for the rest of the run.
    """
    manager = get_plugin_manager()
    result = catalog.copy()
    impls = _implementations("enrich_service")
    if not impls:
        return result
    broken: set[str] = set()
    for identifier in list(result.services):
        service = result.services[identifier]
        for impl in impls:
            if impl.plugin_name in broken:
                continue
            try:
                changed = _call(impl, "enrich_service", {"service": service, "catalog": catalog})
                if changed is not None and not isinstance(changed, Service):
                    raise TypeError(f"expected a Service or None, got {type(changed).__name__}")
                if changed is not None and changed.identifier != identifier:
                    raise ValueError(f"returned service {changed.identifier!r}, a different one")
            except Exception as exc:
                broken.add(impl.plugin_name)
                _report(
                    manager,
                    impl.plugin_name,
                    f"enrich_service failed for service {identifier}: {_describe(exc)}",
                )
                continue
            if changed is not None:
                service = changed
        result.services[identifier] = service
    return result


def plugin_plan_problems(plan: Plan) -> list[Finding]:
    """Problems every ``validate_plan`` implementation finds in *plan*, in plugin order.

    A plugin that raises, or yields something other than a :class:`~kpss.errors.Finding`, is
    reported as a plugin problem; the other rules still run.
    """
    manager = get_plugin_manager()
    problems: list[Finding] = []
    for impl in _implementations("validate_plan"):
        try:
            found = list(_call(impl, "validate_plan", {"plan": plan}) or ())
            wrong = [p for p in found if not isinstance(p, Finding)]
            if wrong:
                raise TypeError(f"expected Finding objects, got {type(wrong[0]).__name__}")
        except Exception as exc:
            _report(manager, impl.plugin_name, f"validate_plan failed: {_describe(exc)}")
            continue
        problems.extend(found)
    return problems
