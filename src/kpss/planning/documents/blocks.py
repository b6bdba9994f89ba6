"""The neutral model of a printed planning document: numbered headings, text, tables, charts.

A :class:`Document` is built once (from a plan or a territory analysis) and written as
HTML, PDF or ODT by :mod:`kpss.planning.documents.output`, so every format shows the
same chapters, numbers and sums. Text is plain (never markup); writers escape it.
"""

from __future__ import annotations

import re
from typing import ClassVar, Union

import attrs

from kpss.publish.typography import NBSP, nbsp

__all__ = [
    "Block",
    "Bullets",
    "Chart",
    "Document",
    "Heading",
    "Numbering",
    "Paragraph",
    "Table",
    "czech_text",
]


#: Characters no document may carry: C0 controls but tab and newline, DEL, C1, surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ABBREVIATION = re.compile(r"(?<!\w)(č\.|čj\.|odst\.|písm\.|s\.|tj\.|resp\.) +(?=\S)")


def czech_text(text: str) -> str:
    """*text* with Czech non-breaking spaces: after one-letter prepositions and § (see
    :func:`~kpss.publish.typography.nbsp`) and after ``č.``, ``odst.`` and similar
    abbreviations, so "č. 108/2006" never breaks; control characters are dropped."""
    return _ABBREVIATION.sub(lambda m: m.group(1) + NBSP, nbsp(_CONTROL.sub("", text)))


@attrs.frozen
class Heading:
    """A heading of *level* 1–3 with its chapter number (``"2.1"``) or none."""

    kind: ClassVar[str] = "heading"
    level: int
    text: str
    anchor: str
    number: str | None = None

    @property
    def full(self) -> str:
        """The heading as printed: ``"2.1 Vize"``."""
        return f"{self.number} {self.text}" if self.number else self.text


@attrs.frozen
class Paragraph:
    """A paragraph; ``note`` paragraphs are smaller (sources, dates, missing data)."""

    kind: ClassVar[str] = "paragraph"
    text: str
    note: bool = False


@attrs.frozen
class Bullets:
    """A bulleted list."""

    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]


@attrs.frozen
class Table:
    """A table: caption, header, body rows and footer rows (sums).

    ``numeric`` are the indexes of right-aligned number columns; the first column of each
    row is its row header. A cell may hold line breaks (``\\n``).
    """

    kind: ClassVar[str] = "table"
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    foot: tuple[tuple[str, ...], ...] = ()
    numeric: frozenset[int] = frozenset()
    widths: tuple[float, ...] | None = None
    css_class: str = ""


@attrs.frozen
class Chart:
    """An SVG chart (``role="img"`` with a ``<title>``) and the same numbers as a table."""

    kind: ClassVar[str] = "chart"
    title: str
    svg: str
    width_cm: float
    height_cm: float
    table: Table


Block = Union[Heading, Paragraph, Bullets, Table, Chart]  # noqa: UP007 (a runtime alias)


@attrs.frozen
class Document:
    """A document: title, lines under the title, the blocks in order."""

    title: str
    subtitle: tuple[str, ...]
    blocks: tuple[Block, ...]

    def headings(self) -> tuple[Heading, ...]:
        """Every heading in order (for the table of contents)."""
        return tuple(b for b in self.blocks if isinstance(b, Heading))


@attrs.define
class Numbering:
    """Chapter numbers as the document grows: ``1``, ``1.1``, ``1.2``, ``2`` …"""

    counters: list[int] = attrs.field(factory=list)
    anchors: set[str] = attrs.field(factory=set)

    def heading(self, level: int, text: str, *, numbered: bool = True) -> Heading:
        """The next heading of *level*; un-numbered headings keep the counters."""
        number = None
        if numbered:
            del self.counters[level:]
            while len(self.counters) < level:
                self.counters.append(0)
            self.counters[level - 1] += 1
            number = ".".join(str(n) for n in self.counters)
        anchor = f"k{number.replace('.', '-')}" if number else f"h{len(self.anchors) + 1}"
        while anchor in self.anchors:
            anchor += "x"
        self.anchors.add(anchor)
        return Heading(level, text, anchor, number)


def _cells(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(czech_text(c) for c in row) for row in rows)


def _typeset_table(table: Table) -> Table:
    return attrs.evolve(
        table,
        caption=czech_text(table.caption),
        header=tuple(czech_text(h) for h in table.header),
        rows=_cells(table.rows),
        foot=_cells(table.foot),
    )


def _typeset_block(block: Block) -> Block:
    if isinstance(block, Heading):
        return attrs.evolve(block, text=czech_text(block.text))
    if isinstance(block, Paragraph):
        return attrs.evolve(block, text=czech_text(block.text))
    if isinstance(block, Bullets):
        return attrs.evolve(block, items=tuple(czech_text(i) for i in block.items))
    if isinstance(block, Table):
        return _typeset_table(block)
    return attrs.evolve(block, title=czech_text(block.title), table=_typeset_table(block.table))


def typeset(document: Document) -> Document:
    """*document* with Czech non-breaking spaces in every text (:func:`czech_text`)."""
    return Document(
        czech_text(document.title),
        tuple(czech_text(s) for s in document.subtitle),
        tuple(_typeset_block(b) for b in document.blocks),
    )
