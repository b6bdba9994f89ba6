"""Czech typography and ordering for citizens' output.

* :func:`nbsp` keeps a one-letter preposition or conjunction (k s v z o u a i) and the
  section sign with the word after it, so no line ends with "v" or "§";
* :func:`czech_key` / :func:`czech_sorted` order names the Czech way (ch after h, č after c,
  ř after r, š after s, ž after z; other diacritics only break ties);
* :func:`text_blocks` splits plain register text into paragraphs and bullet lists;
* :func:`czech_date` writes ``31. 8. 2026``.

All functions take and return plain text; escaping is the templates' job.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs

from kpss.model.names import sort_key

__all__ = [
    "NBSP",
    "TextBlock",
    "czech_date",
    "czech_key",
    "czech_sorted",
    "nbsp",
    "text_blocks",
]

NBSP = "\u00a0"
#: A one-letter preposition or conjunction (or §) standing alone before a space.
_LONE = re.compile(r"(?<![\w§])([ksvzouaiKSVZOUAI§]) +(?=\S)")
HEADING_CHARS = 60
HEADING_WORDS = 8
_BULLET = re.compile(r"^[-•*–]\s+")

T = TypeVar("T")


def nbsp(text: str) -> str:
    """*text* with a non-breaking space after one-letter prepositions, conjunctions and §.

    >>> nbsp("Pomoc v nouzi a k bydlení, § 40").replace(NBSP, "~")
    'Pomoc v~nouzi a~k~bydlení, §~40'
    """
    return _LONE.sub(lambda m: m.group(1) + NBSP, text)


@functools.lru_cache(maxsize=1 << 16)
def czech_key(text: str) -> tuple[str, str, str]:
    """A sort key for Czech alphabetical order ("Cheb" after "Hlína", "Čáslav" after "Cyrila").

    Cached: the same obec, group and kind names are sorted again and again.
    """
    return sort_key(text)


def czech_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """*items* sorted by the Czech order of ``key(item)``."""
    return sorted(items, key=lambda item: czech_key(key(item)))


@attrs.frozen
class TextBlock:
    """A paragraph (``kind == "p"``), a bullet list (``"list"``) or a heading (``"h"``).

    A heading is a short line without closing punctuation followed by more text
    ("Poslání služby", "Cíle služby"), as register descriptions write them.
    """

    kind: str
    lines: tuple[str, ...]


def text_blocks(text: str | None) -> tuple[TextBlock, ...]:
    """Paragraphs and bullet lists of plain text: each line is a paragraph, ``- x`` lines a list."""
    if not text:
        return ()
    blocks: list[TextBlock] = []
    bullets: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if _BULLET.match(stripped):
            bullets.append(_BULLET.sub("", stripped))
            continue
        if bullets:
            blocks.append(TextBlock("list", tuple(bullets)))
            bullets = []
        if stripped:
            blocks.append(TextBlock("p", (stripped,)))
    if bullets:
        blocks.append(TextBlock("list", tuple(bullets)))
    return tuple(_heading(b, n + 1 < len(blocks)) for n, b in enumerate(blocks))


def _heading(block: TextBlock, followed: bool) -> TextBlock:
    line = block.lines[0]
    if (
        followed
        and block.kind == "p"
        and len(line) <= HEADING_CHARS
        and len(line.split()) <= HEADING_WORDS
        and line[-1] not in ".:!?;,…)"
    ):
        return TextBlock("h", block.lines)
    return block


def czech_date(day: dt.date | None) -> str:
    """``31. 8. 2026`` (non-breaking spaces inside); empty for ``None``."""
    if day is None:
        return ""
    return f"{day.day}.{NBSP}{day.month}.{NBSP}{day.year}"
