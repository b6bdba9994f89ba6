"""What a written synthetic register holds: :class:`RegisterInfo`, :class:`Counts`, damage.

``manifest.json`` in the folder carries the same facts; :meth:`RegisterInfo.read` reads it
back. A :class:`RegisterInfo` behaves like its folder: ``info / "rpss.json"`` is a path and
``os.fspath(info)`` the folder.
"""

from __future__ import annotations

import collections
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from kpss.errors import DataError, KpssError, Location
from kpss.testing.spec import REFERENCE_DATE, Fault, RegisterSpec

#: Written in ``manifest.json``; a folder of another generator is never written over.
GENERATOR = "kpss.testing"
#: Raised when the output of the same arguments changes (the version in manifest.json).
GENERATOR_VERSION = 1
_TODAY = REFERENCE_DATE.isoformat()
_SENIORS = "CilovaSkupinaOsoby/24"


@attrs.frozen
class Counts:
    """What the generated data holds (the clean data, before any fault is applied)."""

    services: int = 0
    facilities: int = 0
    providers: int = 0
    ended: int = 0
    """Services whose ``datumPoskytovaniDo`` lies before the reference date."""
    future_starts: int = 0
    """Services whose ``datumPoskytovaniOd`` lies after the reference date."""
    secret_facilities: int = 0
    """Facilities with ``utajenaAdresa: true`` and ``adresa: null``."""
    facilities_without_address_point: int = 0
    """Facilities with an address but no ``kodAdresnihoMista``."""
    duplicate_facilities: int = 0
    """Facility entries repeating an earlier one of their service (exactly, or with a
    trailing space in the name): kpss merges each with a warning."""
    floor_facilities: int = 0
    """Extra entries for floors of one building (other names, same address)."""
    services_with_seniors: int = 0
    services_with_service_area: int = 0
    """Services with ``rozsirenePusobnostiVKraji`` entries."""
    facility_heads: int = 0
    """Facilities naming a head (``vedouci``): personal data."""
    forms: int = 0
    capacities: int = 0
    documents: int = 0
    """Entries of ``doplnkoveUdaje`` (each with ``priloha.url``)."""


def count_item(item: Mapping[str, Any], tally: collections.Counter[str]) -> None:
    """Add what one clean item holds to *tally* (keys: the fields of :class:`Counts`)."""
    tally["services"] += 1
    end = item["datumPoskytovaniDo"]
    tally["ended"] += end is not None and end < _TODAY
    tally["future_starts"] += item["datumPoskytovaniOd"] > _TODAY
    for facility in item["zarizeni"]:
        address = facility["adresa"]
        tally["facilities"] += 1
        tally["secret_facilities"] += facility["utajenaAdresa"]
        tally["facilities_without_address_point"] += (
            address is not None and address["kodAdresnihoMista"] is None
        )
        tally["facility_heads"] += facility["vedouci"] is not None
    tally["services_with_seniors"] += any(
        group["cilovaSkupina"]["id"] == _SENIORS for group in item["ciloveSkupiny"]
    )
    tally["services_with_service_area"] += bool(item["rozsirenePusobnostiVKraji"])
    tally["forms"] += len(item["formy"])
    tally["capacities"] += sum(len(form["kapacity"]) for form in item["formy"])
    tally["documents"] += sum(len(entries) for entries in item["doplnkoveUdaje"].values())


@attrs.frozen
class DamagedRecord:
    """One record a fault damaged, and where the damage is in the files.

    ``index`` is the record's position in ``polozky`` (0-based) and ``identifier`` its
    ``identifikator`` as written (for ``duplicate-id`` the copied one). ``record_byte`` is
    where the record starts in rpss.json, ``record_line`` the line of its ``<polozka>`` in
    rpss.xml. ``json_byte`` / ``xml_byte`` give the first damaged byte where the fault is
    in the bytes (bad UTF-8, the cut, the entity reference), else ``None``.
    """

    fault: Fault
    index: int
    identifier: str
    field: str | None
    detail: str
    record_byte: int | None = None
    record_line: int | None = None
    json_byte: int | None = None
    xml_byte: int | None = None
    same_as: int | None = None
    """``duplicate-id``: the index of the earlier record whose ids were copied."""

    def to_json(self) -> dict[str, Any]:
        """The record as written in ``manifest.json``."""
        data = attrs.asdict(self)
        data["fault"] = self.fault.value
        return data


@attrs.frozen
class RegisterInfo:
    """A written synthetic register: its folder, how it was made, what it holds."""

    folder: Path
    spec: RegisterSpec
    counts: Counts
    damaged: tuple[DamagedRecord, ...] = ()
    files: Mapping[str, int] = attrs.field(factory=dict)
    """Size in bytes of every file written, by path relative to the folder."""

    @property
    def json(self) -> Path:
        """``rpss.json``."""
        return self.folder / "rpss.json"

    @property
    def xml(self) -> Path | None:
        """``rpss.xml``, or ``None`` when none was written."""
        return self.folder / "rpss.xml" if self.spec.xml else None

    @property
    def codes(self) -> Path:
        """The folder of code lists (``ciselniky``), for ``codes=`` of kpss's readers."""
        return self.folder / "ciselniky"

    @property
    def manifest(self) -> Path:
        """``manifest.json``."""
        return self.folder / "manifest.json"

    def damage(self, fault: Fault | str) -> DamagedRecord:
        """The record *fault* damaged; ``KeyError`` when the register has no such fault."""
        wanted = Fault(fault)
        for record in self.damaged:
            if record.fault is wanted:
                return record
        raise KeyError(f"the register was written without fault {wanted.value!r}")

    def __truediv__(self, name: str) -> Path:
        return self.folder / name

    def __fspath__(self) -> str:
        return os.fspath(self.folder)

    @classmethod
    def read(cls, folder: str | os.PathLike[str]) -> RegisterInfo:
        """The info of a register written earlier, from its ``manifest.json``."""
        path = Path(folder) / "manifest.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("generator") != GENERATOR:
                raise ValueError(f"not written by {GENERATOR}")
            spec = RegisterSpec(**data["spec"])
            damaged = tuple(
                DamagedRecord(**{**d, "fault": Fault(d["fault"])}) for d in data["damaged"]
            )
            files = {name: entry["size"] for name, entry in data["files"].items()}
            return cls(Path(folder), spec, Counts(**data["counts"]), damaged, files)
        except (OSError, ValueError, KeyError, TypeError, KpssError) as exc:
            raise DataError(
                f"expected the manifest of a register written by {GENERATOR} ({exc})",
                Location(file=str(path)),
            ) from exc
