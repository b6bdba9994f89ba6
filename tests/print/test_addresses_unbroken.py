"""Printed web and e-mail addresses are never hyphenated: a hyphen added at a line end
would print an address that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kpss
from kpss.filters import resolve_filter

from .tools import pdf_pages

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "rpss-plzensky"
#: The hyphen WeasyPrint adds when it hyphenates (U+2010) at the end of a line.
ADDED_HYPHEN = re.compile("\u2010\n")


@pytest.mark.parametrize("format_name", ["leaflet", "pdf"])
def test_no_address_is_hyphenated(tmp_path: Path, format_name: str) -> None:
    result = kpss.load(
        SAMPLE / "rpss.json",
        codes=SAMPLE / "ciselniky",
        additions=SAMPLE / "doplnky.yaml",
        filter=resolve_filter(area="Kralovicko").filter,
    )
    out = tmp_path / f"{format_name}.pdf"
    kpss.export(result.catalog, format_name, out)
    text = "\n".join(pdf_pages(out))
    webs = {c.value for s in result.catalog for c in s.contacts if c.kind.value == "web"}
    assert webs
    hyphenated = 0
    for match in ADDED_HYPHEN.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        (word, *_) = reversed(text[line_start : match.start()].split())
        hyphenated += 1
        assert "@" not in word
        assert "/" not in word
        assert "www." not in word
    assert hyphenated  # Czech words are still hyphenated (hyphens: auto works)
