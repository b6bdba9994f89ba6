"""Code lists (číselníky) of the register: druh, forma, typ kapacity, cílová a věková skupina.

A register value is a code id such as ``CilovaSkupinaOsoby/24``. The model keeps ids as they
are; labels come from a :class:`CodeBook` (official code-list files, else the packaged
snapshot). An id that no loaded list knows keeps no label and is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import attrs

from kpss.model.law import Evidence

DRUH = "DruhSocialniSluzby"
FORMA = "FormaSocialniSluzby"
TYP_KAPACITY = "TypKapacitySocialniSluzby"
CILOVA_SKUPINA = "CilovaSkupinaOsoby"
VEKOVA_SKUPINA = "VekovaSkupinaOsoby"
DEN_V_TYDNU = "DenVTydnu"
#: A code id written in text, ``List/code`` (``DruhSocialniSluzby/13``): groups list, code.
CODE_ID = re.compile(r"\b([A-Z][A-Za-z]*)/([\w.-]+)")

#: Official open-data file name of each code list (``ciselniky/<file>``).
CODE_LIST_FILES: Mapping[str, str] = {
    DRUH: "druhy-socialni-sluzby.json",
    FORMA: "formy-soc-sluzby.json",
    TYP_KAPACITY: "typy-kapacity-socialni-sluzby.json",
    CILOVA_SKUPINA: "cilove-skupiny-osoby.json",
    VEKOVA_SKUPINA: "vekove-skupiny-osoby.json",
    DEN_V_TYDNU: "dny-v-tydnu.json",
}


def split_code(code_id: str) -> tuple[str, str]:
    """Split ``List/code`` into its list name and code; raise ``ValueError`` if malformed."""
    list_name, sep, code = code_id.partition("/")
    if not sep or not list_name or not code:
        raise ValueError(f"not a code-list id of the form 'List/code': {code_id!r}")
    return list_name, code


@attrs.frozen
class Code:
    """One item of a code list."""

    id: str
    label: str | None
    evidence: Evidence = Evidence.SEEN
    source: str | None = None
    extra: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def list_name(self) -> str:
        """The list part of the id (``CilovaSkupinaOsoby``)."""
        return split_code(self.id)[0]

    @property
    def code(self) -> str:
        """The code part of the id (``24``)."""
        return split_code(self.id)[1]


@attrs.frozen
class CodeList:
    """One code list (e.g. ``CilovaSkupinaOsoby``) with its items by id."""

    name: str
    items: Mapping[str, Code]
    source: str | None = None

    def __iter__(self) -> Iterator[Code]:
        return iter(self.items.values())

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, code_id: object) -> bool:
        return code_id in self.items

    def get(self, code_id: str) -> Code | None:
        """The item with this id, or ``None``."""
        return self.items.get(code_id)

    def merged_over(self, base: CodeList) -> CodeList:
        """This list laid over *base*: items of ``self`` win, base items are kept."""
        items = dict(base.items)
        items.update(self.items)
        return CodeList(self.name, items, self.source or base.source)


@attrs.frozen
class CodeBook:
    """The code lists in use, by list name."""

    lists: Mapping[str, CodeList] = attrs.field(factory=dict)

    def __iter__(self) -> Iterator[CodeList]:
        return iter(self.lists.values())

    def get_list(self, name: str) -> CodeList | None:
        """The code list called *name*, or ``None``."""
        return self.lists.get(name)

    def get(self, code_id: str) -> Code | None:
        """The item for an id such as ``CilovaSkupinaOsoby/24``; ``None`` if no list knows it."""
        try:
            list_name, _ = split_code(code_id)
        except ValueError:
            return None
        code_list = self.lists.get(list_name)
        return code_list.get(code_id) if code_list else None

    def knows(self, code_id: str) -> bool:
        """Whether a loaded code list holds *code_id*."""
        return self.get(code_id) is not None

    def label(self, code_id: str) -> str | None:
        """The Czech label of *code_id*, or ``None`` when unknown (never invented)."""
        item = self.get(code_id)
        return item.label if item else None

    def items(self, list_name: str) -> tuple[Code, ...]:
        """All items of one list (empty when the list is not loaded)."""
        code_list = self.lists.get(list_name)
        return tuple(code_list) if code_list else ()

    def merged_over(self, base: CodeBook) -> CodeBook:
        """This book laid over *base*, list by list (items of ``self`` win)."""
        lists = dict(base.lists)
        for name, code_list in self.lists.items():
            lists[name] = code_list.merged_over(lists[name]) if name in lists else code_list
        return CodeBook(lists)

    @classmethod
    def of(cls, lists: Iterable[CodeList]) -> CodeBook:
        """A book of the given lists."""
        return cls({code_list.name: code_list for code_list in lists})
