"""WordPress eXtended RSS (WXR 1.2): the file WordPress's importer (Nástroje → Import) reads.

An RSS 2.0 document whose items are pages (``wp:post_type`` ``page``) with ``wp:post_id``
and ``wp:post_parent`` for the hierarchy. Built with lxml: every value is escaped by the
serializer, page bodies (``content:encoded``) included, so no data can break the markup.
Titles are HTML-escaped before that, because WordPress prints ``post_title`` as HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from lxml import etree

from kpss.atomic import atomic_bytes
from kpss.errors import UsageError
from kpss.model.catalog import Catalog
from kpss.plugins.records import ExportOptions
from kpss.publish.exporters import view_for_export
from kpss_wordpress.pages import Page, PagePlan, build_pages, wordpress_title

WXR_VERSION = "1.2"
NS: Mapping[str, str] = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
GENERATOR = "kpss-wordpress"


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _sub(parent: Any, tag: str, text: str | None = None, **attrib: str) -> Any:
    element = etree.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def build_wxr(
    pages: Sequence[Page],
    *,
    title: str,
    site_url: str,
    date: dt.datetime,
    author: str = "kpss",
) -> bytes:
    """The WXR document of *pages* (parents before children) as UTF-8 bytes."""
    rss = etree.Element("rss", {"version": "2.0"}, nsmap=dict(NS))
    channel = _sub(rss, "channel")
    _sub(channel, "title", wordpress_title(title))
    _sub(channel, "link", site_url)
    _sub(channel, "description", "Katalog sociálních služeb vytvořený nástrojem kpss")
    _sub(channel, "pubDate", format_datetime(date))
    _sub(channel, "language", "cs-CZ")
    _sub(channel, _q("wp", "wxr_version"), WXR_VERSION)
    _sub(channel, _q("wp", "base_site_url"), site_url)
    _sub(channel, _q("wp", "base_blog_url"), site_url)
    author_element = _sub(channel, _q("wp", "author"))
    _sub(author_element, _q("wp", "author_id"), "1")
    _sub(author_element, _q("wp", "author_login"), author)
    _sub(author_element, _q("wp", "author_display_name"), author)
    _sub(channel, "generator", GENERATOR)

    ids = {page.key: number for number, page in enumerate(pages, start=1)}
    stamp = date.strftime("%Y-%m-%d %H:%M:%S")
    for page in pages:
        if page.parent is not None and ids.get(page.parent, len(pages) + 1) >= ids[page.key]:
            raise ValueError(f"page {page.key!r}: its parent {page.parent!r} must come first")
        item = _sub(channel, "item")
        _sub(item, "title", wordpress_title(page.title))
        _sub(item, "link", f"{site_url.rstrip('/')}/?page_id={ids[page.key]}")
        _sub(item, "pubDate", format_datetime(date))
        _sub(item, _q("dc", "creator"), author)
        _sub(item, "guid", f"kpss:{page.key}", isPermaLink="false")
        _sub(item, "description", "")
        _sub(item, _q("content", "encoded"), page.body)
        _sub(item, _q("excerpt", "encoded"), "")
        _sub(item, _q("wp", "post_id"), str(ids[page.key]))
        _sub(item, _q("wp", "post_date"), stamp)
        _sub(item, _q("wp", "post_date_gmt"), stamp)
        _sub(item, _q("wp", "comment_status"), "closed")
        _sub(item, _q("wp", "ping_status"), "closed")
        _sub(item, _q("wp", "post_name"), page.slug)
        _sub(item, _q("wp", "status"), "publish")
        _sub(item, _q("wp", "post_parent"), str(ids[page.parent]) if page.parent else "0")
        _sub(item, _q("wp", "menu_order"), str(page.order))
        _sub(item, _q("wp", "post_type"), "page")
        _sub(item, _q("wp", "post_password"), "")
        _sub(item, _q("wp", "is_sticky"), "0")
        for key, value in page.meta.items():
            meta = _sub(item, _q("wp", "postmeta"))
            _sub(meta, _q("wp", "meta_key"), key)
            _sub(meta, _q("wp", "meta_value"), value)
    data: bytes = etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _day(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"wordpress setting date={value!r}: expected YYYY-MM-DD") from None


def export_wxr(catalog: Catalog, out: Path, options: ExportOptions) -> None:
    """Write *catalog* as a WXR file to *out* (atomically).

    Settings (``kpss export wordpress … --set KEY=VALUE``): ``site_url`` (the WordPress
    site, default ``https://example.org``), ``base_path`` (where the catalogue pages will
    live under the site, default empty), ``author`` (an existing WordPress login to own the
    pages, default ``kpss``), ``date`` (ISO date of the pages; default the register
    snapshot date, else today), ``sections`` (``no`` leaves out the life-situation
    pages).
    """
    settings = options.settings
    site_url = str(settings.get("site_url", "https://example.org")).rstrip("/")
    day = _day(settings.get("date")) or catalog.snapshot_date or dt.date.today()
    date = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    title = options.title or "Katalog sociálních služeb"
    if options.territory_name:
        title = f"{title} – {options.territory_name}"
    plan = PagePlan(root_title=title)
    view = view_for_export(catalog, options, [] if settings.get("sections") == "no" else None)
    pages = build_pages(view, plan, str(settings.get("base_path", "")))
    data = build_wxr(
        pages, title=title, site_url=site_url, date=date, author=str(settings.get("author", "kpss"))
    )
    with atomic_bytes(out) as handle:
        handle.write(data)
