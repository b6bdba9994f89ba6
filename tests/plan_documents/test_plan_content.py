"""The plan document read back (HTML, ODT content.xml, PDF text) against the plan file."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from tests.plan_documents.conftest import raw
from tests.plan_documents.readback import (
    ReadTable,
    html_tables,
    html_text,
    html_tree,
    number,
    odt_headings,
    odt_tables,
    text_nodes,
)
from tests.print.tools import flat, pdf_pages

SETTLEMENT_LABELS = {
    "akceptovano": "akceptováno",
    "castecne": "akceptováno částečně",
    "neakceptovano": "neakceptováno",
}
BUDGET = "Rozpočet plánu podle let a zdrojů (Kč)"
BY_PRIORITY = "Rozpočet plánu podle priorit a zdrojů (Kč)"
SETTLEMENT = "Vypořádání připomínek k návrhu plánu"


def _measures(priority: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(priority.get("measures", []))
    for goal in priority.get("goals", []):
        found += goal.get("measures", [])
    return found


def _costs(measure: dict[str, Any]) -> list[dict[str, Any]]:
    if measure.get("activities"):
        return [c for a in measure["activities"] for c in a.get("costs", [])]
    return list(measure.get("costs", []))


def raw_costs() -> dict[str, list[dict[str, Any]]]:
    """Costs of the plan file by priority number, read straight from plan.yaml."""
    return {
        p["number"]: [c for m in _measures(p) for c in _costs(m)]
        for p in raw("plan.yaml")["priorities"]
    }


def named() -> set[str]:
    """Names the plan file itself gives: its bodies and the members of its groups."""
    plan, process = raw("plan.yaml"), raw("proces.yaml")
    groups = [process["steering_group"], *process["working_groups"]]
    return {b["name"] for b in plan["bodies"]} | {m["name"] for g in groups for m in g["members"]}


def _tables(exported: dict[str, Path], fmt: str) -> dict[str, ReadTable]:
    return html_tables(exported["html"]) if fmt == "html" else odt_tables(exported["odt"])


def _body_and_foot(table: ReadTable, fmt: str) -> tuple[list[list[str]], list[str]]:
    """Body rows and the sum row (ODT has the sums as its last row)."""
    if fmt == "html":
        return table.rows, table.foot[0]
    return table.rows[:-1], table.rows[-1]


@pytest.mark.parametrize("fmt", ["html", "odt"])
def test_budget_by_year_sums_rows_columns_and_matches_the_file(
    exported: dict[str, Path], fmt: str
) -> None:
    table = _tables(exported, fmt)[BUDGET]
    rows, foot = _body_and_foot(table, fmt)
    for row in rows:
        assert sum(number(c) for c in row[1:-1]) == number(row[-1]), row
    columns = list(zip(*[[number(c) for c in r[1:]] for r in rows], strict=True))
    assert [number(c) for c in foot[1:]] == [sum(c) for c in columns]
    costs = [c for group in raw_costs().values() for c in group]
    by_year: dict[int, int] = defaultdict(int)
    for cost in costs:
        by_year[cost["year"]] += cost["amount"]
    assert {int(r[0]): number(r[-1]) for r in rows} == dict(by_year)
    assert number(foot[-1]) == sum(c["amount"] for c in costs)
    assert foot[0] == "Celkem"
    assert table.header[-1] == "Celkem"


@pytest.mark.parametrize("fmt", ["html", "odt"])
def test_budget_by_priority_matches_the_file(exported: dict[str, Path], fmt: str) -> None:
    table = _tables(exported, fmt)[BY_PRIORITY]
    rows, foot = _body_and_foot(table, fmt)
    expected = {k: sum(c["amount"] for c in v) for k, v in raw_costs().items()}
    assert {r[0].split()[0]: number(r[-1]) for r in rows} == expected
    assert number(foot[-1]) == sum(expected.values())
    source_columns = table.header[1:-1]
    sources = {"obce": "obec", "kraj": "kraj", "dotace MPSV": "mpsv", "EU/ESF": "eu"}
    for label, key in sources.items():
        if label in source_columns:
            column = 1 + source_columns.index(label)
            assert number(foot[column]) == sum(
                c["amount"] for v in raw_costs().values() for c in v if c["source"] == key
            )


@pytest.mark.parametrize("fmt", ["html", "odt"])
def test_settlement_table_is_the_comments_of_the_file(exported: dict[str, Path], fmt: str) -> None:
    table = _tables(exported, fmt)[SETTLEMENT]
    assert table.header == ["Č.", "Připomínka", "Kdo", "Vypořádání", "Odůvodnění"]
    comments = raw("pripominky.yaml")["comment_period"]["comments"]
    assert len(table.rows) == len(comments)
    for row, comment in zip(table.rows, comments, strict=True):
        assert row[0] == str(comment["number"])
        assert flat(comment["text"]) in row[1]
        assert f"Část: {comment['part']}" in row[1]
        assert row[3] == SETTLEMENT_LABELS[comment["settlement"]]
        assert row[4] == flat(comment["justification"])
        if comment["role"] in ("verejnost", "uzivatel") and comment["author"] not in named():
            assert row[2].startswith("občan/občanka")
            assert comment["author"] not in row[2]
        else:
            assert row[2].startswith(comment["author"])


def test_private_commenter_never_appears_in_any_format(exported: dict[str, Path]) -> None:
    private = [
        c["author"]
        for c in raw("pripominky.yaml")["comment_period"]["comments"]
        if c["role"] in ("verejnost", "uzivatel") and c["author"] not in named()
    ]
    assert private  # the example has one
    texts = {
        "html": html_text(exported["html"]),
        "odt": " ".join(" ".join(r) for t in odt_tables(exported["odt"]).values() for r in t.rows),
        "pdf": flat(" ".join(pdf_pages(exported["pdf"]))),
    }
    for fmt, text in texts.items():
        assert "občan/občanka" in text, fmt
        for author in private:
            assert author not in text, fmt


def test_settlement_summary_counts_the_file(exported: dict[str, Path]) -> None:
    comments = raw("pripominky.yaml")["comment_period"]["comments"]
    settled = [c for c in comments if c.get("settlement")]
    text = html_text(exported["html"])
    assert f"{len(comments)} připomínek, vypořádáno {len(settled)}" in text
    accepted = sum(1 for c in settled if c["settlement"] == "akceptovano")
    assert f"akceptováno {accepted}" in text


def test_chapters_are_numbered_in_order_and_listed_in_the_contents(
    exported: dict[str, Path],
) -> None:
    tree = html_tree(exported["html"])
    numbered = [(h.tag, h.get("id"), flat(h.text_content())) for h in tree.iter("h2", "h3")]
    numbered = [h for h in numbered if re.match(r"^\d", h[2])]
    chapters = [int(t.split()[0]) for tag, _, t in numbered if tag == "h2"]
    assert chapters == list(range(1, len(chapters) + 1))
    last: dict[str, int] = {}
    for tag, _, text in numbered:
        if tag != "h3":
            continue
        chapter, section = text.split()[0].split(".")
        assert int(section) == last.get(chapter, 0) + 1, text
        last[chapter] = int(section)
    contents = {a.get("href"): flat(a.text_content()) for a in tree.iterfind(".//nav//a")}
    for _, anchor, text in numbered:
        assert contents[f"#{anchor}"] == text
    expected = ["Základní údaje", "Vize a zásady", "Proces plánování", "Analytická část"]
    assert [t.split(" ", 1)[1] for tag, _, t in numbered if tag == "h2"][:4] == expected


def test_odt_headings_are_the_html_headings(exported: dict[str, Path]) -> None:
    tree = html_tree(exported["html"])
    from_html = [
        flat(h.text_content()) for h in tree.iterfind(".//main//*") if h.tag in ("h2", "h3", "h4")
    ]
    assert odt_headings(exported["odt"]) == from_html


def test_every_activity_with_responsible_body_deadline_and_groups(
    exported: dict[str, Path],
) -> None:
    plan = raw("plan.yaml")
    bodies = {b["key"]: b["name"] for b in plan["bodies"]}
    groups = {g["key"]: g["name"] for g in plan["target_groups"]}
    tables = html_tables(exported["html"])
    seen = 0
    for priority in plan["priorities"]:
        for measure in _measures(priority):
            if not measure.get("activities"):
                continue
            table = tables[f"Aktivity opatření {measure['number']}"]
            rows = {r[0].split()[0]: r for r in table.rows}
            for activity in measure["activities"]:
                row = rows[activity["number"]]
                assert flat(activity["title"]) in row[0]
                if activity.get("responsible"):
                    assert row[1] == flat(
                        bodies.get(activity["responsible"], activity["responsible"])
                    )
                if activity.get("deadline"):
                    day = activity["deadline"]
                    assert row[2].endswith(f"{day.day}. {day.month}. {day.year}")
                for key in activity.get("target_groups", []):
                    assert groups[key] in row[3]
                total = sum(c["amount"] for c in activity.get("costs", []))
                assert row[4] == (
                    "bez nákladů" if activity.get("no_cost") else f"{total:,}".replace(",", " ")
                )
                seen += 1
    assert seen >= 10


def test_link_to_the_kraj_plan_is_shown_for_each_measure(exported: dict[str, Path]) -> None:
    text = html_text(exported["html"])
    links = [
        m["kraj_plan_link"]
        for p in raw("plan.yaml")["priorities"]
        for m in _measures(p)
        if m.get("kraj_plan_link")
    ]
    assert links
    for link in links:
        assert flat(link) in text


def test_indicator_table_has_target_measured_and_source(exported: dict[str, Path]) -> None:
    table = html_tables(exported["html"])["Indikátory plnění: výchozí, cílová a naměřená hodnota"]
    assert table.header == [
        "Položka",
        "Indikátor",
        "Jednotka",
        "Výchozí",
        "Cílová",
        "Naměřeno",
        "Zdroj",
    ]
    expected = []
    for priority in raw("plan.yaml")["priorities"]:
        for measure in _measures(priority):
            for item in [measure, *measure.get("activities", [])]:
                expected += [(item["number"], i) for i in item.get("indicators", [])]
    assert len(table.rows) == len(expected)
    for row, (item_number, indicator) in zip(table.rows, expected, strict=True):
        assert row[0] == item_number
        assert row[1] == flat(indicator["name"])
        assert row[4].startswith(f"{indicator['target']:,}".replace(",", " "))
        values = indicator.get("values", [])
        if values:
            last = max(values, key=lambda v: v["year"])
            assert row[5] == f"{last['value']:,} ({last['year']})".replace(",", " ")
        else:
            assert row[5] == "neměřeno"
        if "register" in indicator:
            assert row[6] == "registr poskytovatelů sociálních služeb"


def test_planning_process_and_version_history(exported: dict[str, Path]) -> None:
    tables = html_tables(exported["html"])
    process = raw("proces.yaml")
    meetings = tables["Setkání v průběhu plánování"].rows
    assert len(meetings) == len(process["meetings"])
    assert sorted(number(r[4]) for r in meetings if r[4]) == sorted(
        m["attendance"] for m in process["meetings"] if "attendance" in m
    )
    steering = next(t for c, t in tables.items() if c.startswith(process["steering_group"]["name"]))
    assert [r[0] for r in steering.rows] == [
        m["name"] for m in process["steering_group"]["members"]
    ]
    history = tables["Verze plánu"].rows
    assert [r[0] for r in history] == [v["version"] for v in raw("plan.yaml")["history"]]


def test_no_one_letter_word_before_an_ordinary_space(exported: dict[str, Path]) -> None:
    tree = html_tree(exported["html"])
    lone = re.compile(r"(?<![\w§.])[ksvzouaiKSVZOUAI§] ")
    bad = [t for t in text_nodes(tree.find("body")) if lone.search(t)]
    assert bad == []
    assert not any("č. " in t for t in text_nodes(tree.find("body")))


def test_pdf_holds_the_chapters_budget_and_settlement(exported: dict[str, Path]) -> None:
    pages = [flat(p) for p in pdf_pages(exported["pdf"])]
    text = " ".join(pages)
    costs = [c for v in raw_costs().values() for c in v]
    order = ["obec", "kraj", "mpsv", "eu", "uhrady", "jine"]
    sums = [sum(c["amount"] for c in costs if c["source"] == s) for s in order]
    sums = [x for x, s in zip(sums, order, strict=True) if any(c["source"] == s for c in costs)]
    foot = " ".join(f"{x:,}".replace(",", " ") for x in [*sums, sum(sums)])
    assert f"Celkem {foot}" in text
    for comment in raw("pripominky.yaml")["comment_period"]["comments"]:
        assert flat(comment["justification"])[:40] in text
    chapters = ["1 Základní údaje", "2 Vize a zásady", "6 Financování", "8 Vypořádání připomínek"]
    first_pages = [
        next(i for i, p in enumerate(pages) if i > 1 and c in p)  # after the contents
        for c in chapters
    ]
    assert first_pages == sorted(first_pages)
