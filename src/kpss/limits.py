"""Limits on the inputs kpss reads whole, and the short quoting of values in messages.

Every document kpss reads in one piece (plans, local lists, code lists, catalogues) is
bounded before it is parsed, so a small hostile file cannot take minutes or gigabytes:
its size in bytes, the depth of its nesting, the length of its integers and, for YAML, the
number of values with every alias expanded. A file over a limit is refused with a
:class:`~kpss.errors.DataError` naming the file, the position and the limit. The register
files (``rpss.json``, ``rpss.xml``) are streamed record by record and bounded per record by
their readers instead (:data:`kpss.rpss.json_stream.MAX_ITEM_CHARS`).

The limits are far above anything real: the example plan of ORP Kralovice is 38 kB in five
files with 2,604 YAML values and 14 levels of nesting; a national catalogue is about 55 MB.
"""

from __future__ import annotations

import reprlib
from typing import Any

MiB = 1 << 20

#: Largest plan file (each file of a plan folder), in bytes: 4 MiB, a hundred times a
#: full community plan.
MAX_PLAN_BYTES = 4 * MiB

#: Largest local list (CSV or JSON) of ``kpss match``, in bytes: 32 MiB.
MAX_LOCAL_LIST_BYTES = 32 * MiB

#: Largest code-list file (``ciselniky/*.json``), in bytes: 64 MiB (the list of all obce
#: is well under 10 MiB).
MAX_CODE_LIST_BYTES = 64 * MiB

#: Largest kpss catalogue (``kpss-catalog/1``), in bytes: 256 MiB, about five national
#: catalogues.
MAX_CATALOG_BYTES = 256 * MiB

#: Deepest nesting of arrays/objects (JSON) or sequences/mappings (YAML) in a document read
#: whole. Real documents nest at most 15 levels; the limit keeps every later walk far from
#: Python's recursion limit.
MAX_DEPTH = 100

#: Most digits in an integer (JSON number or YAML int). Years, amounts and counts need
#: fewer than 20; Python refuses to print integers over 4,300 digits at all.
MAX_INTEGER_DIGITS = 30

#: Most values (scalars, sequences, mappings) in one YAML document, counted with every
#: alias (``*name``) expanded as often as it is used. This is the limit on alias expansion:
#: a 546-byte "billion laughs" plan would expand to millions of values and is refused while
#: it is parsed, in work proportional to its text. It also bounds every later walk of the
#: data (conversion, validation, messages).
MAX_YAML_NODES = 250_000

#: Longest CSV field of a local list, in characters (the :mod:`csv` module's default
#: ``field_size_limit``). A longer field is nearly always a quote left unclosed.
MAX_CSV_FIELD_CHARS = 131_072

#: Longest quotation of a value in an error message, in characters; longer ones end in "…".
MAX_QUOTED_CHARS = 80


def _short_repr() -> reprlib.Repr:
    short = reprlib.Repr()
    short.maxlevel = 3
    short.maxstring = MAX_QUOTED_CHARS // 2
    short.maxother = MAX_QUOTED_CHARS
    short.maxlong = MAX_QUOTED_CHARS
    for name in ("maxlist", "maxtuple", "maxdict", "maxset", "maxfrozenset"):
        setattr(short, name, 6)
    return short


_SHORT = _short_repr()


def quoted(value: Any) -> str:
    """``repr(value)`` for a message, at most :data:`MAX_QUOTED_CHARS` characters.

    The work is bounded too: only the first few items of a large or nested value are looked
    at, so quoting a value expanded from YAML aliases costs nothing.

    >>> quoted("Pečovatelská služba")
    "'Pečovatelská služba'"
    >>> quoted(list(range(1000)))
    '[0, 1, 2, 3, 4, 5, ...]'
    >>> quoted("x" * 500)[-3:], len(quoted("x" * 500))
    ('xx…', 80)
    """
    if isinstance(value, str):  # cut before quoting: the cut is marked by "…"
        return clipped(repr(value[: MAX_QUOTED_CHARS + 1]))
    try:
        text = _SHORT.repr(value)
    except ValueError:  # an integer too long for Python to print
        text = f"<{type(value).__name__} too long to print>"
    return clipped(text)


def clipped(text: str) -> str:
    """*text* for a message, cut to :data:`MAX_QUOTED_CHARS` characters with "…"."""
    return text if len(text) <= MAX_QUOTED_CHARS else text[: MAX_QUOTED_CHARS - 1] + "…"


def size_problem(size: int, limit: int, what: str) -> str:
    """The message for a file of *size* bytes over the *limit* of a *what*."""
    return (
        f"{size:,} bytes is too large for {what} (at most {limit:,} bytes); is it the right file?"
    )
