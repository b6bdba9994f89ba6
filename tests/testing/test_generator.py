"""The generator: determinism, sizes that scale, the real shape, territory, bad arguments."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kpss import reference
from kpss.errors import UsageError
from kpss.model.actors import is_valid_ico
from kpss.testing import (
    NATIONAL_SERVICES,
    REFERENCE_DATE,
    RegisterInfo,
    RegisterSpec,
    register_items,
    write_register,
)
from kpss.testing.__main__ import main

from .helpers import folder_bytes, items, references

ITEM_KEYS = [
    "portalId", "id", "identifikator", "datumPoskytovaniOd", "datumPoskytovaniDo",
    "kontaktniAdresy", "druhSocialniSluzby", "zarizeni", "poskytovatel", "emaily", "telefony",
    "faxy", "weby", "ciloveSkupiny", "vekoveSkupiny", "doplnujiciInformaceVekoveSkupiny",
    "formy", "rozsirenePusobnostiVKraji", "doplnkoveUdaje",
]  # fmt: skip
ADDRESS_KEYS = [
    "cisloDomovni", "cisloOrientacni", "dodatekAdresy", "kodAdresnihoMista", "psc",
    "typCislaDomovniho", "kraj", "okres", "obec", "castObce", "mestskyObvodMestskaCast",
    "mestskyObvodVPraze", "ulice",
]  # fmt: skip


def test_same_arguments_give_byte_identical_folders(tmp_path: Path) -> None:
    options = {"services": 150, "seed": 3, "xml": True, "faults": ["wrong-type"]}
    first = write_register(tmp_path / "a", **options)
    second = write_register(tmp_path / "b", **options)
    assert folder_bytes(first.folder) == folder_bytes(second.folder)
    assert first.counts == second.counts
    # another interpreter with another hash seed writes the same bytes
    code = (
        "import sys; from kpss.testing import write_register; "
        "write_register(sys.argv[1], services=150, seed=3, xml=True, faults=['wrong-type'])"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "c")], env=env, check=True)
    assert folder_bytes(tmp_path / "c") == folder_bytes(first.folder)
    other = write_register(tmp_path / "d", services=150, seed=4)
    assert (other.folder / "rpss.json").read_bytes() != (first.folder / "rpss.json").read_bytes()


def test_register_items_are_the_items_of_rpss_json(rpss_folder: RegisterInfo) -> None:
    generated = list(register_items(300, seed=7))
    assert generated == items(rpss_folder.json)
    # independent dicts: a provider shared by two services is two objects here
    first, second = generated[0], generated[1]
    first["poskytovatel"]["nazev"] = "changed"
    assert second["poskytovatel"]["nazev"] != "changed"


def test_item_faults_in_items_damage_the_records_of_the_written_register(
    rpss_factory,
) -> None:
    info = rpss_factory(services=80, seed=2, faults=["unknown-code", "wrong-type"])
    assert list(register_items(80, seed=2, faults=["wrong-type", "unknown-code"])) == items(
        info.json
    )


@pytest.mark.parametrize("services", [1, 2, 40, 400])
def test_counts_match_the_files_and_scale(rpss_factory, services: int) -> None:
    info = rpss_factory(services=services, seed=11)
    data = items(info.json)
    counts = info.counts
    assert counts.services == len(data) == services
    assert counts.facilities == sum(len(i["zarizeni"]) for i in data)
    assert counts.providers == len({i["poskytovatel"]["ico"] for i in data})
    today = REFERENCE_DATE.isoformat()
    ended = [i for i in data if i["datumPoskytovaniDo"] and i["datumPoskytovaniDo"] < today]
    assert counts.ended == len(ended)
    assert counts.future_starts == sum(i["datumPoskytovaniOd"] > today for i in data)
    facilities = [f for i in data for f in i["zarizeni"]]
    assert counts.secret_facilities == sum(f["utajenaAdresa"] for f in facilities)
    assert counts.facilities_without_address_point == sum(
        1 for f in facilities if f["adresa"] and f["adresa"]["kodAdresnihoMista"] is None
    )
    manifest = json.loads(info.manifest.read_text(encoding="utf-8"))
    assert manifest["counts"]["services"] == services
    assert manifest["files"]["rpss.json"]["size"] == info.json.stat().st_size
    assert RegisterInfo.read(info.folder) == info


def test_file_size_grows_with_the_number_of_services(rpss_factory) -> None:
    small = rpss_factory(services=50, seed=11).json.stat().st_size
    large = rpss_factory(services=500, seed=11).json.stat().st_size
    assert 7 < large / small < 13


def test_national_register_has_the_shape_of_the_real_one(tmp_path: Path) -> None:
    info = write_register(tmp_path / "national")
    counts = info.counts
    assert counts.services == NATIONAL_SERVICES == 6733
    assert 2.6 < counts.facilities / counts.services < 3.0  # real: 18,907 facilities
    assert 1800 < counts.providers < 2800
    assert 0.13 < counts.ended / counts.services < 0.17  # real: about 15 %
    with_address = counts.facilities - counts.secret_facilities
    assert 0.03 < counts.facilities_without_address_point / with_address < 0.042  # real 3.6 %
    assert 2400 < counts.services_with_seniors < 2800  # real: 2,600
    assert counts.future_starts > 0
    assert 90e6 < info.files["rpss.json"] < 105e6  # real: 99.0 MB
    sizes = [len(i["zarizeni"]) for i in register_items(NATIONAL_SERVICES)]
    assert max(sizes) > 12  # a few services with many places


def test_items_have_the_real_shape(rpss_folder: RegisterInfo) -> None:
    data = items(rpss_folder.json)
    raw = rpss_folder.json.read_bytes()
    assert raw.startswith(b'{"polozky":[{"portalId":')
    assert b"\n" not in raw  # compact
    assert "ř".encode() in raw  # UTF-8, not \\u escapes
    assert [i["portalId"] for i in data] == sorted(i["portalId"] for i in data)
    assert len({i["identifikator"] for i in data}) == len({i["id"] for i in data}) == 300
    for item in data:
        assert list(item) == ITEM_KEYS
        assert re.fullmatch(r"\d{7}", item["identifikator"])
        assert is_valid_ico(item["poskytovatel"]["ico"])
        assert item["formy"]
        assert all(f["kapacity"] for f in item["formy"])
        for facility in item["zarizeni"]:
            assert (facility["id"], facility["portalId"], facility["identifikator"]) == (None,) * 3
            if facility["utajenaAdresa"]:
                assert facility["adresa"] is None
            else:
                address = facility["adresa"]
                assert list(address) == ADDRESS_KEYS
                assert type(address["cisloDomovni"]) is int
                assert re.fullmatch(r"\d{5}", address["psc"])
                point = address["kodAdresnihoMista"]
                assert point is None or 10_000_000 <= point < 100_000_000
        for form in item["formy"]:
            assert (form["casoveRozsahy"] is None) == form["nepretrzitePoskytovani"]
        for kind, entries in item["doplnkoveUdaje"].items():
            assert kind in (
                "realizacePoskytovani",
                "planyFinancnihoZajisteni",
                "personalniZajisteni",
            )
            for entry in entries:
                assert entry["priloha"]["url"].startswith(
                    "https://mpsv.cz/agportal-server/rest/documents/"
                )
    # one building, one address point: different addresses never share a code
    points: dict[int, str] = {}
    for item in data:
        for facility in item["zarizeni"]:
            address = facility["adresa"]
            if address and address["kodAdresnihoMista"] is not None:
                text = json.dumps(address, sort_keys=True)
                assert points.setdefault(address["kodAdresnihoMista"], text) == text


def test_providers_repeat_across_their_services(rpss_folder: RegisterInfo) -> None:
    by_ico: dict[str, list[dict]] = {}
    for item in items(rpss_folder.json):
        by_ico.setdefault(item["poskytovatel"]["ico"], []).append(item["poskytovatel"])
    assert max(len(v) for v in by_ico.values()) >= 5
    for providers in by_ico.values():
        assert all(p == providers[0] for p in providers)  # the same data in each service
    statutory = [p["statutarniOrgany"] for v in by_ico.values() for p in v[:1]]
    assert sum(1 for s in statutory if s) > 0.9 * len(statutory)
    assert all({"jmeno", "prijmeni", "funkce"} <= set(m) for s in statutory for m in s)


def test_messy_contacts(rpss_folder: RegisterInfo) -> None:
    data = items(rpss_folder.json)
    webs = [w["web"] for i in data for w in (*i["weby"], *i["poskytovatel"]["weby"])]
    assert any(w.startswith("www.") for w in webs)
    assert any(not w.startswith(("http", "www")) for w in webs)  # a bare domain
    assert any(w.startswith("https://") for w in webs)
    phones = [t["telefon"] for i in data for t in i["telefony"]]
    assert any(re.fullmatch(r"\d{3} \d{3} \d{3}", p) for p in phones)
    assert any(re.fullmatch(r"\d{9}", p) for p in phones)
    assert any(p.startswith("+420") for p in phones)
    assert any("," in p for p in phones)  # two numbers in one field
    mails = [e["email"] for i in data for e in i["emaily"]]
    assert any(m != m.strip() or m != m.lower() for m in mails)


def test_data_traps(rpss_folder: RegisterInfo) -> None:
    data = items(rpss_folder.json)
    names = [[f["nazev"] for f in i["zarizeni"]] for i in data]
    assert any(n.endswith(" ") and n.rstrip() in group for group in names for n in group)
    exact = sum(1 for i in data for k, f in enumerate(i["zarizeni"]) if f in i["zarizeni"][:k])
    assert exact > 0
    assert any("nadzemn" in n for group in names for n in group)
    assert any("&" in n for group in names for n in group)  # text that XML must escape


def test_register_confined_to_a_kraj(rpss_factory) -> None:
    info = rpss_factory(services=200, seed=3, kraj="43")
    assert rpss_factory(services=200, seed=3, kraj="Plzeňský kraj") is info
    territory = reference.territory()
    plzensky = territory.obec_codes(territory.kraje["43"])
    ids = [r for item in items(info.json) for r in references(item)]
    assert {r for r in ids if r.startswith("Kraj/")} == {"Kraj/43"}
    obce = {r.partition("/")[2] for r in ids if r.startswith("Obec/")}
    assert obce <= plzensky
    assert len(obce) > 20


def test_register_confined_to_obce(rpss_factory) -> None:
    chosen = ["554791", "559075", "559041"]  # Plzeň, Kralovice, Kozojedy (okres Plzeň-sever)
    info = rpss_factory(services=60, seed=3, obce=chosen)
    data = items(info.json)
    obce = {r.partition("/")[2] for item in data for r in references(item) if r.startswith("Obec/")}
    assert obce <= set(chosen)
    for item in data:
        for entry in item["rozsirenePusobnostiVKraji"]:
            assert entry["obec"] is not None  # no okres or kraj that reaches beyond the list


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"faults": ["nonsense"]}, "unknown fault 'nonsense'"),
        ({"services": 0}, "services must be a whole number from 1"),
        ({"services": 10**6}, "services must be a whole number from 1"),
        ({"seed": "x"}, "seed must be a whole number"),
        ({"kraj": "99"}, "unknown kraj '99'"),
        ({"obce": ["123"]}, "unknown obec code(s) 123"),
        ({"obce": []}, "an empty list of obce"),
        ({"kraj": "43", "obce": ["554791"]}, "kraj or obce, not both"),
        ({"services": 1, "faults": ["duplicate-id"]}, "2 damaged record(s) needed"),
    ],
)
def test_arguments_that_cannot_be_met(tmp_path: Path, options: dict, message: str) -> None:
    with pytest.raises(UsageError) as info:
        write_register(tmp_path / "out", **options)
    assert message in str(info.value)
    assert not (tmp_path / "out").exists()


def test_file_faults_are_refused_in_items() -> None:
    with pytest.raises(UsageError, match="bad-utf8 exist only in file bytes"):
        register_items(10, faults=["bad-utf8"])


def test_spec_is_normalised() -> None:
    spec = RegisterSpec(faults=["wrong-type", "xxe", "wrong-type"], kraj=43)
    assert spec == RegisterSpec(faults=("xxe", "wrong-type"), kraj="43", xml=True)
    assert [f.value for f in spec.faults] == ["wrong-type", "xxe"]
    assert spec.xml  # implied by xxe


def test_a_foreign_folder_is_never_written_over(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="refusing to write over it"):
        write_register(tmp_path, services=5)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    file = tmp_path / "notes.txt"
    with pytest.raises(UsageError, match="is a file"):
        write_register(file, services=5)


def test_an_earlier_register_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "register"
    write_register(target, services=20, seed=1, xml=True)
    info = write_register(target, services=10, seed=2)
    assert not (target / "rpss.xml").exists()  # nothing left of the earlier one
    assert len(items(info.json)) == 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register"]


def test_a_failed_run_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kpss.testing import generator

    real = generator.ItemMaker.make

    def failing(self: generator.ItemMaker, i: int) -> dict:
        if i == 7:
            raise RuntimeError("disk full")
        return real(self, i)

    monkeypatch.setattr(generator.ItemMaker, "make", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        write_register(tmp_path / "out", services=20)
    assert list(tmp_path.iterdir()) == []


def test_importing_kpss_testing_does_not_import_pytest() -> None:
    code = "import sys, kpss.testing; print('pytest' in sys.modules, '_pytest' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "r"), "--services", "30", "--xml", "--fault", "truncated"]) == 0
    out = capsys.readouterr().out
    assert "30 services" in out
    assert "rpss.xml" in out
    info = RegisterInfo.read(tmp_path / "r")
    damage = info.damage("truncated")
    assert f"truncated: record {damage.index}, identifikator {damage.identifier}" in out
    assert main([str(tmp_path / "s"), "--kraj", "99"]) == 2
    assert "unknown kraj" in capsys.readouterr().err


def test_reading_a_folder_that_is_no_register_names_the_manifest(tmp_path: Path) -> None:
    from kpss.errors import DataError

    with pytest.raises(DataError, match=r"manifest\.json.*expected the manifest"):
        RegisterInfo.read(tmp_path)
    (tmp_path / "manifest.json").write_text('{"generator": "gen_rpss.py"}', encoding="utf-8")
    with pytest.raises(DataError, match=r"not written by kpss\.testing"):
        RegisterInfo.read(tmp_path)
