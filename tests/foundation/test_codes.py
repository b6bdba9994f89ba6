"""The packaged code-list snapshot and reading official code-list files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kpss.errors import DataError
from kpss.model import Evidence
from kpss.reference import code_book, code_snapshot, read_code_lists


def test_snapshot_holds_only_ids_a_source_shows() -> None:
    groups = {c.id for c in code_snapshot().items("CilovaSkupinaOsoby")}
    assert groups == {f"CilovaSkupinaOsoby/{n}" for n in (24, 26, 27, 30)}
    assert code_snapshot().items("VekovaSkupinaOsoby") == ()
    assert all(int(c.code) < 101 for lst in code_snapshot() for c in lst if c.code.isdigit())


def test_unknown_id_has_no_label() -> None:
    assert code_snapshot().label("CilovaSkupinaOsoby/24") == "senioři"
    assert code_snapshot().label("CilovaSkupinaOsoby/101") is None
    assert code_snapshot().label("not an id") is None


def test_inferred_druh_ids_are_marked() -> None:
    druh7 = code_snapshot().get("DruhSocialniSluzby/7")
    assert druh7 is not None
    assert druh7.evidence is Evidence.INFERRED
    assert code_snapshot().get("DruhSocialniSluzby/13").evidence is Evidence.SEEN  # type: ignore[union-attr]


def test_official_files_are_laid_over_the_snapshot(small_register: Path) -> None:
    book = code_book(small_register / "ciselniky")
    assert book.label("CilovaSkupinaOsoby/101") is not None  # from the given files
    assert book.label("CilovaSkupinaOsoby/24") == "senioři"
    assert book.label("VekovaSkupinaOsoby/101") == "bez omezení věku"


def test_language_map_and_plain_string_labels(tmp_path: Path) -> None:
    (tmp_path / "cilove-skupiny-osoby.json").write_text(
        json.dumps(
            {
                "polozky": [
                    {"id": "CilovaSkupinaOsoby/24", "nazev": {"cs": "senioři", "en": "seniors"}},
                    {"id": "CilovaSkupinaOsoby/26", "nazev": "pečující osoby"},
                ]
            }
        ),
        encoding="utf-8",
    )
    book = read_code_lists(tmp_path)
    assert book.label("CilovaSkupinaOsoby/24") == "senioři"
    assert book.label("CilovaSkupinaOsoby/26") == "pečující osoby"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"polozky": [{"id": "CilovaSkupinaOsoby/24", ', "line 1"),
        ('{"items": []}', 'expected an object with the array "polozky"'),
        (
            '{"polozky": [{"id": "Kraj/19", "nazev": {"cs": "Praha"}}]}',
            "record 0, field id: expected an id of list CilovaSkupinaOsoby",
        ),
        ('{"polozky": [{"id": "CilovaSkupinaOsoby/1", "nazev": 5}]}', "field nazev"),
    ],
)
def test_malformed_code_list_names_file_and_position(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "cilove-skupiny-osoby.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_code_lists(tmp_path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_code_list_directory_must_exist(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="expected a directory"):
        read_code_lists(tmp_path / "missing")


def test_code_list_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "formy-soc-sluzby.json"
    content = b'{"polozky": [{"id": "FormaSocialniSluzby/amb", "nazev": "ambulantn\xc3\x28"}]}'
    path.write_bytes(content)
    where = content.index(b"\xc3")
    with pytest.raises(DataError, match=rf"formy-soc-sluzby\.json, byte {where}: not UTF-8 text"):
        read_code_lists(tmp_path)
