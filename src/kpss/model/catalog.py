"""The catalogue: registered services and their providers, with lookups.

It also holds related services that are not registered (návazné služby) which a
coordinator added (:mod:`kpss.additions`), apart from the register's services.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

import attrs

from kpss.errors import KpssError
from kpss.model.actors import Provider
from kpss.model.codes import CodeBook
from kpss.model.law import Form, ServiceKind
from kpss.model.services import RelatedService, Service


class ProviderConflictError(KpssError, ValueError):
    """A service names a provider whose data differs from the provider already held."""


@attrs.define
class Catalog:
    """Services by register identifier and providers by IČO (or by name, lacking an IČO).

    ``codes`` are the code lists the data was read with (labels for ids). ``snapshot_date``
    is the date of the register snapshot the catalogue comes from, when known.
    ``related`` are related services that are not registered (návazné služby) by their
    key in the additions file; they are never among ``services`` and every output marks
    them :data:`~kpss.model.services.NOT_REGISTERED`.
    """

    services: dict[str, Service] = attrs.field(factory=dict)
    providers: dict[str, Provider] = attrs.field(factory=dict)
    codes: CodeBook = attrs.field(factory=CodeBook)
    source: str | None = None
    snapshot_date: dt.date | None = None
    related: dict[str, RelatedService] = attrs.field(factory=dict)
    _index: dict[str, dict[str, list[str]]] | None = attrs.field(
        default=None, init=False, repr=False, eq=False
    )

    @classmethod
    def of(
        cls, services: Iterable[Service], codes: CodeBook | None = None, source: str | None = None
    ) -> Catalog:
        """A catalogue of *services*; their providers must agree where they share an IČO."""
        catalog = cls(codes=codes or CodeBook(), source=source)
        for service in services:
            catalog.add(service)
        return catalog

    # -- building ----------------------------------------------------------------------
    def add(self, service: Service) -> Service:
        """Add *service* (replacing one with the same identifier) and its provider.

        Raise :class:`ProviderConflictError` when another provider with the same key is
        already held with different data; the caller decides how to merge and report.
        """
        key = service.provider.key
        held = self.providers.get(key)
        if held is None:
            self.providers[key] = service.provider
        elif held != service.provider:
            raise ProviderConflictError(
                f"provider {key} of service {service.identifier} differs from the one held"
            )
        elif held is not service.provider:
            service = attrs.evolve(service, provider=held)
        self.services[service.identifier] = service
        self._index = None
        return service

    def copy(self) -> Catalog:
        """A copy with its own dicts of services, providers and related services (the
        records themselves are shared: they are frozen); codes, source and date alike."""
        return Catalog(
            services=dict(self.services),
            providers=dict(self.providers),
            codes=self.codes,
            source=self.source,
            snapshot_date=self.snapshot_date,
            related=dict(self.related),
        )

    def replace(self, service: Service) -> None:
        """Replace a held service by a changed copy (e.g. enriched by a plugin)."""
        if service.identifier not in self.services:
            raise KeyError(service.identifier)
        self.services[service.identifier] = service
        self._index = None

    # -- plain access ------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.services)

    def __iter__(self) -> Iterator[Service]:
        return iter(self.services.values())

    def __contains__(self, identifier: object) -> bool:
        return identifier in self.services

    def service(self, identifier: str) -> Service | None:
        """Service by register identifier (``identifikator``)."""
        return self.services.get(identifier)

    def provider(self, ico: str) -> Provider | None:
        """Provider by IČO (8 characters, leading zeros kept)."""
        return self.providers.get(ico)

    def services_of(self, provider: Provider | str) -> list[Service]:
        """Services of a provider given as an object or an IČO."""
        key = provider if isinstance(provider, str) else provider.key
        return self._lookup("provider", key)

    def label(self, code_id: str) -> str | None:
        """Label of a code id from the catalogue's code lists; ``None`` when unknown."""
        return self.codes.label(code_id)

    def related_in(self, obec_codes: Iterable[str]) -> list[RelatedService]:
        """Related (not registered) services located in, or serving, any of the obce."""
        wanted = frozenset(obec_codes)
        return [r for r in self.related.values() if r.all_obce() & wanted]

    # -- queries -----------------------------------------------------------------------
    def by_kind(self, kind: ServiceKind | str) -> list[Service]:
        """Services of a kind: a :class:`~kpss.model.law.ServiceKind` or a raw register code."""
        if isinstance(kind, ServiceKind):
            return self._lookup("kind", kind.key)
        return self._lookup("kind_code", kind)

    def by_target_group(self, code_id: str) -> list[Service]:
        """Services for a target group (``CilovaSkupinaOsoby/…``)."""
        return self._lookup("group", code_id)

    def in_obce(self, obec_codes: Iterable[str]) -> list[Service]:
        """Services located in, or serving, any of the given obce."""
        seen: set[str] = set()
        for code in obec_codes:
            seen.update(self._index_for("obec").get(code, ()))
        return [s for s in self.services.values() if s.identifier in seen]

    def active_on(self, on: dt.date) -> list[Service]:
        """Services provided on the given date."""
        return [s for s in self.services.values() if s.is_active(on)]

    def query(
        self,
        *,
        kinds: Iterable[ServiceKind | str] = (),
        target_groups: Iterable[str] = (),
        obce: Iterable[str] | None = None,
        forms: Iterable[Form] = (),
        active_on: dt.date | None = None,
        where: Callable[[Service], bool] | None = None,
    ) -> list[Service]:
        """Services matching all given criteria (each multi-valued criterion is an OR)."""
        result = list(self.services.values())
        kind_list = list(kinds)
        if kind_list:
            wanted = {s.identifier for k in kind_list for s in self.by_kind(k)}
            result = [s for s in result if s.identifier in wanted]
        group_list = list(target_groups)
        if group_list:
            wanted = {s.identifier for g in group_list for s in self.by_target_group(g)}
            result = [s for s in result if s.identifier in wanted]
        if obce is not None:
            wanted = {s.identifier for s in self.in_obce(obce)}
            result = [s for s in result if s.identifier in wanted]
        form_set = frozenset(forms)
        if form_set:
            result = [s for s in result if s.form_set & form_set]
        if active_on is not None:
            result = [s for s in result if s.is_active(active_on)]
        if where is not None:
            result = [s for s in result if where(s)]
        return result

    # -- indexes -----------------------------------------------------------------------
    def _lookup(self, index: str, key: str) -> list[Service]:
        return [self.services[i] for i in self._index_for(index).get(key, ())]

    def _index_for(self, name: str) -> dict[str, list[str]]:
        if self._index is None:
            self._index = self._build_index()
        return self._index[name]

    def _build_index(self) -> dict[str, dict[str, list[str]]]:
        index: dict[str, dict[str, list[str]]] = {
            name: defaultdict(list) for name in ("provider", "kind", "kind_code", "group", "obec")
        }
        for service in self.services.values():
            ident = service.identifier
            index["provider"][service.provider.key].append(ident)
            index["kind_code"][service.kind_code].append(ident)
            if service.kind is not None:
                index["kind"][service.kind.key].append(ident)
            for group in dict.fromkeys(service.target_groups):
                index["group"][group].append(ident)
            for obec in service.obce():
                index["obec"][obec].append(ident)
        return index
