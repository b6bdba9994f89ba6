"""Bad input ends in a clear error with the file, the position and the field, never in the
catch-all "unexpected …: a bug in kpss": the inputs of the hostile review (impossible dates,
complex keys, huge integers, deep nesting, a huge CSV field, NaN) and more, in every kind
of input kpss reads whole — plans (YAML and JSON), local lists, code lists, catalogues.
Silent loss is refused too: an unclosed quote in a CSV list, a key given twice, a plan
folder part that is a broken link, a loop, a FIFO or a link out of the folder.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from click.testing import Result

from kpss.convert import unstructure
from kpss.errors import DataError, KpssError
from kpss.find.local_list import read_local
from kpss.limits import MAX_CSV_FIELD_CHARS, MAX_QUOTED_CHARS
from kpss.model.plan import Indicator
from kpss.planning import load_plan, plan_to_data, save_plan, validate_plan
from kpss.reference import code_book
from kpss.testing import RegisterInfo

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "plans" / "kralovice-2023-2025"
PLAN_YAML = (PLAN / "plan.yaml").read_text(encoding="utf-8")
HUGE = "9" * 5000
DEEP = "[" * 2000 + "]" * 2000


@attrs.frozen
class Case:
    """One bad input: the file to write (relative to a work folder), the command that reads
    it, and what the error must say and where."""

    name: str
    file: str
    content: str | bytes
    command: tuple[str, ...]
    reason: str
    line: int | None = None
    path: str | None = None
    field: str | None = None


def _plan_with(old: str, new: str) -> str:
    assert old in PLAN_YAML
    return PLAN_YAML.replace(old, new, 1)


def _plan_json(change: Callable[[str], str]) -> str:
    text = json.dumps(plan_to_data(load_plan(PLAN / "plan.yaml")), ensure_ascii=False, indent=1)
    return change(text)


def _indicator_target(text: str, value: str) -> str:
    marker = '"target": '
    at = text.index(marker) + len(marker)
    end = min(text.index(",", at), text.index("\n", at))
    return text[:at] + value + text[end:]


VALIDATE = ("plan", "validate", "{file}")
IMPORT_CODES = ("import", "{register}", "--codes", "{folder}")
MATCH = ("match", "{file}", "{register}")
IMPORT = ("import", "{file}")
CODE_LIST = '{"polozky": [{"id": "FormaSocialniSluzby/ter", "nazev": "terénní"}, %s]}'
CATALOGUE = '{"format": "kpss-catalog/1",\n "services": [\n  %s\n ]}'

CASES = [
    # plans, YAML: the review's inputs and their neighbours
    Case(
        "impossible date",
        "plan.yaml",
        _plan_with("date: 2022-12-14", "date: 2025-02-30"),
        VALIDATE,
        "'2025-02-30' is not a real date",
        line=19,
    ),
    Case(
        "impossible date and time",
        "plan.yaml",
        _plan_with("date: 2022-12-14", "date: 2022-13-14 10:00:00"),
        VALIDATE,
        "is not a real date (month must be in 1..12)",
        line=19,
    ),
    Case(
        "complex key (a list)",
        "plan.yaml",
        _plan_with("vision: >-", "? [a, b]\n: 1\nvision: >-"),
        VALIDATE,
        "expected a key as text",
        line=20,
    ),
    Case(
        "complex key (a mapping)",
        "plan.yaml",
        _plan_with("vision: >-", "? {a: 1}\n: 1\nvision: >-"),
        VALIDATE,
        "expected a key as text",
        line=20,
    ),
    Case(
        "a key that is not text",
        "plan.yaml",
        _plan_with("vision: >-", "2023: rok\nvision: >-"),
        VALIDATE,
        "got int 2023 (quote it)",
        line=20,
    ),
    Case(
        "integer of 5,000 digits (YAML)",
        "plan.yaml",
        _plan_with("start: 2023", f"start: {HUGE}"),
        VALIDATE,
        "an integer of 5,000 digits",
        line=12,
    ),
    Case(
        "nesting deeper than the recursion limit (YAML)",
        "plan.yaml",
        _plan_with("vision: >-", f"deep: {DEEP}\nvision: >-"),
        VALIDATE,
        "nested deeper than 100 levels",
        line=20,
    ),
    Case(
        "nesting deeper than the limit (YAML, block mappings)",
        "plan.yaml",
        "".join(" " * i + f"k{i}:\n" for i in range(150)),
        VALIDATE,
        "nested deeper than 100 levels",
        line=101,
    ),
    Case(
        "NaN (YAML)",
        "plan.yaml",
        _plan_with("start: 2023", "start: .nan"),
        VALIDATE,
        "'.nan' is not a finite number",
        line=12,
    ),
    Case(
        "a merge key",
        "plan.yaml",
        _plan_with("period:\n", "period:\n  <<: {start: 2023}\n"),
        VALIDATE,
        "merge keys (<<) are not supported",
        line=12,
    ),
    Case(
        "an alias inside its own anchor",
        "plan.yaml",
        _plan_with("vision: >-", "loop: &a [*a]\nvision: >-"),
        VALIDATE,
        "an alias of this anchor is used inside it",
        line=20,
    ),
    Case(
        "a key given twice (YAML)",
        "plan.yaml",
        _plan_with("vision: >-", "coordinator: x\nvision: >-"),
        VALIDATE,
        "the key 'coordinator' is given twice",
    ),
    # plans, JSON
    Case(
        "integer of 5,000 digits (JSON)",
        "plan.json",
        _plan_json(lambda t: t.replace('"start": 2023', f'"start": {HUGE}', 1)),
        VALIDATE,
        "an integer of 5,000 digits",
        path="$.period.start",
    ),
    Case(
        "nesting deeper than the recursion limit (JSON)",
        "plan.json",
        _plan_json(lambda t: t.replace('"vision":', f'"deep": {DEEP}, "vision":', 1)),
        VALIDATE,
        "nested deeper than 100 levels",
        path="$.deep",
    ),
    *(
        Case(
            name,
            "plan.json",
            _plan_json(functools.partial(_indicator_target, value=literal)),
            VALIDATE,
            reason,
            path="$.priorities[0].measures[0].indicators[0].target",
        )
        for name, literal, reason in (
            ("NaN (JSON)", "NaN", "NaN is not a JSON number"),
            ("Infinity (JSON)", "-Infinity", "-Infinity is not a JSON number"),
            ("a number too large for a float (JSON)", "1e999", "'1e999' is too large"),
        )
    ),
    Case(
        "a key given twice (JSON)",
        "plan.json",
        _plan_json(lambda t: t.replace('"vision":', '"title": "again", "vision":', 1)),
        VALIDATE,
        "the key 'title' is given twice",
        path="$.title",
    ),
    # local lists
    Case(
        "a CSV field over the csv module's limit",
        "seznam.csv",
        "nazev;ico\nDomov;1\n" + '"' + "x" * (MAX_CSV_FIELD_CHARS + 10) + '";2\n',
        MATCH,
        f"a value longer than {MAX_CSV_FIELD_CHARS:,} characters",
        line=3,
    ),
    Case(
        "an unclosed quote swallowing rows",
        "seznam.csv",
        "nazev,ico\n"
        + "\n".join(f"Služba {i},1234567{i}" for i in range(8)).replace("Služba 2", '"Služba 2'),
        MATCH,
        "a quoted value that starts in this row is never closed",
        line=4,
    ),
    Case(
        "text after a closing quote",
        "seznam.csv",
        'nazev,ico\n"Domov"  u lesa,1\n',
        MATCH,
        "text after the closing quote",
        line=2,
    ),
    Case(
        "integer of 5,000 digits (local list)",
        "seznam.json",
        f'[{{"nazev": "Domov", "ico": {HUGE}}}]',
        MATCH,
        "an integer of 5,000 digits",
        path="$[0].ico",
    ),
    Case(
        "nesting deeper than the recursion limit (local list)",
        "seznam.json",
        f'[{{"nazev": {DEEP}}}]',
        MATCH,
        "nested deeper than 100 levels",
        path="$[0].nazev",
    ),
    Case(
        "an object as a value (local list)",
        "seznam.json",
        '[{"nazev": "Domov"}, {"nazev": {"cs": "Domov"}}]',
        MATCH,
        "expected text, a number or a list of them, got an object",
        field="nazev",
    ),
    # code lists
    Case(
        "integer of 5,000 digits (code list)",
        "ciselniky/formy-soc-sluzby.json",
        CODE_LIST % f'{{"id": "FormaSocialniSluzby/amb", "poradi": {HUGE}}}',
        IMPORT_CODES,
        "an integer of 5,000 digits",
        path="$.polozky[1].poradi",
    ),
    Case(
        "nesting deeper than the recursion limit (code list)",
        "ciselniky/formy-soc-sluzby.json",
        CODE_LIST % f'{{"id": "FormaSocialniSluzby/amb", "nazev": {DEEP}}}',
        IMPORT_CODES,
        "nested deeper than 100 levels",
        path="$.polozky[1].nazev",
    ),
    Case(
        "kpss notes that are not an object (code list)",
        "ciselniky/formy-soc-sluzby.json",
        CODE_LIST % '{"id": "FormaSocialniSluzby/amb", "kpss": 5}',
        IMPORT_CODES,
        'expected an object with "evidence" and "source"',
        field="kpss",
    ),
    Case(
        "an unknown evidence (code list)",
        "ciselniky/formy-soc-sluzby.json",
        CODE_LIST % '{"id": "FormaSocialniSluzby/amb", "kpss": {"evidence": "rumour"}}',
        IMPORT_CODES,
        "expected one of 'seen', 'inferred', 'unknown', got 'rumour'",
        field="kpss.evidence",
    ),
    # catalogues
    Case(
        "integer of 5,000 digits (catalogue)",
        "katalog.json",
        CATALOGUE % f'{{"identifier": {HUGE}}}',
        IMPORT,
        "an integer of 5,000 digits",
        line=3,
        path="$.services[0].identifier",
    ),
    Case(
        "nesting deeper than the recursion limit (catalogue)",
        "katalog.json",
        CATALOGUE % DEEP,
        IMPORT,
        "nested deeper than 100 levels",
        line=3,
        path="$.services[0]",
    ),
    Case(
        "nesting just below the decoder's own limit (catalogue)",
        "katalog.json",
        CATALOGUE % ('{"a": ' * 990 + "1" + "}" * 990),
        IMPORT,
        "nested deeper than 100 levels",
        line=3,
    ),
    Case(
        "a provider that is not an object (catalogue)",
        "katalog.json",
        '{"format": "kpss-catalog/1", "providers": [[1]], "services": []}',
        IMPORT,
        "expected a provider object @ $.providers[0]",
    ),
    Case(
        "code lists that are not an object (catalogue)",
        "katalog.json",
        '{"format": "kpss-catalog/1", "codes": [1], "services": []}',
        IMPORT,
        "expected an object @ $.codes",
    ),
]


@pytest.fixture
def work(tmp_path: Path, register_20: RegisterInfo) -> Path:
    """A work folder with a copy of the example plan and of the register's code lists."""
    shutil.copytree(PLAN, tmp_path / "plan")
    shutil.copytree(register_20.folder / "ciselniky", tmp_path / "ciselniky")
    return tmp_path


def _read(case: Case, file: Path, folder: Path) -> None:
    """Read *file* the way the library does for its kind."""
    if case.command == VALIDATE:
        load_plan(file)
    elif case.command == MATCH:
        read_local(file)
    elif case.command == IMPORT_CODES:
        code_book(folder)
    else:
        import kpss

        kpss.load(file)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_gets_a_positioned_error(
    case: Case, work: Path, register_20: RegisterInfo, invoke: Callable[[list[str]], Result]
) -> None:
    file = work / case.file
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(case.content, bytes):
        file.write_bytes(case.content)
    else:
        file.write_text(case.content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        _read(case, file, work / "ciselniky")
    error = info.value
    assert case.reason in str(error)
    assert error.location.file == str(file)
    if case.line is not None:
        assert error.location.line == case.line
    if case.path is not None:  # the path of the value (a deep one ends in "…[0][0]")
        assert error.location.path is not None
        assert error.location.path.startswith(case.path)
    if case.field is not None:
        assert error.location.field == case.field
    assert len(str(error).replace(str(file), "")) < 400, "values are quoted briefly"
    args = [
        part.format(file=file, folder=work / "ciselniky", register=register_20.folder / "rpss.json")
        for part in case.command
    ]
    result = invoke(args)  # never the catch-all, never a traceback
    assert result.exit_code == 1
    assert f"Error: {error}" in result.output


def test_a_long_value_is_quoted_briefly(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(_plan_with("status: schvaleno", "status: " + "x" * 10_000), encoding="utf-8")
    with pytest.raises(KpssError) as info:
        load_plan(plan)
    message = str(info.value).replace(str(plan), "FILE")
    quoted = message[message.index("got ") + 4 :]
    assert quoted.startswith("'xxxx")
    assert quoted.endswith("…")
    assert len(quoted) == MAX_QUOTED_CHARS


# -- NaN and infinity in plans made in code -------------------------------------------------


def _with_target(value: float) -> object:
    plan = load_plan(PLAN)
    priority = plan.priorities[0]
    measure = priority.measures[0]
    indicator: Indicator = attrs.evolve(measure.indicators[0], target=value)
    measure = attrs.evolve(measure, indicators=(indicator, *measure.indicators[1:]))
    priority = attrs.evolve(priority, measures=(measure, *priority.measures[1:]))
    return attrs.evolve(plan, priorities=(priority, *plan.priorities[1:]))


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_in_a_plan_fails_validation_and_is_never_written(value: float, tmp_path: Path) -> None:
    plan = _with_target(value)
    problems = [p for p in validate_plan(plan) if p.path.endswith("indicators[0].target")]  # type: ignore[arg-type]
    assert problems
    assert problems[0].severity == "error"
    assert "not a number a plan can hold" in problems[0].message
    for name in ("plan.json", "plan.yaml"):
        target = tmp_path / name
        target.write_text("old", encoding="utf-8")
        with pytest.raises(DataError) as info:
            save_plan(plan, target)  # type: ignore[arg-type]
        assert "$.priorities[0].measures[0].indicators[0].target" in str(info.value)
        assert target.read_text(encoding="utf-8") == "old"  # nothing written, nothing invalid


# -- plan folder parts that are not regular files of the folder -----------------------------


@pytest.fixture
def plan_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(PLAN, folder)
    return folder


def _replace(part: Path, make: Callable[[Path], None]) -> None:
    part.unlink()
    make(part)


PART_CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("dangling link", lambda p: p.symlink_to("chybi.yaml"), "a symbolic link to chybi.yaml"),
    ("link loop", lambda p: p.symlink_to(p.name), "leads in a loop"),
    ("FIFO", lambda p: os.mkfifo(p), "not a regular file"),
    ("folder", lambda p: p.mkdir(), "not a regular file"),
    ("link out", lambda p: p.symlink_to(p.parents[1] / "venku.yaml"), "out of the plan folder"),
]


@contextlib.contextmanager
def within_seconds(seconds: int) -> Iterator[None]:
    """Fail instead of hanging when the body blocks (reading a FIFO would)."""

    def stop(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("name", "make", "reason"), PART_CASES, ids=[c[0] for c in PART_CASES])
def test_plan_folder_part_that_is_not_a_file_of_the_folder_is_an_error(
    name: str,
    make: Callable[[Path], None],
    reason: str,
    plan_folder: Path,
    invoke: Callable[[list[str]], Result],
) -> None:
    part = plan_folder / "proces.yaml"
    shutil.copy(part, plan_folder.parent / "venku.yaml")
    _replace(part, make)
    with within_seconds(10), pytest.raises(DataError) as info:
        load_plan(plan_folder)
    assert info.value.location.file == str(part)
    assert reason in str(info.value)
    with within_seconds(10):
        result = invoke(["plan", "validate", str(plan_folder)])
    assert result.exit_code == 1
    assert str(part) in result.output


def test_plan_folder_part_linked_inside_the_folder_is_read(plan_folder: Path) -> None:
    part = plan_folder / "proces.yaml"
    part.rename(plan_folder / "proces-2025.yml.txt")
    part.symlink_to("proces-2025.yml.txt")
    assert load_plan(plan_folder) == load_plan(PLAN)


def test_a_fifo_given_as_a_plan_or_a_list_is_refused_without_waiting(tmp_path: Path) -> None:
    for name, read in (("plan.yaml", load_plan), ("seznam.csv", read_local)):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        with within_seconds(10), pytest.raises(DataError, match="not a regular file"):
            read(fifo)


def test_code_list_that_is_a_broken_link_is_an_error_not_skipped(
    tmp_path: Path, register_20: RegisterInfo
) -> None:
    folder = tmp_path / "ciselniky"
    shutil.copytree(register_20.folder / "ciselniky", folder)
    (folder / "formy-soc-sluzby.json").unlink()
    (folder / "formy-soc-sluzby.json").symlink_to("chybi.json")
    with pytest.raises(DataError, match="not a regular file") as info:
        code_book(folder)
    assert info.value.location.file == str(folder / "formy-soc-sluzby.json")


# -- catalogues: nothing dropped silently -----------------------------------------------------


def test_catalogue_listing_a_service_or_provider_twice_is_an_error(
    tmp_path: Path, register_20: RegisterInfo
) -> None:
    import kpss

    catalogue = unstructure(kpss.load(register_20.folder / "rpss.json").catalog)
    for key in ("services", "providers"):
        data = json.loads(json.dumps(catalogue))
        data[key].append(data[key][0])
        path = tmp_path / f"{key}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(DataError, match="is listed twice") as info:
            kpss.load(path)
        assert f"$.{key}[{len(data[key]) - 1}]" in str(info.value)
