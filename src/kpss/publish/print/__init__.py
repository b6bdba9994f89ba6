"""Print output shared by the catalogue, leaflets and plan documents: PDF and ODT.

* :func:`~kpss.publish.print.pdf.html_to_pdf`: HTML → tagged PDF (PDF/UA-1) with
  WeasyPrint, offline (files of the allowed folders only), written atomically;
* :class:`~kpss.publish.print.odt.OdtDocument`: an OpenDocument Text writer (lxml) with
  named heading and paragraph styles, lists, tables, links, page-reference fields and a
  table of contents written filled in;
* :mod:`~kpss.publish.print.book`, :mod:`~kpss.publish.print.catalogue`,
  :mod:`~kpss.publish.print.catalogue_odt`, :mod:`~kpss.publish.print.leaflets`: the printed
  catalogue and the leaflets built from the public view.
"""

from kpss.publish.print.odt import Em, Link, OdtDocument, PageRef, Strong
from kpss.publish.print.pdf import PDF_UA, PdfResult, html_to_pdf

__all__ = ["PDF_UA", "Em", "Link", "OdtDocument", "PageRef", "PdfResult", "Strong", "html_to_pdf"]
