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
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cattrs
import yaml
from cattrs.errors import ClassValidationError, IterableValidationError

from kpss.atomic import atomic_text
from kpss.convert import describe_error, make_converter
from kpss.errors import ConversionError, DataError, Location
from kpss.jsonfile import parse_json, read_text
from kpss.limits import (
    MAX_DEPTH,
    MAX_INTEGER_DIGITS,
    MAX_PLAN_BYTES,
    MAX_YAML_NODES,
    clipped,
    quoted,
)
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
            raise ValueError(f"expected one of {allowed}, got {quoted(value)}") from None

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
        raise DataError(f"$.format: expected {PLAN_FORMAT!r}, got {quoted(fmt)}", where)
    try:
        return plan_converter().structure(body, Plan)
    except (ClassValidationError, IterableValidationError) as exc:
        raw = cattrs.transform_error(exc, path="$", format_exception=_describe)
        # A single file is named once, by the error's location; a folder's parts by problem.
        problems = [_problem(p, file if files else None, files or {}) for p in raw]
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


#: libyaml's parser and composer when PyYAML has them (eight times faster on a plan; libyaml
#: itself refuses nesting deeper than 1,000 levels), else PyYAML's own.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlanLoader(_SafeLoader):
    """PyYAML's safe loader (no arbitrary objects) with the limits of :mod:`kpss.limits`.

    It refuses, each at its line and column: a key given twice in one mapping (no silent
    loss), a key that is not text (a list, a mapping, a number), merge keys (``<<``),
    nesting deeper than :data:`~kpss.limits.MAX_DEPTH`, a document of more than
    :data:`~kpss.limits.MAX_YAML_NODES` values with aliases expanded, an alias inside its
    own anchor, impossible dates (``2025-02-30``), integers longer than
    :data:`~kpss.limits.MAX_INTEGER_DIGITS`, NaN and infinite numbers, and unpaired
    surrogates. The composed document is checked before any value is built from it.
    """

    def get_single_node(self) -> yaml.Node | None:
        node: yaml.Node | None = super().get_single_node()
        if node is not None:
            _check_nodes(node)
        return node

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _construct_error(
                    "merge keys (<<) are not supported: write the keys out", key_node
                )
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise _construct_error(
                    f"expected a key as text such as title, got {_kind(key)} {quoted(key)}"
                    + (" (quote it)" if isinstance(key_node, yaml.ScalarNode) else ""),
                    key_node,
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {quoted(key)} is given twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = node.value.replace("_", "").lstrip("+-")
        if len(digits) > MAX_INTEGER_DIGITS:
            raise _construct_error(
                f"an integer of {len(digits):,} digits (at most {MAX_INTEGER_DIGITS} are accepted)",
                node,
            )
        return int(super().construct_yaml_int(node))

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = float(super().construct_yaml_float(node))
        if not math.isfinite(value):
            raise _construct_error(
                f"{quoted(node.value)} is not a finite number; write a number or leave it out",
                node,
            )
        return value

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date:
        try:
            value: dt.date = super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise _construct_error(
                f"{quoted(node.value)} is not a real date ({exc})", node
            ) from None
        return value

    def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
        value = str(super().construct_yaml_str(node))
        if _LONE_SURROGATE.search(value):
            raise _construct_error(
                "an unpaired surrogate (\\ud800–\\udfff) is not Unicode text", node
            )
        return value


for _tag, _method in (
    ("int", _PlanLoader.construct_yaml_int),
    ("float", _PlanLoader.construct_yaml_float),
    ("timestamp", _PlanLoader.construct_yaml_timestamp),
    ("str", _PlanLoader.construct_yaml_str),
):
    _PlanLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _method)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _construct_error(problem: str, node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


def _compose_error(problem: str, mark: Any) -> yaml.composer.ComposerError:
    return yaml.composer.ComposerError(None, None, problem, mark)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _check_nodes(root: yaml.Node) -> None:
    """Refuse a composed document that nests sequences and mappings deeper than
    :data:`~kpss.limits.MAX_DEPTH` (the root is level 1),
    holds more than :data:`~kpss.limits.MAX_YAML_NODES` values with every alias expanded,
    or an alias inside its own anchor.

    A node reached again through an alias is not walked again: its size and height are
    remembered, so the work is proportional to the text, whatever the aliases expand to.
    """
    sizes: dict[int, int] = {}  # id(node) -> values in it, aliases expanded
    heights: dict[int, int] = {}  # id(node) -> levels of sequences and mappings in it
    open_nodes: set[int] = set()  # the nodes being walked (an alias to one is a loop)
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, walked = stack.pop()
        key = id(node)
        children = _children(node)
        if walked:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            heights[key] = 1 + max((heights[id(c)] for c in children), default=0)
            if isinstance(node, yaml.ScalarNode):
                heights[key] = 0  # only sequences and mappings nest
            if sizes[key] > MAX_YAML_NODES:
                raise _compose_error(
                    f"more than {MAX_YAML_NODES:,} values with every alias expanded "
                    "(aliases repeated inside aliases?)",
                    node.start_mark,
                )
            continue
        if key in open_nodes:
            raise _compose_error("an alias of this anchor is used inside it", node.start_mark)
        nests = not isinstance(node, yaml.ScalarNode)
        if (nests and depth > MAX_DEPTH) or depth + heights.get(key, 0) - 1 > MAX_DEPTH:
            raise _compose_error(f"nested deeper than {MAX_DEPTH} levels", node.start_mark)
        if key in sizes:
            continue
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children)


def _kind(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "a sequence"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "null"
    return type(value).__name__


def _read_data(path: Path) -> Any:
    text = read_text(path, MAX_PLAN_BYTES, "a plan file")
    if path.suffix.lower() == ".json":
        return parse_json(text, path)
    try:
        return yaml.load(text, Loader=_PlanLoader)  # a SafeLoader: no arbitrary objects
    except RecursionError:  # PyYAML's own composer, without libyaml, on deep nesting
        raise DataError(
            f"nested deeper than {MAX_DEPTH} levels", Location(file=str(path))
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(
            file=str(path),
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        )
        if isinstance(exc, yaml.constructor.ConstructorError | yaml.composer.ComposerError):
            raise DataError(exc.problem or "cannot read this YAML value", where) from None
        reason = exc.problem or exc.context or "syntax error"
        if "maximum nesting depth" in reason:  # libyaml's own limit, beyond MAX_DEPTH
            raise DataError(f"nested deeper than {MAX_DEPTH} levels", where) from None
        raise DataError(f"not valid YAML: {reason}", where) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise DataError(
            f"not valid YAML: the character U+{exc.character:04X} is not allowed",
            Location(file=str(path), line=line, column=column),
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", Location(file=str(path))) from None


def _folder_file(folder: Path, stem: str) -> Path | None:
    found = [folder / f"{stem}{s}" for s in _SUFFIXES if os.path.lexists(folder / f"{stem}{s}")]
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise DataError(
            f"the plan folder has {names}: keep one of them", Location(file=str(folder))
        )
    if not found:
        return None
    _check_part(folder, found[0])
    return found[0]


def _check_part(folder: Path, part: Path) -> None:
    """Refuse a part that is not a regular file of the folder: a symbolic link that is
    dangling, loops or leads out of the folder, a FIFO, a device or a folder."""
    where = Location(file=str(part))
    if part.is_symlink():
        try:
            target = part.resolve(strict=True)
        except FileNotFoundError:
            raise DataError(
                f"a symbolic link to {os.readlink(part)}, which does not exist", where
            ) from None
        except (RuntimeError, OSError):  # RuntimeError: a loop, before Python 3.13
            raise DataError("a symbolic link that leads in a loop", where) from None
        if not target.is_relative_to(folder.resolve()):
            raise DataError(
                f"a symbolic link out of the plan folder (to {target}); "
                "copy the file into the folder",
                where,
            )
    if not part.is_file():
        raise DataError(
            "not a regular file (a folder, a FIFO or a device); expected a plan file", where
        )


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
                    f"$.{clipped(key)}: this file holds only {allowed}", Location(file=str(part))
                )
            if key in data:
                raise DataError(
                    f"$.{clipped(key)}: also given in {files[key]}", Location(file=str(part))
                )
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
    """JSON text for plan data: Unicode kept, indented (never NaN or Infinity, which are
    not JSON: :func:`save_plan` refuses them first)."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _not_finite(value: Any, path: str = "$") -> str | None:
    """The path of the first number in *value* that is NaN or infinite, else ``None``."""
    if isinstance(value, float):
        return None if math.isfinite(value) else path
    if isinstance(value, dict):
        items: Any = ((f"{path}.{k}", v) for k, v in value.items())
    elif isinstance(value, list | tuple):
        items = ((f"{path}[{i}]", v) for i, v in enumerate(value))
    else:
        return None
    for child_path, child in items:
        found = _not_finite(child, child_path)
        if found is not None:
            return found
    return None


def save_plan(plan: Plan, path: str | Path) -> Path:
    """Write *plan* to a ``.yaml``/``.yml``/``.json`` file, or else to a plan folder.

    Each file is written atomically. In a folder, a layout file whose part of the plan is
    empty is removed so that it cannot bring stale data back; other files are untouched.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    data = plan_to_data(plan, yaml_dates=suffix != ".json")
    bad = _not_finite(data)
    if bad is not None:
        raise DataError(
            f"{bad}: not a finite number (NaN or infinity); a plan file cannot hold it",
            Location(file=str(target)),
        )
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
