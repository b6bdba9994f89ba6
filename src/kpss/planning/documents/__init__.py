"""Planning documents for councils and the public: the plan, its action plans, evaluations
and settlement of comments, and the territory analysis, as HTML, PDF and ODT.

>>> from kpss.planning import load_plan  # doctest: +SKIP
>>> from kpss.planning.documents import plan_document, write_document  # doctest: +SKIP
>>> write_document(plan_document(load_plan("plan/")), "pdf", "plan.pdf")  # doctest: +SKIP
"""

from kpss.planning.documents.blocks import (
    Block,
    Bullets,
    Chart,
    Document,
    Heading,
    Numbering,
    Paragraph,
    Table,
)
from kpss.planning.documents.output import FORMATS, render_html, write_document
from kpss.planning.documents.plan import (
    PRIVATE_COMMENTER,
    action_plan_document,
    commenter,
    comments_document,
    evaluation_document,
    plan_document,
)
from kpss.planning.documents.territory import territory_document

__all__ = [
    "FORMATS",
    "PRIVATE_COMMENTER",
    "Block",
    "Bullets",
    "Chart",
    "Document",
    "Heading",
    "Numbering",
    "Paragraph",
    "Table",
    "action_plan_document",
    "commenter",
    "comments_document",
    "evaluation_document",
    "plan_document",
    "render_html",
    "territory_document",
    "write_document",
]
