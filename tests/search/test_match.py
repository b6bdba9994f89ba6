"""Matching a messy local list to the register: layers, thresholds, outputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kpss.find.local_list import LocalList, read_local
from kpss.find.match import MARGIN, MATCH_SCORE, REVIEW_SCORE, Matcher, MatchResult
from kpss.model.catalog import Catalog
from kpss.model.territory import Territory

from .conftest import HULIN, KROMERIZ

# A town's old catalogue: its own headers, ';' as Excel writes it, a BOM, messy values.
LOCAL_CSV = """\ufeffNázev služby;Poskytovatel;IČ;Adresa;Obec;Telefon;www;Registrační číslo
Domov pro seniory Kromeriz;;;;Kromeriz;;;
DOMOV PRO SENIORY BUKOV;;;Bukov 12, 592 14 Bukov;;;;
stacionář;;;;;;;1000009
Azylový dům;Charita Bukov;47111119;;;;;
Pecovatelska sluzba - Kralovice;MESTO KRALOVICE;;;Kralovice;+420 373 396 111;;
Centrum Nadjee;;;;;+420 737 111 222;nadeje-home.cz/;
Pečovatelská služba Hulín;;;;Hulín;;;
Klub seniorů Kroměříž;;;;Kroměříž;;;
Kromeriz - pecovatelska sluzba;Soc. sluzby mesta Kromerize;;;;737-123-970;;
"""


@pytest.fixture
def local_file(tmp_path: Path) -> Path:
    path = tmp_path / "katalog.csv"
    path.write_text(LOCAL_CSV, encoding="utf-8")
    return path


@pytest.fixture
def result(local_file: Path, catalog: Catalog, territory: Territory) -> MatchResult:
    return Matcher(catalog, territory).match(read_local(local_file))


def matched(result: MatchResult) -> dict[int, tuple[str, str]]:
    return {m.local_index: (m.identifier, m.reason) for m in result.matched}


def test_identifier_first(result: MatchResult) -> None:
    assert matched(result)[2] == ("1000009", "identifikator")


def test_exact_normalised_name_in_the_obec(result: MatchResult) -> None:
    identifier, reason = matched(result)[0]
    assert identifier == "1000001"
    assert reason.startswith("name+obec")
    # the obec found at the end of an address, the register name with a trailing space
    assert matched(result)[1][0] == "1000004"


def test_ico_chooses_among_the_providers_services(result: MatchResult) -> None:
    identifier, reason = matched(result)[3]
    assert identifier == "1000005"
    assert reason.startswith("ico+name")


def test_fuzzy_with_swapped_words_and_contacts(result: MatchResult) -> None:
    identifier, reason = matched(result)[4]
    assert identifier == "1000006"
    assert "phone" in reason
    assert "provider" in reason
    # a typo, no obec: the phone (+420 …) and the web without scheme decide
    identifier, reason = matched(result)[5]
    assert identifier == "1000003"
    assert "phone" in reason
    assert "web" in reason
    # swapped order, abbreviated provider, phone with dashes
    assert matched(result)[8][0] == "1000002"


def test_same_name_twice_in_one_obec_is_ambiguous(result: MatchResult) -> None:
    ambiguous = {a.local_index: a for a in result.ambiguous}
    assert set(ambiguous) == {6}
    candidates = {c.identifier for c in ambiguous[6].candidates}
    assert candidates == {"1000008", "1000011"}
    assert all(c.score >= REVIEW_SCORE for c in ambiguous[6].candidates)


def test_unmatched_on_both_sides(result: MatchResult) -> None:
    assert result.unmatched_local == [7]
    # ambiguous candidates are not reported as missing; the rest of the register is
    assert result.unmatched_register == ["1000007", "1000010"]


def test_every_row_has_exactly_one_outcome(result: MatchResult) -> None:
    seen = [m.local_index for m in result.matched]
    seen += [a.local_index for a in result.ambiguous]
    seen += result.unmatched_local
    assert sorted(seen) == list(range(len(result.local)))


def test_scores_and_thresholds(result: MatchResult) -> None:
    assert all(MATCH_SCORE <= m.score <= 100 for m in result.matched)
    assert all(c.score >= REVIEW_SCORE for a in result.ambiguous for c in a.candidates)


def test_stricter_thresholds_send_fuzzy_rows_to_review(
    local_file: Path, catalog: Catalog, territory: Territory
) -> None:
    strict = Matcher(catalog, territory, match_score=150.0, margin=MARGIN)
    outcome = strict.match(read_local(local_file))
    # identifiers and a provider's only service stay certain; names now need a person
    assert [(m.local_index, m.reason) for m in outcome.matched] == [(2, "identifikator")]
    assert {a.local_index for a in outcome.ambiguous} >= {0, 1, 3, 4, 5, 8}


def test_unmatched_register_follows_the_catalogue_given(
    local_file: Path, catalog: Catalog, territory: Territory
) -> None:
    """The CLI hands over a catalogue filtered to the territory: only its services count."""
    near = Catalog.of(catalog.query(obce={KROMERIZ, HULIN}), codes=catalog.codes)
    outcome = Matcher(near, territory).match(read_local(local_file))
    assert set(outcome.unmatched_register) <= set(near.services)
    assert "1000007" not in outcome.unmatched_register  # Písek is outside


def test_one_register_service_two_rows(catalog: Catalog, territory: Territory) -> None:
    local = LocalList.of(
        [
            {"name": "Domov pro seniory Kroměříž", "obec": "Kroměříž", "phone": "573 333 111"},
            {"name": "Domov pro seniory Kromeriz", "obec": "Kroměříž"},
        ]
    )
    outcome = Matcher(catalog, territory).match(local)
    assert [(m.local_index, m.identifier) for m in outcome.matched] == [(0, "1000001")]
    assert [a.local_index for a in outcome.ambiguous] == [1]
    assert outcome.ambiguous[0].candidates[0].identifier == "1000001"


def test_kind_column_separates_services(catalog: Catalog, territory: Territory) -> None:
    local = LocalList.of([{"name": "Sociální služby města Kroměříže", "kind": "§ 46"}])
    outcome = Matcher(catalog, territory).match(local)
    assert [m.identifier for m in outcome.matched] == ["1000009"]


def test_json_output_follows_the_contract(result: MatchResult, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result.write_json(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"matched", "ambiguous", "unmatched_local", "unmatched_register"}
    assert set(data["matched"][0]) >= {"local_index", "identifikator", "score", "reason"}
    assert set(data["ambiguous"][0]) == {"local_index", "candidates"}
    assert set(data["ambiguous"][0]["candidates"][0]) >= {"identifikator", "score"}
    assert data["unmatched_local"] == [7]
    assert not list(tmp_path.glob("*.tmp*"))


def test_csv_and_report(result: MatchResult, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result.write_csv(out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["stav"] for r in rows} == {
        "shoda",
        "k posouzení",
        "nenalezeno v registru",
        "chybí v místním seznamu",
    }
    assert any(r["register_nazev"] == "Domov pro seniory Kroměříž" for r in rows)
    report = result.report()
    assert "Shoda:" in report
    assert "K posouzení:" in report
    assert "Klub seniorů Kroměříž" in report
    assert "Poradna Písek [1000007]" in report


def test_obec_gives_nothing_so_its_orp_is_searched(catalog: Catalog, territory: Territory) -> None:
    """The row says Hulín, the day-care centre is registered in Kroměříž (same ORP)."""
    local = LocalList.of([{"name": "Denní stacionář Kroměříž", "obec": "Hulín"}])
    outcome = Matcher(catalog, territory).match(local)
    assert [(m.identifier, m.reason) for m in outcome.matched] == [("1000009", "fuzzy")]


def test_a_phone_among_several_finds_the_service_anywhere(
    catalog: Catalog, territory: Territory
) -> None:
    """No obec, a differently worded name, two numbers in one cell: the phone decides."""
    local = LocalList.of([{"name": "Kroměřížský domov", "phone": "602 000 000, +420573333111"}])
    outcome = Matcher(catalog, territory).match(local)
    proposed = [m.identifier for m in outcome.matched] + [
        c.identifier for a in outcome.ambiguous for c in a.candidates
    ]
    assert proposed
    assert proposed[0] == "1000001"


def test_rows_without_a_name_or_ico_are_unmatched(catalog: Catalog, territory: Territory) -> None:
    local = LocalList.of([{"name": "  ", "phone": "737 111 222"}, {"name": "", "ico": "26123452"}])
    outcome = Matcher(catalog, territory).match(local)
    assert outcome.unmatched_local == [0]
    assert [(m.local_index, m.identifier, m.reason) for m in outcome.matched] == [
        (1, "1000003", "ico")
    ]


def test_street_and_house_number_tell_namesakes_apart(
    catalog: Catalog, territory: Territory
) -> None:
    local = LocalList.of(
        [{"name": "Pečovatelská služba Hulín", "address": "Palackého 15, 768 24 Hulín"}]
    )
    outcome = Matcher(catalog, territory).match(local)
    assert [m.identifier for m in outcome.matched] == ["1000011"]
    assert "address" in outcome.matched[0].reason
