"""Reading the generated documents back: HTML tables and headings, ODT tables, PDF text."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
from lxml import etree, html
from tests.print.tools import flat

ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


@attrs.frozen
class ReadTable:
    caption: str
    header: list[str]
    rows: list[list[str]]
    foot: list[list[str]]


def number(text: str) -> int:
    """``1 250 000`` → 1250000."""
    return int(text.replace("\u00a0", "").replace(" ", ""))


def _cells(row: Any) -> list[str]:
    return [flat(c.text_content()) for c in row if c.tag in ("td", "th")]


def html_tree(path: Path) -> Any:
    return html.fromstring(path.read_bytes())


def html_tables(path: Path) -> dict[str, ReadTable]:
    """Tables of an HTML document by caption (the first of a caption wins)."""
    found: dict[str, ReadTable] = {}
    for table in html_tree(path).iter("table"):
        caption = flat(table.find("caption").text_content())
        header = _cells(table.find("thead/tr"))
        rows = [_cells(r) for r in table.findall("tbody/tr")]
        foot = [_cells(r) for r in table.findall("tfoot/tr")]
        found.setdefault(caption, ReadTable(caption, header, rows, foot))
    return found


def html_text(path: Path) -> str:
    return flat(html_tree(path).text_content())


def odt_root(path: Path) -> Any:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("content.xml"))


def _odt_text(element: Any) -> str:
    return flat("".join(element.itertext()))


def odt_tables(path: Path) -> dict[str, ReadTable]:
    """Tables of an ODT by the caption paragraph written before each; rows after the header."""
    found: dict[str, ReadTable] = {}
    for table in odt_root(path).iter(f"{{{ODF['table']}}}table"):
        previous = table.getprevious()
        caption = _odt_text(previous) if previous is not None else ""
        header = [
            _odt_text(c)
            for c in table.findall("table:table-header-rows/table:table-row/table:table-cell", ODF)
        ]
        rows = [
            [_odt_text(c) for c in r.findall("table:table-cell", ODF)]
            for r in table.findall("table:table-row", ODF)
        ]
        found.setdefault(caption, ReadTable(caption, header, rows, []))
    return found


def odt_headings(path: Path) -> list[str]:
    return [_odt_text(h) for h in odt_root(path).iter(f"{{{ODF['text']}}}h")]


def text_nodes(tree: Any) -> Iterator[str]:
    """Every text node of an HTML tree outside <style>, <svg> and <title>."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("style", "script"):
            continue
        if element.getparent() is not None and element.getparent().tag == "style":
            continue
        if element.text and element.tag not in ("style",):
            yield element.text
        if element.tail:
            yield element.tail
