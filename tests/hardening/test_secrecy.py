"""Secret addresses fail closed: anything but an explicit ``utajenaAdresa: false`` hides the
street, numbers, PSČ and address point in every output of every exporter (the obec stays),
and the import warns about the record and the field.

The register written here has one service per value of ``utajenaAdresa``; each facility
has its own street, PSČ, orientation number and address point, so one export per exporter
shows which value leaked. A clean ``false`` facility is the control: its street must be in
every output, or the check of that output would prove nothing.
"""

from __future__ import annotations

import copy
import gzip
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

import kpss
from kpss.plugins.manager import get_exporters
from kpss.rpss.item_writers import open_writer, write_all

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "rpss-plzensky" / "rpss.json"
MISSING = object()

#: JSON values of utajenaAdresa that must all count as secret.
JSON_VALUES: list[Any] = [True, "true", 1, "ano", [True], None, MISSING, "false", 0, {}, "1"]
#: The same in the XML rendition: what each becomes after the reader (typed or not).
XML_VALUES: list[Any] = [True, "true", "false", 1, None, MISSING, [False]]


def _base_item() -> dict[str, Any]:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for item in data["polozky"]:
        facilities = item["zarizeni"]
        if facilities and facilities[0]["adresa"] and item["datumPoskytovaniDo"] is None:
            return dict(item)
    raise AssertionError("the sample has no active service with a facility address")


def _street(n: int) -> str:
    return f"Qzxulice{n:02d}"


def _postcode(n: int) -> str:
    return f"998{n:02d}"


def _orientation(n: int) -> str:
    return f"{n}q"


def _point(n: int) -> int:
    return 97_531_000 + n


def _item(n: int, value: Any) -> dict[str, Any]:
    item = copy.deepcopy(_base_item())
    item["identifikator"] = f"99{n:05d}"
    facility = item["zarizeni"][0]
    item["zarizeni"] = [facility]
    facility["nazev"] = f"Zařízení číslo {n}"
    if value is MISSING:
        facility.pop("utajenaAdresa", None)
    else:
        facility["utajenaAdresa"] = value
    address = facility["adresa"]
    address["ulice"] = {"nazev": _street(n)}
    address["psc"] = _postcode(n)
    address["cisloOrientacni"] = _orientation(n)
    address["kodAdresnihoMista"] = _point(n)
    # The service's contact address is the facility's: secret too when the facility is.
    item["kontaktniAdresy"] = [{"adresa": copy.deepcopy(address)}]
    return item


def _register(folder: Path, values: list[Any], xml: bool) -> Path:
    """Service 0 is the public control (``false``); services 1… have the bad values."""
    items = [_item(0, False)] + [_item(n, v) for n, v in enumerate(values, start=1)]
    path = folder / ("rpss.xml" if xml else "rpss.json")
    with open_writer(path, xml) as writer:
        write_all(writer, iter(items), path)
    return path


def _text_of(path: Path) -> str:
    """Everything a person or a program could read in an output file or folder."""
    files = [p for p in sorted(path.rglob("*")) if p.is_file()] if path.is_dir() else [path]
    parts: list[str] = []
    for file in files:
        data = file.read_bytes()
        if data.startswith(b"PK\x03\x04"):  # ODT, DOCX, XLSX, ZIP
            with zipfile.ZipFile(file) as archive:
                parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
        elif data.startswith(b"%PDF"):
            tool = shutil.which("pdftotext")
            assert tool, "pdftotext (poppler-utils) is needed to read PDF outputs"
            result = subprocess.run([tool, str(file), "-"], capture_output=True, check=True)
            parts.append(result.stdout.decode("utf-8", "replace"))
            parts.append(data.decode("latin-1"))
        elif data.startswith(b"\x1f\x8b"):
            parts.append(gzip.decompress(data).decode("utf-8", "replace"))
        else:
            parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def _leaks(text: str, n: int) -> list[str]:
    postcode = _postcode(n)
    marks = [_street(n), postcode, f"{postcode[:3]} {postcode[3:]}", str(_point(n))]
    marks.append(f"/{_orientation(n)}")
    return [mark for mark in marks if mark in text]


@pytest.fixture(scope="module", params=["json", "xml"])
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    xml = request.param == "xml"
    values = XML_VALUES if xml else JSON_VALUES
    source = _register(tmp_path_factory.mktemp(request.param), values, xml)
    result = kpss.load(source, filter=kpss.resolve_filter(keep_all=True).filter)
    return values, result


def test_every_value_but_false_is_secret_in_the_catalogue(loaded: Any) -> None:
    values, result = loaded
    catalog = result.catalog
    control = catalog.service("9900000")
    assert control is not None
    assert control.facilities[0].secret_address is False
    assert control.facilities[0].address is not None
    assert control.facilities[0].address.street == _street(0)
    for n in range(1, len(values) + 1):
        service = catalog.service(f"99{n:05d}")
        assert service is not None
        facility = service.facilities[0]
        assert facility.secret_address is True, values[n - 1]
        address = facility.address
        assert address is not None  # the territorial part stays
        assert address.obec_code == control.facilities[0].address.obec_code
        assert address.street is None
        assert address.postcode is None
        assert address.house_number is None
        assert address.orientation_number is None
        assert address.address_point is None
        [contact] = service.contact_addresses
        assert (contact.street, contact.postcode, contact.address_point) == (None, None, None)


def test_each_unclean_value_is_warned_about_naming_the_record_and_field(loaded: Any) -> None:
    values, result = loaded
    warned = {
        w.identifier
        for w in result.report.warnings
        if w.field == "zarizeni[0].utajenaAdresa" and "treated as secret" in w.message
    }
    clean = {f"99{n:05d}" for n, v in enumerate(values, start=1) if v is True}
    unclean = {f"99{n:05d}" for n, v in enumerate(values, start=1) if v is not True}
    assert warned == unclean
    assert not warned & clean
    assert "9900000" not in warned


@pytest.mark.parametrize("name", sorted(get_exporters()))
def test_no_exporter_publishes_a_secret_street(loaded: Any, name: str, tmp_path: Path) -> None:
    values, result = loaded
    exporter = get_exporters()[name]
    out = tmp_path / f"out{exporter.suffix or ''}"
    kpss.export(result.catalog, name, out)
    text = _text_of(out)
    assert _street(0) in text, f"{name}: the public control street is not in the output"
    leaked = {values[n - 1]: found for n in range(1, len(values) + 1) if (found := _leaks(text, n))}
    assert not leaked, f"{name} published secret address parts: {leaked!r}"


def test_a_round_trip_through_the_register_shape_stays_secret(loaded: Any, tmp_path: Path) -> None:
    _values, result = loaded
    out = tmp_path / "again.json"
    kpss.export(result.catalog, "rpss-json", out)
    items = json.loads(out.read_text(encoding="utf-8"))["polozky"]
    secret = [i["zarizeni"][0] for i in items if i["identifikator"] != "9900000"]
    assert secret
    assert all(f["utajenaAdresa"] is True for f in secret)
    assert all(f["adresa"]["obec"] is not None and f["adresa"]["ulice"] is None for f in secret)
    again = kpss.load(out, filter=kpss.resolve_filter(keep_all=True).filter)
    assert not [w for w in again.report.warnings if "utajenaAdresa" in (w.field or "")]


def test_a_secret_facility_given_with_its_street_in_python_is_written_without_it(
    tmp_path: Path,
) -> None:
    """The register writer applies the same rule to a catalogue built in Python."""
    address = kpss.model.contacts.Address(
        street="Qzxtajna", house_number=5, postcode="99999", obec_code="554791"
    )
    facility = kpss.Facility("Azyl", address, secret_address=True)
    provider = kpss.model.actors.Provider(name="Spolek", ico="25228714")
    service = kpss.Service("1234567", "DruhSocialniSluzby/20", provider, facilities=(facility,))
    catalog = kpss.Catalog.of([service])
    for name in ("rpss-json", "rpss-xml"):
        out = tmp_path / f"out.{name}"
        kpss.export(catalog, name, out)
        text = out.read_text(encoding="utf-8")
        assert "Qzxtajna" not in text
        assert "99999" not in text
        assert "554791" in text
