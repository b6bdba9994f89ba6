"""Folding of Czech names for comparison: no diacritics, no case, single spaces.

A pure function, shared by the territory lookups in the model and by :mod:`kpss.find.text`.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return *text* without diacritics, case-folded, with whitespace collapsed.

    >>> fold("  Kroměříž ")
    'kromeriz'
    >>> fold("PLZEŇSKÝ   kraj")
    'plzensky kraj'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()


# Czech alphabetical order: č, ř, š, ž and "ch" are letters of their own (ch after h);
# the other diacritics (á, ď, é, ě, í, ň, ó, ť, ú, ů, ý) only break ties.
_HACEK_LETTERS = {"č": "c\uffff", "ř": "r\uffff", "š": "s\uffff", "ž": "z\uffff"}


def _primary(word: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(word):
        char = word[index]
        if char == "c" and word[index + 1 : index + 2] == "h":
            out.append("h\uffff")
            index += 2
            continue
        if char in _HACEK_LETTERS:
            out.append(_HACEK_LETTERS[char])
        else:
            base = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in base if not unicodedata.combining(c)))
        index += 1
    return "".join(out)


def sort_key(text: str) -> tuple[str, str, str]:
    """A key that sorts Czech names in Czech alphabetical order (Černíkovice before Chříč).

    >>> sorted(["Chříč", "Cheb", "Černá", "Hlína", "Ústí", "Zruč"], key=sort_key)
    ['Černá', 'Hlína', 'Cheb', 'Chříč', 'Ústí', 'Zruč']
    """
    folded = _SPACE.sub(" ", text.casefold()).strip()
    return (_primary(folded), folded, text)
