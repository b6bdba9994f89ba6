"""``init`` writes a starter file that reads back; ``check`` measures additions against the
register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import yaml

import kpss
from kpss.additions import read_with_problems
from kpss.additions.check import check_additions
from kpss.additions.starter import starter_yaml
from kpss.errors import Severity
from kpss.model import Catalog

from .helpers import catalog, line_of, write


def starter(tmp_path: Path, data: Catalog) -> Path:
    text = starter_yaml(
        data, kpss.territory(), territory_name="Kralovicko", today=dt.date(2025, 1, 1)
    )
    return write(tmp_path, "doplnky.yaml", text)


def test_the_starter_reads_back_with_one_empty_entry_per_service(tmp_path: Path) -> None:
    path = starter(tmp_path, catalog())
    additions, problems = read_with_problems(path)
    assert problems == []
    assert set(additions.services) == {"1000001", "1000002", "1000003"}
    assert all(entry.fields == () for entry in additions.services.values())
    assert additions.services["1000001"].name == "Pečovatelská služba Kralovice"
    assert additions.related == {}


def test_the_starter_shows_register_data_as_comments_but_no_secret_street(tmp_path: Path) -> None:
    text = starter(tmp_path, catalog()).read_text(encoding="utf-8")
    assert "# Poskytovatel: Město Kralovice (IČO 00257966)" in text
    assert "Markova 2, Kralovice" in text
    assert "telefon 373 396 100" in text
    assert "Působnost: Kralovice, Mladotice" in text
    assert "Poskytování skončilo 2020-12-31" in text
    assert "Azylový dům, Kralovice (adresa utajena)" in text
    assert "Tajná" not in text


def test_the_starter_survives_hostile_names(tmp_path: Path) -> None:
    data = catalog()
    odd = 'Služba "A"\n# sluzby: {}\u2028\x1b[31m: x'
    service = data.services["1000001"]
    data.replace(attrs.evolve(service, name=odd))
    path = starter(tmp_path, data)
    additions, problems = read_with_problems(path)
    assert problems == []
    # one line of printable text: the name only helps the check, which compares loosely
    assert additions.services["1000001"].name == 'Služba "A" # sluzby: {} [31m: x'
    assert "\x1b" not in path.read_text(encoding="utf-8")
    yaml.safe_load(path.read_text(encoding="utf-8"))  # still one valid YAML document


def test_check_unknown_identifier_lists_the_closest_services(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.yaml",
        """\
        sluzby:
          "1000011":
            popis: Překlep v identifikátoru.
          "5555555":
            nazev: Azylový dům pro matky
          "7777777":
            popis: Nic podobného.
        """,
    )
    findings = check_additions(path, catalog())
    by_line = {f.location.line: f for f in findings}
    typo = by_line[line_of(path, '"1000011"')]
    assert typo.severity is Severity.ERROR
    assert typo.location.field == "identifikator"
    assert "1000011 is not in the register; closest: 1000001 Pečovatelská služba" in typo.message
    named = by_line[line_of(path, '"5555555"')]
    assert "closest: 1000003 Azylový dům pro matky s dětmi" in named.message
    alone = by_line[line_of(path, '"7777777"')]
    assert "write its nazev to search by name" in alone.message


def test_check_warns_about_ended_services_and_names_that_do_not_fit(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.yaml",
        """\
        sluzby:
          "1000002":
            nazev: Odborné sociální poradenství Charity
          "1000001":
            nazev: Noclehárna Plzeň
        """,
    )
    findings = check_additions(path, catalog(), today=dt.date(2025, 1, 1))
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    assert "ended on 2020-12-31" in findings[0].message
    assert findings[0].location.line == 2
    assert "does not look like this service" in findings[1].message
    assert (findings[1].location.line, findings[1].location.field) == (4, "nazev")


def test_check_of_the_example_against_the_sample_register(sample_register: Path) -> None:
    register = kpss.load(sample_register / "rpss.json", enrich=False).catalog
    assert check_additions(sample_register / "doplnky.yaml", register) == []
