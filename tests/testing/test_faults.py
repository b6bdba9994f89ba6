"""Every fault damages one record, says which, and kpss finds it there."""

from __future__ import annotations

import pytest

import kpss
from kpss.errors import DataError
from kpss.testing import FAULTS, Fault, RegisterInfo, RegisterSpec

from .helpers import items

SIZE = {"services": 120, "seed": 5}


@pytest.fixture(scope="module")
def clean(rpss_factory) -> RegisterInfo:
    return rpss_factory(**SIZE, xml=True)


def _broken(rpss_factory, fault: str) -> RegisterInfo:
    return rpss_factory(**SIZE, xml=True, faults=[fault])


@pytest.mark.parametrize("fault", FAULTS)
def test_only_the_damaged_record_differs(rpss_factory, clean: RegisterInfo, fault: str) -> None:
    broken = _broken(rpss_factory, fault)
    [record] = broken.damaged
    assert record.fault is Fault(fault)
    assert record.identifier == items(clean.json)[record.index]["identifikator"] or (
        fault == "duplicate-id"
    )
    raw, damaged = clean.json.read_bytes(), broken.json.read_bytes()
    if fault == "xxe":
        assert damaged == raw  # rpss.json stays clean
    elif fault == "truncated":
        assert damaged == raw[: record.json_byte]
    else:
        start = record.record_byte
        assert damaged[:start] == raw[:start]  # every earlier record is the same
    if fault not in ("truncated", "bad-utf8", "xxe"):
        differing = [
            i for i, (a, b) in enumerate(zip(items(clean.json), items(broken.json), strict=True))
            if a != b
        ]  # fmt: skip
        assert differing == [record.index]
    assert broken.counts == clean.counts  # the counts describe the clean data


def test_truncated(rpss_factory) -> None:
    info = _broken(rpss_factory, "truncated")
    record = info.damage("truncated")
    assert info.json.stat().st_size == record.json_byte
    assert info.xml is not None
    assert info.xml.stat().st_size == record.xml_byte
    with pytest.raises(DataError) as caught:
        kpss.load(info.json, codes=info.codes)
    message = str(caught.value)
    assert "truncated" in message
    assert f"byte {record.record_byte}" in message
    assert f"record {record.index}" in message
    assert f"identifikator {record.identifier}" in message
    with pytest.raises(DataError) as caught:
        kpss.load(info.xml, codes=info.codes)
    assert f"record {record.index}" in str(caught.value)
    assert "line " in str(caught.value)


def test_bad_utf8(rpss_factory) -> None:
    info = _broken(rpss_factory, "bad-utf8")
    record = info.damage("bad-utf8")
    data = info.json.read_bytes()
    assert data[record.json_byte : record.json_byte + 2] == b"\xc3\x28"
    assert data.count(b"\xc3\x28") == 1
    assert info.xml is not None
    xml = info.xml.read_bytes()
    assert xml[record.xml_byte : record.xml_byte + 2] == b"\xc3\x28"
    for path, byte in ((info.json, record.json_byte), (info.xml, record.xml_byte)):
        report = kpss.load(path, codes=info.codes).report
        assert (report.read, report.accepted) == (120, 119)
        [entry] = report.rejected
        assert (entry.index, entry.identifier, entry.field) == (
            record.index,
            record.identifier,
            "zarizeni[0].nazev",
        )
        assert entry.message == f"invalid UTF-8 at byte {byte}"
    xml_entry = kpss.load(info.xml, codes=info.codes).report.rejected[0]
    assert xml_entry.location is not None
    assert xml_entry.location.line == record.record_line


def test_unknown_code(rpss_factory) -> None:
    info = _broken(rpss_factory, "unknown-code")
    record = info.damage("unknown-code")
    for path in (info.json, info.xml):
        result = kpss.load(path, codes=info.codes)  # type: ignore[arg-type]
        warned = [w for w in result.report.warnings if "DruhSocialniSluzby/999" in w.message]
        assert warned
        assert {(w.index, w.identifier) for w in warned} == {(record.index, record.identifier)}
        assert warned[0].field == record.field == "druhSocialniSluzby.id"
        service = result.catalog.service(record.identifier)
        assert service is not None
        assert service.kind is None


def test_missing_field(rpss_factory) -> None:
    info = _broken(rpss_factory, "missing-field")
    record = info.damage("missing-field")
    for path in (info.json, info.xml):
        report = kpss.load(path, codes=info.codes).report  # type: ignore[arg-type]
        [entry] = report.rejected
        assert (entry.index, entry.identifier, entry.field) == (
            record.index,
            record.identifier,
            "druhSocialniSluzby",
        )
        assert "required" in entry.message


def test_wrong_type(rpss_factory) -> None:
    info = _broken(rpss_factory, "wrong-type")
    record = info.damage("wrong-type")
    raw = items(info.json)[record.index]["formy"][0]["kapacity"][0]["pocet"]
    assert isinstance(raw, str)
    assert raw.isdigit()
    for path in (info.json, info.xml):
        result = kpss.load(path, codes=info.codes)  # type: ignore[arg-type]
        [entry] = [w for w in result.report.warnings if w.field == record.field]
        assert (entry.index, entry.identifier) == (record.index, record.identifier)
        assert repr(raw) in entry.message
        service = result.catalog.service(record.identifier)
        assert service is not None
        assert service.forms[0].capacities[0].count is None


def test_duplicate_id(rpss_factory) -> None:
    info = _broken(rpss_factory, "duplicate-id")
    record = info.damage("duplicate-id")
    data = items(info.json)
    assert record.same_as is not None
    assert record.same_as < record.index
    first, copy = data[record.same_as], data[record.index]
    assert (copy["id"], copy["identifikator"]) == (first["id"], first["identifikator"])
    for path in (info.json, info.xml):
        result = kpss.load(path, codes=info.codes)  # type: ignore[arg-type]
        [entry] = result.report.rejected
        assert (entry.index, entry.identifier, entry.field) == (
            record.index,
            record.identifier,
            "identifikator",
        )
        assert f"record {record.same_as}" in entry.message
        kept = result.catalog.service(record.identifier)
        assert kept is not None
        assert kept.portal_id == first["portalId"]


def test_xxe(rpss_factory) -> None:
    info = _broken(rpss_factory, "xxe")
    record = info.damage("xxe")
    assert info.xml is not None
    xml = info.xml.read_bytes()
    assert b'<!ENTITY xxe SYSTEM "file:///etc/passwd">' in xml
    assert xml[record.xml_byte : record.xml_byte + 5] == b"&xxe;"
    lines = xml.split(b"\n")
    assert lines[1].startswith(b"<!DOCTYPE rpss [")
    assert b"&xxe;" in lines[record.record_line - 1]
    assert b"&lol9;" in lines[record.record_line - 1]
    with pytest.raises(DataError, match="DOCTYPE is refused") as caught:
        kpss.load(info.xml, codes=info.codes)
    assert "line 2" in str(caught.value)
    assert "root:" not in str(caught.value)
    assert kpss.load(info.json, codes=info.codes).report.accepted == 120


def test_faults_combine_and_each_keeps_its_record(rpss_factory) -> None:
    item_level = ["bad-utf8", "unknown-code", "missing-field", "wrong-type", "duplicate-id"]
    info = rpss_factory(**SIZE, xml=True, faults=item_level)
    alone = {f: _broken(rpss_factory, f).damage(f).index for f in item_level}
    assert {d.fault.value: d.index for d in info.damaged} == alone
    indices = [d.index for d in info.damaged] + [info.damage("duplicate-id").same_as]
    assert len(set(indices)) == len(indices)  # never two faults in one record
    report = kpss.load(info.json, codes=info.codes).report
    rejected = {(e.index, e.field) for e in report.rejected}
    assert rejected == {
        (info.damage(f).index, info.damage(f).field)
        for f in ("bad-utf8", "missing-field", "duplicate-id")
    }
    warned = {(w.index, w.field) for w in report.warnings}
    assert (info.damage("unknown-code").index, "druhSocialniSluzby.id") in warned
    assert (info.damage("wrong-type").index, "formy[0].kapacity[0].pocet") in warned
    everything = rpss_factory(**SIZE, faults=FAULTS)
    cut = everything.damage("truncated").index
    assert all(d.index < cut for d in everything.damaged if d.fault is not Fault.TRUNCATED)
    assert everything.spec.xml  # xxe writes rpss.xml


def test_equal_requests_share_one_register(rpss_factory) -> None:
    first = rpss_factory(**SIZE, faults=["wrong-type", "unknown-code"])
    second = rpss_factory(**SIZE, faults=("unknown-code", "wrong-type", "wrong-type"))
    assert first is second
    assert first.spec == RegisterSpec(120, 5, False, ("unknown-code", "wrong-type"))


def test_small_registers_still_find_room_for_every_fault(rpss_factory) -> None:
    info = rpss_factory(services=8, seed=1, faults=FAULTS)
    indices = [d.index for d in info.damaged] + [info.damage("duplicate-id").same_as]
    assert sorted(indices) == list(range(8))
    assert info.damage("truncated").index == 7
