"""The one cattrs converter: every model object to JSON-ready data and back, losslessly.

Models stay free of serialization code; everything about the wire shape is here. Plugins
that add their own attrs types can take :func:`make_converter` and register more hooks.

>>> from kpss.model import Contact, ContactKind
>>> unstructure(Contact(ContactKind.PHONE, "737 123 970"))
{'kind': 'telefon', 'value': '737 123 970'}
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.v import format_exception

from kpss.errors import ConversionError, Finding, Location
from kpss.limits import quoted
from kpss.model.actors import Provider
from kpss.model.catalog import Catalog
from kpss.model.codes import CodeBook
from kpss.model.law import ServiceKind
from kpss.model.services import Facility, RelatedService, Service
from kpss.plugins.records import ImportReport

T = TypeVar("T")

#: Version of the catalogue file format written by :func:`unstructure` of a Catalog.
CATALOG_FORMAT = "kpss-catalog/1"


def _time_to_text(value: dt.time) -> str:
    if value.second == 0 and value.microsecond == 0:
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _structure_kind(value: Any, _type: type) -> ServiceKind:
    from kpss.reference import law  # reference loads packaged data; import on first use

    if not isinstance(value, str):
        raise TypeError(f"expected a service kind key such as '49' or 'cdz', got {quoted(value)}")
    kind = law().get(value)
    if kind is None:
        raise ValueError(f"unknown service kind {quoted(value)}: expected a key of the law table")
    return kind


def _date(value: Any, _type: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value  # YAML gives dates already parsed
    if not isinstance(value, str):
        raise TypeError(f"expected a date as YYYY-MM-DD, got {quoted(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {quoted(value)}") from None


def _time(value: Any, _type: type) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a time as HH:MM, got {quoted(value)}")
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a time as HH:MM, got {quoted(value)}") from None


def _strict(kind: type, label: str) -> Any:
    def hook(value: Any, _type: type) -> Any:
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise TypeError(f"expected {label}, got {type(value).__name__} {quoted(value)}")
        return value

    return hook


def describe_error(exc: BaseException, type_: Any) -> str:
    """One problem of a structuring error in words (used with ``cattrs.transform_error``)."""
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_keys(exc.extra_fields)
    if isinstance(exc, AttributeError) or (
        isinstance(exc, TypeError) and str(exc).startswith("argument of type")
    ):
        return "expected an object"  # cattrs met a non-mapping where it reads keys
    if (
        isinstance(exc, ValueError | TypeError)
        and str(exc)
        and not isinstance(exc, ClassValidationError | IterableValidationError)
    ):
        return str(exc)
    return format_exception(exc, type_)


def _unknown_keys(keys: Iterable[Any]) -> str:
    """``unknown keys 'a', 'b'`` for a message: the first few, each quoted briefly."""
    names = sorted(str(key) for key in keys)
    shown = ", ".join(quoted(name) for name in names[:6])
    more = f" and {len(names) - 6} more" if len(names) > 6 else ""
    return f"unknown key{'s' if len(names) > 1 else ''} {shown}{more}"


def make_converter() -> cattrs.Converter:
    """A new converter with every kpss hook; extend it freely, it is not shared."""
    converter = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    # No silent coercion: "7" is not an int, 1 is not a string, "ano" is not a boolean.
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(float, _strict(float, "a number"))
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, _date)
    converter.register_unstructure_hook(dt.time, _time_to_text)
    converter.register_structure_hook(dt.time, _time)
    converter.register_unstructure_hook(ServiceKind, lambda kind: kind.key)
    converter.register_structure_hook(ServiceKind, _structure_kind)
    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset or t is frozenset,
        lambda value: sorted(value),
    )

    # A facility always says whether its address is secret: a catalogue without the key
    # (written by hand) is read as secret, so kpss's own files must carry ``false``.
    converter.register_unstructure_hook(
        Facility,
        make_dict_unstructure_fn(
            Facility,
            converter,
            _cattrs_omit_if_default=True,
            secret_address=override(omit_if_default=False),
        ),
    )

    def unstructure_catalog(catalog: Catalog) -> dict[str, Any]:
        services = []
        for service in catalog.services.values():
            data = converter.unstructure(service)
            data["provider"] = service.provider.key
            services.append(data)
        result: dict[str, Any] = {"format": CATALOG_FORMAT}
        if catalog.source is not None:
            result["source"] = catalog.source
        if catalog.snapshot_date is not None:
            result["snapshot_date"] = catalog.snapshot_date.isoformat()
        result["codes"] = converter.unstructure(catalog.codes)
        result["providers"] = [converter.unstructure(p) for p in catalog.providers.values()]
        result["services"] = services
        if catalog.related:
            result["related"] = [converter.unstructure(r) for r in catalog.related.values()]
        return result

    def structure_catalog(data: Any, _type: type) -> Catalog:
        if not isinstance(data, Mapping):
            raise TypeError("expected a catalogue object")
        if data.get("format") != CATALOG_FORMAT:
            raise ValueError(
                f"expected format {CATALOG_FORMAT!r}, got {quoted(data.get('format'))}"
            )
        extra = set(data) - {
            "format",
            "source",
            "snapshot_date",
            "codes",
            "providers",
            "services",
            "related",
        }
        if extra:
            raise ValueError(_unknown_keys(extra))
        problems: list[str] = []

        def part(value: Any, cls: Any, path: str) -> Any:
            """*value* structured as *cls*; its problems collected under *path*."""
            try:
                return converter.structure(value, cls)
            except (ClassValidationError, IterableValidationError) as exc:
                problems.extend(
                    cattrs.transform_error(exc, path=path, format_exception=describe_error)
                )
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                problems.append(f"{describe_error(exc, cls)} @ {path}")
            return None

        by_key: dict[str, Provider] = {}
        broken: set[str] = set()  # raw keys of providers with problems (already reported)
        for index, raw in enumerate(_listed(data, "providers", problems)):
            path = f"$.providers[{index}]"
            if not isinstance(raw, Mapping):
                problems.append(f"expected a provider object @ {path}")
                continue
            provider = part(raw, Provider, path)
            if provider is None:
                broken.add(_raw_provider_key(raw))
            elif provider.key in by_key:
                problems.append(f"the provider {quoted(provider.key)} is listed twice @ {path}")
            else:
                by_key[provider.key] = provider
        codes = part(data.get("codes", {}), CodeBook, "$.codes")
        snapshot = data.get("snapshot_date")
        source = data.get("source")
        if source is not None and not isinstance(source, str):
            problems.append(f"expected a string, got {quoted(source)} @ $.source")
            source = None
        catalog = Catalog(
            codes=codes if codes is not None else CodeBook(),
            source=source,
            snapshot_date=part(snapshot, dt.date, "$.snapshot_date") if snapshot else None,
        )
        catalog.providers.update(by_key)
        for index, raw in enumerate(_listed(data, "services", problems)):
            path = f"$.services[{index}]"
            if not isinstance(raw, Mapping):
                problems.append(f"expected a service object @ {path}")
                continue
            key = raw.get("provider")
            if not isinstance(key, str) or (key not in by_key and key not in broken):
                problems.append(f"expected the key of a listed provider (IČO) @ {path}.provider")
                continue
            service = part({**raw, "provider": {"name": "?"}}, Service, path)
            if service is not None and service.identifier in catalog.services:
                problems.append(
                    f"the service {quoted(service.identifier)} is listed twice @ {path}.identifier"
                )
            elif service is not None and key in by_key:
                catalog.add(_with_provider(service, by_key[key]))
        for index, raw in enumerate(_listed(data, "related", problems)):
            related = part(raw, RelatedService, f"$.related[{index}]")
            if related is not None:
                catalog.related[related.key or related.name] = related
        if problems:
            raise _Problems(problems)
        return catalog

    converter.register_unstructure_hook(Catalog, unstructure_catalog)
    converter.register_structure_hook(Catalog, structure_catalog)
    return converter


class _Problems(ValueError):
    """Every problem found in a catalogue, each with its path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _raw_provider_key(raw: Mapping[str, Any]) -> str:
    """The key (:attr:`Provider.key`) a provider object would have, from its raw data."""
    ico, name = raw.get("ico"), raw.get("name")
    return ico if isinstance(ico, str) else f"nazev:{name if isinstance(name, str) else ''}"


def _listed(data: Mapping[str, Any], key: str, problems: list[str]) -> list[Any]:
    value = data.get(key, [])
    if isinstance(value, list):
        return value
    problems.append(f"expected a list @ $.{key}")
    return []


def _with_provider(service: Service, provider: Provider) -> Service:
    import attrs

    return attrs.evolve(service, provider=provider)


@functools.cache
def get_converter() -> cattrs.Converter:
    """The shared converter used by kpss itself."""
    return make_converter()


def unstructure(obj: Any) -> Any:
    """*obj* as JSON-ready data (dicts, lists, strings, numbers, booleans, ``None``)."""
    return get_converter().unstructure(obj)


def structure(data: Any, cls: type[T], location: Location | None = None) -> T:
    """Data back into *cls*.

    Raise :class:`~kpss.errors.ConversionError` listing every bad field path.
    """
    try:
        return get_converter().structure(data, cls)
    except _Problems as exc:
        raise ConversionError(exc.problems, location) from exc
    except (ClassValidationError, IterableValidationError) as exc:
        problems = cattrs.transform_error(exc, path="$", format_exception=describe_error)
        raise ConversionError(problems, location) from exc
    except (ValueError, TypeError, KeyError) as exc:
        raise ConversionError([f"{exc} @ $"], location) from exc


def report_json(report: ImportReport) -> dict[str, Any]:
    """An import report in the CLI contract's JSON shape (plus each entry's position)."""

    def entry(e: Finding, text_key: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "index": e.index,
            "identifikator": e.identifier,
            "field": e.field,
            text_key: e.message,
        }
        if e.location is not None:
            if e.location.byte is not None:
                data["byte"] = e.location.byte
            if e.location.line is not None:
                data["line"] = e.location.line
        return data

    return {
        "source": report.source,
        "read": report.read,
        "accepted": report.accepted,
        "filtered_out": report.filtered_out,
        "rejected": [entry(e, "reason") for e in report.rejected],
        "warnings": [entry(e, "message") for e in report.warnings],
    }
