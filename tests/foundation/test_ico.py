"""IČO: 8 characters, leading zeros kept, mod-11 check digit."""

from __future__ import annotations

import pytest

from kpss.model import Provider, is_valid_ico, normalize_ico


@pytest.mark.parametrize("ico", ["03593207", "00064581", "25596641", "00216208"])
def test_valid(ico: str) -> None:
    assert is_valid_ico(ico)


@pytest.mark.parametrize(
    "ico", ["03593208", "3593207", "035932070", "0359320a", "", "１２３４５６７８"]
)
def test_invalid(ico: str) -> None:
    assert not is_valid_ico(ico)


def test_check_digit_edge_cases() -> None:
    # weights 8..2 over the first seven digits; check = (11 - sum % 11) % 10
    assert is_valid_ico("00000019")  # sum 2 -> 9
    assert is_valid_ico("00000060")  # sum 12 -> 12 % 11 = 1 -> 10 -> 0
    assert is_valid_ico("00000001")  # sum 0 -> 11 -> 1
    assert is_valid_ico("00000507")  # sum 15 -> 4 -> 7
    assert not is_valid_ico("00000000")


def test_normalize_restores_leading_zeros() -> None:
    assert normalize_ico(3593207) == "03593207"
    assert normalize_ico(" 0359 3207 ") == "03593207"
    with pytest.raises(ValueError, match="mod-11"):
        normalize_ico("03593208")


def test_provider_rejects_bad_ico_and_accepts_none() -> None:
    with pytest.raises(ValueError, match="invalid IČO"):
        Provider("Charita", "12345678")
    assert Provider("Jana Nováková").key == "nazev:Jana Nováková"
    assert Provider("Charita", "03593207").key == "03593207"
