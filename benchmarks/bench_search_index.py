"""Size and build time of the web catalogue's search index, for one ORP and the whole country.

Run: ``python benchmarks/bench_search_index.py [--orp Kralovice] [--browser]``. The synthetic
national register (6,733 services, :func:`kpss.testing.write_register`, seed 1) is written
into ``benchmarks/.data/search-index/`` on first use.

For each territory the site is written twice with :func:`kpss.publish.site.write_site`:
without the search index (the baseline of the same run) and with it. Printed: documents,
index files and bytes, the most bytes one query loads (:class:`kpss.publish.search.IndexStats`)
against the ~1 MB budget, and build times with their ratio to the baseline. ``--browser``
also types queries in headless Chromium (``/usr/bin/chromium``) on the national site and
prints what each one really loaded and how long it took.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import kpss
from kpss.model.territory import Area, Level
from kpss.publish.search import BUNDLE_DIR, IndexStats, measure_index
from kpss.publish.serve import serving
from kpss.publish.site import SiteInfo, write_site
from kpss.publish.view import public_view
from kpss.testing import write_register

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "search-index"
BUDGET = 1_000_000
QUERIES = [
    "pečovatelská služba",
    "senior",
    "domov pro seniory",
    "osobní asistence",
    "dluhy",
    "po",
    "s",
]


def national_register() -> Path:
    """``benchmarks/.data/search-index/national/rpss.json``, written once."""
    folder = DATA / "national"
    if not (folder / "rpss.json").is_file():
        print(f"writing the synthetic national register into {folder} …", file=sys.stderr)
        write_register(folder)
    return folder / "rpss.json"


def tree_bytes(folder: Path) -> tuple[int, int]:
    """Files and bytes under *folder*."""
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return len(sizes), sum(sizes)


def measure(
    name: str, area: Area, source: Path, orp: str | None, scratch: Path
) -> tuple[Path, IndexStats]:
    """Write the site of *area* without and with the index; print the figures."""
    chosen = kpss.resolve_filter(orp=orp).filter if orp else None
    catalog = kpss.load(source, filter=chosen).catalog
    view = public_view(catalog, area)
    info = SiteInfo(territory_name=area.name, as_of=view.as_of)

    start = time.perf_counter()
    pages = write_site(view, scratch / "plain", info=info, search=False)
    plain_seconds = time.perf_counter() - start
    plain_files, plain_bytes = tree_bytes(scratch / "plain")

    start = time.perf_counter()
    write_site(view, scratch / "site", info=info, search=True)
    site_seconds = time.perf_counter() - start
    site = scratch / "site"
    documents = sum(1 for _ in (site / BUNDLE_DIR / "fragment").iterdir())
    stats = measure_index(site, documents)
    index_seconds = site_seconds - plain_seconds

    print(f"\n== {name}: {len(view.services)} services, {len(pages)} pages")
    print(f"  pages without search (baseline): {plain_files} files, {mb(plain_bytes)}")
    print(
        f"  search index: {stats.documents} documents, {stats.files} files, "
        f"{mb(stats.total_bytes)} ({stats.total_bytes / plain_bytes:.2f}x the pages)"
    )
    print(
        f"  most one query loads: {mb(stats.max_query_bytes)} "
        f"({stats.max_query_bytes / BUDGET:.0%} of the 1 MB budget; "
        f"{stats.max_query_bytes / stats.total_bytes:.1%} of the index)"
    )
    print(
        f"  build: pages {plain_seconds:.1f} s; pages + index {site_seconds:.1f} s; "
        f"index ~{index_seconds:.1f} s ({site_seconds / plain_seconds:.2f}x the baseline)"
    )
    return site, stats


def mb(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"


def browse(site: Path, stats: IndexStats) -> None:
    """Type each query on hledat.html in Chromium: bytes loaded and time to the results."""
    from playwright.sync_api import sync_playwright

    print("\n  in Chromium (a fresh context per query, so nothing is cached):")
    with serving(site) as url, sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=os.environ.get("KPSS_CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-background-networking"],
        )
        for query in QUERIES:
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + "hledat.html")
            loaded: list[int] = []
            page.on(
                "requestfinished", lambda r, into=loaded: into.append(r.sizes()["responseBodySize"])
            )
            start = time.perf_counter()
            page.fill("#kpss-q", query)
            status = page.locator("#kpss-search-results .kpss-search-status")
            status.wait_for(timeout=120_000)
            page.wait_for_load_state("networkidle")
            seconds = time.perf_counter() - start
            print(
                f"    {query!r:24} {status.inner_text():28} loaded {mb(sum(loaded))} "
                f"({sum(loaded) / stats.max_query_bytes:.2f}x the stated bound) "
                f"in {seconds:.2f} s (incl. the 0.25 s typing pause)"
            )
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orp", default="Kralovice", help="the ORP of the small site")
    parser.add_argument("--browser", action="store_true", help="also measure in Chromium")
    args = parser.parse_args()
    territory = kpss.territory()
    source = national_register()
    try:
        load = os.getloadavg()
        print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores")
    except OSError:
        pass

    (orp,) = territory.find(args.orp, Level.ORP)
    orp_area = Area(f"orp-{orp.code}", f"ORP {orp.name}", territory.obec_codes(orp))
    country = Area("cr", "Česká republika", frozenset(territory.obce))
    with tempfile.TemporaryDirectory(prefix="kpss-bench-search-") as scratch:
        measure(f"ORP {orp.name}", orp_area, source, args.orp, Path(scratch) / "orp")
        site, stats = measure("the whole country", country, source, None, Path(scratch) / "cr")
        if args.browser:
            browse(site, stats)


if __name__ == "__main__":
    main()
