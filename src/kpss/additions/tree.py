"""Bounded reading of an additions file into a small tree that keeps every line number.

PyYAML's safe composer gives nodes with marks; they become :class:`Scalar`, :class:`Seq`
and :class:`Map` here, with the raw text of each scalar (``8:00`` stays ``"8:00"``, never
the YAML 1.1 number 480; ``0012345`` keeps its zeros). Limits keep hostile input small:
files over :data:`MAX_BYTES` are refused, an anchor may be reused at most
:data:`MAX_ALIASES` times in a file, nesting deeper than :data:`MAX_DEPTH` is refused, and
a key given twice in one mapping is an error. Problems are :class:`~kpss.errors.DataError`
s naming the file, line and column, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from kpss.errors import DataError, Location

#: Largest additions file read (bytes); the whole country's additions fit well below it.
MAX_BYTES = 32 * 1024 * 1024
#: How many times a file may reuse an anchor (``*alias``) in all.
MAX_ALIASES = 100
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH = 20

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's when present) without YAML 1.1 implicit types.

    Every plain scalar is text, except an empty one or ``~``/``null``; the values are
    interpreted by the additions format itself (``8:00`` is a time, not 480). This also
    saves the resolver's regular expressions on every scalar of a large file.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers: nothing to track while descending."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track while ascending."""


class Scalar(NamedTuple):
    """A text value; ``text`` is ``""`` for an empty value (``popis:``, ``~``, ``null``)."""

    text: str
    line: int
    column: int = 0


class Seq(NamedTuple):
    """A list of values."""

    items: tuple[Node, ...]
    line: int
    column: int = 0


class Map(NamedTuple):
    """A mapping; ``pairs`` keep the file's order and each key's own line."""

    pairs: tuple[tuple[Scalar, Node], ...]
    line: int
    column: int = 0

    def get(self, key: str) -> Node | None:
        """The value of *key*, or ``None``."""
        for name, value in self.pairs:
            if name.text == key:
                return value
        return None


Node = Scalar | Seq | Map


def is_blank(node: Node | None) -> bool:
    """Whether a part of the file has nothing at all: missing, ``""``, ``[]`` or ``{}``."""
    if node is None:
        return True
    if isinstance(node, Scalar):
        return not node.text.strip()
    return not (node.items if isinstance(node, Seq) else node.pairs)


def is_empty(node: Node | None) -> bool:
    """Whether a value was left unfilled: missing, empty text, or a list or mapping with
    nothing filled in it (``[]``, ``{}``, a ``pristupnost`` whose keys are all empty)."""
    if node is None:
        return True
    if isinstance(node, Scalar):
        return not node.text or node.text.isspace()
    if isinstance(node, Seq):
        return all(is_empty(item) for item in node.items)
    return all(is_empty(value) for _, value in node.pairs)


def read_limited(path: Path) -> str:
    """The UTF-8 text of *path*, refusing files over :data:`MAX_BYTES`."""
    where = Location(file=str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError(
                f"the file has {size} bytes; an additions file may have at most {MAX_BYTES}"
                " (split it into a folder of files)",
                where,
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DataError("no such file", where) from None
    except IsADirectoryError:
        raise DataError("is a folder, expected a file", where) from None
    except OSError as exc:
        raise DataError(f"cannot read it: {exc.strerror or exc}", where) from None
    if len(data) > MAX_BYTES:
        raise DataError(f"the file is larger than {MAX_BYTES} bytes", where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"not UTF-8 text ({exc.reason})", Location(file=str(path), byte=exc.start)
        ) from None


def parse_yaml(text: str, file: str) -> Node | None:
    """The tree of the YAML document *text* (``None`` for an empty document)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "syntax error"
        raise DataError(
            f"not valid YAML: {reason}",
            Location(
                file=file,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            ),
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. ESC
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        raise DataError(
            f"the character U+{exc.character:04X} is not allowed in YAML; "
            "write it as an escape in double quotes or remove it",
            Location(file=file, line=line, column=column),
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", Location(file=file)) from None
    if root is None:
        return None
    return _Builder(file).build(root, 0)


class _Builder:
    """Turns composed nodes into the tree, counting reused nodes (aliases) on the way."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.seen: set[int] = set()
        self.aliases = 0

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(file=self.file, line=mark.line + 1, column=mark.column + 1)

    def build(self, node: yaml.Node, depth: int) -> Node:
        if type(node) is yaml.ScalarNode:
            return _scalar(node)
        if depth >= MAX_DEPTH:
            raise DataError(f"nested deeper than {MAX_DEPTH} levels", self.where(node))
        if id(node) in self.seen:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise DataError(
                    f"more than {MAX_ALIASES} uses of anchors (*alias); write the values out",
                    self.where(node),
                )
        self.seen.add(id(node))
        mark = node.start_mark
        scalar_node = yaml.ScalarNode
        if type(node) is yaml.SequenceNode:
            items = tuple(
                _scalar(item) if type(item) is scalar_node else self.build(item, depth + 1)
                for item in node.value
            )
            return Seq(items, mark.line + 1, mark.column + 1)
        pairs: list[tuple[Scalar, Node]] = []
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not scalar_node:
                raise DataError("expected a plain key, got a list or mapping", self.where(key_node))
            key = _scalar(key_node)
            if key.text in keys:
                raise DataError(
                    f"the key {key.text!r} is given twice (first on line {keys[key.text]})",
                    self.where(key_node),
                )
            keys[key.text] = key.line
            if type(value_node) is scalar_node:
                pairs.append((key, _scalar(value_node)))
            else:
                pairs.append((key, self.build(value_node, depth + 1)))
        return Map(tuple(pairs), mark.line + 1, mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Scalar:
    mark = node.start_mark
    text = "" if node.tag == _NULL_TAG and node.style is None else node.value
    return Scalar(text, mark.line + 1, mark.column + 1)
