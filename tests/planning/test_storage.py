"""Storage: YAML and JSON files and plan folders, lossless round trips, readable errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpss.errors import ConversionError, DataError
from kpss.model.plan import Plan
from kpss.planning import load_plan, plan_converter, plan_from_data, plan_to_data, save_plan
from kpss.planning.storage import _PlanLoader, dump_yaml

from .helpers import EXAMPLE, small_plan
from .strategies import plan_types, strategy_for

SLOW = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("cls", plan_types(), ids=lambda t: t.__name__)
@SLOW
@given(data=st.data())
def test_every_plan_type_round_trips_through_the_converter(cls: type, data: st.DataObject) -> None:
    obj = data.draw(strategy_for(cls))
    converter = plan_converter()
    wire = json.loads(json.dumps(converter.unstructure(obj), ensure_ascii=False))
    assert converter.structure(wire, cls) == obj


@SLOW
@given(plan=strategy_for(Plan))
def test_whole_plans_round_trip_through_yaml_and_json_text(plan: Plan) -> None:
    yaml_data = yaml.load(dump_yaml(plan_to_data(plan, yaml_dates=True)), Loader=_PlanLoader)
    assert plan_from_data(yaml_data) == plan
    json_data = json.loads(json.dumps(plan_to_data(plan), ensure_ascii=False))
    assert plan_from_data(json_data) == plan


@pytest.mark.parametrize("name", ["plan.yaml", "plan.yml", "plan.json", "folder"])
def test_example_round_trips_through_every_storage(tmp_path: Path, name: str) -> None:
    plan = load_plan(EXAMPLE)
    target = save_plan(plan, tmp_path / name)
    assert load_plan(target) == plan
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_folder_layout_and_stale_files(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE)
    save_plan(plan, tmp_path / "p")
    names = sorted(p.name for p in (tmp_path / "p").iterdir())
    assert names == [
        "akcni-plany.yaml",
        "plan.yaml",
        "pripominky.yaml",
        "proces.yaml",
        "vyhodnoceni.yaml",
    ]
    (tmp_path / "p" / "README.md").write_text("poznámky", encoding="utf-8")
    save_plan(small_plan(), tmp_path / "p")  # no process, comments, action plans …
    names = sorted(p.name for p in (tmp_path / "p").iterdir())
    assert names == ["README.md", "plan.yaml"]
    assert load_plan(tmp_path / "p") == small_plan()


def test_yaml_is_human_friendly(tmp_path: Path) -> None:
    text = save_plan(load_plan(EXAMPLE), tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert text.startswith("format: kpss-plan/1\ntitle: Komunitní plán")
    assert "  date: 2022-12-14\n" in text  # dates plain, as people type them
    assert "number: '1.1'" in text


def test_structuring_errors_name_file_and_every_path(tmp_path: Path) -> None:
    data = plan_to_data(small_plan())
    costs = data["priorities"][0]["measures"][0]["activities"][0]["costs"]
    costs[2]["amount"] = "lots"
    data["priorities"][0]["measures"][1]["number"] = 1.2
    data["status"] = "hotovo"
    data["colour"] = "red"
    path = tmp_path / "plan.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    with pytest.raises(ConversionError) as info:
        load_plan(path)
    text = str(info.value)
    assert info.value.location.file == str(path)
    assert text.startswith(f"{path}: $.")
    assert text.count(str(path)) == 1  # named once
    assert "$.priorities[0].measures[0].activities[0].costs[2].amount: expected an integer" in text
    assert "$.priorities[0].measures[1].number: expected a string" in text
    assert "'1.1'" in text  # hint to quote numbers
    assert "$.status: expected one of 'navrh', 'pripominkovani', 'schvaleno', got 'hotovo'" in text
    assert "unknown key 'colour'" in text
    assert len(info.value.problems) == 4


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("title: x\nterritory: [orp\nperiod: 1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_plan(path)
    assert info.value.location.file == str(path)
    assert info.value.location.line == 3
    assert info.value.location.column is not None
    assert "not valid YAML" in str(info.value)


def test_json_syntax_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text('{"title": "x",\n  oops}', encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_plan(path)
    assert info.value.location.line == 2


def test_missing_required_field_and_wrong_format(tmp_path: Path) -> None:
    with pytest.raises(ConversionError) as info:
        plan_from_data({"title": "x", "period": {"start": 2023, "end": 2025}}, "p.yaml")
    assert info.value.location.file == "p.yaml"
    assert "$.territory: required field missing" in str(info.value)
    with pytest.raises(DataError, match="kpss-plan/1"):
        plan_from_data({"format": "kpss-plan/9"}, "p.yaml")
    with pytest.raises(DataError, match="expected a plan"):
        plan_from_data(["x"], "p.yaml")


def test_folder_errors_name_the_part_file(tmp_path: Path) -> None:
    folder = save_plan(load_plan(EXAMPLE), tmp_path / "p")
    proces = folder / "proces.yaml"
    proces.write_text(
        proces.read_text(encoding="utf-8").replace("kind: kulaty-stul", "kind: piknik"),
        encoding="utf-8",
    )
    with pytest.raises(ConversionError) as info:
        load_plan(folder)
    assert f"{proces}: $.meetings[0].kind: expected one of" in str(info.value)


def test_folder_rejects_duplicated_or_misplaced_keys(tmp_path: Path) -> None:
    folder = save_plan(small_plan(), tmp_path / "p")
    (folder / "proces.yaml").write_text("title: jiný\n", encoding="utf-8")
    with pytest.raises(DataError, match="holds only"):
        load_plan(folder)
    (folder / "proces.yaml").write_text("meetings: []\n", encoding="utf-8")
    (folder / "proces.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DataError, match="keep one of them"):
        load_plan(folder)


def test_folder_without_plan_file_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"plan\.yaml"):
        load_plan(tmp_path)
    with pytest.raises(DataError, match="no such plan"):
        load_plan(tmp_path / "nothing.yaml")


def test_yaml_key_given_twice_is_an_error_not_a_silent_loss(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("title: A\nperiod: {start: 2023, end: 2025}\ntitle: B\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_plan(path)
    assert "the key 'title' is given twice" in str(info.value)
    assert info.value.location.line == 3


def test_yaml_never_builds_python_objects(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("title: !!python/object/apply:os.getcwd []\n", encoding="utf-8")
    with pytest.raises(DataError, match="constructor"):
        load_plan(path)
