"""The MPSV register of social-service providers (RPSS): read, write, convert, diff, fetch.

``load(source, ...)`` reads ``rpss.json``, its XML rendition ``rpss.xml`` or a catalogue
saved by kpss into a :class:`~kpss.model.catalog.Catalog` with an import report.
"""

from kpss.registry.load import StrictModeError, build_catalog, load, passes, report_json

__all__ = ["StrictModeError", "build_catalog", "load", "passes", "report_json"]
