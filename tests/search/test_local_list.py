"""Reading coordinators' own lists: delimiters, BOM, encodings, column mapping, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kpss.errors import DataError, UsageError
from kpss.find.local_list import parse_columns, read_local


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_semicolon_and_bom_and_czech_headers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "seznam.csv",
        "\ufeffNázev;Poskytovatel;IČO;Telefon;E-mail;WWW\n"
        "Domov Bukov;Charita Bukov;47111119;737 123 970;info@charita.cz;charita.cz\n",
    )
    local = read_local(path)
    assert local.mapping == {
        "name": "Název",
        "provider": "Poskytovatel",
        "ico": "IČO",
        "phone": "Telefon",
        "email": "E-mail",
        "web": "WWW",
    }
    entry = local.entries[0]
    assert entry.index == 0
    assert entry.line == 2
    assert entry.get("ico") == "47111119"
    assert entry.get("obec") == ""


def test_comma_delimiter_quoted_values_and_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "seznam.csv",
        'name,address\n"Domov, Bukov","Nádražní 1, 592 14 Bukov"\n\n,\nCentrum Naděje,Hulín\n',
    )
    local = read_local(path)
    assert [e.get("name") for e in local.entries] == ["Domov, Bukov", "Centrum Naděje"]
    assert [e.index for e in local.entries] == [0, 1]  # data rows counted from 0
    assert local.entries[1].line == 5


def test_explicit_column_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "Služba v katalogu;Kontakt\nPoradna;+420 602 277 272\n")
    with pytest.raises(DataError, match="no column for the service name"):
        read_local(path)
    local = read_local(path, parse_columns("name=Služba v katalogu,phone=Kontakt"))
    assert local.entries[0].get("phone") == "+420 602 277 272"


def test_missing_mapped_column_lists_the_files_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "Název;Telefon\nPoradna;1\n")
    with pytest.raises(DataError) as info:
        read_local(path, {"name": "Název", "ico": "IČ organizace"})
    message = str(info.value)
    assert "s.csv" in message
    assert "'IČ organizace'" in message
    assert "'Název', 'Telefon'" in message


def test_non_utf8_file_names_line_and_suggests_cp1250(tmp_path: Path) -> None:
    path = write(tmp_path, "excel.csv", "Nazev;Obec\nDomov;Bukov\nPoradna;Kroměříž\n", "cp1250")
    with pytest.raises(DataError) as info:
        read_local(path)
    message = str(info.value)
    assert "excel.csv" in message
    assert "line 3" in message
    assert "byte 35" in message  # the ě of Kroměříž
    assert "--encoding cp1250" in message
    local = read_local(path, encoding="cp1250")
    assert local.entries[1].get("obec") == "Kroměříž"


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "name\nx\n")
    with pytest.raises(UsageError, match="unknown encoding"):
        read_local(path, encoding="klingon")


def test_row_with_too_many_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "name;obec\nDomov;Bukov;navíc\n")
    with pytest.raises(DataError, match=r"s\.csv, line 2: 3 fields but the header has 2"):
        read_local(path)


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="empty"):
        read_local(write(tmp_path, "s.csv", ""))


def test_json_lists(tmp_path: Path) -> None:
    rows = [{"nazev": "Domov Bukov", "telefony": ["737 123 970", "602 277 272"], "ico": None}]
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"items": rows}), encoding="utf-8")
    local = read_local(path)
    entry = local.entries[0]
    assert entry.get("name") == "Domov Bukov"
    assert entry.get("phone") == "737 123 970, 602 277 272"
    assert entry.get("ico") == ""


def test_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('[{"nazev": "x"},\n oops]', encoding="utf-8")
    with pytest.raises(DataError, match=r"s\.json, line 2"):
        read_local(path)
    path.write_text('{"nazev": "x"}', encoding="utf-8")
    with pytest.raises(DataError, match="expected a list of objects"):
        read_local(path)


@pytest.mark.parametrize("text", ["name", "name=", "nazev=Název", "name=A,,"])
def test_bad_columns_option(text: str) -> None:
    with pytest.raises(UsageError, match="--columns"):
        parse_columns(text)
