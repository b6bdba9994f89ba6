"""Hand-written SVG bar charts with escaped text (``role="img"``, a ``<title>``).

The same numbers always go beside a chart as a table (:class:`~.blocks.Chart`), so
readers of screen readers and of the ODT in Word lose nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from kpss.planning.documents.blocks import Chart, Table, czech_text
from kpss.planning.render import number_cz

__all__ = ["bar_chart"]

_ROW = 18
_TOP = 28
_LABEL = 250
_WIDTH = 640
_VALUE = 64
_CHART_WIDTH_CM = 16.0


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-family="Liberation Sans, DejaVu Sans, sans-serif" fill="#111111">'
        f"{escape(text, quote=False)}</text>"
    )


def _shorten(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, float | None]],
    *,
    ident: str,
    label_header: str,
    value_header: str,
    highlight: str | None = None,
    caption: str | None = None,
) -> Chart:
    """Horizontal bars, one per ``(label, value)``; ``None`` values show as "údaj chybí".

    *ident* is the id of the chart's ``<title>`` (unique in the document); *highlight* names
    the bar drawn in the accent colour (the territory itself).
    """
    rows = [(czech_text(label), value) for label, value in rows]
    highlight = czech_text(highlight) if highlight else None
    values = [v for _, v in rows if v is not None]
    top = max(values, default=0) or 1
    height = _TOP + _ROW * len(rows) + 8
    scale = (_WIDTH - _LABEL - _VALUE - 8) / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" aria-labelledby="{ident}">',
        f'<title id="{ident}">{escape(title, quote=False)}</title>',
        _text(0, 14, title, size=12),
    ]
    for index, (label, value) in enumerate(rows):
        y = _TOP + index * _ROW
        parts.append(_text(_LABEL - 6, y + 12, _shorten(label), anchor="end"))
        if value is None:
            parts.append(_text(_LABEL + 4, y + 12, "údaj chybí", size=10))
            continue
        width = max(value * scale, 0.0)
        colour = "#1f4e79" if label == highlight else "#8fb3d9"
        parts.append(
            f'<rect x="{_LABEL}" y="{y + 2}" width="{width:.1f}" height="{_ROW - 5}" '
            f'fill="{colour}"/>'
        )
        parts.append(_text(_LABEL + width + 4, y + 12, number_cz(value), size=10))
    parts.append("</svg>")
    table = Table(
        caption or title,
        (label_header, value_header),
        tuple(
            (label, number_cz(value) if value is not None else "údaj chybí")
            for label, value in rows
        ),
        numeric=frozenset({1}),
        css_class="chart-data",
    )
    cm_height = _CHART_WIDTH_CM * height / _WIDTH
    return Chart(title, "".join(parts), _CHART_WIDTH_CM, round(cm_height, 2), table)
