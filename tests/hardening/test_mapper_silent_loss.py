"""The register mapper loses nothing silently: unknown keys at any depth, empty list
entries, an address without obec and a provider without IČO are warned about, naming the
record and the field; an import where every record is rejected fails."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import kpss
from kpss.cli import cli
from kpss.rpss.item_writers import open_writer, write_all

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "rpss-plzensky" / "rpss.json"
Edit = Callable[[dict[str, Any]], None]


def _base() -> dict[str, Any]:
    """An active sample service with a facility address, forms, hours and documents."""
    for item in json.loads(SAMPLE.read_text(encoding="utf-8"))["polozky"]:
        if (
            item["datumPoskytovaniDo"] is None
            and item["zarizeni"]
            and item["zarizeni"][0]["adresa"]
            and item["formy"]
            and item["formy"][0]["kapacity"]
            and item["formy"][0]["casoveRozsahy"]
            and item["doplnkoveUdaje"]["realizacePoskytovani"]
            and item["emaily"]
        ):
            return dict(item)
    raise AssertionError("no suitable sample service")


def _load(tmp_path: Path, items: list[dict[str, Any]], xml: bool = False) -> Any:
    path = tmp_path / ("rpss.xml" if xml else "rpss.json")
    with open_writer(path, xml) as writer:
        write_all(writer, iter(items), path)
    return kpss.load(path, filter=kpss.resolve_filter(keep_all=True).filter)


def _set(path: str, value: Any) -> Edit:
    """An edit setting *path* (``a.b[0].c``) to *value*."""

    def edit(item: dict[str, Any]) -> None:
        *parents, last = path.replace("[", ".[").split(".")
        node: Any = item
        for part in parents:
            node = node[int(part[1:-1])] if part.startswith("[") else node[part]
        if last.startswith("["):
            node[int(last[1:-1])] = value
        else:
            node[last] = value

    return edit


def _rename(path: str, new: str) -> Edit:
    """An edit renaming the key at *path* to *new* (a misspelling)."""

    def edit(item: dict[str, Any]) -> None:
        *parents, last = path.replace("[", ".[").split(".")
        node: Any = item
        for part in parents:
            node = node[int(part[1:-1])] if part.startswith("[") else node[part]
        node[new] = node.pop(last)

    return edit


#: (edit, field warned about, words of the message)
UNKNOWN = [
    (_rename("zarizeni[0].adresa.psc", "kodAdresnihoMistapsc"),
     "zarizeni[0].adresa.kodAdresnihoMistapsc", "did you mean 'kodAdresnihoMista'"),
    (_rename("zarizeni[0].nazev", "nazevv"), "zarizeni[0].nazevv", "did you mean 'nazev'"),
    (_set("zarizeni[0].adresa.ulice.cislo", 5), "zarizeni[0].adresa.ulice.cislo", "unknown key"),
    (_set("zarizeni[0].adresa.obec.nazev", "X"), "zarizeni[0].adresa.obec.nazev", "unknown key"),
    (_set("poskytovatel.pravniForma", "z.ú."), "poskytovatel.pravniForma", "unknown key"),
    (_rename("emaily[0].poznamka", "poznamkaa"), "emaily[0].poznamkaa", "did you mean"),
    (_set("formy[0].kapacityy", []), "formy[0].kapacityy", "did you mean 'kapacity'"),
    (_set("formy[0].kapacity[0].typ.kod", "x"), "formy[0].kapacity[0].typ.kod", "unknown key"),
    (_set("formy[0].kapacity[0].jednotka", "x"), "formy[0].kapacity[0].jednotka", "unknown key"),
    (_set("formy[0].casoveRozsahy[0].poznamka", "x"),
     "formy[0].casoveRozsahy[0].poznamka", "unknown key"),
    (_set("formy[0].forma.nazev", "x"), "formy[0].forma.nazev", "unknown key"),
    (_set("druhSocialniSluzby.nazev", "x"), "druhSocialniSluzby.nazev", "unknown key"),
    (_set("ciloveSkupiny[0].poznamka", "x"), "ciloveSkupiny[0].poznamka", "unknown key"),
    (_set("doplnkoveUdaje.jine", []), "doplnkoveUdaje.jine", "unknown key"),
    (_set("doplnkoveUdaje.realizacePoskytovani[0].priloha.hash", "x"),
     "doplnkoveUdaje.realizacePoskytovani[0].priloha.hash", "unknown key"),
    (_set("kontaktniAdresy", [{"adresa": None, "typ": "x"}]), "kontaktniAdresy[0].typ",
     "unknown key"),
    (_set("rozsirenePusobnostiVKraji", [{"obec": {"id": "Obec/554791"}, "castObce": None}]),
     "rozsirenePusobnostiVKraji[0].castObce", "unknown key"),
]  # fmt: skip

EMPTY = [
    (_set("emaily", [{}]), "emaily[0].email", "empty email; entry dropped"),
    (_set("telefony", [{"telefon": "  ", "poznamka": None}]), "telefony[0].telefon",
     "empty telefon; entry dropped"),
    (_set("weby", [None]), "weby[0]", "expected an object, got null; dropped"),
    (_set("ciloveSkupiny", [{}]), "ciloveSkupiny[0].cilovaSkupina", "missing; entry dropped"),
    (_set("vekoveSkupiny", [{"vekovaSkupina": None}]), "vekoveSkupiny[0].vekovaSkupina",
     "missing; entry dropped"),
    (_set("rozsirenePusobnostiVKraji", [{}]), "rozsirenePusobnostiVKraji[0]",
     "no obec, okres or kraj; entry dropped"),
    (_set("kontaktniAdresy", [{}]), "kontaktniAdresy[0].adresa", "contact address missing"),
    (_set("doplnkoveUdaje.realizacePoskytovani[0]", {}), "doplnkoveUdaje.realizacePoskytovani[0]",
     "empty entry; dropped"),
    (_set("doplnkoveUdaje.planyFinancnihoZajisteni", [{"priloha": {"nazev": "plán.pdf"}}]),
     "doplnkoveUdaje.planyFinancnihoZajisteni[0].priloha.url", "attachment without url"),
    (_set("formy[0].kapacity", [{}]), "formy[0].kapacity[0].typ", "capacity type missing"),
    (_set("zarizeni[0].adresa.obec", None), "zarizeni[0].adresa.obec", "address without obec"),
    (_rename("zarizeni[0].adresa.obec", "obecc"), "zarizeni[0].adresa.obec",
     "address without obec"),
    (_set("poskytovatel.ico", None), "poskytovatel.ico", "provider without IČO"),
    (_set("poskytovatel.ico", ""), "poskytovatel.ico", "provider without IČO"),
]  # fmt: skip


@pytest.mark.parametrize("xml", [False, True], ids=["json", "xml"])
@pytest.mark.parametrize(("edit", "field", "words"), UNKNOWN + EMPTY)
def test_nothing_vanishes_without_a_warning(
    tmp_path: Path, xml: bool, edit: Edit, field: str, words: str
) -> None:
    item = copy.deepcopy(_base())
    item["identifikator"] = "9900001"
    edit(item)
    result = _load(tmp_path, [item], xml)
    assert result.report.accepted == 1
    hits = [w for w in result.report.warnings if w.field == field]
    found = [(w.field, w.message) for w in result.report.warnings]
    assert hits, f"no warning about {field}: {found}"
    assert words in hits[0].message
    assert hits[0].identifier == "9900001"
    assert hits[0].index == 0


def test_the_clean_base_record_has_none_of_these_warnings(tmp_path: Path) -> None:
    """The control: the warnings above come from the edits, not from the sample."""
    result = _load(tmp_path, [copy.deepcopy(_base())])
    fields = {w.field for w in result.report.warnings}
    for _edit, field, _words in UNKNOWN + EMPTY:
        assert field not in fields


def test_an_unknown_nested_key_is_warned_about_once_with_the_first_record(
    tmp_path: Path,
) -> None:
    items = []
    for n in range(3):
        item = copy.deepcopy(_base())
        item["identifikator"] = f"990000{n}"
        item["zarizeni"][0]["adresa"]["kodAdresnihoMistapsc"] = 1
        items.append(item)
    result = _load(tmp_path, items)
    hits = [w for w in result.report.warnings if "kodAdresnihoMistapsc" in (w.field or "")]
    assert [(w.identifier, w.field) for w in hits] == [
        ("9900000", "zarizeni[0].adresa.kodAdresnihoMistapsc")
    ]


def test_an_unknown_nested_key_in_a_filtered_out_record_is_still_reported(
    tmp_path: Path,
) -> None:
    item = copy.deepcopy(_base())
    item["zarizeni"][0]["adresa"]["ulice"]["cisloo"] = 5
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps({"polozky": [item]}, ensure_ascii=False), encoding="utf-8")
    result = kpss.load(path, filter=kpss.resolve_filter(kraj="Jihomoravský kraj").filter)
    assert result.report.filtered_out == 1
    assert [w.field for w in result.report.warnings] == ["zarizeni[0].adresa.ulice.cisloo"]


def test_a_key_given_twice_in_xml_rejects_the_record(tmp_path: Path) -> None:
    item = copy.deepcopy(_base())
    path = tmp_path / "rpss.xml"
    with open_writer(path, True) as writer:
        write_all(writer, iter([item]), path)
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '<utajenaAdresa type="boolean">false</utajenaAdresa>',
        '<utajenaAdresa type="boolean">true</utajenaAdresa>'
        '<utajenaAdresa type="boolean">false</utajenaAdresa>',
        1,
    )
    path.write_text(text, encoding="utf-8")
    result = kpss.load(path, filter=kpss.resolve_filter(keep_all=True).filter)
    assert result.report.accepted == 0
    [rejected] = result.report.rejected
    assert "twice" in rejected.message


def test_an_import_where_every_record_is_rejected_exits_1(tmp_path: Path) -> None:
    items = []
    for n in range(3):
        item = copy.deepcopy(_base())
        item["identifikator"] = f"990000{n}"
        del item["druhSocialniSluzby"]
        items.append(item)
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps({"polozky": items}), encoding="utf-8")
    out, report = tmp_path / "cat.json", tmp_path / "report.json"
    result = CliRunner().invoke(
        cli, ["import", str(path), "--all", "-o", str(out), "--report", str(report)]
    )
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last == (
        f"Error: {path}: every record was rejected (3 of 3); nothing was imported and "
        f"{out} was not written"
    )
    assert "Rejected:" in result.output  # the reasons are shown first
    assert not out.exists()
    data = json.loads(report.read_text(encoding="utf-8"))  # the report is still written
    assert (data["read"], data["accepted"], len(data["rejected"])) == (3, 0, 3)


def test_an_import_with_one_good_record_left_exits_0(tmp_path: Path) -> None:
    good, bad = copy.deepcopy(_base()), copy.deepcopy(_base())
    bad["identifikator"] = "9900009"
    del bad["druhSocialniSluzby"]
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps({"polozky": [bad, good]}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path), "--all"])
    assert result.exit_code == 0, result.output
    assert "1 accepted" in result.output
