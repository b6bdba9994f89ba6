"""The XML reader on hostile and odd documents: nothing is lost silently, nothing crashes."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from kpss.errors import DataError
from kpss.rpss import xml_stream as xmlstream
from kpss.rpss.copy import convert
from kpss.rpss.item_writers import JsonWriter, XmlWriter, write_items
from kpss.rpss.json_stream import RawItem
from kpss.rpss.xml_rendition import MAX_DEPTH, RenditionError, item_from_element, item_to_xml
from kpss.rpss.xml_stream import PROLOG_LIMIT, iter_items

HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<rpss xmlns="urn:kpss:rpss:1">\n'
FOOT = b"</rpss>\n"


def _write(tmp_path: Path, body: bytes, name: str = "r.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(body)
    return path


def _items(path: Path) -> list[RawItem]:
    return list(iter_items(path))


def _readers() -> list[Any]:
    return [item_from_element]


def _element(body: bytes) -> Any:
    return etree.fromstring(
        b'<rpss xmlns="urn:kpss:rpss:1"><polozka>' + body + b"</polozka></rpss>"
    )[0]


# 1. <polozka> as a key inside an item


def test_a_key_named_polozka_survives_a_round_trip(tmp_path: Path) -> None:
    item = {"identifikator": "1", "a": {"polozka": {"c": 1}, "b": 2}}
    other = {"identifikator": "2", "polozka": [{"polozka": "x"}], "z": True}
    source = tmp_path / "r.json"
    source.write_text(json.dumps({"polozky": [item, other, {"identifikator": "3"}]}))
    convert(source, tmp_path / "r.xml")
    got = _items(tmp_path / "r.xml")
    assert [raw.data for raw in got] == [item, other, {"identifikator": "3"}]
    assert [raw.index for raw in got] == [0, 1, 2]
    assert all(raw.error is None for raw in got)


def test_a_root_element_named_polozka_is_not_a_record(tmp_path: Path) -> None:
    path = _write(tmp_path, b'<polozka xmlns="urn:kpss:rpss:1"><a>1</a></polozka>')
    with pytest.raises(DataError, match="expected the root element"):
        _items(path)


# 2. other children of the root are rejected records


def test_other_children_of_the_root_are_rejected_records(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEAD
        + b"<x/>\n"
        + b"<polozka><identifikator>1</identifikator></polozka>\n"
        + b"<?pi ignored?>\n"
        + b'<Polozka><identifikator>2</identifikator></Polozka>\n<polozka xmlns="">3</polozka>\n'
        + b"<polozka><identifikator>4</identifikator></polozka>\n"
        + b'<o:y xmlns:o="urn:other"/>\n'
        + FOOT,
    )
    got = _items(path)
    assert [raw.index for raw in got] == [0, 1, 2, 3, 4, 5]
    assert [raw.line for raw in got] == [3, 4, 6, 7, 8, 9]
    assert got[1].data == {"identifikator": "1"}
    assert got[4].data == {"identifikator": "4"}
    expected = "expected <polozka> (namespace urn:kpss:rpss:1), got "
    assert [(raw.error, raw.data) for raw in got if raw.index in (0, 2, 3, 5)] == [
        (expected + "<x>", None),
        (expected + "<Polozka>", None),
        (expected + "<polozka> (no namespace)", None),
        (expected + "<y> (namespace urn:other)", None),
    ]


def test_only_non_items_are_all_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + b"<a/><b/>" + FOOT)
    got = _items(path)
    assert [raw.error and raw.error.rsplit(" ", 1)[1] for raw in got] == ["<a>", "<b>"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"junk<polozka><a>1</a></polozka>", [("junk", 0), (None, 1)]),
        (
            b"<polozka><a>1</a></polozka>\nmid\n<polozka><a>2</a></polozka>",
            [(None, 0), ("mid", 1), (None, 2)],
        ),
        (b"<polozka><a>1</a></polozka>tail", [(None, 0), ("tail", 1)]),
        (b"<x/>after x<polozka><a>1</a></polozka>", [("<x>", 0), ("after x", 1), (None, 2)]),
        (b"only text", [("only text", 0)]),
    ],
)
def test_text_directly_inside_the_root_is_a_rejected_record(
    tmp_path: Path, body: bytes, expected: list[tuple[str | None, int]]
) -> None:
    got = _items(_write(tmp_path, HEAD + body + FOOT))
    assert [raw.index for raw in got] == [index for _, index in expected]
    for raw, (what, _) in zip(got, expected, strict=True):
        if what is None:
            assert raw.error is None
            assert raw.data is not None
        elif what.startswith("<"):
            assert raw.error is not None
            assert raw.error.endswith(what)
        else:
            assert raw.error == f"text outside any record: {what!r}"
            assert raw.line is not None


# 3. DOCTYPE refusal cannot be bypassed


def test_a_doctype_after_a_long_white_space_prolog_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        b" " * (PROLOG_LIMIT + 10)
        + b'<!DOCTYPE rpss [<!ENTITY x "boom">]>\n<rpss xmlns="urn:kpss:rpss:1">'
        + b"<polozka><a>&x;</a></polozka></rpss>",
    )
    with pytest.raises(DataError, match="prolog is too long"):
        _items(path)


def test_a_long_prolog_just_at_the_limit_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\n" * (PROLOG_LIMIT - 1) + b"<!DOCTYPE rpss>" + HEAD[39:] + FOOT)
    with pytest.raises(DataError, match="prolog is too long"):
        _items(path)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_refused(tmp_path: Path, codec: str) -> None:
    text = '<!DOCTYPE rpss [<!ENTITY x "boom">]><rpss xmlns="urn:kpss:rpss:1"/>'
    path = _write(tmp_path, text.encode(codec))
    with pytest.raises(DataError, match="expected UTF-8") as info:
        _items(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("items", [b"", b"<polozka><a>1</a></polozka>"])
def test_a_doctype_the_prolog_check_missed_is_refused_by_the_parser_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, items: bytes
) -> None:
    monkeypatch.setattr(xmlstream, "check_prolog", lambda path: None)
    path = _write(
        tmp_path,
        b'<!DOCTYPE rpss [<!ENTITY x "boom">]>\n<rpss xmlns="urn:kpss:rpss:1">' + items + FOOT,
    )
    with pytest.raises(DataError, match="DOCTYPE is refused") as info:
        _items(path)
    assert str(path) in str(info.value)


# 4. declared encodings


@pytest.mark.parametrize("name", ["ISO-8859-2", "windows-1250", "UTF-16", "ascii"])
def test_a_declared_encoding_other_than_utf8_is_refused(tmp_path: Path, name: str) -> None:
    declaration = f"<?xml version='1.0' encoding='{name}'?>".encode()
    path = _write(
        tmp_path, b"\n" + declaration + HEAD[39:] + b"<polozka><a>\xe8</a></polozka>" + FOOT
    )
    with pytest.raises(DataError, match=f"declares encoding '{name}'.*UTF-8") as info:
        _items(path)
    assert str(path) in str(info.value)
    assert "line 2" in str(info.value)


@pytest.mark.parametrize("name", ["UTF-8", "utf-8", "utf8", "UTF8"])
def test_utf8_declarations_are_read(tmp_path: Path, name: str) -> None:
    declaration = f'<?xml version="1.0" encoding="{name}"?>\n'.encode()
    path = _write(tmp_path, declaration + HEAD[39:] + "<polozka><a>č</a></polozka>".encode() + FOOT)
    assert [raw.data for raw in _items(path)] == [{"a": "č"}]


# 5. bad UTF-8 is attributed to the record that holds it


def test_bad_utf8_rejects_its_own_record_not_one_with_a_legit_replacement_character(
    tmp_path: Path,
) -> None:
    body = (
        b"<polozka><identifikator>0</identifikator><a>ok</a></polozka>\n"
        + "<polozka><identifikator>1</identifikator><a>legit \ufffd</a></polozka>\n".encode()
        + b"<polozka><identifikator>2</identifikator><a>bad \xff byte</a></polozka>\n"
    )
    path = _write(tmp_path, HEAD + body + FOOT)
    first, second, third = _items(path)
    assert first.data == {"identifikator": "0", "a": "ok"}
    assert second.error is None
    assert second.data == {"identifikator": "1", "a": "legit \ufffd"}
    assert third.data is None
    bad = path.read_bytes().index(b"\xff")
    assert third.error == f"invalid UTF-8 at byte {bad}"
    assert third.field == "a"
    assert third.identifier == "2"
    assert third.line == 5


def test_bad_utf8_over_many_lines_and_read_boundaries(tmp_path: Path) -> None:
    # Records of varying length over 70 000 lines: invalid bytes fall on both sides of
    # the reader's 64 KiB chunks and beyond line 65 535.
    lines = []
    damaged = {7, 1234, 5000, 69_990}
    for i in range(70_000):
        text = "x" * (i % 97) + ("\ufffd" if i % 1000 == 3 else "")
        line = f"<polozka><identifikator>{i}</identifikator><t>{text}</t></polozka>\n".encode()
        if i in damaged:
            line = line.replace(b"<t>", b"<t>\xc3(" if i % 2 else b"<t>\xff\xfe")
        lines.append(line)
    data = HEAD + b"".join(lines) + FOOT
    path = _write(tmp_path, data)
    got = _items(path)
    assert len(got) == 70_000
    rejected = {raw.index: raw for raw in got if raw.error}
    assert set(rejected) == damaged
    offset = len(HEAD)
    for i, line in enumerate(lines):
        if i in damaged:
            bad = offset + line.index(b"<t>") + 3
            assert rejected[i].error == f"invalid UTF-8 at byte {bad}"
            assert rejected[i].line == i + 3
            assert rejected[i].identifier == str(i)
            assert rejected[i].field == "t"
        offset += len(line)
    assert all(raw.data["identifikator"] == str(raw.index) for raw in got if not raw.error)


def test_bad_utf8_with_records_on_one_line_rejects_the_one_that_holds_it(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        b'<rpss xmlns="urn:kpss:rpss:1"><polozka><a>1</a></polozka>'
        b"<polozka><a>2\xff</a></polozka><polozka><a>3</a></polozka></rpss>",
    )
    got = _items(path)
    assert [raw.error is None for raw in got] == [True, False, True]


def test_bad_utf8_outside_any_record_stops_the_import(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + b"<!-- caf\xe9 -->\n" + FOOT)
    with pytest.raises(DataError, match="invalid UTF-8") as info:
        _items(path)
    assert f"byte {len(HEAD) + 8}" in str(info.value)
    assert "line 3" in str(info.value)


def test_a_syntax_error_names_its_line_and_only_whole_records_come_before_it(
    tmp_path: Path,
) -> None:
    # How much lxml parses ahead of the events it hands out depends on its version (6.2
    # reads bigger blocks), so how many records come out before the error is not kpss's to
    # promise; that the error names the line and column, and that whatever came out is
    # whole, is.
    path = _write(tmp_path, HEAD + b"<polozka><a>1</a></polozka>\n<polozka><a>2</b>")
    stream = iter_items(path)
    seen = []
    with pytest.raises(DataError, match="not well-formed") as info:
        seen.extend(raw.data for raw in stream)
    assert seen in ([], [{"a": "1"}])
    assert info.value.location.line == HEAD.count(b"\n") + 2
    assert info.value.location.column is not None


# 6. mixed content


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"<a>x</a>junk<b>y</b>", "$"),
        (b"<a>x</a><b>y</b>junk", "$"),
        (b"<o><a>x</a>junk<b>y</b></o>", "o"),
        (b'<l type="array"><item>1</item>junk<item>2</item></l>', "l"),
        (b'<l type="array"><item><a>1</a>  junk</item></l>', "l[0]"),
    ],
)
def test_mixed_text_and_elements_are_rejected(tmp_path: Path, body: bytes, field: str) -> None:
    element = _element(body)
    for read in _readers():
        with pytest.raises(RenditionError) as info:
            read(element)
        assert (info.value.path, info.value.message) == (field, "mixed text and elements")
    [raw] = _items(_write(tmp_path, HEAD + b"<polozka>" + body + b"</polozka>" + FOOT))
    assert (raw.data, raw.field, raw.error) == (None, field, "mixed text and elements")


def test_white_space_between_elements_is_not_mixed_content() -> None:
    element = _element(b'\n <a>x</a>\n <l type="array">\n <item>1</item>\n </l>\n')
    for read in _readers():
        assert read(element) == {"a": "x", "l": ["1"]}


# 7. numbers


@pytest.mark.parametrize(
    "text", ["1e400", "-1e400", "1" * 400 + ".5", "1" * 5000, "-" + "1" * 5000, "1" * 4301]
)
def test_numbers_out_of_range_are_rendition_errors(text: str) -> None:
    element = _element(b'<a type="number">' + text.encode() + b"</a>")
    for read in _readers():
        with pytest.raises(RenditionError, match="number out of range") as info:
            read(element)
        assert info.value.path == "a"


def test_long_numbers_within_range_are_read() -> None:
    element = _element(b'<a type="number">' + b"9" * 4300 + b'</a><b type="number">1e308</b>')
    for read in _readers():
        assert read(element) == {"a": int("9" * 4300), "b": 1e308}


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_writers_refuse_nan_and_infinity_with_the_field(tmp_path: Path, bad: float) -> None:
    item = {"identifikator": "1", "x": {"l": [1, bad]}}
    with pytest.raises(RenditionError) as info:
        item_to_xml(item)
    assert info.value.path == "x.l[1]"
    for writer in (XmlWriter, JsonWriter):
        with open(tmp_path / "out", "wb") as handle:
            out = writer(handle)
            out.write({"identifikator": "0"})
            with pytest.raises(DataError) as error:
                out.write(item)
        assert error.value.location is not None
        assert error.value.location.field == "x.l[1]"
        assert error.value.location.index == 1


def test_writers_refuse_integers_beyond_the_digit_limit(tmp_path: Path) -> None:
    item = {"n": 10**5000}
    with pytest.raises(DataError) as info:
        write_items(tmp_path / "r.json", iter([item]))
    assert info.value.location is not None
    assert info.value.location.field == "n"
    with pytest.raises(DataError):
        write_items(tmp_path / "r.xml", iter([item]))
    assert not (tmp_path / "r.json").exists()
    assert not (tmp_path / "r.xml").exists()


# 8. nesting depth


def _nested(levels: int) -> dict[str, Any]:
    value: Any = "x"
    for _ in range(levels - 1):
        value = {"k": value}
    return {"k": value}


def test_the_deepest_item_the_writer_takes_reads_back(tmp_path: Path) -> None:
    item = _nested(MAX_DEPTH - 2)  # root and <polozka> take two levels
    write_items(tmp_path / "r.xml", iter([item]))
    [raw] = _items(tmp_path / "r.xml")
    assert raw.data == item


def test_deeper_items_are_refused_by_the_writer(tmp_path: Path) -> None:
    item = {"identifikator": "1", **_nested(MAX_DEPTH - 1)}
    with pytest.raises(RenditionError, match="nested deeper than 256") as info:
        item_to_xml(item)
    assert info.value.path == ".".join(["k"] * (MAX_DEPTH - 1))
    deep_list: Any = "x"
    for _ in range(MAX_DEPTH):
        deep_list = [deep_list]
    with pytest.raises(DataError, match="nested deeper") as error:
        write_items(tmp_path / "r.xml", iter([{"a": deep_list}]))
    assert error.value.location is not None
    assert (error.value.location.field or "").startswith("a[0][0]")
    assert not (tmp_path / "r.xml").exists()


# 9. non-element nodes are named in messages


def test_a_processing_instruction_is_named_in_the_error(tmp_path: Path) -> None:
    element = _element(b"<a><?pi x?></a>")
    for read in _readers():
        with pytest.raises(RenditionError) as info:
            read(element)
        assert "a processing instruction" in str(info.value)
        assert "cyfunction" not in str(info.value)
    [raw] = _items(_write(tmp_path, HEAD + b"<polozka><a><?pi x?></a></polozka>" + FOOT))
    assert raw.error == "expected elements, got a processing instruction"
    assert raw.field == "a"


def test_an_entity_reference_is_named_in_the_error() -> None:
    element = _element(b"<a>x</a>")
    element[0].append(etree.Entity("ent"))
    for read in _readers():
        with pytest.raises(RenditionError, match="got an entity reference") as info:
            read(element)
        assert "0x" not in str(info.value)


@pytest.mark.parametrize("item", [{"xmlKey": 1}, {"a": {"XMLkey": 1}}, {"1a": 2}])
def test_keys_that_are_no_plain_xml_names_are_refused_at_every_depth(item: dict[str, Any]) -> None:
    with pytest.raises(RenditionError, match="is not an XML element name"):
        item_to_xml(item)


@pytest.mark.parametrize(
    ("body", "bad", "good"),
    [
        # a record ending on the line where the next one starts
        (b"<polozka><a>1</a>\n<b>\xff</b></polozka><polozka><c>2</c></polozka>", 0, 1),
        # a genuine U+FFFD in the record before, on the same line
        ("<polozka><a>\ufffd</a></polozka>".encode() + b"<polozka><a>\xff</a></polozka>", 1, 0),
        # two bad runs in one record; the next record on the same line is clean
        (b"<polozka><a>\xff x \xff</a></polozka><polozka><a>ok</a></polozka>", 0, 1),
        # a bad byte in an attribute value (the record has a rendition error as well)
        (b'<polozka><a type="x\xff">1</a></polozka><polozka><a>ok</a></polozka>', 0, 1),
    ],
)
def test_bad_utf8_is_charged_to_the_record_that_holds_it(
    tmp_path: Path, body: bytes, bad: int, good: int
) -> None:
    path = _write(tmp_path, HEAD + body + b"\n" + FOOT)
    got = _items(path)
    assert len(got) == 2
    first_bad = (HEAD + body).index(b"\xff")
    assert got[bad].data is None
    assert got[bad].error is not None
    assert got[bad].error.startswith(f"invalid UTF-8 at byte {first_bad}")
    assert got[good].error is None
    assert got[good].data is not None


def test_text_in_the_root_is_reported_once_even_before_a_nested_item(tmp_path: Path) -> None:
    got = _items(_write(tmp_path, HEAD + b"junk<x><polozka><a>1</a></polozka></x>\n" + FOOT))
    assert [raw.error for raw in got] == [
        "text outside any record: 'junk'",
        "expected <polozka> (namespace urn:kpss:rpss:1), got <x>",
    ]


def test_records_on_one_line_are_streamed_not_held(tmp_path: Path) -> None:
    # A minified document: every record on one line. Each record is yielded as soon as it
    # is parsed, not held back until the line ends (memory stays bounded by one record).
    records = b"".join(b"<polozka><a>%d</a></polozka>" % i for i in range(40_000))
    path = _write(tmp_path, HEAD + records + FOOT)
    read: list[int] = []
    stream = iter_items(path, progress=read.append)
    first = next(stream)
    assert first.data == {"a": "0"}
    assert sum(read) <= 4 * 65536 < path.stat().st_size
    assert sum(1 for _ in stream) == 39_999


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        # U+00A0 is text, not XML white space: it must not vanish beside elements
        (b"<a>&#xa0;<b>1</b></a>", "a", "mixed text and elements"),
        (b'<a type="array">&#xa0;<item>1</item></a>', "a", 'text inside type="array"'),
        (b'<a type="object">&#xa0;</a>', "a", 'text inside type="object"'),
        (b'<a nil="true" type="number">1</a>', "a", "type= and nil= together"),
        # attributes other than type= and nil= (xsi:nil would read as "")
        (b'<a other="1">x</a>', "a", "unknown attribute 'other'"),
        (
            b'<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>',
            "a",
            "unknown attribute '{http://www.w3.org/2001/XMLSchema-instance}nil'",
        ),
        (b'<b><c type="number" unit="kg">7</c></b>', "b.c", "unknown attribute 'unit'"),
    ],
)
def test_rendition_errors_name_the_field(body: bytes, field: str, message: str) -> None:
    element = _element(body)
    for read in _readers():
        with pytest.raises(RenditionError) as info:
            read(element)
        assert info.value.path == field
        assert message in info.value.message


def test_a_bad_byte_in_a_tag_name_stops_the_import_and_says_why(tmp_path: Path) -> None:
    body = b"<polozka><a\xff>1</a\xff></polozka>\n"
    with pytest.raises(DataError, match="not well-formed XML") as info:
        _items(_write(tmp_path, HEAD + body + FOOT))
    byte = len(HEAD) + body.index(b"\xff")
    assert f"invalid UTF-8 at byte {byte} (line 3)" in str(info.value)
