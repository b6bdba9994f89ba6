"""The JSON register reader, converter and catalogue writer on hostile or broken input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from kpss import load
from kpss.cli import cli
from kpss.default_plugins.kpss_catalog import write_catalog
from kpss.errors import DataError
from kpss.rpss.copy import DroppedKeysWarning, convert
from kpss.rpss.json_stream import JsonItemStream, RawItem


def items(path: Path, chunk_size: int = 1 << 16) -> list[RawItem]:
    return list(JsonItemStream(path, chunk_size=chunk_size))


def write(tmp_path: Path, text: str, name: str = "r.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_second_polozky_array_is_an_error_naming_its_byte(tmp_path: Path) -> None:
    path = write(tmp_path, '{"polozky":[{"a":1}],"polozky":[{"b":2}]}')
    with pytest.raises(DataError) as info:
        items(path)
    message = str(info.value)
    assert 'duplicate key "polozky"' in message
    assert str(path) in message
    assert info.value.location.byte == 21  # the second key's opening quote


@pytest.mark.parametrize(
    ("literal", "name"),
    [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"), ("1e400", "1e400")],
)
def test_non_finite_numbers_reject_only_their_record(
    tmp_path: Path, literal: str, name: str
) -> None:
    text = (
        '{"polozky":[{"identifikator":"1","v":1.5},'
        f'{{"identifikator":"2","x":{{"v":[0, {literal}]}}}},'
        '{"identifikator":"3"}]}'
    )
    path = write(tmp_path, text)
    found = items(path, chunk_size=16)
    assert [i.data for i in found if i.error is None] == [
        {"identifikator": "1", "v": 1.5},
        {"identifikator": "3"},
    ]
    bad = found[1]
    assert bad.data is None
    assert bad.error is not None
    assert name in bad.error
    assert bad.field == "x.v[1]"
    assert bad.identifier == "2"
    assert bad.byte == text.index('{"identifikator":"2"')
    assert f"at byte {text.index(literal, bad.byte)}" in bad.error


def test_integer_longer_than_python_reads_rejects_the_record(tmp_path: Path) -> None:
    digits = "7" * (sys.get_int_max_str_digits() + 10)
    text = f'{{"polozky":[{{"a":1}},{{"identifikator":"9","n":{digits}}},{{"b":2}}]}}'
    path = write(tmp_path, text)
    found = items(path, chunk_size=1024)  # the digits span several chunks
    assert [i.data for i in found] == [{"a": 1}, None, {"b": 2}]
    assert found[1].error is not None
    assert "digits" in found[1].error
    assert found[1].field == "n"
    assert found[1].byte == text.index('{"identifikator":"9"')


def test_deep_nesting_rejects_the_record_instead_of_a_traceback(tmp_path: Path) -> None:
    deep = "[" * 50_000 + '"] [ {"' + "]" * 50_000
    text = f'{{"polozky":[{{"a":1}},{{"d":{deep}}},{{"b":2}}]}}'
    path = write(tmp_path, text)
    found = items(path, chunk_size=4096)
    assert [i.data for i in found] == [{"a": 1}, None, {"b": 2}]
    assert found[1].error is not None
    assert "nested too deeply" in found[1].error
    assert found[1].byte == text.index('{"d":')


def test_deep_nesting_cut_by_the_end_of_the_file_is_truncation(tmp_path: Path) -> None:
    path = write(tmp_path, '{"polozky":[{"d":' + "[" * 5000)
    with pytest.raises(DataError, match="truncated"):
        items(path)


def test_lone_surrogate_escape_rejects_the_record_with_its_field(tmp_path: Path) -> None:
    text = (
        '{"polozky":[{"identifikator":"1","nazev":"A\\udc80B"},'
        '{"identifikator":"2","nazev":"\\ud83d\\ude00 \\u00e9"}]}'
    )
    path = write(tmp_path, text)
    found = items(path)
    assert found[0].data is None
    assert found[0].error is not None
    assert "surrogate" in found[0].error
    assert (found[0].field, found[0].identifier, found[0].byte) == ("nazev", "1", 12)
    assert found[1].data == {"identifikator": "2", "nazev": "\U0001f600 é"}  # a pair is fine


def test_lone_surrogate_record_becomes_a_report_entry_and_import_writes(
    tmp_path: Path, small_register: Path
) -> None:
    data = json.loads((small_register / "rpss.json").read_text(encoding="utf-8"))
    victim = data["polozky"][3]
    victim["poskytovatel"]["nazev"] = "X\udc80Y"
    path = tmp_path / "lone.json"
    path.write_text(json.dumps(data), encoding="ascii")  # ensure_ascii writes \\udc80
    result = CliRunner().invoke(cli, ["import", str(path), "--all", "-o", str(tmp_path / "c.json")])
    assert result.exit_code == 0, result.output
    assert "1 rejected" in result.output
    assert "poskytovatel.nazev" in result.output
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["services"]
    converted = CliRunner().invoke(cli, ["convert", str(path), str(tmp_path / "out.json")])
    assert converted.exit_code == 1
    assert "unexpected" not in converted.output
    assert "poskytovatel.nazev" in converted.output
    assert "record 3" in converted.output
    assert not (tmp_path / "out.json").exists()


def test_write_catalog_with_unencodable_text_is_a_data_error(
    tmp_path: Path, small_register: Path
) -> None:
    catalog = load(small_register / "rpss.json").catalog
    third = list(catalog)[2]
    catalog.replace(attrs.evolve(third, description="A\udc80B"))
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(DataError) as info:
        write_catalog(catalog, out)
    assert info.value.location.field == "services[2].description"
    assert str(out) in str(info.value)
    assert out.read_text(encoding="utf-8") == "old"  # the atomic write was abandoned


def test_reading_a_catalogue_with_an_unpaired_surrogate_names_its_field(
    tmp_path: Path, small_register: Path
) -> None:
    saved = tmp_path / "cat.json"
    write_catalog(load(small_register / "rpss.json").catalog, saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["services"][2]["description"] = "A\udc80B"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="ascii")
    with pytest.raises(DataError, match="unpaired surrogate") as info:
        load(bad)
    assert "$.services[2].description" in str(info.value)


def test_typo_at_the_end_is_invalid_json_at_its_byte_not_truncation(tmp_path: Path) -> None:
    path = write(tmp_path, '{"polozky":[{"a": tru}]}')
    with pytest.raises(DataError) as info:
        items(path)
    assert "not valid JSON" in str(info.value)
    assert "truncated" not in str(info.value)
    assert info.value.location.byte == 18


@pytest.mark.parametrize(
    "text",
    [
        '{"polozky":[{"a": tr',
        '{"polozky":[{"a": "xy',
        '{"polozky":[{"a": 1,',
        '{"polozky":[{"a": 12',
    ],
)
def test_data_that_really_stops_is_reported_as_truncated(tmp_path: Path, text: str) -> None:
    with pytest.raises(DataError, match="truncated"):
        items(write(tmp_path, text))


def test_non_finite_value_in_another_top_level_key_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, '{"meta":{"x":NaN},"polozky":[]}')
    with pytest.raises(DataError) as info:
        items(path)
    assert info.value.location.field == "meta.x"
    assert info.value.location.byte == 13


def test_convert_to_xml_warns_about_dropped_top_level_keys(tmp_path: Path) -> None:
    source = write(tmp_path, '{"verze":"1.2","polozky":[{"a":1}],"datum":"2026-01-01"}')
    messages: list[str] = []
    assert convert(source, tmp_path / "out.xml", warn=messages.append) == 1
    assert len(messages) == 1
    assert '"verze"' in messages[0]
    assert '"datum"' in messages[0]
    with pytest.warns(DroppedKeysWarning, match="verze"):
        convert(source, tmp_path / "again.xml")


def test_convert_json_to_json_keeps_top_level_keys(tmp_path: Path) -> None:
    source = write(tmp_path, '{"verze":"1.2","polozky":[{"a":1}],"x":{"k":[1,"é"]}}')
    convert(source, tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == {
        "polozky": [{"a": 1}],
        "verze": "1.2",
        "x": {"k": [1, "é"]},
    }


def test_cli_convert_prints_the_dropped_keys_warning(tmp_path: Path) -> None:
    source = write(tmp_path, '{"verze":"1.2","polozky":[{"a":1}]}')
    result = CliRunner().invoke(cli, ["convert", str(source), str(tmp_path / "out.xml")])
    assert result.exit_code == 0, result.output
    assert "Warning: " in result.output
    assert '"verze"' in result.output


def test_a_syntax_error_does_not_borrow_the_next_records_identifier(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"polozky":[{"id": 1, "x": tru, "y": 2},{"identifikator":"2"}]}')
    with pytest.raises(DataError) as info:
        list(JsonItemStream(path))
    assert info.value.location is not None
    assert info.value.location.identifier is None
    assert info.value.location.index == 0


@pytest.mark.parametrize(
    "layout",
    [
        lambda pad: b'{"n":' + b" " * pad + b'12345,"polozky":[{"a":1}]}',
        lambda pad: b'{"polozky":[' + b" " * pad + b'1234567,{"a":1}]}',
        lambda pad: b'{"polozky":[{"a":1}],"n":' + b" " * pad + b"12345}",
        lambda pad: b'{"polozky":[{"a":1}],"t":' + b" " * pad + b"true}",
    ],
)
def test_a_number_or_literal_split_by_a_chunk_boundary_is_read_whole(
    tmp_path: Path, layout: Any
) -> None:
    for cut in range(1, 5):  # the boundary falls inside the number / literal
        head = layout(0).split(b"12")[0].split(b"tr")[0]
        data = layout(65536 - len(head) - cut)
        path = tmp_path / "r.json"
        path.write_bytes(data)
        stream = JsonItemStream(path)
        items = list(stream)
        expected = json.loads(data)
        assert [i.data for i in items] == expected["polozky"]
        for key, value in expected.items():
            if key != "polozky":
                assert stream.extra[key] == value


def test_a_key_with_bad_bytes_is_reported_printably(tmp_path: Path) -> None:
    for raw in (b'{"polozky":[{"\\udc00":1}]}', b'{"polozky":[{"x\xff":1}]}'):
        path = tmp_path / "r.json"
        path.write_bytes(raw)
        report = tmp_path / "report.json"
        result = CliRunner().invoke(cli, ["import", str(path), "--all", "--report", str(report)])
        assert result.exit_code == 1, result.output  # the only record is rejected
        assert "every record was rejected (1 of 1)" in result.output
        data = json.loads(report.read_text(encoding="utf-8"))
        [rejected] = data["rejected"]
        assert "\\udc" in rejected["field"]


@pytest.mark.parametrize(
    "raw", [b'{"polozky":[{"a":"1"}],"x\xff":"y"}', b'{"polozky":[{"a":"1"}],"x":"\\ud800"}']
)
def test_unicode_problems_beside_the_records_are_an_error(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(raw)
    with pytest.raises(DataError, match="not valid Unicode") as info:
        list(JsonItemStream(path))
    assert info.value.location is not None
    assert info.value.location.field is not None
    assert info.value.location.field.startswith("x")
    result = CliRunner().invoke(cli, ["convert", str(path), str(tmp_path / "o.json")])
    assert result.exit_code == 1
    assert "not valid Unicode" in result.stderr
    assert "unexpected" not in result.stderr


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ('{"identifikator": "1", "identifikator": "2"}', "identifikator"),
        ('{"a": {"b": [{"c": 1, "d": 2, "c": 3}]}}', "a.b[0].c"),
        ('{"poskytovatel": {"ico": "1",\n  "ico": "2"}}', "poskytovatel.ico"),
    ],
)
def test_a_key_given_twice_rejects_its_record_naming_the_field(
    tmp_path: Path, record: str, field: str
) -> None:
    text = '{"polozky": [{"x": "a \\": b"}, ' + record + ', {"y": 1}]}'
    found = items(write(tmp_path, text))
    assert [raw.error is None for raw in found] == [True, False, True]
    assert found[0].data == {"x": 'a ": b'}  # an escaped quote before a colon is no key
    assert found[1].field == field
    assert "given twice" in (found[1].error or "")
