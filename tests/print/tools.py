"""Helpers of the print tests: PDF text by page (pdftotext), ODF schemas, external tools.

A missing tool (pdftotext, soffice) skips the test with the reason, except under
``CI=true``, where it is a failure: CI installs poppler-utils and libreoffice-writer-nogui.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
#: A one-letter preposition or conjunction at the end of a line (what nbsp prevents).
LONE_AT_END = re.compile(r"(?:^|\s)[ksvzouaiKSVZOUAI]$")


def require(tool: str, package: str) -> str:
    """The path of *tool*; skip without it (fail under ``CI=true``)."""
    found = shutil.which(tool)
    if found is None:
        reason = f"{tool} is missing (apt-get install {package})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    return found


def pdf_pages(pdf: Path, layout: bool = False) -> list[str]:
    """The text of each page of *pdf* (index 0 is page 1)."""
    tool = require("pdftotext", "poppler-utils")
    args = [tool, *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    """Text with every run of white space (line breaks, no-break spaces) as one space."""
    joined = " ".join(text.replace("\u00a0", " ").split())
    joined = re.sub(r"(?<=\w)\u2010 (?=\w)", "", joined)  # a word hyphenated at a line end
    joined = re.sub(r"(?<=/) (?=\S)", "", joined)  # a line broken after a slash
    return re.sub(r"(?<=\w-) (?=\w)", "", joined)


def count_title(text: str, title: str) -> int:
    """How often *title* stands in *text* as a whole title (not the start of a longer one).

    A title goes on with `` (…)`` only in a longer title, except a page reference ``(s. 12)``.
    """
    pattern = r"(?<!\w)" + re.escape(flat(title)) + r"(?!\w| \((?!s\. \d))"
    return len(re.findall(pattern, text))


@functools.cache
def odf_schema(name: str = "OpenDocument-v1.3-schema.rng") -> etree.RelaxNG:
    """An OASIS ODF 1.3 RELAX NG schema shipped with the tests."""
    return etree.RelaxNG(etree.parse(str(SCHEMAS / name)))


def soffice_to_pdf(odt: Path, out_dir: Path) -> Path:
    """Convert *odt* to PDF with headless LibreOffice (its own throwaway profile)."""
    tool = require("soffice", "libreoffice-writer-nogui")
    profile = out_dir / "lo-profile"
    result = subprocess.run(
        [
            tool,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(odt),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = out_dir / (odt.stem + ".pdf")
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert pdf.is_file(), (result.stdout, result.stderr)
    return pdf


#: A line of a table of contents or an index: text, dot leaders, a page number.
LEADER_LINE = re.compile(r"^\s*(?:→\s*)?(.*?)\s*\.{3,}\s*(?:s\.\s*)?(\d+)\s*$")


def leader_lines(text: str) -> list[tuple[str, int]]:
    """``(text, page)`` of every line of *text* (pdftotext -layout) that ends in leaders."""
    return [
        (flat(m.group(1)), int(m.group(2)))
        for line in text.splitlines()
        if (m := LEADER_LINE.match(line)) and flat(m.group(1))
    ]


STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def styles_used_and_defined(odt: Path) -> tuple[set[str], set[str]]:
    """Style names ``content.xml`` uses, and those ``content.xml``/``styles.xml`` define."""
    with zipfile.ZipFile(odt) as package:
        roots = [etree.fromstring(package.read(n)) for n in ("content.xml", "styles.xml")]
    defined = {
        str(s.get(f"{{{STYLE_NS}}}name"))
        for root in roots
        for s in root.iter(f"{{{STYLE_NS}}}style", f"{{{TEXT_NS}}}list-style")
    }
    used = {
        value
        for element in roots[0].iter()
        for key, value in element.attrib.items()
        if key.endswith("style-name")
    }
    return used, defined
