"""Reading an additions file (YAML or CSV) or a folder of them into :class:`Additions`.

Every problem becomes an error :class:`~kpss.errors.Finding` naming the file, line,
identifikator (or related key) and field; :func:`read_additions` raises them all at once
as :class:`AdditionsError`, :func:`read_with_problems` returns them (``kpss additions
check``). A field set for the same service in two files of a folder is an error naming
both places.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from kpss.additions import values as v
from kpss.additions.format import (
    CSV_COLUMNS,
    RELATED_KEYS,
    SERVICE_KEYS,
    TOP_KEYS,
    VERSION,
    Additions,
    FieldValue,
    RelatedEntry,
    ServiceEntry,
)
from kpss.additions.tree import (
    Map,
    Node,
    Scalar,
    Seq,
    is_blank,
    is_empty,
    parse_yaml,
    read_limited,
)
from kpss.errors import DataError, Finding, Location, Severity
from kpss.model.names import fold
from kpss.model.services import Provenance, RelatedService
from kpss.model.territory import Territory
from kpss.perf import paused_gc

#: Suffixes of the files read from an additions folder.
SUFFIXES = (".yaml", ".yml", ".csv")
#: Most files read from one additions folder.
MAX_FILES = 1000
_IDENTIFIER = re.compile(r"\d{1,12}")
_RELATED_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")


class AdditionsError(DataError):
    """An additions file has errors; ``problems`` lists every one with its position."""

    def __init__(self, problems: Sequence[Finding], file: str) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        super().__init__(
            f"{count} problem{'s' if count > 1 else ''} in the additions:\n{lines}",
            Location(file=file),
        )


def read_additions(path: str | Path, territory: Territory | None = None) -> Additions:
    """The additions in *path* (a YAML or CSV file, or a folder of them).

    Raise :class:`AdditionsError` listing every problem.
    """
    additions, problems = read_with_problems(path, territory)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise AdditionsError(errors, str(path))
    return additions


def read_with_problems(
    path: str | Path, territory: Territory | None = None
) -> tuple[Additions, list[Finding]]:
    """The additions in *path* that could be read, and the problems found."""
    from kpss import reference

    source = Path(path)
    units = territory if territory is not None else reference.territory()
    files = _files(source)
    merged = _Merge()
    with paused_gc():  # a national file makes a million short-lived objects, no cycles
        for file in files:
            reader = _FileReader(file, units)
            try:
                reader.read()
            except DataError as exc:  # the whole file is unreadable (syntax, size, encoding)
                reader.problems.append(Finding(exc.reason, exc.location))
            merged.add(reader)
    additions = Additions(merged.services, merged.related, tuple(str(f) for f in files))
    problems = sorted(merged.problems, key=_position)
    return additions, problems


def _position(finding: Finding) -> tuple[str, int, int]:
    where = finding.location
    return (where.file or "", where.line or 0, where.column or 0)


def _files(source: Path) -> list[Path]:
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        if not files:
            raise DataError(
                "the folder has no additions files (*.yaml, *.yml, *.csv)",
                Location(file=str(source)),
            )
        if len(files) > MAX_FILES:
            raise DataError(
                f"the folder has {len(files)} additions files; at most {MAX_FILES}",
                Location(file=str(source)),
            )
        return files
    if not source.exists():
        raise DataError("no such file or folder", Location(file=str(source)))
    return [source]


class _Merge:
    """Entries of several files joined; a field set twice is an error naming both."""

    def __init__(self) -> None:
        self.services: dict[str, ServiceEntry] = {}
        self.related: dict[str, RelatedEntry] = {}
        self.problems: list[Finding] = []

    def add(self, reader: _FileReader) -> None:
        self.problems.extend(reader.problems)
        for entry in reader.services:
            held = self.services.get(entry.identifier)
            if held is None:
                self.services[entry.identifier] = entry
                continue
            taken = {f.attr: f for f in held.fields}
            for field in entry.fields:
                if field.attr in taken:
                    first = taken[field.attr]
                    self.problems.append(
                        Finding(
                            f"{field.key} of this service is also set in {held.file}, line "
                            f"{first.line}; keep one",
                            Location(
                                file=entry.file,
                                line=field.line,
                                identifier=entry.identifier,
                                field=field.key,
                            ),
                        )
                    )
            fields = held.fields + tuple(f for f in entry.fields if f.attr not in taken)
            self.services[entry.identifier] = attrs.evolve(
                held, fields=fields, name=held.name or entry.name
            )
        for related in reader.related:
            if related.key in self.related:
                held_related = self.related[related.key]
                self.problems.append(
                    Finding(
                        f"the related service {related.key!r} is also in {held_related.file}, "
                        f"line {held_related.line}; keep one",
                        Location(
                            file=related.file,
                            line=related.line,
                            path=f"navazne_sluzby.{related.key}",
                        ),
                    )
                )
                continue
            self.related[related.key] = related


class _FileReader:
    """One file's entries and problems."""

    def __init__(self, path: Path, territory: Territory) -> None:
        self.path = path
        self.file = str(path)
        self.folder = path.parent
        self.territory = territory
        self.services: list[ServiceEntry] = []
        self.related: list[RelatedEntry] = []
        self.problems: list[Finding] = []

    def problem(
        self,
        message: str,
        node: Node | None,
        identifier: str | None = None,
        field: str | None = None,
        severity: Severity = Severity.ERROR,
        path: str | None = None,
    ) -> None:
        """Record a problem at *node*, of a service (*identifier*) or a related one (*path*)."""
        self.problems.append(
            Finding(
                message,
                Location(
                    file=self.file,
                    line=node.line if node else None,
                    identifier=identifier,
                    field=field,
                    path=path,
                ),
                severity,
            )
        )

    def read(self) -> None:
        text = read_limited(self.path)
        if self.path.suffix.lower() == ".csv":
            self.read_csv(text)
            return
        root = parse_yaml(text, self.file)
        if root is None or is_blank(root):
            return
        if not isinstance(root, Map):
            self.problem("expected a mapping with 'sluzby' and 'navazne_sluzby'", root)
            return
        for key, value in root.pairs:
            if key.text not in TOP_KEYS:
                problem = v.unknown_key(key, tuple(TOP_KEYS), "at the top of the file")
                self.problem(problem.message, key, field=key.text)
            elif key.text == "verze":
                if not (isinstance(value, Scalar) and value.text.strip() == str(VERSION)):
                    self.problem(f"expected verze: {VERSION}", value, field="verze")
            elif is_blank(value):
                continue
            elif not isinstance(value, Map):
                self.problem(f"expected a mapping under '{key.text}'", value, field=key.text)
            elif key.text == "sluzby":
                for ident, entry in value.pairs:
                    self.service(ident, entry)
            else:
                for name, entry in value.pairs:
                    self.related_service(name, entry)

    # -- registered services ----------------------------------------------------------
    def service(self, ident: Scalar, node: Node) -> None:
        identifier = ident.text.strip()
        if not _IDENTIFIER.fullmatch(identifier):
            self.problem(
                f"expected the register's identifikator (digits), got {ident.text!r}",
                ident,
                field="identifikator",
            )
            return
        if is_blank(node):
            self.services.append(ServiceEntry(identifier, self.file, ident.line))
            return
        if not isinstance(node, Map):
            self.problem("expected the fields of the service", node, identifier, "identifikator")
            return
        fields: list[FieldValue] = []
        name: str | None = None
        for key, value in node.pairs:
            spec = SERVICE_KEYS.get(key.text)
            if spec is None:
                problem = v.unknown_key(key, tuple(SERVICE_KEYS), "in a service")
                self.problem(problem.message, key, identifier, key.text)
                continue
            if is_empty(value):
                continue
            parsed = self.value(key, value, identifier)
            if parsed is _BAD:
                continue
            if spec.attr is None:
                name = parsed
            else:
                fields.append(FieldValue(key.text, spec.attr, parsed, key.line))
        self.services.append(ServiceEntry(identifier, self.file, ident.line, tuple(fields), name))

    def value(self, key: Scalar, node: Node, owner: str | None, path: str | None = None) -> Any:
        try:
            if key.text == "fotografie":
                return v.photos(node, self.folder)
            if key.text == "adresa":
                return v.address(node, self.territory)
            if key.text == "obce":
                return v.obce(node, self.territory)
            return _PARSERS[key.text](node)
        except v.Problem as one:
            found = [one]
        except v.Problems as several:
            found = several.problems
        for bad in found:
            field = key.text if bad.field is None else f"{key.text}.{bad.field}"
            self.problem(bad.message, bad.node or node, owner, field, path=path)
        return _BAD

    # -- related services --------------------------------------------------------------
    def related_service(self, name: Scalar, node: Node) -> None:
        key = name.text.strip()
        path = f"navazne_sluzby.{key}"
        if not _RELATED_KEY.fullmatch(key):
            self.problem(
                f"expected a short key of small letters, digits and '-' "
                f"(such as klub-senioru-kralovice), got {name.text!r}",
                name,
                path="navazne_sluzby",
            )
            return
        if not isinstance(node, Map):
            self.problem("expected the fields of the related service", node, path=path)
            return
        values: dict[str, Any] = {"key": key}
        sources: list[Provenance] = []
        ok = True
        for field, value in node.pairs:
            spec = RELATED_KEYS.get(field.text)
            if spec is None:
                problem = v.unknown_key(field, tuple(RELATED_KEYS), "in a related service")
                self.problem(problem.message, field, None, field.text, path=path)
                ok = False
                continue
            if is_empty(value) or spec.attr is None:
                continue
            parsed = self.value(field, value, None, path)
            if parsed is _BAD:
                ok = False
                continue
            values[spec.attr] = parsed
            sources.append(Provenance(spec.attr, self.file, field.line))
        present = {k.text for k, value in node.pairs if not is_empty(value)}
        for required in ("nazev", "druh"):
            if required not in present:
                message = f"a related service needs '{required}'"
                self.problem(message, node, None, required, path=path)
                ok = False
        address = values.get("address")
        if not values.get("obce") and address is not None and address.obec_code:
            values["obce"] = frozenset({address.obec_code})
        if ok and not values.get("obce"):
            message = "a related service needs 'obce' (or 'adresa' with 'obec')"
            self.problem(message, node, None, "obce", path=path)
            ok = False
        if ok:
            service = RelatedService(**values, sources=tuple(sources))
            self.related.append(RelatedEntry(key, self.file, name.line, service))

    # -- CSV ---------------------------------------------------------------------------
    def read_csv(self, text: str) -> None:
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            self.problem(f"not valid CSV: {exc}", Scalar("", 1))
            return
        columns = [_column(h) for h in header]
        known = tuple(CSV_COLUMNS)
        for column, raw in zip(columns, header, strict=True):
            if column not in CSV_COLUMNS:
                problem = v.unknown_key(Scalar(raw, 1), known, "in the CSV header")
                self.problem(problem.message, Scalar(raw, 1), field=raw)
                return
        if "identifikator" not in columns:
            self.problem("the CSV needs an 'identifikator' column", Scalar("", 1))
            return
        seen: dict[str, int] = {}
        line = rows.line_num + 1
        try:
            for row in rows:
                start, line = line, rows.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(columns):
                    self.problem(
                        f"expected {len(columns)} cells as in the header, got {len(row)}",
                        Scalar("", start),
                    )
                    continue
                cells = dict(zip(columns, row, strict=True))
                ident = cells.pop("identifikator").strip()
                if ident in seen:
                    self.problem(
                        f"identifikator {ident} is already on line {seen[ident]}",
                        Scalar("", start),
                        ident,
                        "identifikator",
                    )
                    continue
                seen[ident] = start
                self.service(Scalar(ident, start), _csv_entry(cells, start))
        except csv.Error as exc:
            self.problem(f"not valid CSV: {exc}", Scalar("", line))


def _column(header: str) -> str:
    return "_".join(fold(header).replace("-", " ").split())


def _csv_entry(cells: dict[str, str], line: int) -> Map:
    """A CSV row as the tree of the same entry in YAML."""

    def cell(value: str) -> Scalar:
        return Scalar(value.strip(), line)

    pairs: list[tuple[Scalar, Node]] = []
    access = [
        (Scalar(key, line), cell(cells.pop(column)))
        for column, key in (
            ("bezbarierovy_pristup", "bezbarierovy_pristup"),
            ("indukcni_smycka", "indukcni_smycka"),
            ("pristupnost_poznamka", "poznamka"),
        )
        if column in cells
    ]
    contacts: list[Node] = []
    for kind in ("telefon", "email", "web"):
        for value in cells.pop(kind, "").split(";"):
            if value.strip():
                contacts.append(Map(((Scalar(kind, line), cell(value)),), line))
    pairs += [(Scalar(key, line), cell(value)) for key, value in cells.items()]
    if any(not is_empty(value) for _, value in access):
        pairs.append((Scalar("pristupnost", line), Map(tuple(access), line)))
    if contacts:
        pairs.append((Scalar("kontakty", line), Seq(tuple(contacts), line)))
    return Map(tuple(pairs), line)


_BAD: Any = object()

#: Parsers of the keys whose value needs nothing but the node.
_PARSERS: dict[str, Callable[[Node], Any]] = {
    "nazev": v.text,
    "popis": v.text,
    "nabidka": v.texts,
    "oteviraci_doba": v.opening_hours,
    "oteviraci_doba_poznamka": v.text,
    "uhrada": v.charge,
    "uhrada_popis": v.text,
    "jazyky": v.languages,
    "pristupnost": v.accessibility,
    "video_znakovy_jazyk": v.web_url,
    "kontakty": v.contacts,
    "nahradit_kontakty": v.boolean,
    "druh": v.kind,
    "provozovatel": v.text,
}
