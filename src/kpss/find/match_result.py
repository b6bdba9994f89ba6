"""Results of matching a local list to the register: records, JSON/CSV writers, report.

:class:`MatchResult` is what :meth:`kpss.find.match.Matcher.match` returns; ``to_json`` is the
``kpss match -o OUT.json`` contract of the CLI.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs

from kpss.atomic import atomic_text
from kpss.find.local_list import LocalList
from kpss.model.catalog import Catalog
from kpss.safe_output import csv_row

__all__ = ["Ambiguous", "Candidate", "Match", "MatchResult"]


@attrs.frozen
class Candidate:
    """A register service proposed for a local row, with its score."""

    identifier: str
    score: float
    reason: str = ""


@attrs.frozen
class Match:
    """A local row matched to one register service."""

    local_index: int
    identifier: str
    score: float
    reason: str


@attrs.frozen
class Ambiguous:
    """A local row with several plausible services: for a human to decide."""

    local_index: int
    candidates: tuple[Candidate, ...]


@attrs.define
class MatchResult:
    """Matched, ambiguous and unmatched rows and register services."""

    matched: list[Match]
    ambiguous: list[Ambiguous]
    unmatched_local: list[int]
    unmatched_register: list[str]
    local: LocalList
    catalog: Catalog

    def to_json(self) -> dict[str, Any]:
        """The ``kpss match`` output of the CLI contract (plus ``title`` for people)."""

        def title(identifier: str) -> str:
            service = self.catalog.service(identifier)
            return service.title if service else ""

        return {
            "matched": [
                {
                    "local_index": m.local_index,
                    "identifikator": m.identifier,
                    "score": m.score,
                    "reason": m.reason,
                    "title": title(m.identifier),
                }
                for m in self.matched
            ],
            "ambiguous": [
                {
                    "local_index": a.local_index,
                    "candidates": [
                        {
                            "identifikator": c.identifier,
                            "score": c.score,
                            "title": title(c.identifier),
                        }
                        for c in a.candidates
                    ],
                }
                for a in self.ambiguous
            ],
            "unmatched_local": list(self.unmatched_local),
            "unmatched_register": list(self.unmatched_register),
        }

    def write_json(self, path: str | Path) -> None:
        """Write :meth:`to_json` atomically."""
        with atomic_text(path) as out:
            json.dump(self.to_json(), out, ensure_ascii=False, indent=2)
            out.write("\n")

    def rows(self) -> list[dict[str, str]]:
        """One row per local entry and per unmatched register service (for CSV)."""
        names = {e.index: e.get("name") for e in self.local.entries}
        rows: list[dict[str, str]] = []

        def service_title(identifier: str) -> str:
            service = self.catalog.service(identifier)
            return service.title if service else ""

        status: dict[int, dict[str, str]] = {}
        for m in self.matched:
            status[m.local_index] = {
                "stav": "shoda",
                "identifikator": m.identifier,
                "score": f"{m.score:g}",
                "reason": m.reason,
                "register_nazev": service_title(m.identifier),
            }
        for a in self.ambiguous:
            status[a.local_index] = {
                "stav": "k posouzení",
                "identifikator": " | ".join(c.identifier for c in a.candidates),
                "score": " | ".join(f"{c.score:g}" for c in a.candidates),
                "reason": "",
                "register_nazev": " | ".join(service_title(c.identifier) for c in a.candidates),
            }
        for index in self.unmatched_local:
            status[index] = {"stav": "nenalezeno v registru"}
        for index in sorted(status):
            rows.append(
                {"local_index": str(index), "local_nazev": names.get(index, ""), **status[index]}
            )
        for identifier in self.unmatched_register:
            rows.append(
                {
                    "stav": "chybí v místním seznamu",
                    "identifikator": identifier,
                    "register_nazev": service_title(identifier),
                }
            )
        return rows

    def write_csv(self, path: str | Path) -> None:
        """Write :meth:`rows` as UTF-8 CSV (with BOM, so that Excel reads the diacritics).

        Every cell goes through :func:`kpss.safe_output.csv_cell`: a name from the local
        list or the register that starts with ``=``, ``+``, ``-`` or ``@`` is not a formula.
        """
        fields = ["local_index", "local_nazev", "stav", "identifikator", "score", "reason",
                  "register_nazev"]  # fmt: skip
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(csv_row(row) for row in self.rows())
        with atomic_text(path, encoding="utf-8-sig") as out:
            out.write(buffer.getvalue())

    def report(self) -> str:
        """A readable summary in Czech for the coordinator."""
        names = {e.index: e.get("name") for e in self.local.entries}

        def service(identifier: str) -> str:
            found = self.catalog.service(identifier)
            return f"{found.title} [{identifier}]" if found else identifier

        lines = [
            f"Porovnání místního seznamu {self.local.source} s registrem",
            f"  řádků seznamu: {len(self.local)}; služeb registru: {len(self.catalog)}",
            f"  shoda: {len(self.matched)}; k posouzení: {len(self.ambiguous)}; "
            f"nenalezeno v registru: {len(self.unmatched_local)}; "
            f"chybí v seznamu: {len(self.unmatched_register)}",
            "",
            "Shoda:",
        ]
        lines += [
            f"  {m.local_index}: {names.get(m.local_index, '')} → {service(m.identifier)} "
            f"(skóre {m.score:g}, {m.reason})"
            for m in self.matched
        ] or ["  (žádná)"]
        lines += ["", "K posouzení:"]
        for a in self.ambiguous:
            lines.append(f"  {a.local_index}: {names.get(a.local_index, '')}")
            lines += [f"      ? {service(c.identifier)} (skóre {c.score:g})" for c in a.candidates]
        if not self.ambiguous:
            lines.append("  (žádné)")
        lines += ["", "Řádky seznamu, které v registru nejsou:"]
        lines += [f"  {i}: {names.get(i, '')}" for i in self.unmatched_local] or ["  (žádné)"]
        lines += ["", "Služby registru, které v seznamu chybí:"]
        lines += [f"  {service(i)}" for i in self.unmatched_register] or ["  (žádné)"]
        return "\n".join(lines) + "\n"
