"""Normalising Czech names of services, providers and places for search and matching.

Built on :func:`kpss.model.names.fold` (no diacritics, case-folded, single spaces). On top
of it: punctuation becomes spaces, legal-form suffixes (z. ú., o. p. s., s. r. o.,
příspěvková organizace …) go away, and frequent generic words (domov, centrum, služby, pro …)
can be set apart so that the distinctive part of a name ("Bukov", "Naděje") carries the
weight in fuzzy scores.

>>> normalize("Domov pro seniory Bukov ")
'domov pro seniory bukov'
>>> normalize("DOMOV PRO SENIORY BUKOV, příspěvková organizace")
'domov pro seniory bukov'
>>> normalize("Kromeriz") == normalize("Kroměříž")
True
>>> normalize("NADĚJE HOME z.ú.")
'nadeje home'
"""

from __future__ import annotations

import re
from functools import lru_cache

from kpss.model.names import fold

__all__ = [
    "GENERIC_WORDS",
    "distinctive",
    "normalize",
    "strip_legal_form",
    "tokens",
]

# Legal forms as they are written after folding (no diacritics, lower case). Forms with
# dots are recognised anywhere in a name ("Svaz …, z. s., místní organizace Bukov");
# spelled-out forms and forms without dots only at the end of the name, where they cannot
# be ordinary words ("Domov pro matky s dětmi" keeps its "s").
_DOTTED = (
    r"spol\.\s*s\s*r\.\s*o\.?",
    r"s\.\s*r\.\s*o\.?",
    r"o\.\s*p\.\s*s\.?",
    r"v\.\s*o\.\s*s\.?",
    r"z\.\s*u\.?",
    r"z\.\s*s\.?",
    r"o\.\s*s\.?",
    r"a\.\s*s\.?",
    r"p\.\s*o\.?",
    r"k\.\s*s\.?",
    r"o\.\s*z\.?",
    r"s\.\s*p\.",
)
_SPELLED = (
    r"spolecnost s rucenim omezenym",
    r"spol\.? s r\.? ?o\.?",
    r"obecne prospesna spolecnost",
    r"obecne prospesna spol\.?",
    r"prispevkova organizace",
    r"prisp\.? org\.?",
    r"zapsany ustav",
    r"zapsany spolek",
    r"obcanske sdruzeni",
    r"akciova spolecnost",
    r"organizacni slozka",
    r"nadacni fond",
    r"druzstvo",
    r"sro",
    r"ops",
    r"s r o",
    r"o p s",
    r"z u",
    r"z s",
    r"a s",
    r"p o",
    r"o s",
    r"v o s",
    r"zu",
)
_BOUND_L = r"(?<![a-z0-9])"
_BOUND_R = r"(?![a-z0-9])"
_DOTTED_RE = re.compile(_BOUND_L + "(?:" + "|".join(_DOTTED) + ")" + _BOUND_R)
_END_RE = re.compile(r"(?:^|[\s,;\-–]+)(?:" + "|".join(_SPELLED) + r")[\s.,;]*$")
_NON_WORD = re.compile(r"[^\w]+|_+")
_SPACE = re.compile(r"\s+")

#: Words so frequent in names of Czech social services that they say little about *which*
#: service is meant (folded). They still count, with less weight, in search and matching.
GENERIC_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "o",
        "s",
        "v",
        "z",
        "k",
        "na",
        "do",
        "pro",
        "se",
        "ve",
        "ze",
        "ke",
        "od",
        "u",
        "i",
        "domov",
        "domovy",
        "dum",
        "centrum",
        "centra",
        "sluzba",
        "sluzby",
        "socialni",
        "socialnich",
        "socialne",
        "pecovatelska",
        "pecovatelske",
        "osobni",
        "asistence",
        "odlehcovaci",
        "poradna",
        "poradenstvi",
        "seniory",
        "senioru",
        "seniori",
        "senior",
        "osoby",
        "osob",
        "osobam",
        "zdravotnim",
        "postizenim",
        "spolecnost",
        "sdruzeni",
        "spolek",
        "ustav",
        "organizace",
        "mesta",
        "mesto",
        "obec",
        "obce",
        "mestys",
        "pracoviste",
        "kancelar",
        "stredisko",
        "zarizeni",
        "cast",
    ]
)


def strip_legal_form(folded: str) -> str:
    """Remove legal-form suffixes from an already folded name (see :func:`normalize`)."""
    text = _DOTTED_RE.sub(" ", folded)
    previous = None
    while previous != text:  # "…, spol. s r. o., organizační složka"
        previous = text
        text = _END_RE.sub("", text.rstrip(" ,;.-–"))
    return text


@lru_cache(maxsize=65536)
def normalize(text: str, *, legal_forms: bool = True) -> str:
    """A comparison key: folded, legal forms removed, punctuation and spaces collapsed.

    With ``legal_forms=False`` the legal form is kept (as plain words).
    """
    folded = fold(text)
    if legal_forms:
        folded = strip_legal_form(folded)
    return _SPACE.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def tokens(text: str) -> list[str]:
    """The words of :func:`normalize`'s key."""
    return normalize(text).split()


def distinctive(text: str) -> str:
    """The normalised name without :data:`GENERIC_WORDS` (the whole key if nothing is left).

    >>> distinctive("Domov pro seniory Bukov, p. o.")
    'bukov'
    """
    words = normalize(text).split()
    kept = [w for w in words if w not in GENERIC_WORDS]
    return " ".join(kept or words)
