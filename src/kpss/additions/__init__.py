"""Local additions (doplňky): what a coordinator knows that the register does not.

An additions file (YAML, a CSV of the simple fields, or a folder of them) is keyed by the
register's identifikator and adds a plain description, what the service offers, opening
hours, fees, languages, accessibility, a sign-language video, photos and local contacts;
it also lists related services that are not registered (návazné služby). See
:mod:`kpss.additions.format` for the keys and ``docs/user-guide/additions.md``.

>>> import kpss
>>> result = kpss.load("rpss.json", additions="doplnky.yaml")           # doctest: +SKIP
>>> result.catalog.service("6947466").source_label("description")       # doctest: +SKIP
'doplňky doplnky.yaml:12'
"""

from kpss.additions.apply import Applied, apply_additions
from kpss.additions.format import Additions, FieldValue, RelatedEntry, ServiceEntry
from kpss.additions.reader import AdditionsError, read_additions, read_with_problems

__all__ = [
    "Additions",
    "AdditionsError",
    "Applied",
    "FieldValue",
    "RelatedEntry",
    "ServiceEntry",
    "apply_additions",
    "read_additions",
    "read_with_problems",
]
