"""Small builders for the additions tests: files, pictures and a hand-made catalogue."""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import textwrap
import zlib
from pathlib import Path

from kpss.model import Address, Catalog, Contact, ContactKind, Facility, Provider, Service

#: Obec codes of the Kralovicko seat and a neighbour (packaged territory).
KRALOVICE = "559075"
MLADOTICE = "559237"


def write(folder: Path, name: str, text: str) -> Path:
    """*text* (dedented) written to *folder/name*."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


#: The example's photo: a real JPEG in the repository.
EXAMPLE_JPEG = (
    Path(__file__).resolve().parents[2]
    / "examples/data/rpss-plzensky/fotky/klub-senioru-kralovice.jpg"
)


def _png(width: int = 4, height: int = 3) -> bytes:
    """A real PNG of one colour, written with the standard library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xc8\x78\x28" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def picture(path: Path, kind: str = "JPEG") -> Path:
    """A small real picture at *path*: the example's JPEG, or a generated PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "PNG":
        path.write_bytes(_png())
    else:
        shutil.copyfile(EXAMPLE_JPEG, path)
    return path


def line_of(path: Path, text: str, after: int = 0) -> int:
    """The number of the first line of *path* (after line *after*) that contains *text*."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number > after and text in line:
            return number
    raise AssertionError(f"{text!r} is not in {path}")


def catalog() -> Catalog:
    """Three services: one in Kralovice, one ended, one with a secret facility."""
    town = Provider(
        "Město Kralovice",
        "00257966",
        contacts=(Contact(ContactKind.PHONE, "373 396 111"),),
    )
    charity = Provider("Charita Kralovice", "03593207")
    return Catalog.of(
        [
            Service(
                "1000001",
                "DruhSocialniSluzby/4",
                town,
                name="Pečovatelská služba Kralovice",
                facilities=(
                    Facility(
                        "Dům s pečovatelskou službou",
                        Address(street="Markova", house_number=2, obec_code=KRALOVICE),
                        secret_address=False,
                    ),
                ),
                contacts=(
                    Contact(ContactKind.PHONE, "373 396 100"),
                    Contact(ContactKind.EMAIL, "pecovatelska@kralovice.cz"),
                ),
                service_area=frozenset({KRALOVICE, MLADOTICE}),
            ),
            Service(
                "1000002",
                "DruhSocialniSluzby/13",
                charity,
                name="Odborné sociální poradenství Charity",
                valid_to=dt.date(2020, 12, 31),
            ),
            Service(
                "1000003",
                "DruhSocialniSluzby/25",
                charity,
                name="Azylový dům pro matky s dětmi",
                facilities=(
                    Facility(
                        "Azylový dům",
                        Address(street="Tajná", house_number=13, obec_code=KRALOVICE),
                        secret_address=True,
                    ),
                ),
            ),
        ],
        source="rpss.json",
    )
