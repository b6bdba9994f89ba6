"""One test per fault kind of kpss.testing: a clear error or a report entry naming file, position,
record index / identifikator and field; nothing disappears without a report entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpss import StrictModeError, load
from kpss.cli import cli
from kpss.errors import DataError
from kpss.rpss.json_stream import JsonItemStream

ARGS = {"services": 120, "seed": 5}


@pytest.fixture(scope="module")
def clean(rpss_factory) -> Path:
    return Path(rpss_factory(**ARGS))


def _fault(rpss_factory, kind: str) -> Path:
    return Path(rpss_factory(**ARGS, xml=True, faults=(kind,)))


def _items(path: Path) -> list[dict]:
    return json.loads(path.read_bytes())["polozky"]


def _differing(clean: Path, broken: Path) -> int:
    a, b = _items(clean / "rpss.json"), _items(broken / "rpss.json")
    [index] = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return index


def _codes(folder: Path) -> Path:
    return folder / "ciselniky"


def test_truncated(rpss_factory, clean: Path) -> None:
    folder = _fault(rpss_factory, "truncated")
    damaged = (folder / "rpss.json").read_bytes()
    stream = JsonItemStream(clean / "rpss.json")
    starts = [(raw.index, stream.locate(raw), raw.data["identifikator"]) for raw in stream]
    index, byte, ident = max(s for s in starts if s[1] is not None and s[1] < len(damaged))
    with pytest.raises(DataError) as info:
        load(folder / "rpss.json", codes=_codes(folder))
    message = str(info.value)
    assert str(folder / "rpss.json") in message
    assert f"byte {byte}" in message
    assert f"record {index}" in message
    assert f"identifikator {ident}" in message
    assert "truncated" in message
    with pytest.raises(DataError) as info:
        load(folder / "rpss.xml", codes=_codes(folder))
    message = str(info.value)
    assert "rpss.xml" in message
    assert "line " in message
    assert f"record {index}" in message
    result = CliRunner().invoke(cli, ["import", str(folder / "rpss.json"), "--all"])
    assert result.exit_code == 1
    assert f"record {index}" in result.output
    assert "Traceback" not in result.output


def test_bad_utf8(rpss_factory, clean: Path) -> None:
    folder = _fault(rpss_factory, "bad-utf8")
    damaged = (folder / "rpss.json").read_bytes()
    bad_byte = damaged.index(b"\xc3(")
    for name in ("rpss.json", "rpss.xml"):
        report = load(folder / name, codes=_codes(folder)).report
        assert report.read == 120
        assert report.accepted == 119
        assert report.filtered_out == 0
        [entry] = report.rejected
        clean_items = _items(clean / "rpss.json")
        assert entry.identifier == clean_items[entry.index]["identifikator"]
        assert entry.field == "zarizeni[0].nazev"
        assert entry.location is not None
        assert entry.location.file == str(folder / name)
        if name == "rpss.json":
            assert entry.message == f"invalid UTF-8 at byte {bad_byte}"
            assert damaged[entry.location.byte : entry.location.byte + 12] == b'{"portalId":'
        else:
            xml = (folder / name).read_bytes()
            xml_bad = xml.index(b"\xc3(")
            assert entry.message == f"invalid UTF-8 at byte {xml_bad}"
            assert entry.location.line is not None
        # every other record is intact
        ids = set(load(folder / name, codes=_codes(folder)).catalog.services)
        assert ids == {i["identifikator"] for i in clean_items} - {entry.identifier}


def test_unknown_code(rpss_factory, clean: Path) -> None:
    folder = _fault(rpss_factory, "unknown-code")
    index = _differing(clean, folder)
    for name in ("rpss.json", "rpss.xml"):
        result = load(folder / name, codes=_codes(folder))
        warned = [w for w in result.report.warnings if "DruhSocialniSluzby/999" in w.message]
        assert warned
        assert all(w.index == index for w in warned)
        assert warned[0].field == "druhSocialniSluzby.id"
        assert warned[0].identifier is not None
        service = result.catalog.service(warned[0].identifier)
        assert service is not None
        assert service.kind_code == "DruhSocialniSluzby/999"
        assert service.kind is None
    with pytest.raises(StrictModeError, match="strict mode: 0 rejected") as info:
        load(folder / "rpss.json", codes=_codes(folder), strict=True)
    assert any("DruhSocialniSluzby/999" in w.message for w in info.value.report.warnings)


def test_missing_field(rpss_factory, clean: Path) -> None:
    folder = _fault(rpss_factory, "missing-field")
    index = _differing(clean, folder)
    ident = _items(clean / "rpss.json")[index]["identifikator"]
    for name in ("rpss.json", "rpss.xml"):
        report = load(folder / name, codes=_codes(folder)).report
        [entry] = report.rejected
        assert (entry.index, entry.identifier, entry.field) == (index, ident, "druhSocialniSluzby")
        assert "required" in entry.message
        assert report.read == report.accepted + report.filtered_out + len(report.rejected)


def test_wrong_type(rpss_factory, clean: Path) -> None:
    folder = _fault(rpss_factory, "wrong-type")
    index = _differing(clean, folder)
    item = _items(folder / "rpss.json")[index]
    raw_count = item["formy"][0]["kapacity"][0]["pocet"]
    assert isinstance(raw_count, str)
    for name in ("rpss.json", "rpss.xml"):
        result = load(folder / name, codes=_codes(folder))
        [entry] = [w for w in result.report.warnings if w.field == "formy[0].kapacity[0].pocet"]
        assert entry.index == index
        assert entry.identifier == item["identifikator"]
        assert repr(raw_count) in entry.message
        assert "dropped" in entry.message
        service = result.catalog.service(item["identifikator"])
        assert service is not None
        assert service.forms[0].capacities[0].count is None  # never coerced to an int


def test_duplicate_id(rpss_factory, clean: Path) -> None:
    folder = _fault(rpss_factory, "duplicate-id")
    index = _differing(clean, folder)
    ident = _items(folder / "rpss.json")[index]["identifikator"]
    first = next(
        i for i, x in enumerate(_items(folder / "rpss.json")) if x["identifikator"] == ident
    )
    assert first < index
    for name in ("rpss.json", "rpss.xml"):
        result = load(folder / name, codes=_codes(folder))
        [entry] = result.report.rejected
        assert (entry.index, entry.identifier, entry.field) == (index, ident, "identifikator")
        assert f"record {first}" in entry.message
        assert (
            result.catalog.service(ident).portal_id
            == _items(folder / "rpss.json")[first]["portalId"]
        )


def test_xxe(rpss_factory, clean: Path) -> None:
    folder = _fault(rpss_factory, "xxe")
    with pytest.raises(DataError, match="DOCTYPE is refused") as info:
        load(folder / "rpss.xml", codes=_codes(folder))
    assert "rpss.xml" in str(info.value)
    assert "line 2" in str(info.value)
    assert load(folder / "rpss.json", codes=_codes(folder)).report.accepted == 120
    result = CliRunner().invoke(cli, ["import", str(folder / "rpss.xml"), "--all"])
    assert result.exit_code == 1
    assert "DOCTYPE" in result.output
    assert "root:x" not in result.output
