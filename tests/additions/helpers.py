"""Small builders for the additions tests: files, pictures and a hand-made catalogue."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from pathlib import Path

from PIL import Image

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


def picture(path: Path, kind: str = "JPEG") -> Path:
    """A small real picture at *path*."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 120, 40)).save(buffer, kind)
    path.write_bytes(buffer.getvalue())
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
