"""``kpss search``, ``kpss match`` and ``kpss duplicates`` on real register files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpss import load, reference
from kpss.cli import cli
from kpss.model.law import Form


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sample(sample_register: Path) -> str:
    return str(sample_register / "rpss.json")


def test_search_json_contract(sample: str) -> None:
    code, out, err = run("search", "pecovatelska sluzba klatovy", sample, "--all", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits[0]["type"] == "service"
    assert hits[0]["id"] == "8830303"
    assert hits[0]["label"] == "Pečovatelská služba Klatovy"
    for hit in hits:
        assert {"type", "id", "label", "score"} <= set(hit)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_obce_and_text_output(sample: str) -> None:
    code, out, _ = run("search", "Plzen", sample, "--all", "--type", "obec", "--json")
    assert code == 0
    assert json.loads(out)[0]["id"] == "554791"
    code, out, _ = run("search", "Plzen", sample, "--all", "--type", "obec", "--limit", "1")
    assert code == 0
    assert "obec" in out
    assert "Plzeň" in out
    assert "[554791]" in out


def test_search_territory_filter(sample: str) -> None:
    code, out, err = run(
        "search", "pecovatelska sluzba", sample, "--all", "--okres", "Klatovy", "--json"
    )
    assert code == 0, err
    territory = reference.territory()
    okres = territory.okres("3404")  # Klatovy
    assert okres is not None
    obce = territory.obec_codes(okres)
    hits = json.loads(out)
    assert hits
    assert all(h["id"] in obce for h in hits if h["type"] == "obec")


def test_search_form_filter(sample: str) -> None:
    code, out, err = run("search", "domov", sample, "--all", "--form", "pob", "--json")
    assert code == 0, err
    services = [h for h in json.loads(out) if h["type"] == "service"]
    assert services
    catalog = load(Path(sample)).catalog
    for hit in services:
        found = catalog.service(hit["id"])
        assert found is not None
        assert Form.POBYTOVA in found.form_set


def test_search_nothing_found(sample: str) -> None:
    code, out, _ = run("search", "qqxyzzy", sample, "--all")
    assert code == 0
    assert "Nic nenalezeno" in out


LOCAL = """Název;Obec;Telefon
Pecovatelska sluzba Klatovy;Klatovy;
KOPRETINA OPS;Plzen;
Klub seniorů Plzeň;Plzeň;
"""


def test_match_writes_all_outputs(sample: str, tmp_path: Path) -> None:
    local = tmp_path / "katalog.csv"
    local.write_text(LOCAL, encoding="utf-8")
    out, table, report = tmp_path / "out.json", tmp_path / "out.csv", tmp_path / "report.txt"
    code, stdout, err = run(
        "match", str(local), sample, "--all", "-o", str(out), "--csv", str(table),
        "--report", str(report),
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"matched", "ambiguous", "unmatched_local", "unmatched_register"}
    matched = {m["local_index"]: m["identifikator"] for m in data["matched"]}
    assert matched[0] == "8830303"
    assert matched[1] == "9687565"
    assert data["unmatched_local"] == [2]
    assert len(data["unmatched_register"]) > 100  # the rest of the kraj
    assert "3 řádků: shoda 2" in stdout
    assert "Note: columns used: name=Název, obec=Obec, phone=Telefon" in err
    assert table.read_text(encoding="utf-8-sig").startswith("local_index,local_nazev,stav")
    assert "Porovnání místního seznamu" in report.read_text(encoding="utf-8")


def test_match_unmatched_register_is_limited_to_the_territory(sample: str, tmp_path: Path) -> None:
    local = tmp_path / "katalog.csv"
    local.write_text(LOCAL, encoding="utf-8")
    out = tmp_path / "out.json"
    code, _, err = run("match", str(local), sample, "--all", "--okres", "Klatovy", "-o", str(out))
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    everything = tmp_path / "all.json"
    run("match", str(local), sample, "--all", "-o", str(everything))
    whole = json.loads(everything.read_text(encoding="utf-8"))
    assert 0 < len(data["unmatched_register"]) < len(whole["unmatched_register"])
    assert data["unmatched_local"] == [1, 2]  # Kopretina is in Plzeň, outside okres Klatovy


def test_match_report_to_stdout(sample: str, tmp_path: Path) -> None:
    local = tmp_path / "katalog.csv"
    local.write_text(LOCAL, encoding="utf-8")
    code, out, _ = run("match", str(local), sample, "--all", "--report", "-")
    assert code == 0
    assert "Shoda:" in out
    assert "Pecovatelska sluzba Klatovy → Pečovatelská služba Klatovy [8830303]" in out


def test_match_errors_are_one_clear_line(sample: str, tmp_path: Path) -> None:
    local = tmp_path / "katalog.csv"
    local.write_text(LOCAL, encoding="utf-8")
    code, _, err = run("match", str(local), sample, "--columns", "ico=IČ")
    assert code == 1
    assert "column 'IČ' (mapped to ico) is not in the file" in err
    assert "'Název', 'Obec', 'Telefon'" in err
    assert "Traceback" not in err
    code, _, err = run("match", str(local), sample, "--columns", "bogus=X")
    assert code == 2
    assert "unknown key 'bogus'" in err
    cp1250 = tmp_path / "excel.csv"
    cp1250.write_bytes(LOCAL.encode("cp1250"))
    code, _, err = run("match", str(cp1250), sample)
    assert code == 1
    assert "--encoding cp1250" in err
    code, _, err = run("match", str(cp1250), sample, "--all", "--encoding", "cp1250")
    assert code == 0, err


def test_duplicates(sample: str, tmp_path: Path) -> None:
    out = tmp_path / "dups.json"
    code, stdout, err = run("duplicates", sample, "--all", "--json", "-o", str(out))
    assert code == 0, err
    groups = json.loads(stdout)
    assert groups == json.loads(out.read_text(encoding="utf-8"))
    assert groups
    kinds = {g["kind"] for g in groups}
    assert kinds <= {"facility-entry", "facility-spelling", "provider-spelling"}
    assert all(len(g["members"]) >= 2 for g in groups)
    code, stdout, _ = run("duplicates", sample, "--all", "--only", "provider-spelling")
    assert code == 0
    assert "poskytovatelé s podobným názvem nebo stejným kontaktem" in stdout
    assert "similar names in the same obec" in stdout


def test_duplicates_reports_one_ico_written_two_ways(sample: str, tmp_path: Path) -> None:
    data = json.loads(Path(sample).read_text(encoding="utf-8"))
    items = data["polozky"]
    counts: dict[str, int] = {}
    for item in items:
        counts[item["poskytovatel"]["ico"]] = counts.get(item["poskytovatel"]["ico"], 0) + 1
    ico = next(i for i, n in sorted(counts.items()) if n >= 3)
    changed = next(item for item in items if item["poskytovatel"]["ico"] == ico)
    changed["poskytovatel"]["nazev"] = changed["poskytovatel"]["nazev"].upper() + " "
    register = tmp_path / "rpss.json"
    register.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(
        "duplicates", str(register), "--all", "--only", "provider-variants", "--json"
    )
    assert code == 0, err
    groups = json.loads(out)
    assert len(groups) == 1
    members = groups[0]["members"]
    assert members[0] == {
        "type": "provider",
        "id": ico,
        "label": members[0]["label"],
        "detail": "verze v katalogu",
    }
    assert members[0]["label"] != members[0]["label"].upper()  # the majority spelling kept
    assert [m["id"] for m in members[1:]] == [changed["identifikator"]]


def test_an_empty_query_is_a_usage_error(sample_register: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "  ", str(sample_register / "rpss.json")])
    assert result.exit_code == 2
    assert "QUERY is empty" in result.stderr
