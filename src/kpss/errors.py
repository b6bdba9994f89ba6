"""Exceptions whose messages users read.

Every error about bad input names the file, the position in it (line, byte offset or record
index, register identifier when known) and the field, and says what was expected. The CLI
prints ``str(error)`` as one sentence; tracebacks only with ``--debug``.
"""

from __future__ import annotations

from collections.abc import Sequence

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

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
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


class ConversionError(DataError):
    """Data could not be turned into model objects; ``problems`` lists each field path."""

    def __init__(self, problems: Sequence[str], location: Location | None = None) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems), location)


@attrs.frozen
class Problem:
    """One finding of a validation: a path to the offending part and a message."""

    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ValidationError(KpssError):
    """Validation found errors; ``problems`` lists them all."""

    def __init__(self, problems: Sequence[Problem], subject: str = "data") -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{subject}: {len(self.problems)} problem(s)\n{lines}")


class PluginError(KpssError):
    """A plugin failed to load or registered something that clashes."""
