"""Data written out must stay data: CSV cells that are not formulas, terminal text without
control sequences.

- :func:`csv_cell`: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is a formula to Excel and LibreOffice (``=HYPERLINK(…)``, ``-1+cmd|…``); it gets a
  leading ``'``, as OWASP recommends for CSV injection. Plain numbers (``-12``, ``+420``
  is not one) stay as they are. Every CSV writer of kpss passes its cells through it.
- :func:`terminal_text`: control characters (C0 incl. ESC, DEL, C1 incl. CSI/OSC) and the
  bidirectional overrides are shown as ``\\x1b`` / ``\\u202e`` escapes, so a name in the
  register cannot retitle the terminal, hide text or fake lines. Used wherever the CLI
  prints data.
- :func:`terminal_json`: the same for JSON printed to a terminal; the escapes are JSON's
  own ``\\u`` escapes, so the text stays valid JSON with the same meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

#: What a spreadsheet takes as the start of a formula (OWASP "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?\Z")

# DEL, C1 controls (CSI, OSC …), bidirectional marks, embeddings, overrides and isolates,
# line and paragraph separators: nothing a terminal should act on. C0 controls are added
# below (all of them, or all but tab and line feed for rendered reports).
_OTHER = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHER}]")
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER}]")
_JSON_UNSAFE = re.compile(f"[{_OTHER}]")  # json.dumps already escapes the C0 controls


def csv_cell(value: Any) -> str:
    """*value* as the text of a CSV cell that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def csv_row(row: Mapping[str, Any]) -> dict[str, str]:
    """A row (column → value) with every cell made safe by :func:`csv_cell`."""
    return {key: csv_cell(value) for key, value in row.items()}


def csv_cells(values: Iterable[Any]) -> list[str]:
    """A row given as a sequence of values, every cell made safe by :func:`csv_cell`."""
    return [csv_cell(value) for value in values]


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, *, multiline: bool = False) -> str:
    """*text* with every control character shown as an escape (``ESC`` → ``\\x1b``).

    With *multiline* line feeds and tabs stay (rendered reports); otherwise they are
    escaped too, so one value cannot start a line of its own.
    """
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    return pattern.sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_json(text: str) -> str:
    """JSON text (from :func:`json.dumps`) with DEL, C1 and bidi controls as ``\\uXXXX``.

    :func:`json.dumps` escapes C0 controls itself but, with ``ensure_ascii=False``, passes
    the others through; inside JSON strings the ``\\u`` escapes mean the same characters.
    """
    return _JSON_UNSAFE.sub(_json_escape, text)
