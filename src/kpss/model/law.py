"""Act No. 108/2006 Coll. (zákon o sociálních službách): kinds of social services.

The facts (paragraph, name, category, allowed forms, register codes) are packaged data with
a source note per entry; :func:`kpss.reference.law` loads them into a :class:`LawTable`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping

import attrs

from kpss.model.labels import LabelledEnum
from kpss.model.names import fold


class Form(LabelledEnum):
    """Forma poskytování (§33); the value is the register code suffix (``pob``)."""

    POBYTOVA = ("pob", "pobytová")
    AMBULANTNI = ("amb", "ambulantní")
    TERENNI = ("ter", "terénní")

    @property
    def register_code(self) -> str:
        """The full register code, e.g. ``FormaSocialniSluzby/pob``."""
        return f"FormaSocialniSluzby/{self.value}"

    @classmethod
    def from_register_code(cls, code: str) -> Form | None:
        """The form for ``FormaSocialniSluzby/<x>`` or ``None`` when the code is unknown."""
        prefix, _, suffix = code.partition("/")
        if prefix != "FormaSocialniSluzby":
            return None
        try:
            return cls(suffix)
        except ValueError:
            return None


class Category(LabelledEnum):
    """The three categories of social services (§32)."""

    SOCIALNI_PORADENSTVI = ("socialni-poradenstvi", "sociální poradenství")
    SLUZBY_SOCIALNI_PECE = ("sluzby-socialni-pece", "služby sociální péče")
    SLUZBY_SOCIALNI_PREVENCE = ("sluzby-socialni-prevence", "služby sociální prevence")


class Evidence(enum.Enum):
    """How a packaged fact is known: seen in a cited source, or inferred (reasoned, not seen)."""

    SEEN = "seen"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


@attrs.frozen
class ServiceKind:
    """One kind (druh) of registrable social service.

    ``key`` is the paragraph without the sign (``"49"``, ``"60a"``), or a slug for a kind whose
    paragraph no source gives (``"cdz"``). ``forms`` is ``None`` when no source states them.
    """

    key: str
    paragraph: str | None
    name: str
    category: Category | None
    forms: frozenset[Form] | None
    register_code: str | None = None
    register_code_evidence: Evidence = Evidence.UNKNOWN
    forms_evidence: Evidence = Evidence.UNKNOWN
    mpsv_api_id: int | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None

    @property
    def label(self) -> str:
        """``§ 49 domovy pro seniory``-style label; the name alone when no § is known."""
        return f"{self.paragraph} {self.name}" if self.paragraph else self.name

    def allows(self, form: Form) -> bool | None:
        """Whether the law allows *form* for this kind; ``None`` when the forms are unknown."""
        if self.forms is None:
            return None
        return form in self.forms


@attrs.frozen
class LawTable:
    """All service kinds of Act 108/2006 with lookups by key, §, register code and name."""

    kinds: tuple[ServiceKind, ...]
    _by_key: Mapping[str, ServiceKind] = attrs.field(init=False, repr=False, eq=False)
    _by_code: Mapping[str, ServiceKind] = attrs.field(init=False, repr=False, eq=False)
    _by_name: Mapping[str, ServiceKind] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_key: dict[str, ServiceKind] = {}
        for kind in self.kinds:
            if kind.key in by_key:
                raise ValueError(f"duplicate service kind key {kind.key!r}")
            by_key[kind.key] = kind
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(
            self, "_by_code", {k.register_code: k for k in self.kinds if k.register_code}
        )
        object.__setattr__(self, "_by_name", {fold(k.name): k for k in self.kinds})

    def __iter__(self) -> Iterator[ServiceKind]:
        return iter(self.kinds)

    def __len__(self) -> int:
        return len(self.kinds)

    def get(self, key: str) -> ServiceKind | None:
        """Kind by key (``"49"``), by paragraph (``"§ 49"``, ``"§49"``) or by slug (``"cdz"``)."""
        cleaned = key.replace("§", "").strip().lower()
        return self._by_key.get(cleaned)

    def by_register_code(self, code: str) -> ServiceKind | None:
        """Kind by the packaged register code (``DruhSocialniSluzby/13``)."""
        return self._by_code.get(code)

    def by_name(self, name: str) -> ServiceKind | None:
        """Kind by its Czech name, ignoring case and diacritics."""
        return self._by_name.get(fold(name))

    def with_form(self, form: Form) -> tuple[ServiceKind, ...]:
        """Kinds that the law allows in *form* (kinds with unknown forms are left out)."""
        return tuple(k for k in self.kinds if k.forms is not None and form in k.forms)

    def in_category(self, category: Category) -> tuple[ServiceKind, ...]:
        """Kinds of one category."""
        return tuple(k for k in self.kinds if k.category is category)

    def resolve(self, text: str) -> ServiceKind | None:
        """Kind from what a user types: ``§49``, ``49``, a register code or a name."""
        return self.get(text) or self.by_register_code(text) or self.by_name(text)

    def keys(self) -> Iterable[str]:
        """All kind keys in law order."""
        return self._by_key.keys()
