"""Every input kpss reads whole finishes in bounded work and memory: alias bombs, deep
nesting, huge numbers, huge fields and huge files are refused early with a positioned
error, at the limits of :mod:`kpss.limits` and not one step before.

Work is measured by memory (``tracemalloc``) and by what is read, never by wall-clock time.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kpss
from kpss import limits
from kpss.errors import DataError, KpssError
from kpss.find.local_list import read_local
from kpss.jsonfile import parse_json
from kpss.limits import (
    MAX_CATALOG_BYTES,
    MAX_CODE_LIST_BYTES,
    MAX_CSV_FIELD_CHARS,
    MAX_DEPTH,
    MAX_INTEGER_DIGITS,
    MAX_LOCAL_LIST_BYTES,
    MAX_PLAN_BYTES,
    MAX_QUOTED_CHARS,
    MAX_YAML_NODES,
    quoted,
)
from kpss.planning import load_plan
from kpss.reference import code_book

ROOT = Path(__file__).resolve().parents[2]
PLAN_YAML = (ROOT / "examples" / "plans" / "kralovice-2023-2025" / "plan.yaml").read_text(
    encoding="utf-8"
)
MiB = 1 << 20
HARDENING = settings.get_profile("hardening")  # registered by conftest.py


def peak_memory(action: Callable[[], object]) -> tuple[int, BaseException | None]:
    """The peak of memory *action* allocates (bytes), and the exception it raised; run
    once before, so that what is loaded once (plugins, packaged data) does not count."""
    with contextlib.suppress(KpssError):
        action()
    tracemalloc.start()
    try:
        action()
        error = None
    except KpssError as exc:
        error = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak, error


def bomb(levels: int) -> str:
    """The hostile review's plan: aliases of aliases, nine each, *levels* deep, the deepest
    given as the title (whose error message once printed the whole expanded value)."""
    lines = ["format: kpss-plan/1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    lines.append(f"title: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_the_review_bomb_is_small() -> None:
    assert 450 <= len(bomb(9).encode()) <= 650  # the review's nine levels took 546 bytes


@pytest.mark.parametrize("levels", [6, 7, 9, 12, 20])
def test_alias_bombs_are_refused_while_parsed_in_bounded_memory(
    levels: int, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(bomb(levels), encoding="utf-8")
    peak, error = peak_memory(lambda: load_plan(plan))
    assert isinstance(error, DataError)
    assert f"more than {MAX_YAML_NODES:,} values with every alias expanded" in str(error)
    assert error.location.line == 7  # a6, the first level past the limit (9**6 > 250,000)
    # 9**20 values once expanded; what is held is the text and its nodes, a few hundred kB
    assert peak < 2 * MiB, f"{peak:,} bytes"


def test_a_bomb_under_the_limit_ends_in_a_short_message(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(bomb(5), encoding="utf-8")  # 9**5 = 59,049 values: under the limit
    peak, error = peak_memory(lambda: load_plan(plan))
    assert isinstance(error, DataError)
    message = str(error).replace(str(plan), "")
    assert "$.title: expected a string, got list [[[[...], [...]" in message  # quoted briefly
    assert len(message) < 400
    assert peak < 32 * MiB, f"{peak:,} bytes"  # the values, never a printed expansion


def test_the_value_limit_is_exact(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    lines = PLAN_YAML.split("\nprinciples:\n", 1)
    head, rest = lines[0], lines[1]
    tail = rest[rest.index("\nkraj_plan:") :]
    below = MAX_YAML_NODES - 3000  # the rest of the plan holds fewer than 3,000 values
    plan.write_text(
        f"{head}\nprinciples: [&p Partnerství{', *p' * (below - 1)}]{tail}", encoding="utf-8"
    )
    assert len(load_plan(plan).principles) == below
    plan.write_text(
        f"{head}\nprinciples: [&p Partnerství{', *p' * MAX_YAML_NODES}]{tail}", encoding="utf-8"
    )
    with pytest.raises(DataError, match="with every alias expanded") as info:
        load_plan(plan)
    assert info.value.location.line == head.count("\n") + 2


# -- nesting and numbers --------------------------------------------------------------------


def nested(depth: int) -> str:
    """JSON text nesting arrays and objects *depth* levels deep (the root is level 1)."""
    text = "1"
    for level in range(depth):
        text = f"[{text}]" if level % 2 else f'{{"k": {text}}}'
    return text


def test_json_nesting_limit_is_exact() -> None:
    assert parse_json(nested(MAX_DEPTH), "f.json") is not None
    with pytest.raises(DataError, match=f"nested deeper than {MAX_DEPTH} levels") as info:
        parse_json(nested(MAX_DEPTH + 1), "f.json")
    text = nested(MAX_DEPTH + 1)
    openings = [i for i, c in enumerate(text) if c in "[{"]
    assert info.value.location.line == 1
    assert info.value.location.column == openings[MAX_DEPTH] + 1  # the 101st level
    assert info.value.location.path == "$.k[0].k[0]….k[0]"  # its start and its end


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 10_000, 200_000])
def test_deep_json_is_refused_in_bounded_memory(depth: int) -> None:
    text = "[" * depth + "]" * depth
    peak, error = peak_memory(lambda: parse_json(text, "f.json"))
    assert isinstance(error, DataError)
    assert error.location.column == MAX_DEPTH + 1
    assert peak < 16 * MiB + 8 * depth, f"{peak:,} bytes"


def test_yaml_nesting_limit_is_exact(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    inner = "[" * (MAX_DEPTH - 2) + "x" + "]" * (MAX_DEPTH - 2)  # root mapping + title + …
    plan.write_text(f"title: [{inner}]\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_plan(plan)
    assert "nested deeper" not in str(info.value)  # read; refused only as a plan
    plan.write_text(f"title: [[{inner}]]\n", encoding="utf-8")
    with pytest.raises(DataError, match=f"nested deeper than {MAX_DEPTH} levels"):
        load_plan(plan)


def test_integer_digit_limit_is_exact(tmp_path: Path) -> None:
    longest = "9" * MAX_INTEGER_DIGITS
    assert parse_json(f"[{longest}, -{longest}]", "f.json") == [int(longest), -int(longest)]
    with pytest.raises(DataError, match=f"an integer of {MAX_INTEGER_DIGITS + 1} digits"):
        parse_json(f"[{longest}9]", "f.json")
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_YAML.replace("start: 2023", f"start: {longest}9", 1), encoding="utf-8")
    with pytest.raises(DataError, match=f"an integer of {MAX_INTEGER_DIGITS + 1} digits"):
        load_plan(plan)


@HARDENING
@given(
    value=st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(10**MAX_INTEGER_DIGITS) + 1, 10**MAX_INTEGER_DIGITS - 1)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=30,
    )
)
def test_json_within_the_limits_reads_as_json_does(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False)
    try:
        expected = json.loads(text)
    except RecursionError:  # pragma: no cover - hypothesis keeps values small
        return
    assert parse_json(text, "f.json") == expected


@HARDENING
@given(st.text(), st.lists(st.integers(), max_size=2000))
def test_quoted_values_are_short_whatever_they_are(text: str, numbers: list[int]) -> None:
    values: list[object] = [text, numbers, {text: numbers}, [numbers] * 1000, (text,) * 1000]
    for value in values:
        assert len(quoted(value)) <= MAX_QUOTED_CHARS


def test_quoting_a_huge_value_looks_at_a_few_items_only() -> None:
    shared: list[Any] = ["lol"] * 9
    for _ in range(6):  # seven lists of nine: 4,782,969 strings reachable
        shared = [shared] * 9
    peak, _ = peak_memory(lambda: quoted(shared))
    assert peak < 64 * 1024


# -- CSV fields and file sizes ----------------------------------------------------------------


def test_csv_field_limit_is_the_csv_modules_and_exact(tmp_path: Path) -> None:
    assert csv.field_size_limit() == MAX_CSV_FIELD_CHARS
    path = tmp_path / "seznam.csv"
    path.write_text(f"nazev;ico\n{'x' * MAX_CSV_FIELD_CHARS};1\n", encoding="utf-8")
    assert read_local(path).entries[0].get("name") == "x" * MAX_CSV_FIELD_CHARS
    path.write_text(f"nazev;ico\nDomov;1\n{'x' * (MAX_CSV_FIELD_CHARS + 1)};1\n", encoding="utf-8")
    with pytest.raises(DataError, match="a value longer than") as info:
        read_local(path)
    assert info.value.location.line == 3


def _sparse(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of *size* bytes that holds *head* and then nothing (no disk space used)."""
    path.write_bytes(head)
    os.truncate(path, size)
    return path


SIZE_CASES: list[tuple[str, int, str, bytes]] = [
    ("plan.yaml", MAX_PLAN_BYTES, "plan", b"title: x\n"),
    ("seznam.csv", MAX_LOCAL_LIST_BYTES, "local", b"nazev\nx\n"),
    ("formy-soc-sluzby.json", MAX_CODE_LIST_BYTES, "codes", b'{"polozky": []}'),
    ("katalog.json", MAX_CATALOG_BYTES, "catalogue", b'{"format": "kpss-catalog/1", '),
]


@pytest.mark.parametrize(
    ("name", "limit", "kind", "head"), SIZE_CASES, ids=[c[2] for c in SIZE_CASES]
)
def test_files_over_their_size_limit_are_refused_unread(
    tmp_path: Path, name: str, limit: int, kind: str, head: bytes
) -> None:
    folder = tmp_path / "ciselniky"
    folder.mkdir()
    path = _sparse(folder / name, limit + 1, head)
    read: Callable[[], object] = {
        "plan": lambda: load_plan(path),
        "local": lambda: read_local(path),
        "codes": lambda: code_book(folder),
        "catalogue": lambda: kpss.load(path),
    }[kind]
    peak, error = peak_memory(read)
    assert isinstance(error, DataError)
    assert f"{limit + 1:,} bytes is too large" in str(error)
    assert f"at most {limit:,} bytes" in str(error)
    assert error.location.file == str(path)
    assert peak < 4 * MiB, f"{peak:,} bytes read for a refused file"


def test_every_limit_is_on_the_reliability_page() -> None:
    page = (ROOT / "docs" / "user-guide" / "reliability.md").read_text(encoding="utf-8")
    names = [n for n in dir(limits) if n.startswith("MAX_")]
    assert len(names) == 9
    for name in names:
        assert f"`{name}`" in page, f"{name} is not documented"
        value = getattr(limits, name)
        assert f"{value:,}" in page or f"{value // MiB} MiB" in page, f"{name}: value"
