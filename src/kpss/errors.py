"""Exceptions whose messages users read.

Every error about bad input names the file, the position in it (line, byte offset or record
index, register identifier when known) and the field, and says what was expected. The CLI
prints ``str(error)`` as one sentence; tracebacks only with ``--debug``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

import attrs


@attrs.frozen
class Location:
    """Where in an input something is: any of file, line, byte offset, record, field."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    byte: int | None = None
    index: int | None = None
    identifier: str | None = None
    field: str | None = None
    #: A path inside a structured document (``priorities[0].measures[1]``), shown bare.
    path: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.path:
            parts.append(self.path)
        if self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.byte is not None:
            parts.append(f"byte {self.byte}")
        if self.index is not None:
            parts.append(f"record {self.index}")
        if self.identifier:
            parts.append(f"identifikator {self.identifier}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts) if parts else "unknown location"


class KpssError(Exception):
    """Base class of every error kpss raises on purpose."""


class UsageError(KpssError):
    """The caller asked for something that cannot be done as asked (CLI exit code 2)."""


class AmbiguousNameError(UsageError):
    """A name matches several units or records; the candidates are listed."""

    def __init__(
        self, name: str, candidates: Sequence[str], what: str = "name", hint: str | None = None
    ) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        self.what = what
        listing = "; ".join(self.candidates)
        advice = f" ({hint})" if hint else ""
        super().__init__(f"{what} {name!r} is ambiguous, candidates: {listing}{advice}")


class NotFoundError(UsageError):
    """A name or code matches nothing."""


class DataError(KpssError):
    """Input data is wrong: the message names where and what was expected."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.location = location or Location()
        self.reason = message
        where = str(self.location)
        super().__init__(f"{where}: {message}" if location else message)


class StrictModeError(DataError):
    """Strict mode met warnings or rejected records; ``report`` has every one of them."""

    def __init__(self, message: str, location: Location, report: Any) -> None:
        super().__init__(message, location)
        self.report = report


class ConversionError(DataError):
    """Data could not be turned into model objects; ``problems`` lists each field path."""

    def __init__(self, problems: Sequence[str], location: Location | None = None) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems), location)


class Severity(enum.StrEnum):
    """How bad a finding is: an error costs the record or fails the check; a warning not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Finding:
    """One problem found in an input — a rejected record, a warning, a validation
    problem: where it is (:class:`Location`), what is wrong, and how bad it is."""

    message: str
    location: Location = attrs.field(factory=Location)
    severity: Severity = attrs.field(default=Severity.ERROR, converter=Severity)

    @classmethod
    def at(cls, path: str, message: str, severity: str = Severity.ERROR) -> Finding:
        """A finding at *path* inside a structured document (a plan, a code list)."""
        return cls(message, Location(path=path), Severity(severity))

    @property
    def path(self) -> str:
        """The path inside the document, or the field, or ``""``."""
        return self.location.path or self.location.field or ""

    @property
    def index(self) -> int | None:
        """The record's index in its file, when the finding is about a record."""
        return self.location.index

    @property
    def identifier(self) -> str | None:
        """The register ``identifikator`` of the record, when known."""
        return self.location.identifier

    @property
    def field(self) -> str | None:
        """The field of the record, when known."""
        return self.location.field

    def __str__(self) -> str:
        where = str(self.location)
        return self.message if where == "unknown location" else f"{where}: {self.message}"


class ValidationError(KpssError):
    """Validation found errors; ``problems`` lists them all."""

    def __init__(self, problems: Sequence[Finding], subject: str = "data") -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{subject}: {len(self.problems)} problem(s)\n{lines}")


class PluginError(KpssError):
    """A plugin failed to load or registered something that clashes."""
