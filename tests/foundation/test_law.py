"""The packaged law table of Act 108/2006 against the facts in its sources."""

from __future__ import annotations

from collections import Counter

import pytest

from kpss.model import Category, Evidence, Form
from kpss.reference import law

P, A, T = Form.POBYTOVA, Form.AMBULANTNI, Form.TERENNI


def test_every_registrable_kind_is_present() -> None:
    expected = {"37", *map(str, range(39, 53)), *map(str, range(54, 71)), "60a", "cdz"}
    assert set(law().keys()) == expected
    assert len(law()) == 34  # 33 kinds + centrum duševního zdraví (the register lists 34)


def _forms_of_33() -> list[frozenset[Form]]:
    return [k.forms for k in law() if k.key != "cdz" and k.forms is not None]


def test_counts_per_form_match_the_mpsv_glossary() -> None:
    forms = _forms_of_33()
    assert len(forms) == 33
    assert sum(P in f for f in forms) == 14
    assert sum(T in f for f in forms) == 19
    assert sum(A in f for f in forms) == 19


def test_form_combinations_match_the_mpsv_glossary() -> None:
    combos = Counter(frozenset(f) for f in _forms_of_33())
    assert combos[frozenset({P})] == 9
    assert combos[frozenset({P, A})] == 1
    assert combos[frozenset({P, A, T})] == 4
    assert combos[frozenset({T})] == 5
    assert combos[frozenset({T, A})] == 10
    assert combos[frozenset({A})] == 4


@pytest.mark.parametrize(
    ("key", "name", "category", "forms"),
    [
        ("40", "pečovatelská služba", Category.SLUZBY_SOCIALNI_PECE, {T, A}),
        ("49", "domovy pro seniory", Category.SLUZBY_SOCIALNI_PECE, {P}),
        ("37", "odborné sociální poradenství", Category.SOCIALNI_PORADENSTVI, {A, T}),
        ("60a", "intervenční centra", Category.SLUZBY_SOCIALNI_PREVENCE, {A, T, P}),
        ("64", "služby následné péče", Category.SLUZBY_SOCIALNI_PREVENCE, {A, P}),
    ],
)
def test_spot_checks(key: str, name: str, category: Category, forms: set[Form]) -> None:
    kind = law().get(key)
    assert kind is not None
    assert (kind.name, kind.category, kind.forms) == (name, category, frozenset(forms))
    assert kind.paragraph == f"§ {key}"


def test_categories_have_the_sizes_of_the_act() -> None:
    assert len(law().in_category(Category.SOCIALNI_PORADENSTVI)) == 1
    assert len(law().in_category(Category.SLUZBY_SOCIALNI_PECE)) == 14
    assert len(law().in_category(Category.SLUZBY_SOCIALNI_PREVENCE)) == 18  # sancedetem.cz


def test_every_entry_has_sources_and_marked_evidence() -> None:
    for kind in law():
        assert kind.sources, kind.key
        assert isinstance(kind.forms_evidence, Evidence)
    inferred = {k.key for k in law() if k.forms_evidence is Evidence.INFERRED}
    assert {"37", "52", "59", "61", "62", "65", "66", "69", "70"} <= inferred


def test_centrum_dusevniho_zdravi_is_not_guessed() -> None:
    cdz = law().get("cdz")
    assert cdz is not None
    assert (cdz.paragraph, cdz.category, cdz.forms, cdz.register_code) == (None, None, None, None)
    assert cdz.mpsv_api_id == 11078
    assert cdz.allows(Form.TERENNI) is None


@pytest.mark.parametrize(
    "text",
    ["§49", "§ 49", "49", "DruhSocialniSluzby/13", "Domovy pro seniory", "DOMOVY PRO SENIORY"],
)
def test_resolve_what_users_type(text: str) -> None:
    kind = law().resolve(text)
    assert kind is not None
    assert kind.key == "49"


def test_register_codes_are_unique_and_marked() -> None:
    codes = [k.register_code for k in law() if k.register_code]
    assert len(codes) == len(set(codes)) == 33
    assert law().get("49").register_code_evidence is Evidence.SEEN  # type: ignore[union-attr]
    assert law().get("57").register_code_evidence is Evidence.INFERRED  # type: ignore[union-attr]
