"""Reading additions: every field of the YAML format, CSV, folders, and the bounds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpss.additions import AdditionsError, read_additions, read_with_problems, tree
from kpss.errors import DataError, Finding
from kpss.model import Contact, ContactKind
from kpss.model.services import Accessibility, Charge, OpeningHours, RelatedKind

from .helpers import KRALOVICE, MLADOTICE, line_of, picture, write

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "rpss-plzensky"


def problems_of(path: Path) -> list[Finding]:
    return read_with_problems(path)[1]


def only_problem(path: Path) -> Finding:
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def fields(path: Path, identifier: str) -> dict[str, object]:
    additions = read_additions(path)
    return {f.attr: f.value for f in additions.services[identifier].fields}


def test_the_example_file_reads_without_problems_and_keeps_each_fields_line() -> None:
    path = EXAMPLE / "doplnky.yaml"
    additions, problems = read_with_problems(path)
    assert problems == []
    entry = additions.services["6947466"]
    start = line_of(path, '"6947466":')
    assert entry.line == start
    by_key = {f.key: f for f in entry.fields}
    assert by_key["popis"].line == line_of(path, "popis:", after=start)
    assert by_key["uhrada"].value is Charge.PAID
    assert entry.name == "Kancelář Nýřany"
    assert set(additions.related) == {"klub-senioru-kralovice", "socialni-prace-mu-kralovice"}


def test_hours_as_mappings_keep_unquoted_times_as_written(tmp_path: Path) -> None:
    # YAML 1.1 reads an unquoted 8:00 as the number 480; the additions reader must not.
    path = write(
        tmp_path,
        "d.yaml",
        """\
        sluzby:
          "1000001":
            oteviraci_doba:
              - {dny: po–st, od: 8:00, do: 12:00}
              - {dny: [čt, pátek], od: "13:00", do: "24:00", poznamka: jen objednaní}
        """,
    )
    hours = fields(path, "1000001")["opening_hours"]
    assert hours == (
        *(OpeningHours(f"DenVTydnu/{d}", dt.time(8), dt.time(12)) for d in (1, 2, 3)),
        *(
            OpeningHours(f"DenVTydnu/{d}", dt.time(13), dt.time(23, 59), "jen objednaní")
            for d in (4, 5)
        ),
    )


def test_hours_as_text_with_several_ranges_and_nonstop(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.yaml",
        """\
        sluzby:
          "1000001": {oteviraci_doba: "po-pa 7:30–11:00, 12:00–15:00; so 9.00-10.00"}
          "1000002": {oteviraci_doba: nonstop}
        """,
    )
    hours = fields(path, "1000001")["opening_hours"]
    assert isinstance(hours, tuple)
    assert len(hours) == 11
    assert hours[0] == OpeningHours("DenVTydnu/1", dt.time(7, 30), dt.time(11))
    assert hours[-1] == OpeningHours("DenVTydnu/6", dt.time(9), dt.time(10))
    nonstop = fields(path, "1000002")["opening_hours"]
    assert isinstance(nonstop, tuple)
    assert {h.day for h in nonstop} == {f"DenVTydnu/{d}" for d in range(1, 8)}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("po–pá 12:00–8:00", "closes before it opens"),
        ("pá–po 8:00–12:00", "runs backwards"),
        ("nedele 25:00–26:00", "from 0:00 to 23:59"),
        ("svátky 8:00–9:00", "expected days such as"),
        ("8:00–12:00", "expected days and times"),
    ],
)
def test_bad_hours_name_the_line_and_field(tmp_path: Path, value: str, expected: str) -> None:
    path = write(tmp_path, "d.yaml", f'sluzby:\n  "1000001":\n    oteviraci_doba: "{value}"\n')
    problem = only_problem(path)
    assert expected in problem.message
    assert (problem.location.line, problem.location.field) == (3, "oteviraci_doba")
    assert problem.location.identifier == "1000001"


def test_every_simple_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.yaml",
        """\
        sluzby:
          "1000001":
            popis: |
              Pomáháme doma.
              I o víkendu.
            nabidka: [nákup, úklid]
            uhrada: bez úhrady
            uhrada_popis: Nic se neplatí.
            jazyky: "čeština, EN, ukrajinsky, český znakový jazyk"
            pristupnost: {bezbarierovy_pristup: ano, indukcni_smycka: ne, poznamka: Zvonek.}
            video_znakovy_jazyk: www.kralovice.cz/znakovy-jazyk
            kontakty:
              - {telefon: 373 396 120, poznamka: koordinátorka}
              - email: pomoc@kralovice.cz
              - web: https://www.kralovice.cz
              - datova_schranka: ab12cd3
            nahradit_kontakty: ano
        """,
    )
    got = fields(path, "1000001")
    assert got["description"] == "Pomáháme doma.\nI o víkendu."
    assert got["offer"] == ("nákup", "úklid")
    assert got["charge"] is Charge.FREE
    assert got["fees"] == "Nic se neplatí."
    assert got["languages"] == ("cs", "en", "uk", "cse")
    assert got["accessibility"] == Accessibility(True, False, "Zvonek.")
    assert got["sign_language_video"] == "https://www.kralovice.cz/znakovy-jazyk"
    assert got["local_contacts"] == (
        Contact(ContactKind.PHONE, "373 396 120", "koordinátorka"),
        Contact(ContactKind.EMAIL, "pomoc@kralovice.cz"),
        Contact(ContactKind.WEB, "https://www.kralovice.cz"),
        Contact(ContactKind.DATA_BOX, "ab12cd3"),
    )
    assert got["replace_contacts"] is True


def test_empty_fields_are_not_applied(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.yaml",
        """\
        sluzby:
          "1000001":
            popis:
            nabidka: []
            pristupnost: {bezbarierovy_pristup: , indukcni_smycka: }
            kontakty: []
        """,
    )
    assert read_additions(path).services["1000001"].fields == ()


@pytest.mark.parametrize(
    ("line", "expected", "field"),
    [
        ("popsi: Pomáháme.", "did you mean 'popis'?", "popsi"),
        ("uhrada: asi", "expected zdarma or za úhradu", "uhrada"),
        ("jazyky: [klingonština]", "unknown language 'klingonština'", "jazyky"),
        ("video_znakovy_jazyk: 'javascript:alert(1)'", "starting with https://", "video"),
        ("kontakty: [{telefon: linka}]", "expected a phone number", "kontakty.telefon"),
        ("kontakty: [{email: ne-adresa}]", "expected an e-mail address", "kontakty.email"),
        ("kontakty: [{telefon: 1, email: a@b.cz}]", "exactly one of", "kontakty"),
        ("nahradit_kontakty: možná", "expected ano or ne", "nahradit_kontakty"),
        ("pristupnost: {schody: ne}", "expected one of bezbarierovy_pristup", "pristupnost"),
        ("pristupnost: {indukcni_smicka: ne}", "did you mean 'indukcni_smycka'", "pristupnost"),
        ("popis: [a, b]", "expected a text, got a list", "popis"),
        ("oteviraci_doba: [{dny: po, od: '8:00'}]", "need 'do'", "oteviraci_doba.do"),
    ],
)
def test_a_bad_value_is_an_error_naming_file_line_and_field(
    tmp_path: Path, line: str, expected: str, field: str
) -> None:
    path = write(tmp_path, "d.yaml", f'sluzby:\n  "1000001":\n    nazev: X\n    {line}\n')
    problem = only_problem(path)
    assert expected in problem.message
    assert problem.location.file == str(path)
    assert problem.location.line == 4
    assert (problem.location.field or "").startswith(field)


def test_unknown_top_key_and_bad_identifier(tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", 'sluzbi: {}\nsluzby:\n  "12a45": {popis: X}\n')
    messages = [(p.location.line, p.message) for p in problems_of(path)]
    assert messages[0][0] == 1
    assert "did you mean 'sluzby'?" in messages[0][1]
    assert messages[1][0] == 3
    assert "expected the register's identifikator" in messages[1][1]


def test_read_additions_raises_every_problem_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", 'sluzby:\n  "1":\n    popsi: a\n    uhrada: b\n')
    with pytest.raises(AdditionsError) as caught:
        read_additions(path)
    assert [p.location.line for p in caught.value.problems] == [3, 4]
    assert f"{path}, line 3" in str(caught.value)


def test_a_key_given_twice_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", 'sluzby:\n  "1":\n    popis: a\n    popis: b\n')
    problem = only_problem(path)
    assert "given twice (first on line 3)" in problem.message
    assert problem.location.line == 4


def test_yaml_syntax_error_is_positioned(tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", 'sluzby:\n  "1":\n    popis: "neuzavřeno\n')
    problem = only_problem(path)
    assert problem.message.startswith("not valid YAML")
    assert problem.location.line is not None


def test_anchors_are_bounded(tmp_path: Path) -> None:
    # a "billion laughs": each level reuses the one before ten times
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        refs = ", ".join([f"*a{n - 1}"] * 10)
        lines.append(f"a{n}: &a{n} [{refs}]")
    path = write(tmp_path, "d.yaml", "\n".join(lines) + "\n")
    problem = only_problem(path)
    assert f"more than {tree.MAX_ALIASES} uses of anchors" in problem.message


def test_a_recursive_anchor_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", "sluzby: &a\n  x: *a\n")
    assert "nested deeper" in only_problem(path).message or "anchors" in only_problem(path).message


def test_files_over_the_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tree, "MAX_BYTES", 100)
    path = write(tmp_path, "d.yaml", "sluzby:\n" + "".join(f'  "{n}": {{}}\n' for n in range(20)))
    assert "at most 100" in only_problem(path).message


def test_text_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    data = 'sluzby:\n  "1": {popis: Pomáháme}\n'.encode("cp1250")
    path.write_bytes(data)
    problem = only_problem(path)
    assert "not UTF-8" in problem.message
    assert problem.location.byte == data.index("á".encode("cp1250"))


def test_a_raw_control_character_is_positioned(tmp_path: Path) -> None:
    path = write(tmp_path, "d.yaml", 'sluzby:\n  "1":\n    popis: "a\x1bb"\n')
    problem = only_problem(path)
    assert "U+001B is not allowed" in problem.message
    assert (problem.location.line, problem.location.column) == (3, 14)


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        read_additions(tmp_path / "chybi.yaml")


# -- photos ---------------------------------------------------------------------------


def test_a_local_photo_is_checked_and_resolved(tmp_path: Path) -> None:
    picture(tmp_path / "fotky" / "dum.jpg")
    picture(tmp_path / "fotky" / "zahrada.png", "PNG")
    path = write(
        tmp_path,
        "d.yaml",
        """\
        sluzby:
          "1":
            fotografie:
              - {soubor: fotky/dum.jpg, popisek: Dům}
              - fotky/zahrada.png
              - {url: "https://www.kralovice.cz/foto.jpg"}
        """,
    )
    photos = fields(path, "1")["photos"]
    assert isinstance(photos, tuple)
    assert [(p.file, p.media_type, p.caption) for p in photos[:2]] == [
        (str((tmp_path / "fotky" / "dum.jpg").resolve()), "image/jpeg", "Dům"),
        (str((tmp_path / "fotky" / "zahrada.png").resolve()), "image/png", None),
    ]
    assert all(p.url == "" for p in photos[:2])
    assert (photos[2].url, photos[2].file) == ("https://www.kralovice.cz/foto.jpg", None)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("../venku.jpg", "outside the additions file's folder"),
        ("/etc/passwd", "relative to the additions file"),
        ("chybi.jpg", "no picture 'chybi.jpg'"),
        ("text.jpg", "is not a JPEG, PNG, GIF or WebP picture"),
        ("odkaz.jpg", "outside the additions file's folder"),
        ("ftp://example.org/a.jpg", "starting with https://"),
    ],
)
def test_bad_photos_are_refused(tmp_path: Path, written: str, expected: str) -> None:
    folder = tmp_path / "doplnky"
    picture(tmp_path / "venku.jpg")
    folder.mkdir()
    (folder / "text.jpg").write_text("<svg onload=alert(1)>", encoding="utf-8")
    (folder / "odkaz.jpg").symlink_to(tmp_path / "venku.jpg")
    path = write(folder, "d.yaml", f'sluzby:\n  "1":\n    fotografie: ["{written}"]\n')
    problem = only_problem(path)
    assert expected in problem.message
    assert (problem.location.line, problem.location.field) == (3, "fotografie")


# -- related services -------------------------------------------------------------------


def test_a_related_service_with_address_obce_and_an_orp(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.yaml",
        """\
        navazne_sluzby:
          potravinova-banka:
            nazev: Potravinová banka Kralovice
            druh: Potravinová banka
            adresa: {ulice: Markova, cislo_popisne: 2, psc: 331 41, obec: Kralovice}
          socialni-prace:
            nazev: Sociální práce MěÚ
            druh: socialni-prace-obce
            obce: [ORP Kralovice, 559237]
        """,
    )
    related = read_additions(path).related
    bank = related["potravinova-banka"].service
    assert bank.kind is RelatedKind.FOOD_BANK
    assert bank.obce == frozenset({KRALOVICE})
    assert bank.address is not None
    assert (bank.address.postcode, bank.address.okres_code, bank.address.kraj_code) == (
        "33141",
        "3407",
        "43",
    )
    assert bank.registered is False
    work = related["socialni-prace"].service
    assert {KRALOVICE, MLADOTICE} <= work.obce
    assert len(work.obce) > 30  # the whole ORP
    assert [s.field for s in work.sources] == ["name", "kind", "obce"]
    assert {s.line for s in work.sources} == {7, 8, 9}


@pytest.mark.parametrize(
    ("body", "expected", "field"),
    [
        ("druh: klub seniorů\n    obce: [Kralovice]", "needs 'nazev'", "nazev"),
        ("nazev: Klub\n    obce: [Kralovice]", "needs 'druh'", "druh"),
        ("nazev: Klub\n    druh: klub seniorů", "needs 'obce'", "obce"),
        ("nazev: Klub\n    druh: kavárna\n    obce: [Kralovice]", "unknown kind 'kavárna'", "druh"),
        ("nazev: Klub\n    druh: klub\n    obce: [Lhota]", "write the six-digit code", "obce"),
        ("nazev: Klub\n    druh: klub\n    obce: [Kralovicee]", "did you mean", "obce"),
    ],
)
def test_related_service_problems_name_the_entry(
    tmp_path: Path, body: str, expected: str, field: str
) -> None:
    path = write(tmp_path, "d.yaml", f"navazne_sluzby:\n  klub:\n    {body}\n")
    problem = only_problem(path)
    assert expected in problem.message
    assert problem.location.path == "navazne_sluzby.klub"
    assert problem.location.field == field


# -- CSV and folders ----------------------------------------------------------------------


def test_csv_of_the_simple_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.csv",
        """\
        Identifikátor;Popis;Úhrada;Jazyky;Otevírací doba;Bezbariérový přístup;Telefon;Nabídka
        1000001;"Pomáháme
        doma.";zdarma;čeština, angličtina;po–pá 8:00–12:00;ano;"373 396 120; 373 396 121";"a;b"
        1000002;;za úhradu;;;;;
        """,
    )
    additions = read_additions(path)
    first = additions.services["1000001"]
    got = {f.attr: f.value for f in first.fields}
    assert got["description"] == "Pomáháme\ndoma."
    assert got["charge"] is Charge.FREE
    assert got["languages"] == ("cs", "en")
    assert got["opening_hours"] == tuple(
        OpeningHours(f"DenVTydnu/{d}", dt.time(8), dt.time(12)) for d in range(1, 6)
    )
    assert got["accessibility"] == Accessibility(barrier_free=True)
    assert got["offer"] == ("a", "b")
    assert got["local_contacts"] == (
        Contact(ContactKind.PHONE, "373 396 120"),
        Contact(ContactKind.PHONE, "373 396 121"),
    )
    assert first.line == 2
    second = additions.services["1000002"]
    assert (second.line, [f.attr for f in second.fields]) == (4, ["charge"])


def test_csv_row_with_other_cells_than_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", 'identifikator,popis\n1,"a\nb"\n2,x,y\n')
    problem = only_problem(path)
    assert problem.message == "expected 2 cells as in the header, got 3"
    assert problem.location.line == 4


def test_csv_unknown_column_suggests_the_closest(tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", "identifikator,popsi\n1,x\n")
    problem = only_problem(path)
    assert "did you mean 'popis'?" in problem.message
    assert problem.location.line == 1


def test_csv_identifier_twice(tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", "identifikator,popis\n1,a\n1,b\n")
    problem = only_problem(path)
    assert "already on line 2" in problem.message
    assert problem.location.line == 3


def test_a_folder_merges_files_and_refuses_a_field_set_twice(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", 'sluzby:\n  "1": {popis: Pomáháme.}\n')
    write(tmp_path, "b.csv", "identifikator,uhrada,popis\n1,zdarma,\n2,za úhradu,\n")
    write(tmp_path, "c.yml", 'sluzby:\n  "1":\n    popis: Jinak.\n')
    write(tmp_path, "poznamky.txt", "not read")
    additions, problems = read_with_problems(tmp_path)
    assert len(additions.files) == 3
    assert {f.attr for f in additions.services["1"].fields} == {"description", "charge"}
    assert "2" in additions.services
    assert len(problems) == 1
    assert problems[0].location.file == str(tmp_path / "c.yml")
    assert problems[0].location.line == 3
    assert f"also set in {tmp_path / 'a.yaml'}, line 2" in problems[0].message


def test_every_bad_contact_of_a_list_is_reported_at_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.yaml",
        """\
        sluzby:
          "1000001":
            kontakty:
              - web: javascript:alert(1)
              - telefon: 373 396 111
              - web: JaVaScRiPt:alert(2)
              - email: není-adresa
        """,
    )
    problems = problems_of(path)
    assert [p.location.line for p in problems] == [
        line_of(path, "javascript:alert(1)"),
        line_of(path, "JaVaScRiPt"),
        line_of(path, "není-adresa"),
    ]
    assert all((p.field or "").startswith("kontakty") for p in problems)
