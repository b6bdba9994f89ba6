"""Territory name resolution helpers: all candidates, and "did you mean" suggestions."""

from __future__ import annotations

import pytest

from kpss.errors import AmbiguousNameError, NotFoundError
from kpss.find.places import candidates, describe, resolve, suggest
from kpss.model.territory import Level, Territory


def test_candidates_list_every_namesake(territory: Territory) -> None:
    found = candidates(territory, "pisek")
    obce = [u.code for u in found if u.level is Level.OBEC]
    assert obce == ["512028", "549240", "570575"]
    assert [u.level for u in found][:3] == [Level.OKRES, Level.ORP, Level.POU]
    assert [u.code for u in candidates(territory, "Písek", Level.OBEC)] == obce


def test_candidates_by_code_and_nothing(territory: Territory) -> None:
    assert [describe(u) for u in candidates(territory, "588296")] == ["obec Kroměříž (588296)"]
    assert candidates(territory, "Atlantis") == ()
    assert candidates(territory, "  ") == ()


def test_candidates_keep_the_exact_spelling_rule(territory: Territory) -> None:
    assert [u.code for u in candidates(territory, "Kralovice", Level.OBEC)] == ["559075"]
    assert [u.code for u in candidates(territory, "Královice", Level.OBEC)] == ["535109"]


def test_suggestions_for_misspelt_names(territory: Territory) -> None:
    assert "obec Kroměříž (588296)" in [describe(u) for u in suggest(territory, "Kromerzi")]
    assert [u.code for u in suggest(territory, "Kromerzi", Level.OBEC)] == ["588296"]
    assert suggest(territory, "qwxyz") == ()
    assert len(suggest(territory, "Pisk", limit=2)) == 2


def test_resolve_error_says_did_you_mean(territory: Territory) -> None:
    with pytest.raises(NotFoundError) as info:
        resolve(territory, "Kromerzi", Level.OBEC)
    message = str(info.value)
    assert message.startswith("no territorial unit is called or coded 'Kromerzi'")
    assert "did you mean obec Kroměříž (588296)?" in message
    with pytest.raises(NotFoundError, match=r"'Atlantis'$"):
        resolve(territory, "Atlantis")


def test_resolve_still_refuses_ambiguous_names(territory: Territory) -> None:
    with pytest.raises(AmbiguousNameError) as info:
        resolve(territory, "Písek", Level.OBEC)
    assert len(info.value.candidates) == 3
