"""Streaming readers: byte offsets, chunk boundaries, the XML rendition, unsafe XML."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from kpss.errors import DataError
from kpss.rpss.json_stream import JsonItemStream
from kpss.rpss.xml_rendition import item_to_xml
from kpss.rpss.xml_stream import iter_items as iter_xml


def _items(path: Path, chunk: int = 1 << 20) -> list:
    stream = JsonItemStream(path, chunk_size=chunk)
    return [(raw, stream.locate(raw)) for raw in stream]


def test_json_stream_equals_json_load_and_offsets_point_at_records(small_register: Path) -> None:
    path = small_register / "rpss.json"
    data = path.read_bytes()
    expected = json.loads(data)["polozky"]
    for chunk in (1 << 20, 4093):  # a small odd chunk splits multi-byte characters
        got = _items(path, chunk)
        assert [raw.data for raw, _ in got] == expected
        for raw, byte in got:
            assert byte is not None
            assert data[byte : byte + 12] == b'{"portalId":'
            decoded, _ = json.JSONDecoder().raw_decode(data[byte:].decode("utf-8"))
            assert decoded["identifikator"] == raw.data["identifikator"]


def test_json_stream_tolerates_bom_whitespace_and_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(
        b'\xef\xbb\xbf {"meta": {"a": [1, 2]},\n "polozky" : [ {"x": "\xc5\xbe"} ,\n{"y": 2} ] ,'
        b' "tail": null }\n'
    )
    stream = JsonItemStream(path)
    assert [r.data for r in stream] == [{"x": "ž"}, {"y": 2}]
    assert stream.extra == {"meta": {"a": [1, 2]}, "tail": None}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"polozky": [{"a": 1}, {"a": 2', "record 1 is incomplete"),
        (b'{"polozky": [{"a": 1},', "ends before record 1"),
        (b'{"polozky": [{"a": 1} {"a": 2}]}', "expected ',' or ']'"),
        (b'{"jine": []}', 'expected the array "polozky"'),
        (b"[1, 2]", "expected a JSON object"),
    ],
)
def test_json_stream_errors_name_file_and_position(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        list(JsonItemStream(path))
    message = str(info.value)
    assert expected in message
    assert str(path) in message
    assert "byte" in message or "field polozky" in message


def test_bad_utf8_rejects_only_its_record(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(
        b'{"polozky":[{"identifikator":"1","n":"ok"},'
        b'{"identifikator":"2","zarizeni":[{"nazev":"Do\xc3(m"}]},{"identifikator":"3"}]}'
    )
    items = list(JsonItemStream(path, chunk_size=16))
    assert [i.data for i in items if i.error is None] == [
        {"identifikator": "1", "n": "ok"},
        {"identifikator": "3"},
    ]
    bad = items[1]
    assert bad.data is None
    assert bad.identifier == "2"
    assert bad.field == "zarizeni[0].nazev"
    bad_byte = path.read_bytes().index(b"\xc3(")
    assert bad.error == f"invalid UTF-8 at byte {bad_byte}"
    assert bad.byte == path.read_bytes().index(b'{"identifikator":"2"')


def test_xml_rendition_reads_back_exactly(tmp_path: Path) -> None:
    item = {
        "s": "a < b & c > d\r\n\t\"'",
        "empty": "",
        "n": None,
        "i": 7,
        "f": 1.5,
        "neg": -3e-05,
        "t": True,
        "fa": False,
        "o": {},
        "a": [],
        "nested": [{"k": [1, "x", None, {"z": []}]}, "", 0],
    }
    path = tmp_path / "r.xml"
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<rpss xmlns="urn:kpss:rpss:1">\n'
        + item_to_xml(item)
        + b"</rpss>\n"
    )
    [raw] = list(iter_xml(path))
    assert raw.error is None
    assert raw.data == item
    assert type(raw.data["f"]) is float
    assert type(raw.data["i"]) is int


def test_xml_reader_equals_generator_json(small_register: Path) -> None:
    expected = json.loads((small_register / "rpss.json").read_bytes())["polozky"]
    got = list(iter_xml(small_register / "rpss.xml"))
    assert [r.data for r in got] == expected
    assert all(r.line for r in got)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (b'<a type="number">7x</a>', "a", "expected a JSON number"),
        (b'<a type="boolean">yes</a>', "a", "expected true or false"),
        (b'<a type="array"><b>1</b></a>', "a[0]", "expected <item>"),
        (b"<a><b>1</b><b>2</b></a>", "a.b", "appears twice"),
        (b'<a type="date">x</a>', "a", "unknown type"),
    ],
)
def test_xml_rendition_errors_reject_the_record(
    tmp_path: Path, body: bytes, field: str, message: str
) -> None:
    path = tmp_path / "r.xml"
    path.write_bytes(
        b'<rpss xmlns="urn:kpss:rpss:1"><polozka><identifikator>1</identifikator>'
        + body
        + b"</polozka><polozka><x>ok</x></polozka></rpss>"
    )
    first, second = list(iter_xml(path))
    assert first.data is None
    assert first.field == field
    assert message in (first.error or "")
    assert first.identifier == "1"
    assert first.line == 1
    assert second.data == {"x": "ok"}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_xxe_and_entity_bomb_are_refused_before_parsing(
    rpss_factory, no_network: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = rpss_factory(services=40, seed=2, faults=("xxe",))
    opened: list[str] = []
    real_open = open

    def tracking_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", tracking_open)
    with pytest.raises(DataError) as info:
        list(iter_xml(folder / "rpss.xml"))
    message = str(info.value)
    assert "DOCTYPE is refused" in message
    assert "rpss.xml" in message
    assert "line 2" in message
    assert "root:" not in message  # nothing of /etc/passwd
    assert not no_network
    assert all("passwd" not in name for name in opened)


def test_entity_reference_without_doctype_is_not_expanded(
    tmp_path: Path, no_network: list[object]
) -> None:
    path = tmp_path / "r.xml"
    path.write_bytes(
        b'<rpss xmlns="urn:kpss:rpss:1"><polozka><nazev>&xxe;</nazev></polozka></rpss>'
    )
    with pytest.raises(DataError) as info:
        list(iter_xml(path))
    assert "xxe" in str(info.value)
    assert "line 1" in str(info.value)
    assert not no_network


def test_doctype_after_comment_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    path.write_bytes(
        b'<?xml version="1.0"?>\n<!-- hi -->\n<!DOCTYPE rpss SYSTEM "http://example.org/x.dtd">'
        b'\n<rpss xmlns="urn:kpss:rpss:1"/>'
    )
    with pytest.raises(DataError, match=r"line 3.*DOCTYPE is refused"):
        list(iter_xml(path))


def test_items_larger_than_a_chunk(tmp_path: Path) -> None:
    big = {"identifikator": "1", "popis": "ř" * 300_000, "n": list(range(5000))}
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"polozky": [{"a": 1}, big, {"b": 2}]}, ensure_ascii=False))
    stream = JsonItemStream(path, chunk_size=1000)
    got = []
    for raw in stream:
        got.append((raw.data, stream.locate(raw)))
    assert [g[0] for g in got] == [{"a": 1}, big, {"b": 2}]
    data = path.read_bytes()
    assert [data[b : b + 5] for _, b in got] == [b'{"a":', b'{"ide', b'{"b":']
