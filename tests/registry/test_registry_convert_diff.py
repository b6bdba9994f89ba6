"""Lossless JSON ⇄ XML conversion, writers from a Catalog, snapshot diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from kpss import load
from kpss.cli import cli
from kpss.convert import unstructure
from kpss.errors import DataError
from kpss.rpss.copy import convert
from kpss.rpss.diff_render import render
from kpss.rpss.snapshot_diff import diff_files
from kpss.rpss.write import write_rpss


def _canonical(path: Path) -> bytes:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.tostring(etree.parse(str(path), parser), method="c14n")


def test_json_xml_json_round_trip_is_lossless(tmp_path: Path, small_register: Path) -> None:
    xml, back = tmp_path / "out.xml", tmp_path / "back.json"
    assert convert(small_register / "rpss.json", xml) == 300
    assert convert(xml, back) == 300
    original = json.loads((small_register / "rpss.json").read_bytes())
    assert json.loads(back.read_bytes()) == original
    # kpss's XML equals the generator's own rendition, semantically and even byte for byte
    assert _canonical(xml) == _canonical(small_register / "rpss.xml")
    assert xml.read_bytes() == (small_register / "rpss.xml").read_bytes()
    assert back.read_bytes() == (small_register / "rpss.json").read_bytes()


def test_convert_keeps_values_xml_cannot_normalise(tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    data = {"polozky": [{"t": "řádek\r\ndruhý\tšest <&>", "n": [1.0, -0, 2e3], "e": {}, "b": None}]}
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    convert(source, tmp_path / "a.xml")
    convert(tmp_path / "a.xml", tmp_path / "b.json")
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8")) == data


def test_convert_refuses_lossy_input_and_keeps_no_partial_output(
    rpss_factory, tmp_path: Path
) -> None:
    folder = rpss_factory(services=60, seed=4, faults=("bad-utf8",))
    target = tmp_path / "out.xml"
    with pytest.raises(DataError) as info:
        convert(folder / "rpss.json", target)
    assert "zarizeni[0].nazev" in str(info.value)
    assert "byte" in str(info.value)
    assert not target.exists()
    assert not list(tmp_path.iterdir())
    bad = tmp_path / "c.json"
    bad.write_text(json.dumps({"polozky": [{"x": "\x01"}]}))
    with pytest.raises(DataError, match="U\\+0001"):
        convert(bad, tmp_path / "c.xml")


def test_writers_from_catalogue_read_back_equal(tmp_path: Path, small_register: Path) -> None:
    codes = small_register / "ciselniky"
    catalog = load(small_register / "rpss.json", codes=codes).catalog
    for name in ("w.json", "w.xml"):
        write_rpss(catalog, tmp_path / name)
        again = load(tmp_path / name, codes=codes).catalog
        assert unstructure(again)["services"] == unstructure(catalog)["services"]
    text = (tmp_path / "w.json").read_text(encoding="utf-8")
    assert '"statutarniOrgany"' not in text
    assert '"vedouci"' not in text


def _snapshot(tmp_path: Path, small_register: Path) -> tuple[Path, dict]:
    data = json.loads((small_register / "rpss.json").read_bytes())
    items = data["polozky"]
    active = [
        i
        for i in items
        if i["datumPoskytovaniDo"] is None and i["datumPoskytovaniOd"] < "2026-01-01"
    ]
    removed, ended, changed = active[0], active[1], active[2]
    new_items = [i for i in items if i is not removed]
    ended["datumPoskytovaniDo"] = "2026-06-30"
    changed["formy"][0]["kapacity"][0]["pocet"] += 5
    changed["telefony"].append({"telefon": "777 000 111", "poznamka": None})
    added = json.loads(json.dumps(removed))
    added["identifikator"], added["id"] = "0000001", 1
    new_items.append(added)
    path = tmp_path / "new.json"
    path.write_text(json.dumps({"polozky": new_items}, ensure_ascii=False), encoding="utf-8")
    return path, {"removed": removed, "ended": ended, "changed": changed, "added": added}


def test_diff_new_ended_changed(tmp_path: Path, small_register: Path) -> None:
    new, what = _snapshot(tmp_path, small_register)
    import datetime as dt

    from kpss.filters import ImportFilter

    result = diff_files(
        small_register / "rpss.json",
        new,
        filter=ImportFilter(active_on=dt.date(2026, 8, 31)),
        codes=small_register / "ciselniky",
    )
    assert [e.identifier for e in result.new] == ["0000001"]
    assert result.new[0].status == "registered"
    ended = {e.identifier: e for e in result.ended}
    assert ended[what["removed"]["identifikator"]].status == "removed"
    assert ended[what["ended"]["identifikator"]].status == "ended"
    assert ended[what["ended"]["identifikator"]].date == dt.date(2026, 6, 30)
    [change] = result.changed
    assert change.identifier == what["changed"]["identifikator"]
    assert {c.aspect for c in change.changes} == {"capacity", "contacts"}
    data = json.loads(render(result, "json"))
    assert data["changed"][0]["identifikator"] == change.identifier
    md = render(result, "md")
    assert "## Změněné služby" in md
    assert "| kapacita |" in md
    text = render(result, "text")
    assert "Nové služby: 1, ukončené: 2, změněné: 1" in text
    # People read labels from the code lists; JSON keeps the ids and lists the labels.
    capacity = next(c for c in change.changes if c.aspect == "capacity")
    unit_ids = {key.split()[1] for key in capacity.new}
    assert unit_ids
    lists = json.loads(
        (small_register / "ciselniky" / "typy-kapacity-socialni-sluzby.json").read_text()
    )
    labels = {i["id"]: i["nazev"]["cs"] for i in lists["polozky"]}
    for unit_id in unit_ids:
        label = labels[unit_id]
        assert result.labels[unit_id] == label
        assert label in text
        assert unit_id not in text
        assert label in md
        assert data["labels"][unit_id] == label
        assert unit_id in json.dumps(data["changed"])


def test_diff_cli_with_territory_filter(tmp_path: Path, small_register: Path) -> None:
    new, what = _snapshot(tmp_path, small_register)
    obec = what["changed"]["zarizeni"][0]["adresa"]
    runner = CliRunner()
    args = ["diff", str(small_register / "rpss.json"), str(new), "--active-on", "2026-08-31"]
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    everything = json.loads(result.output)
    assert len(everything["changed"]) == 1
    if obec:
        code = obec["obec"]["id"].split("/")[1]
        local = runner.invoke(cli, [*args, "--format", "json", "--obec", code])
        assert local.exit_code == 0, local.output
        assert [c["identifikator"] for c in json.loads(local.output)["changed"]] == [
            what["changed"]["identifikator"]
        ]
    out = tmp_path / "diff.md"
    assert runner.invoke(cli, [*args, "--format", "md", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Změny v registru")


def test_diff_labels_replace_code_ids_but_not_free_text() -> None:
    from kpss import reference
    from kpss.model import Catalog, Contact, Provider, Service
    from kpss.model.contacts import ContactKind
    from kpss.rpss.snapshot_diff import compare

    provider = Provider("Charita Kralovice", "03593207")
    web = "https://example.cz/CilovaSkupinaOsoby/24"
    before = Service("1", "DruhSocialniSluzby/13", provider, target_groups=())
    after = Service(
        "1",
        "DruhSocialniSluzby/13",
        provider,
        target_groups=("CilovaSkupinaOsoby/24",),
        contacts=(Contact(ContactKind.WEB, web),),
    )
    codes = reference.code_snapshot()
    result = compare(Catalog.of([before], codes), Catalog.of([after], codes))
    text = render(result, "text")
    assert "cílové skupiny: – → senioři" in text
    assert web in text
    assert result.labels == {"CilovaSkupinaOsoby/24": "senioři"}
