"""kpss plugin: export a catalogue of social services as a WordPress WXR 1.2 file.

Registered under the entry-point group ``kpss`` as ``wordpress``; adds the export format
``wordpress`` (alias ``wxr``): ``kpss export wordpress rpss.json --area Kralovicko -o
katalog.xml``, then import ``katalog.xml`` in WordPress (Nástroje → Import → WordPress).
"""

from __future__ import annotations

from collections.abc import Callable

from kpss.plugins.hookspecs import hookimpl
from kpss.plugins.records import Exporter, Setting
from kpss_wordpress.wxr import export_wxr

__version__ = "0.1.0"

EXPORTER = Exporter(
    name="wordpress",
    description="WordPress WXR 1.2: a page per service, index pages per kind and group",
    export=export_wxr,
    media_type="application/rss+xml",
    suffix=".xml",
    aliases=("wxr",),
    settings={
        "site_url": Setting(
            "the address of the WordPress site", "url", default="https://example.org"
        ),
        "base_path": Setting("where the catalogue pages live under the site", "url", default=""),
        "author": Setting("an existing WordPress login to own the pages", default="kpss"),
        "date": Setting(
            "the date of the pages (default: the register snapshot, else today)", "date"
        ),
        "sections": Setting("'no' leaves out the life-situation pages", "choice", ("yes", "no")),
    },
)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The WordPress exporter."""
    register(EXPORTER)
