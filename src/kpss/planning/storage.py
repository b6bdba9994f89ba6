"""Reading and writing plans: one YAML or JSON file, or a folder of YAML files.

A coordinator edits YAML by hand and keeps it in version control; JSON is for programs.
Both go through the one converter (:func:`kpss.convert.make_converter`), so a round trip is
lossless. A plan folder holds these files (each ``.yaml``, ``.yml`` or ``.json``; other
files such as a README or minutes are left alone):

- ``plan.yaml``: the frame and the strategy (everything not listed below), required;
- ``proces.yaml``: ``steering_group``, ``working_groups``, ``meetings``, ``surveys``, ``needs``;
- ``pripominky.yaml``: ``comment_period``;
- ``akcni-plany.yaml``: ``action_plans``;
- ``vyhodnoceni.yaml``: ``evaluations``.

Errors name the file, and the line and column for syntax errors or the path of the field
(``plan.yaml: $.priorities[0].measures[1].number: …``) for wrong values.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import cattrs
import yaml
from cattrs.errors import ClassValidationError, IterableValidationError

from kpss.atomic import atomic_text
from kpss.convert import describe_error, make_converter
from kpss.errors import ConversionError, DataError, Location
from kpss.jsonfile import parse_json, read_text
from kpss.model.actors import Role
from kpss.model.law import Form
from kpss.model.plan import (
    FundingSource,
    ItemStatus,
    MeetingKind,
    Plan,
    PlanStatus,
    RegisterMeasure,
    Settlement,
    SurveyKind,
)

#: Version of the plan file format (the ``format`` key of a stored plan).
PLAN_FORMAT = "kpss-plan/1"

#: Files of a plan folder (stem) and the top-level keys each holds; ``plan`` takes the rest.
FOLDER_LAYOUT: Mapping[str, tuple[str, ...]] = {
    "proces": ("steering_group", "working_groups", "meetings", "surveys", "needs"),
    "pripominky": ("comment_period",),
    "akcni-plany": ("action_plans",),
    "vyhodnoceni": ("evaluations",),
}
_SUFFIXES = (".yaml", ".yml", ".json")
_ENUMS: tuple[type[enum.Enum], ...] = (
    PlanStatus,
    FundingSource,
    ItemStatus,
    MeetingKind,
    SurveyKind,
    Settlement,
    RegisterMeasure,
    Role,
    Form,
)


def _enum_hook(cls: type[enum.Enum]) -> Any:
    allowed = ", ".join(repr(m.value) for m in cls)

    def structure(value: Any, _type: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"expected one of {allowed}, got {value!r}") from None

    return structure


@functools.cache
def plan_converter() -> cattrs.Converter:
    """The kpss converter with readable messages for the plan's enumerations."""
    converter = make_converter()
    for cls in _ENUMS:
        converter.register_structure_hook(cls, _enum_hook(cls))
    return converter


@functools.cache
def _yaml_converter() -> cattrs.Converter:
    # Dates stay date objects so YAML writes them plain (2023-01-31), as people type them;
    # a string that merely looks like a date stays quoted, so the round trip is lossless.
    converter = plan_converter().copy()
    converter.register_unstructure_hook(dt.date, lambda day: day)
    return converter


def plan_to_data(plan: Plan, *, yaml_dates: bool = False) -> dict[str, Any]:
    """*plan* as JSON-ready data, ``format`` first (with ``yaml_dates``, dates as objects)."""
    data: dict[str, Any] = {"format": PLAN_FORMAT}
    converter = _yaml_converter() if yaml_dates else plan_converter()
    data.update(converter.unstructure(plan))
    return data


def plan_from_data(
    data: Any, file: str | None = None, files: Mapping[str, str] | None = None
) -> Plan:
    """A :class:`~kpss.model.plan.Plan` from data.

    Raise :class:`~kpss.errors.ConversionError` listing every bad field.

    *files* maps top-level keys to the file they came from (for folder plans).
    """
    where = Location(file=file) if file else None
    if not isinstance(data, Mapping):
        raise DataError(
            f"expected a plan (a mapping of title, territory, …), got {type(data).__name__}",
            where,
        )
    body = dict(data)
    fmt = body.pop("format", PLAN_FORMAT)
    if fmt != PLAN_FORMAT:
        raise DataError(f"$.format: expected {PLAN_FORMAT!r}, got {fmt!r}", where)
    try:
        return plan_converter().structure(body, Plan)
    except (ClassValidationError, IterableValidationError) as exc:
        raw = cattrs.transform_error(exc, path="$", format_exception=_describe)
        problems = [_problem(p, file, files or {}) for p in raw]
        raise ConversionError(problems, None if files else where) from exc
    except (ValueError, TypeError) as exc:
        raise ConversionError([f"$: {exc}"], where) from exc


def _describe(exc: BaseException, type_: Any) -> str:
    message = describe_error(exc, type_)
    if (
        isinstance(exc, TypeError)
        and type_ is str
        and ("got float" in message or "got int" in message)
    ):
        return f"{message} (write numbers such as 1.1 in quotes: '1.1')"
    return message


def _problem(raw: str, file: str | None, files: Mapping[str, str]) -> str:
    message, _, path = raw.rpartition(" @ ")
    if not message:
        message, path = raw, "$"
    top = path[2:].split(".", 1)[0].split("[", 1)[0] if path.startswith("$.") else ""
    source = files.get(top, file)
    return f"{source}: {path}: {message}" if source else f"{path}: {message}"


# -- files ----------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses a key given twice in one mapping (no silent loss)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {key!r} is given twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_data(path: Path) -> Any:
    text = read_text(path)
    if path.suffix.lower() == ".json":
        return parse_json(text, path)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: no arbitrary objects
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError(
            exc.problem or "cannot read this YAML value",
            Location(
                file=str(path),
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            ),
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = exc.problem or exc.context or "syntax error"
        raise DataError(
            f"not valid YAML: {reason}", Location(file=str(path), line=line, column=column)
        ) from exc
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", Location(file=str(path))) from exc


def _folder_file(folder: Path, stem: str) -> Path | None:
    found = [folder / f"{stem}{s}" for s in _SUFFIXES if (folder / f"{stem}{s}").is_file()]
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise DataError(
            f"the plan folder has {names}: keep one of them", Location(file=str(folder))
        )
    return found[0] if found else None


def load_plan(path: str | Path) -> Plan:
    """Read a plan from a YAML/JSON file or a plan folder."""
    source = Path(path)
    if source.is_dir():
        return _load_folder(source)
    if not source.exists():
        raise DataError("no such plan file or folder", Location(file=str(source)))
    return plan_from_data(_read_data(source), str(source))


def _load_folder(folder: Path) -> Plan:
    main = _folder_file(folder, "plan")
    if main is None:
        raise DataError(
            "a plan folder needs a plan.yaml (or plan.json)", Location(file=str(folder))
        )
    data = _mapping(main)
    files = {key: str(main) for key in data}
    for stem, keys in FOLDER_LAYOUT.items():
        part = _folder_file(folder, stem)
        if part is None:
            continue
        extra = _mapping(part)
        for key, value in extra.items():
            if key not in keys:
                allowed = ", ".join(keys)
                raise DataError(
                    f"$.{key}: this file holds only {allowed}", Location(file=str(part))
                )
            if key in data:
                raise DataError(f"$.{key}: also given in {files[key]}", Location(file=str(part)))
            data[key] = value
            files[key] = str(part)
    return plan_from_data(data, str(main), files)


def _mapping(path: Path) -> dict[str, Any]:
    data = _read_data(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError(
            f"expected a mapping of keys at the top, got {type(data).__name__}",
            Location(file=str(path)),
        )
    return data


def dump_yaml(data: Any) -> str:
    """YAML text for plan data: Unicode kept, key order kept."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def dump_json(data: Any) -> str:
    """JSON text for plan data: Unicode kept, indented."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_plan(plan: Plan, path: str | Path) -> Path:
    """Write *plan* to a ``.yaml``/``.yml``/``.json`` file, or else to a plan folder.

    Each file is written atomically. In a folder, a layout file whose part of the plan is
    empty is removed so that it cannot bring stale data back; other files are untouched.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    data = plan_to_data(plan, yaml_dates=suffix != ".json")
    if suffix in (".yaml", ".yml", ".json") and not target.is_dir():
        text = dump_json(data) if suffix == ".json" else dump_yaml(data)
        with atomic_text(target) as handle:
            handle.write(text)
        return target
    target.mkdir(parents=True, exist_ok=True)
    for stem in ("plan", *FOLDER_LAYOUT):
        for s in _SUFFIXES[1:]:
            if (target / f"{stem}{s}").exists():
                raise DataError(
                    f"the plan folder has {stem}{s}; kpss writes {stem}.yaml: remove or rename it",
                    Location(file=str(target)),
                )
    parts: dict[str, dict[str, Any]] = {stem: {} for stem in FOLDER_LAYOUT}
    main: dict[str, Any] = {}
    owner = {key: stem for stem, keys in FOLDER_LAYOUT.items() for key in keys}
    for key, value in data.items():
        if key in owner:
            parts[owner[key]][key] = value
        else:
            main[key] = value
    with atomic_text(target / "plan.yaml") as handle:
        handle.write(dump_yaml(main))
    for stem, part in parts.items():
        file = target / f"{stem}.yaml"
        if part:
            with atomic_text(file) as handle:
                handle.write(dump_yaml(part))
        elif file.exists():
            file.unlink()
    return target
