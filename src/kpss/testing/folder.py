"""Writes a synthetic register folder: rpss.json, rpss.xml, ciselniky/, manifest.json.

Items are generated one at a time and streamed into both files, so memory stays bounded
at national size. The folder is built beside the target and moved into place when it is
complete: an interrupted run leaves no half-written register. A target that holds anything
but an earlier register of this generator is refused, never written over.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import attrs

from kpss.errors import UsageError
from kpss.testing import code_lists, faults, rendition
from kpss.testing.generator import Item, ItemMaker, Plan
from kpss.testing.info import (
    GENERATOR,
    GENERATOR_VERSION,
    Counts,
    DamagedRecord,
    RegisterInfo,
    count_item,
)
from kpss.testing.spec import NATIONAL_SERVICES, REFERENCE_DATE, Fault, RegisterSpec


def write_register(
    folder: str | os.PathLike[str],
    *,
    services: int = NATIONAL_SERVICES,
    seed: int = 1,
    xml: bool = False,
    faults: Iterable[Fault | str] | str = (),
    kraj: str | int | None = None,
    obce: Iterable[str | int] | None = None,
) -> RegisterInfo:
    """Write a synthetic register into *folder* and return what it holds.

    The same arguments give byte-identical files. *services* from 1 to 100,000 (default
    the national 6,733); *xml* also writes ``rpss.xml``; *faults* names broken variants
    (:class:`Fault`, combinable); *kraj* (RÚIAN code such as ``"43"``, or the name) or
    *obce* (ČSÚ codes) confine the territory. Raises :class:`~kpss.errors.UsageError` for
    arguments that cannot be met.
    """
    spec = RegisterSpec(services, seed, xml, faults, kraj, obce)
    return write_spec(folder, spec)


def write_spec(folder: str | os.PathLike[str], spec: RegisterSpec) -> RegisterInfo:
    """Write the register of *spec* into *folder* (see :func:`write_register`)."""
    target = Path(folder)
    _check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.parent / f".{target.name}.kpss-testing-{os.getpid()}"
    if building.exists():
        shutil.rmtree(building)
    building.mkdir()
    try:
        info = _Writer(building, spec).write()
        _move_into_place(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return RegisterInfo(target, info.spec, info.counts, info.damaged, info.files)


def _check_target(target: Path) -> None:
    if target.is_file():
        raise UsageError(f"{target} is a file; expected a folder for the register")
    if not target.is_dir() or not any(target.iterdir()):
        return
    try:
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        ours = manifest.get("generator") == GENERATOR
    except (OSError, ValueError, AttributeError):
        ours = False
    if not ours:
        raise UsageError(
            f"{target} is not empty and holds no register written by {GENERATOR}; "
            "refusing to write over it (give an empty or new folder)"
        )


def _move_into_place(building: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.kpss-testing-old-{os.getpid()}"
        target.rename(old)
    building.rename(target)
    if old is not None:
        shutil.rmtree(old)


class _File:
    """A file written in parts, hashed and measured on the way."""

    def __init__(self, path: Path) -> None:
        self.handle: IO[bytes] = path.open("wb")
        self.hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.hash.update(data)
        self.size += len(data)

    def close(self) -> dict[str, Any]:
        self.handle.close()
        return {"size": self.size, "sha256": self.hash.hexdigest()}


def _cut(data: bytes) -> bytes:
    """About the first half of one record, never inside a UTF-8 character."""
    end = len(data) // 2
    while end and data[end] & 0xC0 == 0x80:
        end -= 1
    return data[:end]


def _swap(data: bytes, mark: str, replacement: bytes) -> tuple[bytes, int]:
    """*data* with *mark* replaced, and the offset of the first replacement."""
    encoded = mark.encode()
    return data.replace(encoded, replacement), data.index(encoded)


class _Streams:
    """rpss.json and rpss.xml being written, item by item; positions of the records."""

    def __init__(self, folder: Path, spec: RegisterSpec) -> None:
        self.json = _File(folder / "rpss.json")
        self.xml = _File(folder / "rpss.xml") if spec.xml else None
        head = rendition.HEADER + (faults.XXE_DOCTYPE if Fault.XXE in spec.faults else "")
        head += rendition.ROOT_START
        self.line = head.count("\n") + 1  # where the next record starts in rpss.xml
        self.json.write(b'{"polozky":[')
        if self.xml:
            self.xml.write(head.encode())
        self.count = 0

    def next_record(self) -> tuple[int, int | None, int | None]:
        """Where the next record starts: byte in rpss.json, line and byte in rpss.xml."""
        byte = self.json.size + (1 if self.count else 0)
        if self.xml is None:
            return byte, None, None
        return byte, self.line, self.xml.size

    def write(self, data: bytes, xml_data: bytes) -> None:
        self.json.write((b"," if self.count else b"") + data)
        if self.xml:
            self.xml.write(xml_data)
            self.line += xml_data.count(b"\n")  # long texts hold line breaks
        self.count += 1

    def close(self, complete: bool) -> dict[str, dict[str, Any]]:
        if complete:
            self.json.write(b"]}")
            if self.xml:
                self.xml.write(rendition.ROOT_END.encode())
        files = {"rpss.json": self.json.close()}
        if self.xml:
            files["rpss.xml"] = self.xml.close()
        return files


class _Writer:
    """Streams the items of one spec into a folder, damaging the records of its faults."""

    def __init__(self, folder: Path, spec: RegisterSpec) -> None:
        self.folder = folder
        self.spec = spec
        self.plan = Plan(spec)
        self.maker = ItemMaker(self.plan)
        self.tally: collections.Counter[str] = collections.Counter()
        self.targets = {t.index: t for t in faults.targets(spec).values()}
        self.earlier = {t.same_as for t in self.targets.values() if t.same_as is not None}
        self.kept: dict[int, Item] = {}
        self.damaged: list[DamagedRecord] = []
        self.renderer = rendition.Renderer(self.plan.shared)

    def write(self) -> RegisterInfo:
        streams = _Streams(self.folder, self.spec)
        complete = True
        for i in range(self.spec.services):
            item = self.maker.make(i)
            count_item(item, self.tally)
            if i in self.earlier:
                self.kept[i] = item
            target = self.targets.get(i)
            if target is None:
                streams.write(self._json(item), self._xml(item))
            elif self._write_damaged(streams, target, item):
                for rest in range(i + 1, self.spec.services):  # the counts: the clean data
                    count_item(self.maker.make(rest), self.tally)
                complete = False
                break
        files = streams.close(complete)
        files.update(_write_code_lists(self.folder / "ciselniky", self.plan))
        return self._finish(files)

    def _json(self, item: Item) -> bytes:
        return json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode()

    def _xml(self, item: Item) -> bytes:
        return self.renderer.item(item).encode() if self.spec.xml else b""

    def _write_damaged(self, streams: _Streams, target: faults.Target, item: Item) -> bool:
        """Write the damaged record of *target*; whether the files end with it."""
        fault = target.fault
        record_byte, record_line, xml_start = streams.next_record()
        json_byte = xml_byte = None
        if fault.in_items:
            damaged = dict(item)
            same = self.kept.get(target.same_as) if target.same_as is not None else None
            detail = faults.damage_item(target, damaged, same)
            data, xml_data = self._json(damaged), self._xml(damaged)
        elif fault is Fault.BAD_UTF8:
            damaged = faults.bad_utf8_item(item)
            detail = "bytes C3 28 (invalid UTF-8) inside zarizeni[0].nazev"
            data, at = _swap(self._json(damaged), faults.BAD_UTF8_MARK, faults.BAD_UTF8_BYTES)
            json_byte = record_byte + at
            xml_data = self._xml(damaged)
            if xml_start is not None:
                xml_data, at = _swap(xml_data, faults.BAD_UTF8_MARK, faults.BAD_UTF8_BYTES)
                xml_byte = xml_start + at
        elif fault is Fault.XXE:
            damaged, detail = item, "&xxe; in zarizeni[0].nazev, &lol9; in poskytovatel.nazev"
            data = self._json(item)  # rpss.json stays clean
            xml_data, at = _swap(self._xml(faults.xxe_item(item)), faults.XXE_MARK, b"&xxe;")
            xml_data, _ = _swap(xml_data, faults.BOMB_MARK, b"&lol9;")
            xml_byte = (xml_start or 0) + at
        else:  # truncated
            damaged, detail = item, "the files end in the middle of this record"
            data, xml_data = _cut(self._json(item)), _cut(self._xml(item))
            json_byte = record_byte + len(data)
            xml_byte = xml_start + len(xml_data) if xml_start is not None else None
        streams.write(data, xml_data)
        self.damaged.append(
            DamagedRecord(
                fault=fault,
                index=target.index,
                identifier=str(damaged["identifikator"]),
                field=faults.FIELDS[fault],
                detail=detail,
                record_byte=record_byte,
                record_line=record_line,
                json_byte=json_byte,
                xml_byte=xml_byte,
                same_as=target.same_as,
            )
        )
        return fault is Fault.TRUNCATED

    def _finish(self, files: dict[str, dict[str, Any]]) -> RegisterInfo:
        spec, traps = self.spec, self.maker.tally
        counts = Counts(
            providers=len(self.plan.providers),
            duplicate_facilities=traps.duplicate_facilities,
            floor_facilities=traps.floor_facilities,
            **self.tally,
        )
        damaged = tuple(sorted(self.damaged, key=lambda d: list(Fault).index(d.fault)))
        manifest = {
            "generator": GENERATOR,
            "version": GENERATOR_VERSION,
            "reference_date": REFERENCE_DATE.isoformat(),
            "spec": {
                "services": spec.services,
                "seed": spec.seed,
                "xml": spec.xml,
                "faults": [f.value for f in spec.faults],
                "kraj": spec.kraj,
                "obce": list(spec.obce) if spec.obce is not None else None,
            },
            "counts": attrs.asdict(counts),
            "damaged": [d.to_json() for d in damaged],
            "files": files,
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
        (self.folder / "manifest.json").write_text(text, encoding="utf-8")
        sizes = {name: entry["size"] for name, entry in files.items()}
        return RegisterInfo(self.folder, spec, counts, damaged, sizes)


def _write_code_lists(folder: Path, plan: Plan) -> dict[str, dict[str, Any]]:
    folder.mkdir()
    contents = dict(code_lists.static_files())
    contents[code_lists.TERRITORY_FILES["CastObce"]] = code_lists.parts_file(plan.parts.used)
    contents["README.md"] = code_lists.readme().encode()
    written = {}
    for name, content in sorted(contents.items()):
        (folder / name).write_bytes(content)
        written[f"ciselniky/{name}"] = {
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    return written
