"""``kpss plan export`` and ``kpss report territory`` from the command line."""

from __future__ import annotations

import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tests.plan_documents.conftest import PLAN_DIR, SAMPLE, raw
from tests.plan_documents.readback import html_tables, html_text, number, odt_tables
from tests.print.tools import flat, pdf_pages

from kpss.cli import cli


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, ["-q", *(str(a) for a in args)], catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["html", "pdf", "odt"])
def test_example_plan_exports_in_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"plan.{fmt}"
    result = run("plan", "export", fmt, PLAN_DIR, "-o", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF-")
        assert "Vypořádání připomínek" in flat(" ".join(pdf_pages(out)))
    elif fmt == "odt":
        with zipfile.ZipFile(out) as package:
            assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    else:
        assert "Vypořádání připomínek" in html_text(out)


def test_action_plan_part_sums_the_stored_budget(tmp_path: Path) -> None:
    out = tmp_path / "ap.html"
    assert (
        run(
            "plan", "export", "html", PLAN_DIR, "--part", "action-plan", "2024", "-o", out
        ).exit_code
        == 0
    )
    stored = next(a for a in raw("akcni-plany.yaml")["action_plans"] if a["year"] == 2024)
    table = html_tables(out)["Aktivity a rozpočet akčního plánu 2024 (Kč)"]
    assert [r[0].split()[0] for r in table.rows] == [i["number"] for i in stored["items"]]
    per_item = {i["number"]: sum(c["amount"] for c in i.get("budget", [])) for i in stored["items"]}
    assert {r[0].split()[0]: number(r[-1]) for r in table.rows} == per_item
    assert number(table.foot[0][-1]) == sum(per_item.values())
    assert table.header[:3] == ["Aktivita", "Odpovědný subjekt", "Termín"]


def test_evaluation_part_sums_what_was_spent(tmp_path: Path) -> None:
    out = tmp_path / "ev.odt"
    assert (
        run("plan", "export", "odt", PLAN_DIR, "--part", "evaluation", "2023", "-o", out).exit_code
        == 0
    )
    record = next(e for e in raw("vyhodnoceni.yaml")["evaluations"] if e["year"] == 2023)
    spent: dict[str, int] = defaultdict(int)
    for item in record["items"]:
        spent[item["number"]] += sum(c["amount"] for c in item.get("spent", []))
    table = odt_tables(out)["Plnění aktivit v roce 2023 (Kč)"]
    body, foot = table.rows[:-1], table.rows[-1]
    shown = {r[0].split()[0]: number(r[3]) for r in body}
    assert {k: v for k, v in shown.items() if k in spent} == dict(spent)
    assert number(foot[3]) == sum(shown.values())


def test_comments_part_is_the_settlement_only(tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    assert run("plan", "export", "html", PLAN_DIR, "--part", "comments", "-o", out).exit_code == 0
    tables = html_tables(out)
    assert list(tables) == ["Vypořádání připomínek k návrhu plánu"]


def test_register_adds_the_territory_chapter(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    result = run(
        "plan",
        "export",
        "html",
        PLAN_DIR,
        "--register",
        SAMPLE / "rpss.json",
        "--codes",
        SAMPLE / "ciselniky",
        "--date",
        "2026-08-31",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    text = html_text(out)
    assert "4.1 Popis poskytovaných sociálních služeb v území" in text
    assert "stav k 31. 8. 2026" in text
    assert "Kapacita na 1 000 obyvatel podle druhu služby" in html_tables(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--part", "action-plan"], "needs the YEAR"),
        (["--part", "evaluation", "2031"], "outside the plan period"),
        (["2024"], "only with --part action-plan or evaluation"),
        (["--previous", SAMPLE / "rpss.json"], "--previous needs --register"),
    ],
)
def test_bad_usage_is_named_and_writes_nothing(
    tmp_path: Path, args: list[object], message: str
) -> None:
    out = tmp_path / "x.html"
    result = run("plan", "export", "html", PLAN_DIR, *args, "-o", out)
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_export_never_writes_over_the_plan(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_bytes((PLAN_DIR / "plan.yaml").read_bytes())
    before = plan_file.read_bytes()
    result = run("plan", "export", "html", plan_file, "-o", plan_file)
    assert result.exit_code == 2
    assert "input" in result.output
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize("fmt", ["html", "pdf", "odt"])
def test_report_territory_in_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"t.{fmt}"
    result = run(
        "report",
        "territory",
        "Kralovice",
        SAMPLE / "rpss.json",
        "--previous",
        SAMPLE / "rpss.json",
        "--codes",
        SAMPLE / "ciselniky",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    if fmt == "html":
        text = html_text(out)
        assert "Analýza území ORP Kralovice" in text
        assert "Od předchozího stavu registru se služby v území nezměnily." in text
        assert "Zdroj údajů o službách: rpss.json." in text
        assert str(SAMPLE) not in out.read_text(encoding="utf-8")  # no local folders
    elif fmt == "pdf":
        assert "Dostupnost terénních služeb v obcích" in flat(" ".join(pdf_pages(out)))
    else:
        assert "Poskytovatelé služeb v území" in odt_tables(out)


def test_report_territory_refuses_an_unknown_suffix_and_area(tmp_path: Path) -> None:
    result = run(
        "report", "territory", "Kralovice", SAMPLE / "rpss.json", "-o", tmp_path / "t.docx"
    )
    assert result.exit_code == 2
    assert ".html, .pdf or .odt" in result.output
    result = run(
        "report", "territory", "Atlantida", SAMPLE / "rpss.json", "-o", tmp_path / "t.html"
    )
    assert result.exit_code == 2
    assert "Atlantida" in result.output
    assert list(tmp_path.iterdir()) == []
