"""load(): mapping to the model, filters, merging, code lists, strict mode, importers."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from kpss import StrictModeError, load, reference
from kpss.convert import unstructure
from kpss.default_plugins.kpss_catalog import write_catalog
from kpss.errors import DataError
from kpss.filters import ImportFilter
from kpss.model.contacts import ContactKind
from kpss.model.law import Form
from kpss.rpss.item_writers import write_items

ADDRESS = {
    "cisloDomovni": 2272,
    "cisloOrientacni": "54",
    "dodatekAdresy": None,
    "kodAdresnihoMista": 11867906,
    "psc": "35201",
    "typCislaDomovniho": {"id": "TypStavebnihoObjektu/1"},
    "kraj": {"id": "Kraj/51"},
    "okres": {"id": "Okres/3402"},
    "obec": {"id": "Obec/554499"},
    "castObce": {"id": "CastObce/405507"},
    "mestskyObvodMestskaCast": None,
    "mestskyObvodVPraze": None,
    "ulice": {"nazev": "Nemocniční"},
}


def item(ident: str = "1000001", **changes: Any) -> dict[str, Any]:
    """A register item in the real shape (Carvac-like sample of registry-format.md)."""
    data: dict[str, Any] = {
        "portalId": 311,
        "id": 6211506,
        "identifikator": ident,
        "datumPoskytovaniOd": "2012-02-01",
        "datumPoskytovaniDo": None,
        "kontaktniAdresy": [{"adresa": ADDRESS}],
        "druhSocialniSluzby": {"id": "DruhSocialniSluzby/13"},
        "zarizeni": [
            {
                "id": None,
                "portalId": None,
                "identifikator": None,
                "nazev": "Domov pro seniory Bukov ",
                "poskytujeOd": "2012-02-01",
                "poskytujeDo": None,
                "utajenaAdresa": False,
                "adresa": ADDRESS,
                "vedouci": {"titulPred": "Mgr.", "jmeno": "Jana", "prijmeni": "Tajná"},
            },
            {
                "id": None,
                "portalId": None,
                "identifikator": None,
                "nazev": "Domov pro seniory  Bukov",
                "poskytujeOd": "2010-01-01",
                "poskytujeDo": None,
                "utajenaAdresa": False,
                "adresa": copy.deepcopy(ADDRESS),
            },
            {
                "nazev": "Azyl",
                "utajenaAdresa": True,
                "adresa": None,
                "poskytujeOd": None,
                "poskytujeDo": None,
            },
        ],
        "poskytovatel": {
            "ico": "25228714",
            "nazev": "CARVAC s.r.o.",
            "dic": None,
            "adresa": ADDRESS,
            "emaily": [{"email": " ldn@carvac.cz", "poznamka": None}],
            "telefony": [],
            "weby": [{"web": "http://www.carvac.cz", "poznamka": None}],
            "statutarniOrgany": [{"jmeno": "Petr", "prijmeni": "Statutár"}],
        },
        "emaily": [{"email": "info@carvac.cz", "poznamka": "recepce"}],
        "telefony": [{"telefon": "354 525 345", "poznamka": None}],
        "faxy": [],
        "weby": [],
        "ciloveSkupiny": [{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}}],
        "vekoveSkupiny": [],
        "doplnujiciInformaceVekoveSkupiny": None,
        "formy": [
            {
                "forma": {"id": "FormaSocialniSluzby/pob"},
                "nepretrzitePoskytovani": True,
                "casoveRozsahy": None,
                "kapacity": [
                    {
                        "pocet": 32,
                        "popis": "32 lůžek",
                        "typ": {"id": "TypKapacitySocialniSluzby/luzka"},
                    }
                ],
            },
            {
                "forma": {"id": "FormaSocialniSluzby/amb"},
                "nepretrzitePoskytovani": False,
                "casoveRozsahy": [
                    {"denVTydnu": {"id": "DenVTydnu/1"}, "od": "08:00", "do": "16:30"}
                ],
                "kapacity": [
                    {"pocet": 5, "popis": None, "typ": {"id": "TypKapacitySocialniSluzby/klient"}}
                ],
            },
        ],
        "rozsirenePusobnostiVKraji": [
            {
                "kraj": {"id": "Kraj/51"},
                "okres": {"id": "Okres/3402"},
                "obec": {"id": "Obec/554481"},
            },
            {"kraj": {"id": "Kraj/51"}, "okres": {"id": "Okres/3403"}, "obec": None},
        ],
        "doplnkoveUdaje": {
            "realizacePoskytovani": [
                {
                    "platnostOd": "2012-02-01",
                    "popis": "starý text",
                    "priloha": {"nazev": "a.pdf", "url": "https://mpsv.cz/a"},
                },
                {
                    "platnostOd": "2020-01-01",
                    "popis": "nový text",
                    "priloha": {"nazev": "b.pdf", "url": "https://mpsv.cz/b"},
                },
            ],
            "planyFinancnihoZajisteni": [
                {
                    "platnostOd": "2021-01-01",
                    "rok": 2021,
                    "priloha": {"nazev": "p.pdf", "url": "https://mpsv.cz/p"},
                }
            ],
            "personalniZajisteni": [],
        },
    }
    data.update(changes)
    return data


def write(tmp_path: Path, *items: dict[str, Any], name: str = "rpss.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"polozky": list(items)}, ensure_ascii=False), encoding="utf-8")
    return path


def test_mapping_of_one_item(tmp_path: Path) -> None:
    result = load(write(tmp_path, item()))
    service = result.catalog.service("1000001")
    assert service is not None
    assert service.name is None
    assert service.title == "Domov pro seniory Bukov"
    assert service.kind_code == "DruhSocialniSluzby/13"
    assert service.kind.key == "49"
    assert (service.register_id, service.portal_id) == (6211506, 311)
    assert [f.form for f in service.forms] == [Form.POBYTOVA, Form.AMBULANTNI]
    assert service.forms[0].continuous is True
    assert service.capacity("TypKapacitySocialniSluzby/luzka") == 32
    hours = service.forms[1].hours[0]
    assert (hours.day, hours.opens, hours.closes) == ("DenVTydnu/1", dt.time(8), dt.time(16, 30))
    # facility duplicates (name modulo whitespace, same address) merged, dates widened
    assert [f.name for f in service.facilities] == ["Domov pro seniory Bukov", "Azyl"]
    assert service.facilities[0].valid_from == dt.date(2010, 1, 1)
    assert service.facilities[1].secret_address
    assert service.facilities[1].address is None
    [merge] = [w for w in result.report.warnings if w.field == "zarizeni[1]"]
    assert "duplicate of zarizeni[0]" in merge.message
    address = service.facilities[0].address
    assert address is not None
    assert (address.obec_code, address.okres_code, address.kraj_code) == ("554499", "3402", "51")
    assert (address.street, address.house_number, address.orientation_number) == (
        "Nemocniční",
        2272,
        "54",
    )
    assert address.address_point == 11867906
    assert address.cast_obce_code == "405507"
    # service area: the obec itself, plus every obec of okres Karlovy Vary (3403)
    karlovy_vary = reference.territory().obec_codes(reference.territory().okres("3403"))
    assert service.service_area == {"554481"} | karlovy_vary
    assert {"554499", "554481"} <= service.obce()
    # contacts at both levels; provider by IČO
    assert [(c.kind, c.value, c.note) for c in service.contacts] == [
        (ContactKind.EMAIL, "info@carvac.cz", "recepce"),
        (ContactKind.PHONE, "354 525 345", None),
    ]
    assert service.provider.ico == "25228714"
    assert service.provider.seat == address
    assert service.provider.contacts[0].value == "ldn@carvac.cz"
    # newest realizacePoskytovani text is the description; attachments are links
    assert service.description == "nový text"
    assert [d.url for d in service.documents] == [
        "https://mpsv.cz/a",
        "https://mpsv.cz/b",
        "https://mpsv.cz/p",
    ]
    # no personal data anywhere in the model
    dumped = json.dumps(unstructure(result.catalog), ensure_ascii=False)
    assert "Tajná" not in dumped
    assert "Statutár" not in dumped


def test_invalid_ico_keeps_provider_without_ico(tmp_path: Path) -> None:
    bad = item(poskytovatel={**item()["poskytovatel"], "ico": "25228715"})
    result = load(write(tmp_path, bad))
    service = result.catalog.service("1000001")
    assert service is not None
    assert service.provider.ico is None
    [warning] = [w for w in result.report.warnings if w.field == "poskytovatel.ico"]
    assert "'25228715'" in warning.message
    assert warning.index == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"identifikator": None}, "identifikator"),
        ({"identifikator": 1000001}, "identifikator"),
        ({"poskytovatel": None}, "poskytovatel"),
        ({"poskytovatel": {"ico": "25228714"}}, "poskytovatel.nazev"),
        ({"druhSocialniSluzby": "DruhSocialniSluzby/13"}, "druhSocialniSluzby"),
        ({"datumPoskytovaniDo": "31.12.2020"}, "datumPoskytovaniDo"),
    ],
)
def test_rejected_records_name_the_field(
    tmp_path: Path, changes: dict[str, Any], field: str
) -> None:
    path = write(tmp_path, item("1"), item("2", **changes), item("3"))
    report = load(path).report
    assert (report.read, report.accepted, len(report.rejected)) == (3, 2, 1)
    [entry] = report.rejected
    assert (entry.index, entry.field) == (1, field)
    assert entry.location is not None
    assert entry.location.byte is not None
    raw = path.read_bytes()
    assert raw[entry.location.byte :].startswith(b'{"portalId"')


def test_wrong_types_are_dropped_with_warnings_never_coerced(tmp_path: Path) -> None:
    raw = item(portalId="311")
    raw["formy"][0]["nepretrzitePoskytovani"] = "ano"
    raw["zarizeni"][0]["adresa"] = {**ADDRESS, "cisloDomovni": "2272"}
    result = load(write(tmp_path, raw))
    service = result.catalog.service("1000001")
    assert service is not None
    assert service.portal_id is None
    assert service.forms[0].continuous is None
    assert service.facilities[0].address.house_number is None
    fields = {w.field for w in result.report.warnings}
    assert {
        "portalId",
        "formy[0].nepretrzitePoskytovani",
        "zarizeni[0].adresa.cisloDomovni",
    } <= fields


def test_provider_conflict_most_frequent_version_wins(tmp_path: Path) -> None:
    other = copy.deepcopy(item()["poskytovatel"])
    other["nazev"] = "CARVAC, s. r. o."
    path = write(tmp_path, item("1"), item("2", poskytovatel=other), item("3"))
    result = load(path)
    assert len(result.catalog.providers) == 1
    assert result.catalog.provider("25228714").name == "CARVAC s.r.o."
    assert {s.provider.name for s in result.catalog} == {"CARVAC s.r.o."}
    [warning] = [w for w in result.report.warnings if w.field == "poskytovatel"]
    assert warning.identifier == "2"
    assert warning.index == 1
    assert "name" in warning.message
    assert "service 1" in warning.message
    assert "2 of 3" in warning.message
    # In the XML rendition the warning also gives the record's line.
    xml = tmp_path / "rpss.xml"
    write_items(xml, iter([item("1"), item("2", poskytovatel=other), item("3")]))
    [in_xml] = [w for w in load(xml).report.warnings if w.field == "poskytovatel"]
    assert in_xml.location is not None
    assert in_xml.location.line == 4  # declaration, <rpss>, record 0, record 1


def test_code_lists_from_directory_and_unknown_ids(tmp_path: Path, small_register: Path) -> None:
    raw = item(ciloveSkupiny=[{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/112"}}])
    path = write(tmp_path, raw)
    plain = load(path)
    assert plain.catalog.label("CilovaSkupinaOsoby/112") is None
    assert any(w.field == "ciloveSkupiny[0].cilovaSkupina.id" for w in plain.report.warnings)
    assert plain.catalog.service("1000001").target_groups == ("CilovaSkupinaOsoby/112",)
    official = load(path, codes=small_register / "ciselniky")
    label = json.loads((small_register / "ciselniky" / "cilove-skupiny-osoby.json").read_text())
    expected = {i["id"]: i["nazev"]["cs"] for i in label["polozky"]}["CilovaSkupinaOsoby/112"]
    assert official.catalog.label("CilovaSkupinaOsoby/112") == expected
    assert not any(w.field == "ciloveSkupiny[0].cilovaSkupina.id" for w in official.report.warnings)


def test_kind_from_code_list_paragraph(tmp_path: Path) -> None:
    codes = tmp_path / "ciselniky"
    codes.mkdir()
    (codes / "druhy-socialni-sluzby.json").write_text(
        json.dumps(
            {"polozky": [{"id": "DruhSocialniSluzby/77", "nazev": {"cs": "x"}, "paragraf": "§ 50"}]}
        )
    )
    result = load(
        write(tmp_path, item(druhSocialniSluzby={"id": "DruhSocialniSluzby/77"})), codes=codes
    )
    assert result.catalog.service("1000001").kind.key == "50"


def test_filters(small_register: Path) -> None:
    path = small_register / "rpss.json"
    everything = load(path, codes=small_register / "ciselniky")
    services = list(everything.catalog)
    territory = reference.territory()
    plzensky = territory.obec_codes(territory.kraj("43"))
    for flt, keep in [
        (ImportFilter(obce=plzensky), lambda s: bool(s.obce() & plzensky)),
        (ImportFilter(active_on=dt.date(2026, 8, 31)), lambda s: s.is_active(dt.date(2026, 8, 31))),
        (
            ImportFilter(kinds=frozenset({"DruhSocialniSluzby/13"})),
            lambda s: s.kind_code == "DruhSocialniSluzby/13",
        ),
        (
            ImportFilter(target_groups=frozenset({"CilovaSkupinaOsoby/24"})),
            lambda s: "CilovaSkupinaOsoby/24" in s.target_groups,
        ),
    ]:
        result = load(path, filter=flt, codes=small_register / "ciselniky")
        expected = {s.identifier for s in services if keep(s)}
        assert set(result.catalog.services) == expected
        assert 0 < len(expected) < len(services)
        report = result.report
        assert report.read == report.accepted + report.filtered_out + len(report.rejected)


def test_json_and_xml_give_the_same_catalogue(small_register: Path) -> None:
    codes = small_register / "ciselniky"
    from_json = load(small_register / "rpss.json", codes=codes)
    from_xml = load(small_register / "rpss.xml", codes=codes)
    assert unstructure(from_json.catalog)["services"] == unstructure(from_xml.catalog)["services"]
    assert [w.message for w in from_json.report.warnings] == [
        w.message for w in from_xml.report.warnings
    ]


def test_saved_catalogue_is_a_source(tmp_path: Path, small_register: Path) -> None:
    first = load(small_register / "rpss.json", codes=small_register / "ciselniky")
    saved = tmp_path / "catalog.json"
    write_catalog(first.catalog, saved)
    again = load(saved)
    assert unstructure(again.catalog)["services"] == unstructure(first.catalog)["services"]
    assert again.catalog.label("CilovaSkupinaOsoby/24") == first.catalog.label(
        "CilovaSkupinaOsoby/24"
    )
    territory = reference.territory()
    plzensky = territory.obec_codes(territory.kraj("43"))
    filtered = load(saved, filter=ImportFilter(obce=plzensky))
    assert filtered.report.filtered_out == len(first.catalog) - len(filtered.catalog) > 0


def test_strict_mode_fails_on_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, item(portalId="x"))
    assert load(path).report.accepted == 1
    with pytest.raises(StrictModeError) as info:
        load(path, strict=True)
    assert "portalId" in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.report.read == 1


def test_progress_and_unknown_file(tmp_path: Path, small_register: Path) -> None:
    seen: list[int] = []
    load(small_register / "rpss.json", progress=seen.append)
    assert sum(seen) == (small_register / "rpss.json").stat().st_size
    with pytest.raises(DataError, match="no such file"):
        load(tmp_path / "missing.json")
    odd = tmp_path / "x.txt"
    odd.write_text("hello")
    with pytest.raises(DataError, match="cannot tell the format"):
        load(odd)


def test_warnings_of_filtered_out_records_are_left_out(tmp_path: Path) -> None:
    inside = item("1", portalId="x")
    outside = item("2", portalId="y", extraKey=1)
    for facility in outside["zarizeni"]:
        if facility.get("adresa"):
            facility["adresa"] = {
                **ADDRESS,
                "obec": {"id": "Obec/554782"},
                "kraj": {"id": "Kraj/19"},
            }
    outside["kontaktniAdresy"] = []
    outside["rozsirenePusobnostiVKraji"] = []
    report = load(
        write(tmp_path, inside, outside), filter=ImportFilter(obce=frozenset({"554499"}))
    ).report
    assert (report.accepted, report.filtered_out) == (1, 1)
    fields = [
        (w.identifier, w.field) for w in report.warnings if w.field in ("portalId", "extraKey")
    ]
    assert fields == [("1", "portalId"), ("2", "extraKey")]  # file-level: the unknown key


def test_every_service_of_an_unknown_kind_is_warned_about(tmp_path: Path) -> None:
    unknown = {"id": "DruhSocialniSluzby/999"}
    path = write(
        tmp_path,
        item("1", druhSocialniSluzby=unknown),
        item("2"),
        item("3", druhSocialniSluzby=unknown),
    )
    warned = [w for w in load(path).report.warnings if "not a kind of Act" in w.message]
    assert [(w.identifier, w.index) for w in warned] == [("1", 0), ("3", 2)]
