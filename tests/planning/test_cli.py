"""``kpss plan validate|show|diff|action-plan|evaluate|indicators``."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
from click.testing import CliRunner, Result

from kpss.cli import cli
from kpss.model.plan import ItemStatus
from kpss.planning import load_plan, save_plan

from .helpers import EXAMPLE, replace_activity, small_plan


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_validate_clean_plan_exits_0() -> None:
    result = run("plan", "validate", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    plan = replace_activity(small_plan(), "1.1.1", responsible=None, deadline=None, costs=())
    path = save_plan(plan, tmp_path / "plan.yaml")
    result = run("plan", "validate", path)
    assert result.exit_code == 1
    where = "priorities[0].measures[0].activities[0]"
    for field in ("responsible", "deadline", "costs"):
        assert f"error: {where}.{field}:" in result.output
    assert "3 error(s)" in result.output
    data = json.loads(run("plan", "validate", path, "--json").output)
    assert data["valid"] is False
    assert len(data["problems"]) == 3


def test_bad_yaml_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("title: [x\n", encoding="utf-8")
    result = run("plan", "validate", path)
    assert result.exit_code == 1
    assert f"Error: {path}, line" in result.output
    assert "Traceback" not in result.output


def test_show_text_and_json() -> None:
    result = run("plan", "show", EXAMPLE)
    assert result.exit_code == 0
    assert "Území: ORP Kralovice (44 obcí, 22\u00a0367 obyvatel k 1. 1. 2020)" in result.output
    assert (
        "Stav: schváleno (Zastupitelstvo města Kralovice, usnesení č. 14/2022/ZM" in result.output
    )
    assert "Aktivita 2.1.1.2 Zavedení odlehčovací služby" in result.output
    assert "Odpovědnost: Domov pro seniory Plasy, příspěvková organizace" in result.output
    data = json.loads(run("plan", "show", EXAMPLE, "--json").output)
    assert data["format"] == "kpss-plan/1"
    assert data["territory"] == {"orp": "3206", "name": "ORP Kralovice"}


def test_diff_text_and_json(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE)
    new = replace_activity(plan, "1.1.1", status=ItemStatus.DONE)
    new = attrs.evolve(new, version="3.1")
    new_path = save_plan(new, tmp_path / "new.json")
    text = run("plan", "diff", EXAMPLE, new_path)
    assert text.exit_code == 0
    assert "version: 3.0 → 3.1" in text.output
    data = json.loads(run("plan", "diff", EXAMPLE, new_path, "--format", "json").output)
    assert [c["number"] for c in data["changed"]] == [None, "1.1.1"]
    assert data["added"] == data["removed"] == []


def test_action_plan_and_evaluate() -> None:
    text = run("plan", "action-plan", EXAMPLE, "2025")
    assert text.exit_code == 0
    assert "Akční plán na rok 2025 (odvozeno z plánu)" in text.output
    data = json.loads(run("plan", "action-plan", EXAMPLE, "2024", "--json").output)
    assert data["stored"] is True
    assert data["total"] == sum(i["total"] for i in data["items"])
    evaluation = json.loads(run("plan", "evaluate", EXAMPLE, "2023", "--json").output)
    assert evaluation["planned_total"] == 3_065_000
    assert evaluation["spent_total"] == 3_035_300
    assert "Vyhodnocení za rok 2023" in run("plan", "evaluate", EXAMPLE, "2023").output
    outside = run("plan", "evaluate", EXAMPLE, "2030")
    assert outside.exit_code == 2
    assert "outside the plan period 2023–2025" in outside.output


def test_indicators_lists_register_indicators_without_snapshots() -> None:
    result = run("plan", "indicators", EXAMPLE)
    assert result.exit_code == 0
    assert "2.1.1.2 Registrovaná kapacita odlehčovacích služeb v ORP [lůžka]" in result.output


def test_indicators_from_a_snapshot_with_coverage(sample_register: Path, tmp_path: Path) -> None:
    snapshot = sample_register / "rpss.json"
    undated = run("plan", "indicators", EXAMPLE, snapshot)
    assert undated.exit_code == 2
    assert "--date" in undated.output
    out = tmp_path / "filled"
    result = run(
        "-q",
        "plan",
        "indicators",
        EXAMPLE,
        snapshot,
        "--date",
        "2026-08-31",
        "--coverage",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    assert "k 31. 8. 2026" in result.output
    assert "Kapacita na 1 000 obyvatel" in result.output
    filled = load_plan(out)
    values = filled.priorities[1].goals[0].measures[0].indicators[0].values
    assert [v.year for v in values] == [2026]
    data = json.loads(
        run("plan", "indicators", EXAMPLE, snapshot, "--date", "2026-08-31", "--json").output
    )
    assert [m["number"] for m in data["measurements"]] == ["2.1.1", "2.1.1.2"]
    assert data["measurements"][0]["value"] == values[0].value


def test_action_plan_can_be_stored_in_the_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    result = run("-q", "plan", "action-plan", EXAMPLE, "2025", "-o", out)
    assert result.exit_code == 0, result.output
    stored = load_plan(out).action_plan(2025)
    assert stored is not None
    assert [p.year for p in load_plan(out).action_plans] == [2023, 2024, 2025]
    assert "(odvozeno z plánu)" not in run("plan", "action-plan", out, "2025").output


def test_validate_against_a_register_snapshot(sample_register: Path) -> None:
    result = run("plan", "validate", EXAMPLE, "--register", sample_register / "rpss.json")
    assert result.exit_code == 0, result.output


def test_czech_plural_forms() -> None:
    from kpss.planning.render import plural

    assert [plural(n, "obec", "obce", "obcí") for n in (1, 2, 4, 5, 44)] == [
        "1 obec",
        "2 obce",
        "4 obce",
        "5 obcí",
        "44 obcí",
    ]
    shown = run("plan", "show", EXAMPLE).output
    assert "Pracovní skupina Osoby se zdravotním postižením (3 členové)" in shown
    assert "Pracovní skupina Senioři (5 členů)" in shown
    assert "Připomínkování: 3. 10. 2022 – 31. 10. 2022, 5 připomínek, vypořádáno 5" in shown


def test_indicators_kind_option(sample_register: Path) -> None:
    snapshot = sample_register / "rpss.json"
    common = ("plan", "indicators", EXAMPLE, snapshot, "--date", "2026-08-31", "--coverage")
    unknown = run(*common, "--kind", "§99")
    assert unknown.exit_code == 2
    assert "no such service kind" in unknown.output
    data = json.loads(run(*common, "--kind", "§40", "--kind", "osobní asistence", "--json").output)
    assert [u["kind"] for u in data["coverage"]["uncovered"]] == ["39", "40"]


def test_evaluate_writes_a_record_to_fill_in(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    result = run("-q", "plan", "evaluate", EXAMPLE, "2025", "-o", out)
    assert result.exit_code == 0, result.output
    plan = load_plan(out)
    record = plan.evaluation(2025)
    assert record is not None
    action_plan = run("plan", "action-plan", EXAMPLE, "2025", "--json").output
    assert [i.number for i in record.items] == [
        i["number"] for i in json.loads(action_plan)["items"]
    ]
    assert all(i.spent == () for i in record.items)
    stored = run("-q", "plan", "evaluate", EXAMPLE, "2023", "-o", tmp_path / "again.yaml")
    assert stored.exit_code == 0
    assert load_plan(tmp_path / "again.yaml") == load_plan(EXAMPLE)  # the stored one is kept
