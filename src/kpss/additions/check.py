"""``kpss additions check``: an additions file against the register.

Every problem of reading (:mod:`kpss.additions.reader`) is an error; besides those, an
identifikator that is not in the register is an error listing the closest services (a
close identifikator, and the services :class:`~kpss.find.match.Matcher` finds for the
entry's ``nazev``); an entry for a service that has ended is a warning, and so is a
``nazev`` far from every name of its service (the identifikator may be a wrong one).
Each finding names the file, line and field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from kpss.additions.apply import ended_warning
from kpss.additions.format import Additions, ServiceEntry
from kpss.additions.reader import read_with_problems
from kpss.errors import Finding, Location, Severity
from kpss.model.catalog import Catalog
from kpss.model.names import fold
from kpss.model.services import Service
from kpss.model.territory import Territory

#: How many closest services an unknown identifikator lists.
CLOSEST = 3
#: ``token_set_ratio`` under which a ``nazev`` does not look like its service's names.
NAME_SCORE = 60.0


def check_additions(
    path: str | Path,
    catalog: Catalog,
    *,
    territory: Territory | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Every problem of the additions in *path* measured against *catalog* (the register,
    ended services included), errors and warnings, in file and line order."""
    additions, problems = read_with_problems(path, territory)
    problems += check_against(additions, catalog, territory=territory, today=today)
    return sorted(problems, key=lambda p: (p.location.file or "", p.location.line or 0))


def check_against(
    additions: Additions,
    catalog: Catalog,
    *,
    territory: Territory | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """The problems of read *additions* against *catalog* (see the module docstring)."""
    day = today or dt.date.today()
    problems: list[Finding] = []
    unknown: list[ServiceEntry] = []
    for entry in additions.services.values():
        service = catalog.service(entry.identifier)
        if service is None:
            unknown.append(entry)
            continue
        if service.valid_to is not None and service.valid_to < day:
            problems.append(ended_warning(entry, service))
        if entry.name and not _named_alike(entry.name, service):
            problems.append(
                Finding(
                    f"nazev {entry.name!r} does not look like this service "
                    f"({service.title!r}, {service.provider.name}); is the identifikator right?",
                    Location(
                        file=entry.file, line=entry.line, identifier=entry.identifier, field="nazev"
                    ),
                    Severity.WARNING,
                )
            )
    if unknown:
        closest = _closest(unknown, catalog, territory)
        for entry in unknown:
            problems.append(_unknown(entry, closest.get(entry.identifier, []), catalog))
    return problems


def _named_alike(name: str, service: Service) -> bool:
    from rapidfuzz import fuzz

    names = [service.title, service.name or "", service.provider.name]
    names += [f.name for f in service.facilities]
    wanted = fold(name)
    return any(fuzz.token_set_ratio(wanted, fold(n)) >= NAME_SCORE for n in names if n)


def _closest(
    entries: Sequence[ServiceEntry], catalog: Catalog, territory: Territory | None
) -> dict[str, list[str]]:
    """Closest register identifiers per entry: by the entry's nazev, then close spellings."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    found: dict[str, list[str]] = {e.identifier: [] for e in entries}
    named = [e for e in entries if e.name]
    if named:
        from kpss.find.local_list import LocalList
        from kpss.find.match import Matcher

        local = LocalList.of([{"name": e.name or ""} for e in named], source="additions")
        result = Matcher(catalog, territory).match(local)
        for match in result.matched:
            found[named[match.local_index].identifier].append(match.identifier)
        for ambiguous in result.ambiguous:
            ids = [c.identifier for c in ambiguous.candidates]
            found[named[ambiguous.local_index].identifier].extend(ids)
    identifiers = list(catalog.services)
    for entry in entries:
        near = process.extract(
            entry.identifier,
            identifiers,
            scorer=Levenshtein.distance,
            score_cutoff=2,
            limit=CLOSEST,
        )
        found[entry.identifier].extend(ident for ident, _, _ in near)
    return {k: list(dict.fromkeys(v))[:CLOSEST] for k, v in found.items()}


def _unknown(entry: ServiceEntry, closest: list[str], catalog: Catalog) -> Finding:
    def describe(identifier: str) -> str:
        service = catalog.services[identifier]
        return f"{identifier} {service.title} ({service.provider.name})"

    if closest:
        hint = "; closest: " + "; ".join(describe(i) for i in closest)
    elif entry.name:
        hint = "; no service with a close identifikator or name"
    else:
        hint = "; no service with a close identifikator (write its nazev to search by name)"
    return Finding(
        f"identifikator {entry.identifier} is not in the register{hint}",
        Location(
            file=entry.file, line=entry.line, identifier=entry.identifier, field="identifikator"
        ),
    )
